"""Plans and their target lines written through the API: the services of ``evaluations.plans``, their
states (draft → approved → closed), the scope, read-only tokens and ``If-Match``."""

import datetime

import pytest
from django.utils import timezone

from evaluations.models import Target, YearlyPlan

pytestmark = pytest.mark.django_db


def plan_payload(world, **fields):
    return {"year": 2030, "unit_id": world.units["province"].pk, "title": "Kế hoạch OCOP tỉnh 2030", **fields}


def approve(client, plan, **fields):
    payload = {"decision_number": "12/QĐ-UBND", "decision_date": timezone.localdate().isoformat(), **fields}
    return client.post(f"/api/v1/plans/{plan.pk}/approve/", payload, format="json")


def test_an_officer_creates_a_draft_plan_and_may_change_delete_and_approve_it(world, as_role):
    response = as_role("officer").post("/api/v1/plans/", plan_payload(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["unit"]["code"] == "06"
    assert body["targets"] == [] and body["progress"] == []
    assert body["allowed_actions"] == ["change", "delete", "approve"]
    assert response["ETag"]
    assert YearlyPlan.objects.get(pk=body["id"]).title == "Kế hoạch OCOP tỉnh 2030"


def test_a_second_plan_for_the_same_area_and_year_is_refused_in_vietnamese(world, as_role):
    plan = world.objects["plan:province"]
    response = as_role("officer").post(
        "/api/v1/plans/", plan_payload(world, year=plan.year), format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert "đã có kế hoạch năm" in response.json()["errors"]["unit"][0]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"year": 1990}, "year", "Năm kế hoạch phải từ 2000 đến 2100"),
        ({"decision_date": "2099-01-01"}, "decision_date", "không được sau ngày hôm nay"),
        ({"title": ""}, "title", ""),
    ],
)
def test_bad_plan_input_is_refused_field_by_field(world, as_role, fields, field, message):
    response = as_role("officer").post(
        "/api/v1/plans/", plan_payload(world, **fields), format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert message in body["errors"][field][0]
    assert not YearlyPlan.objects.filter(year=fields.get("year", 2030), title__startswith="Kế hoạch OCOP tỉnh 2030")


def test_an_officer_of_another_province_cannot_plan_for_this_one(world, as_role):
    response = as_role("officer_other").post("/api/v1/plans/", plan_payload(world), format="json")
    assert response.status_code == 400
    assert "nằm ngoài địa bàn" in response.json()["detail"]
    assert not YearlyPlan.objects.filter(year=2030).exists()


def test_a_draft_is_changed_but_its_year_and_area_stay(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]
    url = f"/api/v1/plans/{plan.pk}/"
    response = client.patch(url, {"title": "Kế hoạch OCOP tỉnh (sửa)", "decision_number": "5/QĐ"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Kế hoạch OCOP tỉnh (sửa)"
    moved = client.patch(url, {"year": plan.year + 1}, format="json")
    assert moved.status_code == 400
    assert "Không thể thay đổi" in moved.json()["errors"]["year"][0]
    put = client.put(
        url, plan_payload(world, year=plan.year, title="Kế hoạch đặt lại", decision_number=""), format="json"
    )
    assert put.status_code == 200, put.json()
    plan.refresh_from_db()
    assert (plan.title, plan.decision_number, plan.year) == ("Kế hoạch đặt lại", "", timezone.localdate().year)


def test_approve_then_close_through_the_services_with_allowed_actions_at_each_step(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]  # a draft with one target line
    response = approve(client, plan)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["decision_number"]) == ("approved", "12/QĐ-UBND")
    assert body["allowed_actions"] == ["change", "close"]
    assert [line["indicator"] for line in body["progress"]] == ["new_3_star"]

    response = client.post(f"/api/v1/plans/{plan.pk}/close/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed"
    assert response.json()["allowed_actions"] == []


def test_approving_needs_the_decision_and_a_target_line(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:chomoi"]  # no target line
    response = client.post(f"/api/v1/plans/{plan.pk}/approve/", {}, format="json", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "Cần số quyết định" in errors["decision_number"][0]
    assert "Cần ngày quyết định" in errors["decision_date"][0]
    response = approve(client, plan)
    assert response.status_code == 400
    assert "chưa có dòng chỉ tiêu" in response.json()["detail"]
    assert YearlyPlan.objects.get(pk=plan.pk).status == "draft"


def test_transitions_the_state_does_not_allow_are_409(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]
    assert client.post(f"/api/v1/plans/{plan.pk}/close/").status_code == 409  # a draft is not closed
    assert approve(client, plan).status_code == 200
    again = approve(client, plan)
    assert again.status_code == 409
    assert again.json()["type"] == "transition_not_allowed"
    assert "Chỉ phê duyệt được kế hoạch đang dự thảo" in again.json()["detail"]
    deleted = client.delete(f"/api/v1/plans/{plan.pk}/")
    assert deleted.status_code == 409
    assert "Chỉ xóa được kế hoạch đang dự thảo" in deleted.json()["detail"]
    assert YearlyPlan.objects.filter(pk=plan.pk).exists()


def test_editing_an_approved_plans_decision_is_409_its_title_is_not(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]
    approve(client, plan)
    url = f"/api/v1/plans/{plan.pk}/"
    response = client.patch(url, {"decision_number": "99/QĐ"}, format="json")
    assert response.status_code == 409
    assert "không thể sửa số, ngày quyết định" in response.json()["detail"]
    assert client.patch(url, {"title": "Kế hoạch đã duyệt (tên mới)"}, format="json").status_code == 200
    client.post(f"/api/v1/plans/{plan.pk}/close/")
    closed = client.patch(url, {"title": "Sửa sau tổng kết"}, format="json")
    assert closed.status_code == 409
    assert "đã tổng kết" in closed.json()["detail"]


def test_a_draft_is_deleted_with_its_target_lines(world, as_role):
    plan = world.objects["plan:province"]
    response = as_role("officer").delete(f"/api/v1/plans/{plan.pk}/")
    assert response.status_code == 204
    assert not YearlyPlan.objects.filter(pk=plan.pk).exists()
    assert not Target.objects.filter(plan_id=plan.pk).exists()


def test_district_staff_read_the_provinces_plan_and_may_not_write_it(world, as_role):
    client = as_role("staff_nari")
    plan = world.objects["plan:province"]
    url = f"/api/v1/plans/{plan.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["allowed_actions"] == []
    assert client.patch(url, {"title": "Sửa"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    assert approve(client, plan).status_code == 403
    assert client.post("/api/v1/plans/", plan_payload(world, unit_id=world.units["na_ri"].pk)).status_code == 403
    # Chợ Mới's plan is outside Na Rì: not found, the permission asked first for what staff never do.
    other = world.objects["plan:chomoi"]
    assert client.get(f"/api/v1/plans/{other.pk}/").status_code == 404
    assert client.patch(f"/api/v1/plans/{other.pk}/", {}, format="json").status_code == 403


def test_another_provinces_officer_does_not_find_the_plan(world, as_role):
    client = as_role("officer_other")
    plan = world.objects["plan:province"]
    assert client.patch(f"/api/v1/plans/{plan.pk}/", {"title": "Sửa"}, format="json").status_code == 404
    assert approve(client, plan).status_code == 404
    assert client.delete(f"/api/v1/plans/{plan.pk}/").status_code == 404


def test_a_read_only_token_writes_nothing(world, as_role):
    client = as_role("officer", read_only=True)
    plan = world.objects["plan:province"]
    url = f"/api/v1/plans/{plan.pk}/"
    assert client.get(url).json()["allowed_actions"] == []
    for response in (
        client.post("/api/v1/plans/", plan_payload(world), format="json"),
        client.patch(url, {"title": "Sửa"}, format="json"),
        approve(client, plan),
        client.delete(url),
    ):
        assert response.status_code == 403
        assert response.json()["type"] == "permission_denied"
    assert YearlyPlan.objects.get(pk=plan.pk).status == "draft"


def test_a_stale_if_match_is_412_and_changes_nothing(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]
    url = f"/api/v1/plans/{plan.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "Lần một"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = client.patch(url, {"title": "Lần hai"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    payload = {"decision_number": "12/QĐ-UBND", "decision_date": timezone.localdate().isoformat()}
    assert client.post(f"{url}approve/", payload, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert YearlyPlan.objects.values_list("title", "status").get(pk=plan.pk) == ("Lần một", "draft")


# --- Target lines ------------------------------------------------------------------------------


def target_payload(world, **fields):
    return {
        "plan_id": world.objects["plan:province"].pk,
        "indicator": "upgrade_3_4",
        "unit_id": world.units["cho_moi"].pk,
        "target_min": 10,
        "target_max": 15,
        **fields,
    }


def test_an_officer_adds_changes_and_deletes_target_lines_of_a_draft(world, as_role):
    client = as_role("officer")
    response = client.post("/api/v1/targets/", target_payload(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["target_min"], body["target_max"], body["unit"]["code"]) == (10, 15, "065")
    assert body["allowed_actions"] == ["change", "delete"]
    url = f"/api/v1/targets/{body['id']}/"

    response = client.patch(url, {"target_min": 12, "target_max": 12, "note": "Theo NQ"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["target_min"], response.json()["target_max"]) == (12, None)  # equal ends: one number

    plan = client.get(f"/api/v1/plans/{world.objects['plan:province'].pk}/").json()
    assert {line["indicator"] for line in plan["targets"]} == {"new_3_star", "upgrade_3_4"}

    assert client.delete(url).status_code == 204
    assert not Target.objects.filter(pk=body["id"]).exists()


def test_a_target_line_without_a_unit_is_for_the_plans_whole_area(world, as_role):
    payload = target_payload(world)
    del payload["unit_id"]
    response = as_role("officer").post("/api/v1/targets/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["unit"]["code"] == "06"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target_min": 15, "target_max": 10}, "target_max", "không được nhỏ hơn chỉ tiêu tối thiểu"),
        ({"legal_form": "cooperative"}, "legal_form", "Loại hình chỉ dùng cho chỉ tiêu về tổ chức kinh tế"),
        ({"indicator": "new_3_star", "unit_id": None, "target_min": 1}, None, "Kế hoạch đã có chỉ tiêu"),
    ],
)
def test_bad_target_lines_are_refused_with_the_services_message(world, as_role, fields, field, message):
    if fields.get("indicator") == "new_3_star":
        fields["unit_id"] = world.units["na_ri"].pk  # the world's line: a duplicate
    response = as_role("officer").post(
        "/api/v1/targets/", target_payload(world, **fields), format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    body = response.json()
    assert message in (body["errors"][field][0] if field else body["detail"])
    assert Target.objects.filter(plan=world.objects["plan:province"]).count() == 1


def test_a_target_outside_the_plans_area_is_refused(world, as_role):
    plan = world.objects["plan:chomoi"]
    payload = target_payload(world, plan_id=plan.pk, unit_id=world.units["con_minh"].pk)
    response = as_role("officer").post("/api/v1/targets/", payload, format="json")
    assert response.status_code == 400
    assert "phải thuộc địa bàn của kế hoạch" in response.json()["errors"]["unit"][0]


def test_target_lines_of_an_approved_plan_do_not_change_409(world, as_role):
    client = as_role("officer")
    plan, target = world.objects["plan:province"], world.objects["target:nari"]
    approve(client, plan)
    url = f"/api/v1/targets/{target.pk}/"
    assert client.get(url).json()["allowed_actions"] == []
    for response in (
        client.post("/api/v1/targets/", target_payload(world), format="json"),
        client.patch(url, {"target_min": 5}, format="json"),
        client.delete(url),
    ):
        assert response.status_code == 409, response.json()
        assert "không thể thay đổi chỉ tiêu" in response.json()["detail"]
    assert Target.objects.get(pk=target.pk).target_min == 2


def test_a_target_line_stays_in_its_plan(world, as_role):
    target = world.objects["target:nari"]
    response = as_role("officer").patch(
        f"/api/v1/targets/{target.pk}/", {"plan_id": world.objects["plan:chomoi"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "Không thể thay đổi" in response.json()["errors"]["plan_id"][0]


def test_district_staff_read_target_lines_and_may_not_write_them(world, as_role):
    client = as_role("staff_nari")
    target = world.objects["target:nari"]
    listed = client.get("/api/v1/targets/", {"plan": target.plan_id}).json()["results"]
    assert [line["id"] for line in listed] == [target.pk]
    assert client.get(f"/api/v1/targets/{target.pk}/").json()["allowed_actions"] == []
    assert client.post("/api/v1/targets/", target_payload(world), format="json").status_code == 403
    assert client.patch(f"/api/v1/targets/{target.pk}/", {"target_min": 5}, format="json").status_code == 403
    assert client.delete(f"/api/v1/targets/{target.pk}/").status_code == 403


def test_another_provinces_officer_may_not_add_to_this_provinces_plan(world, as_role):
    client = as_role("officer_other")
    response = client.post("/api/v1/targets/", target_payload(world), format="json")
    assert response.status_code == 403
    target = world.objects["target:nari"]
    assert client.get(f"/api/v1/targets/{target.pk}/").status_code == 404
    assert client.patch(f"/api/v1/targets/{target.pk}/", {}, format="json").status_code == 404


def test_a_target_write_with_a_stale_if_match_is_412(world, as_role):
    client = as_role("officer")
    url = f"/api/v1/targets/{world.objects['target:nari'].pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"target_min": 3}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert Target.objects.get(pk=world.objects["target:nari"].pk).target_min == 3


def test_the_decision_date_may_be_today_not_tomorrow(world, as_role):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = approve(as_role("officer"), world.objects["plan:province"], decision_date=tomorrow.isoformat())
    assert response.status_code == 400
    assert "không được sau ngày hôm nay" in response.json()["errors"]["decision_date"][0]


# --- Reported figures ----------------------------------------------------------------------------


def test_a_figure_the_records_cannot_give_is_reported_once_the_plan_is_approved(world, as_role):
    client = as_role("officer")
    plan = world.objects["plan:province"]
    line = client.post("/api/v1/targets/", target_payload(world, indicator="sales_points"), format="json").json()
    url = f"/api/v1/targets/{line['id']}/"
    figure = {"value": 7, "as_of": timezone.localdate().isoformat(), "source": "Báo cáo của Sở Công Thương"}
    assert client.post(f"{url}report/", figure, format="json").status_code == 409  # still a draft
    approve(client, plan)
    assert client.get(url).json()["allowed_actions"] == ["report"]
    response = client.post(f"{url}report/", figure, format="json")
    assert response.status_code == 201, response.json()
    assert [(row["value"], row["source"]) for row in response.json()["reported_values"]] == [
        (7, "Báo cáo của Sở Công Thương")
    ]


def test_a_computed_indicator_is_not_reported(world, as_role):
    client = as_role("officer")
    approve(client, world.objects["plan:province"])
    target = world.objects["target:nari"]  # new 3★ products: counted from the records
    assert client.get(f"/api/v1/targets/{target.pk}/").json()["allowed_actions"] == []
    figure = {"value": 7, "as_of": timezone.localdate().isoformat(), "source": "Báo cáo"}
    response = client.post(f"/api/v1/targets/{target.pk}/report/", figure, format="json", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "được tính từ dữ liệu của cổng" in response.json()["detail"]


def test_district_staff_report_nothing(world, as_role):
    target = world.objects["target:nari"]
    figure = {"value": 7, "as_of": timezone.localdate().isoformat(), "source": "Báo cáo"}
    assert as_role("staff_nari").post(f"/api/v1/targets/{target.pk}/report/", figure).status_code == 403
