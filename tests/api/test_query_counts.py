"""Every list runs a fixed number of queries whatever the page size; the product list at most 6.

Measured over the whole request, authentication included: a token lookup, the caller's assignment
and scope, the count and the page (with its ``select_related``), and one query per prefetched
relation. The same request with ``page_size=1`` and ``page_size=50`` must cost the same.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations.models import Certificate, Council, CouncilMember, Evaluation, SupportActivity, Target, YearlyPlan
from organizations.models import Commendation
from products.models import DossierDocument, Registration, RegistrationTransition
from tests import factories
from tests.access.world import build_world

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "admin-units",
    "producers",
    "product-sets",
    "products",
    "registrations",
    "councils",
    "evaluations",
    "certificates",
    "commendations",
    "plans",
    "targets",
    "support-activities",
]
PUBLIC = ["admin-units", "producers", "product-sets", "products", "certificates"]


@pytest.fixture(scope="module")
def crowded(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back after it; the tests only read."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        fill(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(crowded, db):
    return crowded


def fill(world):
    """50 and more rows of every resource in Bắc Kạn, each with the relations its list shows."""
    units, today = world.units, timezone.localdate()
    authority = world.objects["authority:province"]
    council = world.objects["council:province"]
    sheet = world.objects["evaluation:council"].sheet
    for n in range(50):
        commune = units["con_minh"] if n % 2 else units["nong_ha"]
        producer = factories.producer(commune, name=f"HTX số {n:02d}")
        product = factories.product(
            producer, name=f"Sản phẩm {n:02d}", current_star=3, star_valid_until=today + datetime.timedelta(days=900)
        )
        registration = Registration.objects.create(product=product, year=2025, status="accepted")
        DossierDocument.objects.create(registration=registration, kind="form_01", required=True)
        DossierDocument.objects.create(registration=registration, kind="form_02", required=True)
        RegistrationTransition.objects.create(registration=registration, from_status="draft", to_status="submitted")
        evaluation = Evaluation.objects.create(registration=registration, council=council, sheet=sheet)
        Certificate.objects.create(
            product=product,
            evaluation=evaluation,
            star=3,
            number=f"{n}/GCN-OCOP-06-2025",
            decision_number=f"{n}/QĐ",
            decision_date=today - datetime.timedelta(days=10),
            authority=authority,
            issued_on=today - datetime.timedelta(days=10),
            expires_on=today + datetime.timedelta(days=900),
        )
        Commendation.objects.create(producer=producer, year=2025, issuer=authority, decision_number=f"{n}/KT")
        SupportActivity.objects.create(producer=producer, year=2025, kind="training")
        other = Council.objects.create(
            name=f"Hội đồng đợt {n}", level="district", era="1048", unit=units["na_ri"], year=2019, round=n + 1
        )
        CouncilMember.objects.create(council=other, user=world.users["council_member"], full_name="Thành viên")
        plan = YearlyPlan.objects.create(year=1970 + n, unit=units["province"], title=f"Kế hoạch {1970 + n}")
        Target.objects.create(plan=plan, indicator="new_3_star", unit=units["na_ri"], target_min=2)
        Target.objects.create(plan=plan, indicator="upgrade_3_4", unit=units["cho_moi"], target_min=1)


def queries(client, path, page_size):
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"/api/v1/{path}/", {"page_size": page_size})
    assert response.status_code == 200, response.json()
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("role", ["officer", "superuser"])
def test_a_list_costs_the_same_for_1_and_50_rows(crowded, as_role, path, role):
    client = as_role(role)
    client.get(f"/api/v1/{path}/")  # the token's first use writes last_used_at once; measure after it
    assert queries(client, path, 1) == queries(client, path, 50)


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_list_costs_the_same_for_1_and_50_rows(crowded, anonymous, path):
    assert queries(anonymous, path, 1) == queries(anonymous, path, 50)


def test_the_product_list_with_nested_producer_and_units_takes_at_most_6_queries(crowded, as_role, anonymous):
    officer = as_role("officer")
    officer.get("/api/v1/products/")
    counts = {
        "officer (token)": queries(officer, "products", 50),
        "anonymous": queries(anonymous, "products", 50),
    }
    assert all(count <= 6 for count in counts.values()), counts
    row = officer.get("/api/v1/products/", {"page_size": 1}).json()["results"][0]
    assert set(row["producer"]) == {"id", "name", "legal_form", "tax_code"}
    assert row["origin_commune"]["district"]["code"] in {"066", "065"}
    assert row["origin_commune"]["province"]["code"] == "06"
