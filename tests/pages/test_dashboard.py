"""The dashboard: key figures and charts of the user's own area, with the data as tables."""

import datetime

import pytest
from django.utils import timezone

from evaluations import services
from evaluations.models import Certificate, Council, CouncilMember
from tests import factories
from tests.pages.conftest import recognise

pytestmark = pytest.mark.django_db
COLD_QUERIES = 40  # counting the figures: a fixed number of aggregates, whatever the number of products
WARM_QUERIES = 10  # session, user, role, scope, stored figures + version, certificates, menu, session saved (3)


@pytest.fixture
def two_districts(area, authority, mien_dong):
    tea = factories.product(factories.producer(area["nong_ha"]), name="Chè Nông Hạ")
    recognise(tea, star=3, authority=authority, issued_on=timezone.localdate() - datetime.timedelta(days=1000))
    factories.registration(factories.product(mien_dong.producer, name="Rượu men lá"), status="submitted")
    factories.registration(factories.product(tea.producer, name="Nháp Chợ Mới"))
    return tea


def test_officer_sees_the_province(client, area, two_districts):
    client.force_login(factories.user(role="officer", unit_obj=area["province"]))
    response = client.get("/dashboard/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["recognised"] == 2
    assert figures["registrations"] == 2
    assert figures["expiring"] == 1  # the tea's certificate expires within 180 days
    charts = {chart["id"]: chart for chart in response.context["charts"]}
    assert set(charts["chart-area"]["labels"]) == {"Na Rì", "Chợ Mới"}
    content = response.content.decode()
    assert 'id="chart-stars-year-data"' in content  # json_script for charts.js
    assert "<table>" in content  # and the same data as a table


def test_district_staff_see_only_their_district(client, area, two_districts):
    client.force_login(factories.user(role="area_staff", unit_obj=area["na_ri"]))
    response = client.get("/dashboard/")
    figures = response.context["figures"]
    assert figures["recognised"] == 1
    assert figures["registrations"] == 1
    assert figures["expiring"] == 0
    assert "Chè Nông Hạ" not in response.content.decode()


def test_public_signs_in_first_and_others_go_where_their_work_is(client, area):
    assert client.get("/dashboard/")["Location"].startswith("/accounts/login/")
    member = factories.user(role="council_member", unit_obj=area["province"])
    council = Council.objects.create(name="HĐ", level="province", era="2025", unit=area["province"], year=2026)
    CouncilMember.objects.create(council=council, user=member, full_name="TV", role="chair")
    client.force_login(member)
    assert client.get("/dashboard/")["Location"] == "/my/sessions/"
    client.force_login(factories.user())
    assert client.get("/dashboard/")["Location"] == "/"


def test_bad_year_falls_back_to_this_year(client, area):
    client.force_login(factories.user(role="officer", unit_obj=area["province"]))
    response = client.get("/dashboard/", {"year": "abc"})
    assert response.context["year"] == timezone.localdate().year


def test_stored_figures_are_served_in_few_queries_and_follow_every_write(
    client, area, two_districts, mien_dong, django_assert_num_queries, django_assert_max_num_queries
):
    officer = factories.user(role="officer", unit_obj=area["province"])
    client.force_login(officer)
    with django_assert_max_num_queries(COLD_QUERIES):
        assert client.get("/dashboard/").context["figures"]["recognised"] == 2
    with django_assert_num_queries(WARM_QUERIES):
        response = client.get("/dashboard/")
    assert response.context["figures"]["recognised"] == 2
    assert [certificate.product.name for certificate, *_window in response.context["expiring"]] == ["Chè Nông Hạ"]

    today = timezone.localdate()
    services.certificate_revoke(
        user=officer,
        certificate=Certificate.objects.get(product=mien_dong),
        ground=Certificate.RevocationGround.NO_LONGER_MEETS,
        decision="12/QĐ-UBND",
        revoked_on=today,
    )
    assert client.get("/dashboard/").context["figures"]["recognised"] == 1
    services.certificates_expire(today=today + datetime.timedelta(days=200))  # the tea's certificate lapses
    figures = client.get("/dashboard/").context["figures"]
    assert (figures["recognised"], figures["expiring"]) == (0, 0)


def test_stored_figures_of_the_province_are_not_the_district_s(client, area, two_districts):
    client.force_login(factories.user(role="officer", unit_obj=area["province"]))
    assert client.get("/dashboard/").context["figures"]["recognised"] == 2
    client.force_login(factories.user(role="area_staff", unit_obj=area["na_ri"]))
    assert client.get("/dashboard/").context["figures"]["recognised"] == 1
