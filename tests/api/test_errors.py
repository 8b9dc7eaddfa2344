"""One error format, ``{"type", "detail", "errors"}``, for every status, in Vietnamese or English."""

import pytest

from products.models import Registration

pytestmark = pytest.mark.django_db


def assert_error(response, status, error_type):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"type", "detail", "errors"}
    assert body["type"] == error_type
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    return body


def test_400_names_the_fields(world, as_role):
    response = as_role("staff_nari").post("/api/v1/registrations/", {"year": "abc"}, format="json")
    body = assert_error(response, 400, "validation_error")
    assert set(body["errors"]) == {"product_id", "year"}
    assert all(isinstance(message, str) for messages in body["errors"].values() for message in messages)


def test_400_from_a_service_rule_carries_its_vietnamese_message(world, as_role):
    """Submitting a dossier whose required items have no file: the registry service says which."""
    registration = world.objects["registration:nari"]
    registration.documents.update(required=True)
    response = as_role("staff_nari").post(f"/api/v1/registrations/{registration.pk}/submit/")
    body = assert_error(response, 400, "validation_error")
    assert "Mẫu 01" in body["detail"]
    assert body["errors"] == {"non_field_errors": [body["detail"]]}


def test_400_for_a_filter_that_is_not_a_value(world, as_role):
    body = assert_error(as_role("officer").get("/api/v1/products/", {"star": "6"}), 400, "validation_error")
    assert list(body["errors"]) == ["star"]
    assert_error(as_role("officer").get("/api/v1/products/", {"updated_since": "yesterday"}), 400, "validation_error")
    assert_error(as_role("officer").get("/api/v1/products/", {"brief": "maybe"}), 400, "validation_error")


def test_401(anonymous, world):
    assert_error(anonymous.get("/api/v1/evaluations/"), 401, "not_authenticated")


def test_403_in_scope_but_not_allowed(world, as_role):
    """Council members see the registration before their council but may not accept it."""
    registration = world.objects["registration:council"]
    Registration.objects.filter(pk=registration.pk).update(status="submitted")
    response = as_role("council_chair").post(f"/api/v1/registrations/{registration.pk}/accept/")
    assert_error(response, 403, "permission_denied")


def test_403_for_a_kind_of_record_the_role_may_not_read(world, as_role):
    assert_error(as_role("council_member").get("/api/v1/commendations/"), 403, "permission_denied")


def test_404_out_of_scope_is_the_same_as_missing(world, as_role):
    client = as_role("staff_nari")
    other = client.get(f"/api/v1/registrations/{world.objects['registration:chomoi'].pk}/")
    missing = client.get("/api/v1/registrations/999999/")
    assert assert_error(other, 404, "not_found") == assert_error(missing, 404, "not_found")


def test_404_for_a_page_past_the_end(world, as_role):
    assert_error(as_role("officer").get("/api/v1/products/", {"page": 99}), 404, "not_found")


def test_409_for_a_transition_the_state_does_not_allow(world, as_role):
    registration = world.objects["registration:council"]  # already accepted
    response = as_role("officer").post(f"/api/v1/registrations/{registration.pk}/accept/")
    body = assert_error(response, 409, "transition_not_allowed")
    assert "Đã tiếp nhận" in body["detail"]


def test_405_for_a_method_the_resource_does_not_offer(world, as_role):
    response = as_role("officer").delete(f"/api/v1/registrations/{world.objects['registration:nari'].pk}/")
    assert_error(response, 405, "method_not_allowed")


def test_messages_follow_accept_language(world, as_role):
    client = as_role("staff_nari")
    vietnamese = client.post("/api/v1/registrations/", {}, format="json", HTTP_ACCEPT_LANGUAGE="vi")
    english = client.post("/api/v1/registrations/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert vietnamese.json()["errors"]["product_id"] == ["Trường này là bắt buộc."]
    assert english.json()["errors"]["product_id"] == ["This field is required."]
    assert english["Content-Language"] == "en"
    assert vietnamese["Content-Language"] == "vi"


def test_vietnamese_is_the_default_language(world, as_role):
    response = as_role("staff_nari").post("/api/v1/registrations/", {}, format="json")
    assert response.json()["errors"]["product_id"] == ["Trường này là bắt buộc."]


def test_framework_messages_are_vietnamese_too(world, as_role):
    """DRF's own Vietnamese catalogue is a sixth of its messages; ``locale/vi`` completes it."""
    client = as_role("staff_nari")
    response = client.post("/api/v1/registrations/", {"product_id": 999999999, "year": "x"}, format="json")
    errors = response.json()["errors"]
    assert errors["product_id"] == ["Không có đối tượng nào có mã “999999999” (hoặc nằm ngoài phạm vi của bạn)."]
    assert errors["year"] == ["Cần một số nguyên hợp lệ."]
