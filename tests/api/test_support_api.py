"""Support activities written through the API: ``evaluations.plans``' services, by whoever manages plans."""

import datetime

import pytest
from django.utils import timezone

from evaluations.models import SupportActivity

pytestmark = pytest.mark.django_db


def payload(world, **fields):
    year = timezone.localdate().year
    return {
        "producer_id": world.objects["producer:nari"].pk,
        "year": year,
        "kind": "trade_fair",
        "description": "Hội chợ OCOP vùng Đông Bắc",
        "happened_on": datetime.date(year, 1, 15).isoformat(),
        **fields,
    }


def test_an_officer_records_changes_and_deletes_a_support_activity(world, as_role):
    client = as_role("officer")
    response = client.post("/api/v1/support-activities/", payload(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["producer"]["id"], body["kind"]) == (world.objects["producer:nari"].pk, "trade_fair")
    assert body["allowed_actions"] == ["change", "delete"]
    assert response["ETag"]
    url = f"/api/v1/support-activities/{body['id']}/"

    response = client.patch(url, {"kind": "packaging", "description": "Thiết kế nhãn"}, format="json")
    assert response.status_code == 200, response.json()
    assert SupportActivity.objects.values_list("kind", "description").get(pk=body["id"]) == (
        "packaging",
        "Thiết kế nhãn",
    )
    response = client.put(url, payload(world, kind="training"), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["kind"] == "training"

    assert client.delete(url).status_code == 204
    assert not SupportActivity.objects.filter(pk=body["id"]).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"year": 1990}, "year", "Năm hỗ trợ không hợp lệ"),
        ({"happened_on": "2001-05-01"}, "happened_on", "Ngày hỗ trợ phải thuộc năm"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(world, as_role, fields, field, message):
    response = as_role("officer").post(
        "/api/v1/support-activities/", payload(world, **fields), format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert message in response.json()["errors"][field][0]
    assert SupportActivity.objects.count() == 2  # the world's two


def test_an_unknown_kind_is_refused(world, as_role):
    response = as_role("officer").post("/api/v1/support-activities/", payload(world, kind="party"), format="json")
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_an_activity_stays_with_its_organisation(world, as_role):
    activity = world.objects["support:nari"]
    response = as_role("officer").patch(
        f"/api/v1/support-activities/{activity.pk}/",
        {"producer_id": world.objects["producer:chomoi"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "Không thể thay đổi" in response.json()["errors"]["producer_id"][0]


def test_another_provinces_officer_supports_nobody_here(world, as_role):
    client = as_role("officer_other")
    response = client.post("/api/v1/support-activities/", payload(world), format="json")
    assert response.status_code == 400
    assert "nằm ngoài địa bàn" in response.json()["detail"]
    activity = world.objects["support:nari"]
    assert client.patch(f"/api/v1/support-activities/{activity.pk}/", {}, format="json").status_code == 404
    assert client.delete(f"/api/v1/support-activities/{activity.pk}/").status_code == 404


def test_district_staff_read_their_areas_activities_and_may_not_write(world, as_role):
    client = as_role("staff_nari")
    activity = world.objects["support:nari"]
    url = f"/api/v1/support-activities/{activity.pk}/"
    assert client.get(url).json()["allowed_actions"] == []
    assert client.post("/api/v1/support-activities/", payload(world), format="json").status_code == 403
    assert client.patch(url, {"kind": "other"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    assert client.get(f"/api/v1/support-activities/{world.objects['support:chomoi'].pk}/").status_code == 404


def test_a_read_only_token_writes_nothing(world, as_role):
    client = as_role("officer", read_only=True)
    activity = world.objects["support:nari"]
    url = f"/api/v1/support-activities/{activity.pk}/"
    assert client.get(url).json()["allowed_actions"] == []
    assert client.post("/api/v1/support-activities/", payload(world), format="json").status_code == 403
    assert client.patch(url, {"kind": "other"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    assert SupportActivity.objects.get(pk=activity.pk).kind == "training"


def test_a_stale_if_match_is_412(world, as_role):
    client = as_role("officer")
    url = f"/api/v1/support-activities/{world.objects['support:nari'].pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"description": "Lần một"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"description": "Lần hai"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert SupportActivity.objects.get(pk=world.objects["support:nari"].pk).description == "Lần một"
