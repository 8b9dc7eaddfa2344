"""Plan services: the draft → approved → closed cycle, target lines, reported values, support activities."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations import plans
from evaluations.models import ReportedValue, SupportActivity, Target, YearlyPlan
from ocop_portal.errors import TransitionNotAllowed
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
I = Target.Indicator  # noqa: E741 - reads like the model's own Indicator

# The 2019 Bắc Kạn plan as the source article states it.
PLAN_2019 = [
    {"indicator": I.ORGANISATIONS_SUPPORTED, "target_min": 10, "target_max": 15, "note": "tái cơ cấu"},
    {"indicator": I.UPGRADE_3_TO_4, "target_min": 16},
    {"indicator": I.UPGRADE_4_TO_5, "target_min": 4},
    {"indicator": I.UPGRADE_2_TO_3, "target_min": 6},
    {"indicator": I.NOT_EVALUATED_BEFORE, "target_min": 31},
    {"indicator": I.NEW_PRODUCTS_DEVELOPED, "target_min": 30},
]


@pytest.fixture
def area():
    return factories.bac_kan_tree()


@pytest.fixture
def officer(area):
    return factories.user(role="officer", unit_obj=area["province"])


def make_plan(officer, area, **kwargs):
    fields = {"year": 2019, "unit": area["province"], "title": "Kế hoạch OCOP năm 2019", "targets": PLAN_2019}
    fields.update(kwargs)
    return plans.plan_create(user=officer, **fields)


def test_plan_create_with_the_six_lines_of_2019(officer, area):
    plan = make_plan(officer, area)
    assert plan.status == YearlyPlan.Status.DRAFT
    lines = {t.indicator: (t.target_min, t.target_max, t.unit_id) for t in plan.targets.all()}
    assert len(lines) == 6
    assert lines[I.ORGANISATIONS_SUPPORTED] == (10, 15, area["province"].pk)
    assert lines[I.UPGRADE_3_TO_4] == (16, None, area["province"].pk)


def test_plan_approve_needs_a_decision_then_fixes_the_targets(officer, area):
    plan = make_plan(officer, area)
    with pytest.raises(ValidationError) as error:
        plans.plan_approve(user=officer, plan=plan)
    assert "Cần số quyết định phê duyệt kế hoạch." in error.value.messages
    plan = plans.plan_approve(user=officer, plan=plan, decision_number="45/QĐ-UBND", decision_date=D(2019, 1, 15))
    assert plan.status == YearlyPlan.Status.APPROVED
    with pytest.raises(TransitionNotAllowed, match="không thể thay đổi chỉ tiêu"):
        plans.target_add(user=officer, plan=plan, indicator=I.NEW_PRODUCTS_3_STAR, target_min=5)
    with pytest.raises(TransitionNotAllowed):
        plans.target_update(user=officer, target=plan.targets.first(), target_min=1)
    with pytest.raises(TransitionNotAllowed):
        plans.plan_approve(user=officer, plan=plan)
    with pytest.raises(TransitionNotAllowed, match="số, ngày quyết định"):
        plans.plan_update(user=officer, plan=plan, decision_number="46/QĐ-UBND")
    plan = plans.plan_close(user=officer, plan=plan)
    assert plan.status == YearlyPlan.Status.CLOSED
    with pytest.raises(TransitionNotAllowed):
        plans.plan_close(user=officer, plan=plan)
    with pytest.raises(TransitionNotAllowed, match="đã tổng kết"):
        plans.plan_update(user=officer, plan=plan, title="Khác")


def test_plan_without_lines_cannot_be_approved(officer, area):
    plan = make_plan(officer, area, targets=[], decision_number="1/QĐ", decision_date=D(2019, 1, 2))
    with pytest.raises(ValidationError, match="chưa có dòng chỉ tiêu"):
        plans.plan_approve(user=officer, plan=plan)


def test_one_plan_per_area_and_year(officer, area):
    make_plan(officer, area)
    with pytest.raises(ValidationError, match="đã có kế hoạch năm 2019"):
        make_plan(officer, area, targets=[])
    assert YearlyPlan.objects.count() == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": 15, "target_max": 10}, "không được nhỏ hơn"),
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": "15–10"}, "số sau nhỏ hơn số trước"),
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": "mười"}, "không hợp lệ"),
        ({"indicator": "made_up", "target_min": 1}, "không có trong danh mục"),
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": 1, "legal_form": "cooperative"}, "Loại hình chỉ dùng"),
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": 1, "unit": "999"}, "Không có đơn vị mã 999"),
        ({"indicator": I.UPGRADE_3_TO_4, "target_min": 1, "colour": "red"}, "Trường không hợp lệ"),
    ],
)
def test_bad_target_lines_are_refused_with_a_clear_message(officer, area, line, message):
    with pytest.raises(ValidationError) as error:
        make_plan(officer, area, targets=[line])
    assert any(message in m for m in error.value.messages), error.value.messages
    assert not YearlyPlan.objects.exists()  # all or nothing


def test_target_ranges_as_text_district_quotas_and_duplicates(officer, area):
    plan = make_plan(officer, area, targets=[])
    line = plans.target_add(user=officer, plan=plan, indicator=I.ORGANISATIONS_SUPPORTED, target_min="10–15")
    assert (line.target_min, line.target_max) == (10, 15)
    assert str(line).endswith("10–15")
    same = plans.target_add(user=officer, plan=plan, indicator=I.NEW_PRODUCTS_3_STAR, target_min=4, target_max=4)
    assert same.target_max is None
    quota = plans.target_add(user=officer, plan=plan, indicator=I.NEW_PRODUCTS_3_STAR, target_min=2, unit="066")
    assert quota.unit == area["na_ri"]
    with pytest.raises(ValidationError, match="đã có chỉ tiêu"):
        plans.target_add(user=officer, plan=plan, indicator=I.NEW_PRODUCTS_3_STAR, target_min=3, unit="066")
    by_form = plans.target_add(
        user=officer, plan=plan, indicator=I.NEW_ORGANISATIONS, target_min=3, legal_form="cooperative"
    )
    plans.target_add(user=officer, plan=plan, indicator=I.NEW_ORGANISATIONS, target_min=5, legal_form="household")
    updated = plans.target_update(user=officer, target=by_form, target_min="3-6", note="HTX")
    assert (updated.target_min, updated.target_max, updated.note) == (3, 6, "HTX")
    plans.target_delete(user=officer, target=updated)
    assert plan.targets.count() == 4


def test_parse_target():
    assert plans.parse_target("16") == (16, None)
    assert plans.parse_target(" 10 – 15 ") == (10, 15)
    assert plans.parse_target("10-15") == (10, 15)
    assert plans.parse_target("10 đến 15") == (10, 15)
    assert plans.parse_target("5–5") == (5, None)


def test_district_quota_must_lie_inside_the_plan_area(officer, area):
    plan = plans.plan_create(user=officer, year=2019, unit=area["na_ri"], title="Kế hoạch huyện Na Rì")
    with pytest.raises(ValidationError, match="phải thuộc địa bàn của kế hoạch"):
        plans.target_add(user=officer, plan=plan, indicator=I.NEW_PRODUCTS_3_STAR, target_min=1, unit=area["cho_moi"])


def test_only_plan_managers_in_their_area(area):
    district_staff = factories.user(role="area_staff", unit_obj=area["na_ri"])
    with pytest.raises(PermissionDenied):
        plans.plan_create(user=district_staff, year=2019, unit=area["na_ri"], title="Không được")
    district_officer = factories.user(role="officer", unit_obj=area["cho_moi"])
    with pytest.raises(ValidationError, match="ngoài địa bàn"):
        plans.plan_create(user=district_officer, year=2019, unit=area["na_ri"], title="Huyện khác")
    assert not YearlyPlan.objects.exists()
    # A management command (user=None), e.g. the demo loader, may.
    assert plans.plan_create(user=None, year=2019, unit=area["na_ri"], title="Lệnh quản trị").pk


def test_reported_values_only_for_indicators_the_records_cannot_compute(officer, area):
    plan = make_plan(officer, area, targets=[*PLAN_2019, {"indicator": I.SALES_POINTS, "target_min": 2}])
    sales = plan.targets.get(indicator=I.SALES_POINTS)
    with pytest.raises(TransitionNotAllowed, match="đã phê duyệt"):
        plans.reported_value_add(user=officer, target=sales, value=1, as_of=D(2019, 6, 30), source="Báo cáo")
    plans.plan_approve(user=officer, plan=plan, decision_number="45/QĐ-UBND", decision_date=D(2019, 1, 15))
    upgrade = plan.targets.get(indicator=I.UPGRADE_3_TO_4)
    with pytest.raises(ValidationError, match="được tính từ dữ liệu"):
        plans.reported_value_add(user=officer, target=upgrade, value=9, as_of=D(2019, 6, 30), source="Báo cáo")
    with pytest.raises(ValidationError) as error:
        plans.reported_value_add(user=officer, target=sales, value=1, as_of=D(2020, 1, 5), source=" ")
    assert set(error.value.message_dict) == {"as_of", "source"}
    reported = plans.reported_value_add(
        user=officer, target=sales, value=1, as_of=D(2019, 6, 30), source="Báo cáo 6 tháng của Sở Công Thương"
    )
    assert ReportedValue.objects.get() == reported


def test_support_activities(officer, area):
    producer = factories.producer(area["con_minh"])
    activity = plans.support_activity_create(
        user=officer, producer=producer, year=2019, kind="restructuring", happened_on=D(2019, 4, 1)
    )
    assert SupportActivity.objects.get() == activity
    with pytest.raises(ValidationError, match="phải thuộc năm 2019"):
        plans.support_activity_update(user=officer, activity=activity, happened_on=D(2020, 1, 1))
    activity = plans.support_activity_update(user=officer, activity=activity, kind="training")
    assert activity.kind == "training"
    district_officer = factories.user(role="officer", unit_obj=area["cho_moi"])
    with pytest.raises(ValidationError, match="ngoài địa bàn"):
        plans.support_activity_create(user=district_officer, producer=producer, year=2019, kind="training")
    with pytest.raises(ValidationError):
        plans.support_activity_create(user=officer, producer=producer, year=2019, kind="bribery")
    plans.support_activity_delete(user=officer, activity=activity)
    assert not SupportActivity.objects.exists()
