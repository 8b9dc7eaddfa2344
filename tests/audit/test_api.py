"""``/api/v1/audit/``: officers only, filters by object, user, source and days, before/after of each change, no N+1."""

import datetime

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from ocop_portal import audit, audit_selectors
from products import services
from products.models import Product
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit/"


def audit_context(user, source="page"):
    """The context a request of ``user`` would carry (``AuditMiddleware``)."""
    return pghistory.context(user=user.pk, username=user.get_username(), source=source, request_id=f"req-{user.pk}")


def story_changes(product, user, count):
    with audit_context(user):
        for n in range(count):
            services.product_update(user=user, product=product, story=f"Câu chuyện {n}")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("superuser", 200),
        ("officer", 200),
        ("officer_other", 200),  # an officer: the trail opens, with the changes of their own province
        ("staff_nari", 403),
        ("api_client", 403),
        ("council_chair", 403),
        ("council_member", 403),
    ],
)
def test_only_officers_read_the_audit_trail(world, role, status):
    response = client_for(world.user(role)).get(URL)
    assert response.status_code == status, response.json()
    if status == 403:
        assert response.json()["detail"] == "Chỉ cán bộ cấp tỉnh được xem nhật ký thay đổi."


def test_officers_read_the_changes_of_their_own_area_deleted_records_included(world):
    officer = world.user("officer")
    product = services.product_create(
        user=officer, name="Nhập nhầm", producer=world.objects["producer:nari"], origin_commune=world.units["con_minh"]
    )
    services.product_delete(user=officer, product=product)
    params = {"model": "products.product", "object_id": product.pk}
    assert client_for(officer).get(URL, params).json()["count"] == 2
    assert client_for(world.user("officer_other")).get(URL, params).json()["count"] == 0
    everything = client_for(world.user("officer_other")).get(URL).json()["results"]
    own_assignment = world.users["officer_other"].assignments.get()
    # Cao Bằng's officer sees none of Bắc Kạn's changes: only the one record of their own province.
    assert [(row["model"], row["object_id"]) for row in everything] == [
        ("organizations.staffassignment", own_assignment.pk)
    ]


def test_token_history_is_for_superusers(world):
    client_for(world.user("staff_nari"))  # makes a token
    params = {"model": "ocop_portal.apitoken"}
    assert client_for(world.user("superuser")).get(URL, params).json()["count"] >= 1
    assert client_for(world.user("officer")).get(URL, params).json()["count"] == 0


def test_anonymous_readers_must_authenticate(world):
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response.json()["type"] == "not_authenticated"


def test_an_update_shows_who_from_where_and_each_field_before_and_after(world):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    with audit_context(officer, source="admin"):
        audit.reason("Sửa theo hồ sơ mới")
        services.product_update(user=officer, product=product, story="Mới", status="idea")
    body = client_for(officer).get(URL, {"model": "products.product", "object_id": product.pk}).json()
    assert body["count"] == 2  # created by the world, then changed
    latest, created = body["results"]
    assert latest["action"] == "update" and created["action"] == "insert"
    assert latest["id"].startswith("products.product:")
    assert (latest["model"], latest["model_name"], latest["object_id"]) == ("products.product", "sản phẩm", product.pk)
    assert (latest["user"], latest["username"], latest["source"]) == (officer.pk, "officer_06", "admin")
    assert latest["reason"] == "Sửa theo hồ sơ mới"
    assert latest["request_id"] == f"req-{officer.pk}"
    assert {change["field"]: (change["before"], change["after"]) for change in latest["changes"]} == {
        "story": ("", "Mới"),
        "status": ("developing", "idea"),
    }
    assert {change["label"] for change in latest["changes"]} == {"câu chuyện sản phẩm", "trạng thái"}
    assert {"field": "name", "label": "tên sản phẩm", "before": None, "after": "Miến dong Côn Minh"} in created[
        "changes"
    ]
    assert created["user"] is None and created["source"] is None  # written by the test, outside any request


def test_a_deleted_record_keeps_its_history(world):
    officer = world.user("officer")
    product = services.product_create(
        user=officer, name="Nhập nhầm", producer=world.objects["producer:nari"], origin_commune=world.units["con_minh"]
    )
    with audit_context(officer):
        services.product_delete(user=officer, product=product)
    body = client_for(officer).get(URL, {"model": "products.product", "object_id": product.pk}).json()
    assert [row["action"] for row in body["results"]] == ["delete", "insert"]
    deleted = body["results"][0]
    assert deleted["username"] == "officer_06"
    assert {"field": "name", "label": "tên sản phẩm", "before": "Nhập nhầm", "after": None} in deleted["changes"]
    assert not Product.objects.filter(pk=product.pk).exists()


def test_filters_by_user_username_source_request_and_model(world):
    officer, staff = world.user("officer"), world.user("staff_nari")
    story_changes(world.objects["product:nari"], staff, 2)
    with audit_context(officer, source="api"):
        services.product_update(user=officer, product=world.objects["product:chomoi"], story="x")
    client = client_for(officer)

    def keys(**params):
        return [(row["model"], row["object_id"], row["username"]) for row in client.get(URL, params).json()["results"]]

    nari, chomoi = world.objects["product:nari"].pk, world.objects["product:chomoi"].pk
    assert keys(user=staff.pk) == [("products.product", nari, "staff_066")] * 2
    assert keys(username="officer_06") == [("products.product", chomoi, "officer_06")]
    assert keys(source="api") == [("products.product", chomoi, "officer_06")]
    assert keys(request_id=f"req-{staff.pk}") == keys(user=staff.pk)
    assert {row[0] for row in keys(model="products.registration")} == {"products.registration"}
    assert keys(model="products.product", object_id=chomoi)[0] == ("products.product", chomoi, "officer_06")


def test_filters_by_day_range_in_the_portal_time_zone(world):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    table = Product.pgh_event_model._meta.db_table
    # A change made at 23:30 on 1/3/2024 in Hà Nội (16:30 UTC): it belongs to the local day 1/3. Events
    # are append-only, so the old one is written as the trigger would have written it then.
    moment = timezone.make_aware(datetime.datetime(2024, 3, 1, 23, 30))
    columns = ", ".join(
        f.column for f in Product.pgh_event_model._meta.concrete_fields if f.name not in ("pgh_id", "pgh_created_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, pgh_created_at) "  # noqa: S608 - our own table and columns
            f"SELECT {columns}, %s FROM {table} WHERE pgh_obj_id = %s",
            [moment, product.pk],
        )
    client = client_for(officer)

    def count(**params):
        return client.get(URL, {"model": "products.product", "object_id": product.pk, **params}).json()["count"]

    assert count() == 2
    assert count(since="01/03/2024", until="01/03/2024") == 1
    assert count(since="2024-03-02", until="2024-03-31") == 0
    assert count(until="29/02/2024") == 0
    assert count(since="02/03/2024") == 1


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"object_id": 5}, "model", "Lọc theo mã bản ghi thì phải chọn loại bản ghi."),
        ({"since": "02/03/2024", "until": "01/03/2024"}, "until", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."),
        ({"model": "products.surveyentry"}, "model", None),  # DRF's own messages
        ({"since": "hôm qua"}, "since", None),
        ({"user": "abc"}, "user", None),
    ],
)
def test_bad_filters_are_400_with_a_clear_message(world, params, field, message):
    response = client_for(world.user("officer")).get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert field in body["errors"]
    if message:
        assert body["errors"][field] == [message]


def test_pages_and_their_query_count_does_not_grow(world, django_assert_num_queries):
    officer = world.user("officer")
    story_changes(world.objects["product:nari"], officer, 60)
    client = client_for(officer)
    client.get(URL)  # the token's first use is recorded once; then every request costs the same
    products = {"model": "products.product"}
    with CaptureQueriesContext(connection) as one:
        small = client.get(URL, {**products, "page_size": 1})
    with django_assert_num_queries(len(one.captured_queries)):
        large = client.get(URL, {**products, "page_size": 50})
    assert len(small.json()["results"]) == 1 and len(large.json()["results"]) == 50
    assert small.json()["count"] == large.json()["count"] > 60
    assert small.json()["results"][0] == large.json()["results"][0]  # newest first, stable
    second = client.get(URL, {**products, "page_size": 50, "page": 2}).json()["results"]
    assert {row["id"] for row in second}.isdisjoint(row["id"] for row in large.json()["results"])


def test_a_page_across_every_table_costs_one_query_per_table(world, django_assert_max_num_queries):
    client = client_for(world.user("superuser"))
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"page_size": 1})
    with django_assert_max_num_queries(len(one.captured_queries) - 1 + len(audit_selectors.tracked())):
        body = client.get(URL, {"page_size": 200}).json()
    assert len({row["model"] for row in body["results"]}) >= 8
