"""The plan admin: a plan and its lines saved through the services, actions, lists without N+1."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations import plans
from evaluations.models import ReportedValue, SupportActivity, Target, YearlyPlan
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def area():
    return factories.bac_kan_tree()


@pytest.fixture
def officer_client(client, area):
    officer = factories.user(role="officer", unit_obj=area["province"], is_staff=True)
    client.force_login(officer)
    return client


def inline(rows, total=None):
    data = {
        "targets-TOTAL_FORMS": str(len(rows) if total is None else total),
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"targets-{n}-{key}": value for key, value in row.items()})
    return data


def test_add_a_plan_with_its_lines(officer_client, area):
    data = {"year": "2019", "unit": area["province"].pk, "title": "Kế hoạch OCOP 2019", "decision_number": ""}
    data["decision_date"] = ""
    data.update(
        inline(
            [
                {"indicator": "orgs_supported", "unit": area["province"].pk, "target_min": "10", "target_max": "15"},
                {"indicator": "upgrade_3_4", "unit": area["province"].pk, "target_min": "16"},
            ]
        )
    )
    response = officer_client.post(reverse("admin:evaluations_yearlyplan_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    plan = YearlyPlan.objects.get()
    assert plan.status == YearlyPlan.Status.DRAFT
    assert sorted(plan.targets.values_list("indicator", "target_min", "target_max")) == [
        ("orgs_supported", 10, 15),
        ("upgrade_3_4", 16, None),
    ]


def test_a_refused_line_is_a_message_and_nothing_is_saved(officer_client, area):
    data = {
        "year": "2019",
        "unit": area["province"].pk,
        "title": "Kế hoạch",
        "decision_number": "",
        "decision_date": "",
    }
    data.update(
        inline([{"indicator": "upgrade_3_4", "unit": area["province"].pk, "target_min": "1", "legal_form": "farm"}])
    )
    response = officer_client.post(reverse("admin:evaluations_yearlyplan_add"), data, follow=True)
    assert "Loại hình chỉ dùng cho chỉ tiêu về tổ chức kinh tế." in response.content.decode()
    assert not YearlyPlan.objects.exists()


def test_approve_action_then_lines_are_read_only(officer_client, area):
    plan = plans.plan_create(
        user=None,
        year=2019,
        unit=area["province"],
        title="Kế hoạch 2019",
        decision_number="45/QĐ-UBND",
        decision_date=D(2019, 1, 15),
        targets=[{"indicator": "upgrade_3_4", "target_min": 16}],
    )
    url = reverse("admin:evaluations_yearlyplan_changelist")
    officer_client.post(url, {"action": "approve", "_selected_action": [plan.pk]})
    plan.refresh_from_db()
    assert plan.status == YearlyPlan.Status.APPROVED
    page = officer_client.get(reverse("admin:evaluations_yearlyplan_change", args=[plan.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nâng hạng 3→4 sao" in html and "Chậm tiến độ" in html  # 2019 is over: 0 of 16
    assert not page.context["inline_admin_formsets"][0].has_change_permission


def test_change_and_delete_lines_of_a_draft(officer_client, area):
    plan = plans.plan_create(
        user=None,
        year=2019,
        unit=area["province"],
        title="Kế hoạch 2019",
        targets=[{"indicator": "upgrade_3_4", "target_min": 16}, {"indicator": "upgrade_4_5", "target_min": 4}],
    )
    first, second = plan.targets.order_by("indicator")
    data = {"title": "Kế hoạch 2019 (sửa)", "decision_number": "", "decision_date": ""}
    data.update(inline([], total=2))
    data["targets-INITIAL_FORMS"] = "2"
    for n, (target, values) in enumerate([(first, {"target_min": "12"}), (second, {"DELETE": "on"})]):
        row = {"id": target.pk, "plan": plan.pk, "indicator": target.indicator, "unit": target.unit_id}
        row.update({"target_min": target.target_min, "target_max": "", "legal_form": "", "note": ""}, **values)
        data.update({f"targets-{n}-{key}": value for key, value in row.items()})
    response = officer_client.post(reverse("admin:evaluations_yearlyplan_change", args=[plan.pk]), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch 2019 (sửa)"
    assert list(plan.targets.values_list("indicator", "target_min")) == [("upgrade_3_4", 12)]


def test_reported_value_and_support_activity_through_the_admin(officer_client, area):
    plan = plans.plan_create(
        user=None,
        year=2019,
        unit=area["province"],
        title="Kế hoạch 2019",
        targets=[{"indicator": "sales_points", "target_min": 2}],
    )
    plans.plan_approve(user=None, plan=plan, decision_number="45/QĐ-UBND", decision_date=D(2019, 1, 15))
    target = Target.objects.get()
    response = officer_client.post(
        reverse("admin:evaluations_reportedvalue_add"),
        {"target": target.pk, "value": "1", "as_of": "30/06/2019", "source": "Báo cáo 6 tháng"},
    )
    assert response.status_code == 302
    assert ReportedValue.objects.get().value == 1
    producer = factories.producer(area["con_minh"])
    response = officer_client.post(
        reverse("admin:evaluations_supportactivity_add"),
        {"producer": producer.pk, "year": "2019", "kind": "training", "happened_on": "05/04/2019", "description": ""},
    )
    assert response.status_code == 302
    assert SupportActivity.objects.get().happened_on == D(2019, 4, 5)


@pytest.mark.parametrize("model", ["yearlyplan", "supportactivity", "reportedvalue"])
def test_changelists_do_not_grow_with_the_rows(officer_client, area, model):
    url = reverse(f"admin:evaluations_{model}_changelist")

    def add(year):
        plan = plans.plan_create(
            user=None,
            year=year,
            unit=area["province"],
            title=f"KH {year}",
            targets=[{"indicator": "sales_points", "target_min": 1}],
        )
        plans.plan_approve(user=None, plan=plan, decision_number=f"{year}/QĐ", decision_date=D(year, 1, 2))
        plans.reported_value_add(user=None, target=plan.targets.get(), value=1, as_of=D(year, 2, 1), source="BC")
        plans.support_activity_create(
            user=None, producer=factories.producer(area["con_minh"]), year=year, kind="training"
        )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200
        return len(queries)

    add(2019)
    few = count()
    for year in (2020, 2021, 2022):
        add(year)
    assert count() == few
