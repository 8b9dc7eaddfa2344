"""The organizations admin: lists without N+1, the area filter, producers saved through the service."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import AdministrativeUnit, Commendation, IssuingAuthority, LegalFormChange, Producer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def bac_kan():
    call_command("load_units", "--province", "06", stdout=io.StringIO())
    return {code: AdministrativeUnit.objects.get(era="old", code=code) for code in ("06", "066", "02173", "02107")}


@pytest.fixture
def officer_client(client, bac_kan):
    officer = factories.officer(bac_kan["06"])
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    client.force_login(officer)
    return client


def make_rows(bac_kan, n):
    authority = IssuingAuthority.objects.get_or_create(name="UBND tỉnh Bắc Kạn", level="province")[0]
    for i in range(n):
        producer = factories.producer(bac_kan["02173"] if i % 2 else bac_kan["02107"])
        Commendation.objects.create(producer=producer, year=2018, issuer=authority, decision_number=f"{i}/QĐ-UBND")


@pytest.mark.parametrize("model", ["producer", "commendation", "administrativeunit", "unitsuccession"])
def test_changelist_queries_do_not_grow_with_the_rows(model, bac_kan, officer_client):
    url = reverse(f"admin:organizations_{model}_changelist")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200
        return len(queries)

    make_rows(bac_kan, 2)
    few = count()
    make_rows(bac_kan, 8)
    assert count() == few
    assert few <= 20


def test_the_area_filter_lists_the_8_districts_and_filters_by_subtree(bac_kan, officer_client):
    in_na_ri = factories.producer(bac_kan["02173"])
    factories.producer(bac_kan["02107"])
    url = reverse("admin:organizations_producer_changelist")
    response = officer_client.get(url)
    area = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "area")
    names = [name for _, name in area.lookup_choices]
    assert len([name for name in names if name.startswith(("Huyện", "Thành phố"))]) == 8
    assert names[-1] == "Tỉnh Thái Nguyên"
    response = officer_client.get(url, {"area": bac_kan["066"].path})
    assert list(response.context["cl"].result_list) == [in_na_ri]


def test_a_legal_form_change_in_the_admin_is_recorded(bac_kan, officer_client):
    producer = factories.producer(bac_kan["02173"], legal_form=Producer.LegalForm.HOUSEHOLD, name="Hộ Hoàng Văn A")
    url = reverse("admin:organizations_producer_change", args=[producer.pk])
    data = {
        "name": "HTX Hoàng Gia",
        "legal_form": "cooperative",
        "status": "active",
        "commune": bac_kan["02173"].pk,
        "legal_form_changed_on": "01/03/2024",
        "legal_form_note": "Thành lập HTX",
        "finances-TOTAL_FORMS": 1,
        "finances-INITIAL_FORMS": 0,
        "finances-0-year": 2023,
        "finances-0-revenue": 1500000000,
        "finances-0-profit": 120000000,
        "legal_form_changes-TOTAL_FORMS": 0,
        "legal_form_changes-INITIAL_FORMS": 0,
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = LegalFormChange.objects.get(producer=producer)
    assert (change.previous_form, change.new_form, change.note) == ("household", "cooperative", "Thành lập HTX")
    assert change.changed_on.isoformat() == "2024-03-01"
    assert producer.finances.get().revenue == 1500000000


def test_a_producer_added_in_the_admin_follows_the_rules(bac_kan, officer_client):
    data = {
        "name": "Công ty CP Nông sản Bắc Kạn",
        "legal_form": "enterprise",
        "enterprise_kind": "llc",
        "community_capital_majority": "on",
        "tax_code": "4700123456",
        "status": "active",
        "commune": bac_kan["02173"].pk,
        "finances-TOTAL_FORMS": 0,
        "finances-INITIAL_FORMS": 0,
        "legal_form_changes-TOTAL_FORMS": 0,
        "legal_form_changes-INITIAL_FORMS": 0,
    }
    response = officer_client.post(reverse("admin:organizations_producer_add"), data)
    assert response.status_code == 200
    assert "công ty cổ phần" in response.content.decode()
    data["enterprise_kind"] = "jsc"
    response = officer_client.post(reverse("admin:organizations_producer_add"), data)
    assert response.status_code == 302
    assert Producer.objects.get().community_capital_majority


def test_units_admin_shows_bac_kan_with_its_districts(bac_kan, officer_client):
    response = officer_client.get(reverse("admin:organizations_administrativeunit_changelist"), {"q": "Na Rì"})
    assert "Huyện Na Rì" in response.content.decode()
    response = officer_client.get(reverse("admin:organizations_administrativeunit_change", args=[bac_kan["02173"].pk]))
    assert "Côn Minh" in response.content.decode()
    assert "Nghị quyết 1683/NQ-UBTVQH15" in response.content.decode()
