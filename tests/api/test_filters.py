"""The shared FilterSets through the API: areas across the 2025 reform, search without diacritics, sync."""

import datetime

import pytest
from django.utils import timezone

from organizations.models import AdministrativeUnit, UnitSuccession
from products.models import Product, ProductSet
from tests import factories

pytestmark = pytest.mark.django_db


def names(response):
    assert response.status_code == 200, response.json()
    return sorted(row["name"] for row in response.json()["results"])


@pytest.fixture
def officer(as_role):
    return as_role("officer")


@pytest.fixture
def reformed(world):
    """The new-era commune that succeeded Côn Minh on 1/7/2025, under new Thái Nguyên (19), with a product."""
    thai_nguyen = factories.unit("19", "Thái Nguyên", level="province", unit_type="tinh", era="new")
    commune = factories.unit("05800", "Côn Minh mới", level="commune", unit_type="xa", era="new", parent=thai_nguyen)
    UnitSuccession.objects.create(
        predecessor=world.units["con_minh"], successor=commune, effective_on=datetime.date(2025, 7, 1)
    )
    return factories.product(factories.producer(commune, name="HTX Côn Minh 2026"), name="Rượu men lá 2026")


def test_area_takes_the_whole_subtree(world, officer):
    everything = names(officer.get("/api/v1/products/", {"area": "06"}))
    assert everything == ["Gạo nếp Nông Hạ", "Miến dong Côn Minh", "Miến dong Nông Hạ"]
    assert names(officer.get("/api/v1/products/", {"area": "066"})) == ["Miến dong Côn Minh"]
    assert names(officer.get("/api/v1/products/", {"area": "065"})) == ["Gạo nếp Nông Hạ", "Miến dong Nông Hạ"]
    assert names(officer.get("/api/v1/products/", {"area": "02173"})) == ["Miến dong Côn Minh"]


def test_area_follows_the_2025_reform_both_ways(world, reformed, as_role):
    client = as_role("superuser")
    assert "Rượu men lá 2026" in names(client.get("/api/v1/products/", {"area": "066"}))
    assert "Rượu men lá 2026" in names(client.get("/api/v1/products/", {"area": "06"}))
    assert "Rượu men lá 2026" not in names(client.get("/api/v1/products/", {"area": "065"}))
    # From the new commune back to the old one it replaced.
    assert names(client.get("/api/v1/products/", {"area": "05800"})) == ["Miến dong Côn Minh", "Rượu men lá 2026"]


def test_area_applies_to_every_resource_through_its_own_path(world, officer):
    for path in ["producers", "registrations", "certificates", "commendations", "support-activities"]:
        rows = officer.get(f"/api/v1/{path}/", {"area": "066"}).json()["results"]
        for row in rows:
            producer = row.get("producer") or row.get("product", {}).get("producer") or row
            assert producer["name"] != "HTX Nông Hạ", path
    assert officer.get("/api/v1/certificates/", {"area": "066"}).json()["count"] == 0
    assert officer.get("/api/v1/certificates/", {"area": "065"}).json()["count"] == 1


def test_an_unknown_area_is_a_clear_400(world, officer):
    response = officer.get("/api/v1/products/", {"area": "99999"})
    assert response.status_code == 400
    assert response.json()["errors"]["area"] == ["Không có đơn vị hành chính mã 99999."]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mien dong", ["Miến dong Côn Minh", "Miến dong Nông Hạ"]),
        ("MIẾN DONG côn", ["Miến dong Côn Minh"]),
        ("gao nep", ["Gạo nếp Nông Hạ"]),
        ("nong ha", ["Gạo nếp Nông Hạ", "Miến dong Nông Hạ"]),  # đ/ô/ạ in names and producer names
        ("htx mien", ["Miến dong Côn Minh", "Miến dong Nông Hạ"]),  # "htx" is in the producers' names
        ("100%_", []),  # LIKE wildcards are text, not patterns
    ],
)
def test_search_ignores_diacritics_and_case(world, officer, query, expected):
    assert names(officer.get("/api/v1/products/", {"q": query})) == expected


def test_search_uses_the_trigram_index(world, officer, django_db_blocker):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM products_product WHERE ocop_search_text(name) LIKE "
            "'%%' || ocop_search_text('mien dong') || '%%'"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "product_name_search_trgm" in plan


def test_updated_since_gives_what_changed_for_incremental_sync(world, officer):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Product.objects.update(updated_at=long_ago)
    changed = world.objects["product:chomoi"]
    Product.objects.filter(pk=changed.pk).update(updated_at=timezone.now())
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert names(officer.get("/api/v1/products/", {"updated_since": since})) == ["Gạo nếp Nông Hạ"]
    utc = (timezone.now() - datetime.timedelta(days=1)).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert names(officer.get("/api/v1/products/", {"updated_since": utc})) == ["Gạo nếp Nông Hạ"]
    assert len(names(officer.get("/api/v1/products/", {"updated_since": long_ago.isoformat()}))) == 3


def test_star_filters_and_expiry(world, officer):
    assert names(officer.get("/api/v1/products/", {"star": 4})) == ["Miến dong Nông Hạ"]
    assert names(officer.get("/api/v1/products/", {"star_min": 5})) == []
    assert names(officer.get("/api/v1/products/", {"star_min": 3})) == ["Miến dong Nông Hạ"]
    valid_until = world.objects["product:published"].star_valid_until
    assert names(officer.get("/api/v1/products/", {"expires_before": valid_until.isoformat()})) == ["Miến dong Nông Hạ"]
    day_before = (valid_until - datetime.timedelta(days=1)).isoformat()
    assert names(officer.get("/api/v1/products/", {"expires_before": day_before})) == []
    assert officer.get("/api/v1/certificates/", {"expires_after": valid_until.isoformat()}).json()["count"] == 1
    later = (valid_until + datetime.timedelta(days=1)).isoformat()
    assert officer.get("/api/v1/certificates/", {"expires_after": later}).json()["count"] == 0


def test_classification_filters_take_codes(world, officer):
    product_set = ProductSet.objects.get(group__branch__scheme__code="148-2023", number=5)
    Product.objects.filter(pk=world.objects["product:nari"].pk).update(product_set=product_set)
    assert names(officer.get("/api/v1/products/", {"product_set": "148-2023/5"})) == ["Miến dong Côn Minh"]
    branch = product_set.group.branch
    by_branch = officer.get("/api/v1/products/", {"branch": f"148-2023/{branch.code}"})
    assert names(by_branch) == ["Miến dong Côn Minh"]
    row = officer.get(f"/api/v1/products/{world.objects['product:nari'].pk}/").json()
    assert row["product_set"]["code"] == "148-2023/5"
    assert officer.get("/api/v1/products/", {"product_set": "148-2023/99"}).status_code == 400
    assert officer.get("/api/v1/products/", {"product_set": "5"}).status_code == 400


def test_producer_tax_code_legal_form_status_and_year(world, officer):
    producer = world.objects["producer:chomoi"]
    producer.tax_code = "4700123456"
    producer.legal_form = "household"
    producer.save()
    assert names(officer.get("/api/v1/products/", {"producer_tax_code": "4700123456"})) == ["Gạo nếp Nông Hạ"]
    assert names(officer.get("/api/v1/products/", {"legal_form": "household"})) == ["Gạo nếp Nông Hạ"]
    registrations = officer.get("/api/v1/registrations/", {"producer_tax_code": "4700123456", "year": 2026})
    assert [row["product"]["name"] for row in registrations.json()["results"]] == ["Gạo nếp Nông Hạ"]
    accepted = officer.get("/api/v1/registrations/", {"status": "accepted"}).json()["results"]
    assert [row["id"] for row in accepted] == [world.objects["registration:council"].pk]
    assert officer.get("/api/v1/producers/", {"tax_code": "4700123456"}).json()["count"] == 1


def test_pages_are_stable_on_ties(world, officer):
    """Ordering by a column full of ties still walks every row exactly once (the primary key breaks ties)."""
    for n in range(7):
        producer = factories.producer(world.units["con_minh"])
        factories.product(producer, name="Trùng tên" if n % 2 else f"Khác {n}")
    seen = []
    page = 1
    while True:
        body = officer.get("/api/v1/products/", {"ordering": "current_star", "page_size": 2, "page": page}).json()
        seen += [row["id"] for row in body["results"]]
        if not body["next"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == Product.objects.count()
    by_name = officer.get("/api/v1/products/", {"ordering": "-name", "page_size": 200}).json()["results"]
    pairs = [(row["name"], row["id"]) for row in by_name]
    ties = [pk for name, pk in pairs if name == "Trùng tên"]
    assert ties == sorted(ties)


def test_admin_units_by_era_level_and_area(world, reformed, anonymous):
    body = anonymous.get("/api/v1/admin-units/", {"area": "06", "level": "commune"}).json()
    assert {row["code"] for row in body["results"]} >= {"02173", "02107"}
    new = anonymous.get("/api/v1/admin-units/", {"era": "new"}).json()["results"]
    assert {row["code"] for row in new} == {"19", "05800"}
    assert AdministrativeUnit.objects.filter(code="19").count() == 1


@pytest.mark.parametrize("page_size", ["0", "201", "x", ""])
def test_a_page_size_outside_1_to_200_is_refused_not_clamped(world, officer, page_size):
    response = officer.get("/api/v1/products/", {"page_size": page_size})
    assert response.status_code == 400
    assert response.json()["errors"]["page_size"] == ["Cần một số nguyên từ 1 đến 200."]


def test_a_page_beyond_any_list_is_404_without_asking_the_database(world, officer, django_assert_max_num_queries):
    """An OFFSET past PostgreSQL's bigint would be a database error (and abort the transaction)."""
    with django_assert_max_num_queries(4):
        response = officer.get("/api/v1/products/", {"page": "99999999999999999999"})
    assert response.status_code == 404
    assert response.json()["detail"] == "Trang không tồn tại."
