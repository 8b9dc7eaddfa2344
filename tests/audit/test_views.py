"""Where people look: the history of a record in the admin, and on the product and registration pages."""

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop_portal import audit_selectors
from products import services
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def change_as(user, product, **fields):
    """A change as a request of ``user`` through the pages would make it."""
    with pghistory.context(user=user.pk, username=user.get_username(), source="page", request_id="r1"):
        return services.product_update(user=user, product=product, **fields)


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def test_the_admin_history_of_a_record_is_its_audit_trail(world, client):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    change_as(officer, product, status="idea", story="Củ dong riềng")
    client.force_login(officer)
    response = client.get(history_url(product))
    assert response.status_code == 200
    assert "admin/audit/object_history.html" in [t.name for t in response.templates]
    text = response.content.decode()
    assert "Lịch sử thay đổi: Miến dong Côn Minh" in text
    assert "officer_06" in text and "Trang cổng thông tin" in text and "Thay đổi" in text
    assert "<strong>Trạng thái</strong>: Đang phát triển → Ý tưởng" in text  # choice labels, not codes
    assert "<strong>Câu chuyện sản phẩm</strong>: — → Củ dong riềng" in text
    assert "Tạo mới" in text and "HTX Côn Minh" in text  # the insert names the producer, not its id
    assert 'name="_save"' not in text and "deletelink" not in text  # nothing to change or delete


def test_who_may_not_read_the_audit_keeps_django_own_log(world, client):
    client.force_login(world.user("staff_nari"))
    response = client.get(history_url(world.objects["product:nari"]))
    assert response.status_code == 200
    assert "admin/audit/object_history.html" not in [t.name for t in response.templates]


def test_the_admin_history_of_a_token_for_superusers(world, client):
    client_for(world.user("staff_nari"))
    token = world.users["staff_nari"].api_tokens.get()
    client.force_login(world.user("superuser"))
    text = client.get(history_url(token)).content.decode()
    assert "Tạo mới" in text and "Chỉ đọc" in text
    assert "mã băm" not in text.lower()  # the digest of the secret is not kept in the history


def test_out_of_scope_history_is_404(world, client):
    client.force_login(world.user("officer_other"))
    assert client.get(history_url(world.objects["product:nari"])).status_code == 404


def test_the_product_page_shows_officers_its_history(world, client):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    change_as(officer, product, story="Củ dong riềng")
    client.force_login(officer)
    text = client.get(reverse("area-product-edit", args=[product.pk])).content.decode()
    assert 'id="audit-title"' in text
    assert "officer_06" in text and "Câu chuyện sản phẩm" in text and "Củ dong riềng" in text

    client.force_login(world.user("staff_nari"))
    assert 'id="audit-title"' not in client.get(reverse("area-product-edit", args=[product.pk])).content.decode()


def test_the_registration_page_shows_the_registration_and_its_dossier_history(world, client):
    officer = world.user("officer")
    registration = world.objects["registration:nari"]
    client.force_login(officer)
    client.post(reverse("registration-action", args=[registration.pk, "withdraw"]), {"reason": "Chủ thể xin rút"})
    text = client.get(reverse("registration-detail", args=[registration.pk])).content.decode()
    assert 'id="audit-title"' in text
    assert "Đã rút" in text and "Lý do: Chủ thể xin rút" in text
    assert "tài liệu hồ sơ" in text  # the checklist item's creation is part of it

    client.force_login(world.user("staff_nari"))
    assert 'id="audit-title"' not in client.get(reverse("registration-detail", args=[registration.pk])).content.decode()


def test_the_history_section_costs_the_same_for_two_changes_or_forty(world, client):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    client.force_login(officer)
    url = reverse("area-product-edit", args=[product.pk])
    change_as(officer, product, story="một")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(40):
        change_as(officer, product, story=f"lần {n}", status="idea" if n % 2 else "developing")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_history_entries_describe_each_kind_of_value(world):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    change_as(officer, product, certifications=["vietgap", "organic"], raw_material_area_ha="12.50", story="x")
    latest = audit_selectors.object_history(product, user=officer)[0]
    texts = {change.field: (change.before_text, change.after_text) for change in latest.changes}
    assert texts["certifications"] == ("—", "VietGAP, Hữu cơ")
    assert texts["raw_material_area_ha"] == ("—", "12.50")
    assert latest.action_label == "Thay đổi" and latest.source_label == "Trang cổng thông tin"
