"""What history hangs on is never deleted: recognised products, certificates, finalised evaluations.

Refused everywhere with a clear Vietnamese message — the service (``Conflict``), the API (409), the
admin (a refusal instead of the confirmation), the pages, any other ORM delete — and by the
database for raw SQL. A product is archived instead.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse

from evaluations.models import Certificate, Evaluation
from ocop_portal.errors import Conflict
from organizations import access
from products import services
from products.models import Product
from tests.api.conftest import client_for
from tests.audit.conftest import context_of

pytestmark = pytest.mark.django_db

RECOGNISED = "đã được công nhận OCOP (có giấy chứng nhận)"
ARCHIVE_INSTEAD = "Hãy lưu trữ sản phẩm thay vì xóa."


@pytest.fixture
def recognised(world):
    return world.objects["product:published"]


@pytest.fixture
def mistake(world):
    """A product entered by mistake: nothing points at it, so it may go."""
    return services.product_create(
        user=None, name="Nhập nhầm", producer=world.objects["producer:nari"], origin_commune=world.units["con_minh"]
    )


@pytest.fixture
def finalised(world):
    evaluation = world.objects["evaluation:council"]
    Evaluation.objects.filter(pk=evaluation.pk).update(status="finalised", outcome="not_recognised", final_star=2)
    return evaluation


# --- The service -----------------------------------------------------------------------------


def test_the_service_refuses_a_recognised_product_and_says_to_archive_it(world, recognised):
    with pytest.raises(Conflict) as refused:
        services.product_delete(user=world.user("officer"), product=recognised)
    assert refused.value.messages == [
        "Sản phẩm “Miến dong Nông Hạ” đã được công nhận OCOP (có giấy chứng nhận): lịch sử công nhận gắn với nó nên "
        "không thể xóa. Hãy lưu trữ sản phẩm thay vì xóa."
    ]
    assert Product.objects.filter(pk=recognised.pk).exists()


def test_the_service_refuses_a_product_with_a_registration(world):
    with pytest.raises(Conflict) as refused:
        services.product_delete(user=world.user("officer"), product=world.objects["product:nari"])
    assert "đã có hồ sơ đăng ký hoặc đã được điều tra" in refused.value.messages[0]
    assert ARCHIVE_INSTEAD in refused.value.messages[0]


def test_a_product_entered_by_mistake_is_deleted_and_the_deletion_recorded(world, mistake):
    services.product_delete(user=world.user("staff_nari"), product=mistake)
    assert not Product.objects.filter(pk=mistake.pk).exists()
    assert Product.pgh_event_model.objects.filter(pgh_obj_id=mistake.pk, pgh_label="delete").count() == 1


def test_archiving_needs_a_reason_keeps_the_product_and_takes_it_out_of_the_catalogue(world, recognised):
    officer = world.user("officer")
    assert access.published_products().filter(pk=recognised.pk).exists()
    with pytest.raises(ValidationError) as missing:
        services.product_archive(user=officer, product=recognised, reason="  ")
    assert missing.value.message_dict == {"reason": ["Phải ghi lý do lưu trữ sản phẩm."]}
    services.product_archive(user=officer, product=recognised, reason="Chủ thể ngừng sản xuất")
    assert Product.objects.get(pk=recognised.pk).is_archived
    assert not access.published_products().filter(pk=recognised.pk).exists()
    with pytest.raises(ValidationError) as again:
        services.product_archive(user=officer, product=recognised, reason="lần nữa")
    assert again.value.messages == ["Sản phẩm “Miến dong Nông Hạ” đã được lưu trữ trước đó."]


def test_other_districts_cannot_archive_or_delete(world):
    staff = world.user("staff_nari")
    with pytest.raises(ValidationError, match="ngoài địa bàn"):
        services.product_archive(user=staff, product=world.objects["product:chomoi"], reason="không phải của tôi")


# --- The API ---------------------------------------------------------------------------------


def test_the_api_answers_409_for_a_recognised_product(world, recognised):
    client = client_for(world.user("officer"))
    url = f"/api/v1/products/{recognised.pk}/"
    assert "delete" not in client.get(url).json()["allowed_actions"]
    response = client.delete(url)
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "conflict"
    assert RECOGNISED in body["detail"] and ARCHIVE_INSTEAD in body["detail"]
    assert Product.objects.filter(pk=recognised.pk).exists()


def test_the_api_deletes_a_mistake_and_archives_the_rest(world, mistake, recognised):
    client = client_for(world.user("staff_nari"))
    url = f"/api/v1/products/{mistake.pk}/"
    assert client.get(url).json()["allowed_actions"] == ["change", "delete", "archive"]
    assert client.delete(url).status_code == 204
    assert not Product.objects.filter(pk=mistake.pk).exists()

    officer = client_for(world.user("officer"))
    refused = officer.post(f"/api/v1/products/{recognised.pk}/archive/", {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    archived = officer.post(f"/api/v1/products/{recognised.pk}/archive/", {"reason": "Ngừng sản xuất"}, format="json")
    assert archived.status_code == 200, archived.json()
    assert archived.json()["is_archived"] is True and "archive" not in archived.json()["allowed_actions"]
    event = Product.pgh_event_model.objects.filter(pgh_obj_id=recognised.pk).latest("pgh_id")
    assert (event.is_archived, context_of(event)["reason"], context_of(event)["source"]) == (
        True,
        "Ngừng sản xuất",
        "api",
    )


def test_the_api_keeps_scope_and_read_only_tokens(world, mistake):
    assert client_for(world.user("staff_chomoi")).delete(f"/api/v1/products/{mistake.pk}/").status_code == 404
    read_only = client_for(world.user("staff_nari"), read_only=True)
    assert read_only.delete(f"/api/v1/products/{mistake.pk}/").status_code == 403
    # A role without the delete permission is refused before the record is looked up (the access matrix's order).
    assert client_for(world.user("council_member")).delete(f"/api/v1/products/{mistake.pk}/").status_code == 403
    assert Product.objects.filter(pk=mistake.pk).exists()


# --- The admin -------------------------------------------------------------------------------


def admin_delete_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


@pytest.mark.parametrize("role", ["officer", "superuser"])
def test_the_admin_refuses_instead_of_confirming(world, client, recognised, role):
    client.force_login(world.user(role))
    page = client.get(admin_delete_url(recognised))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Không thể xóa sản phẩm “Miến dong Nông Hạ”" in text and ARCHIVE_INSTEAD in text
    assert 'name="post"' not in text  # no confirmation button
    client.post(admin_delete_url(recognised), {"post": "yes"})
    assert Product.objects.filter(pk=recognised.pk).exists()


def test_the_admin_bulk_delete_refuses_too(world, client, recognised, mistake):
    client.force_login(world.user("officer"))
    changelist = reverse("admin:products_product_changelist")
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [recognised.pk, mistake.pk], "index": 0}
    page = client.post(changelist, data)
    assert "Không thể xóa các sản phẩm đã chọn" in page.content.decode()
    client.post(changelist, {**data, "post": "yes"})
    assert Product.objects.filter(pk__in=[recognised.pk, mistake.pk]).count() == 2


def test_the_admin_still_deletes_a_mistake(world, client, mistake):
    client.force_login(world.user("officer"))
    assert client.post(admin_delete_url(mistake), {"post": "yes"}).status_code == 302
    assert not Product.objects.filter(pk=mistake.pk).exists()


def test_the_admin_refuses_a_finalised_evaluation(world, client, finalised):
    client.force_login(world.user("superuser"))
    text = client.get(admin_delete_url(finalised)).content.decode()
    assert "Phiên đánh giá đã hoàn tất: kết quả và phiếu chấm là lịch sử, không thể xóa." in text
    client.post(admin_delete_url(finalised), {"post": "yes"})
    assert Evaluation.objects.filter(pk=finalised.pk).exists()


def test_the_admin_offers_no_certificate_deletion(world, client):
    client.force_login(world.user("superuser"))
    assert client.get(admin_delete_url(world.objects["certificate:published"])).status_code == 403


# --- The pages -------------------------------------------------------------------------------


def test_the_page_refuses_with_the_reason_and_offers_archiving(world, client, recognised):
    client.force_login(world.user("officer"))
    edit = reverse("area-product-edit", args=[recognised.pk])
    page = client.get(edit).content.decode()
    assert ARCHIVE_INSTEAD in page and reverse("area-product-delete", args=[recognised.pk]) not in page
    assert reverse("area-product-archive", args=[recognised.pk]) in page
    response = client.post(reverse("area-product-delete", args=[recognised.pk]))
    assert response.status_code == 302 and response["Location"] == edit
    assert any(RECOGNISED in str(message) for message in get_messages(response.wsgi_request))
    assert Product.objects.filter(pk=recognised.pk).exists()

    client.post(reverse("area-product-archive", args=[recognised.pk]), {"reason": "Chủ thể ngừng sản xuất"})
    assert Product.objects.get(pk=recognised.pk).is_archived
    event = Product.pgh_event_model.objects.filter(pgh_obj_id=recognised.pk).latest("pgh_id")
    assert (context_of(event)["source"], context_of(event)["reason"]) == ("page", "Chủ thể ngừng sản xuất")


def test_the_page_deletes_a_mistake(world, client, mistake):
    client.force_login(world.user("staff_nari"))
    assert (
        reverse("area-product-delete", args=[mistake.pk])
        in client.get(reverse("area-product-edit", args=[mistake.pk])).content.decode()
    )
    response = client.post(reverse("area-product-delete", args=[mistake.pk]))
    assert response["Location"] == reverse("area-products")
    assert not Product.objects.filter(pk=mistake.pk).exists()


def test_the_page_archive_needs_a_reason(world, client, recognised):
    client.force_login(world.user("officer"))
    response = client.post(reverse("area-product-archive", args=[recognised.pk]), {"reason": ""})
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Phải ghi lý do lưu trữ sản phẩm."]
    assert not Product.objects.get(pk=recognised.pk).is_archived


# --- Any other way: the ORM guard and the database --------------------------------------------


def test_the_orm_refuses_certificates_and_finalised_evaluations(world):
    """A shell session, a cascade, code that forgot the service: the ``pre_delete`` guard stops them."""
    certificate = world.objects["certificate:published"]
    with pytest.raises(Conflict, match="là hồ sơ công nhận nên không thể xóa"), transaction.atomic():
        certificate.delete()
    with pytest.raises(Conflict), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).delete()
    scored = world.objects["evaluation:council"]  # one without score sheets: nothing else protects it
    finalised = Evaluation.objects.create(
        registration=world.objects["registration:nari"],
        council=scored.council,
        sheet=scored.sheet,
        status="finalised",
        outcome="not_recognised",
    )
    with pytest.raises(Conflict, match="Phiên đánh giá đã hoàn tất"), transaction.atomic():
        Evaluation.objects.filter(pk=finalised.pk).delete()
    assert Evaluation.objects.filter(pk=finalised.pk).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_the_database_refuses_raw_sql(world, finalised, mistake):
    certificate = world.objects["certificate:published"]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evaluations_certificate WHERE id = %s", [certificate.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evaluations_evaluation WHERE id = %s", [finalised.pk])
    # A product whose only tie is its certificate: the foreign key refuses (checked at commit, here at once).
    Certificate.objects.create(
        product=mistake,
        star=3,
        number="9/GCN-OCOP-06-TEST",
        decision_number="9/QĐ-UBND",
        decision_date=certificate.decision_date,
        authority=certificate.authority,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        status=Certificate.Status.EXPIRED,
    )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("DELETE FROM products_product WHERE id = %s", [mistake.pk])
    assert Product.objects.filter(pk=mistake.pk).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert Evaluation.objects.filter(pk=finalised.pk).exists()
