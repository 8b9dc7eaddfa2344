"""Progress: target against actual, percentage, status at a date, drill-down province → districts."""

import datetime
from decimal import Decimal

import pytest

from evaluations import plans, progress
from evaluations.models import Target
from tests import factories
from tests.evaluations import plan_builders as b

pytestmark = pytest.mark.django_db
D = datetime.date
I = Target.Indicator  # noqa: E741 - reads like the model's own Indicator
S = progress.Status


@pytest.fixture
def area():
    return factories.bac_kan_tree()


def test_elapsed_fraction():
    assert progress.elapsed_fraction(2019, D(2018, 12, 31)) == 0
    assert progress.elapsed_fraction(2019, D(2019, 1, 1)) == Decimal(1) / 365
    assert progress.elapsed_fraction(2020, D(2020, 7, 1)) == Decimal(183) / 366
    assert progress.elapsed_fraction(2019, D(2019, 12, 31)) == 1
    assert progress.elapsed_fraction(2019, D(2026, 1, 1)) == 1


@pytest.mark.parametrize(
    ("actual", "fraction", "status"),
    [
        (16, Decimal("0.5"), S.ACHIEVED),
        (17, Decimal("0.1"), S.ACHIEVED),
        (8, Decimal("0.5"), S.ON_TRACK),
        (7, Decimal("0.5"), S.BEHIND),
        (15, Decimal(1), S.BEHIND),
        (0, Decimal(0), S.ON_TRACK),
        (None, Decimal("0.5"), S.NO_DATA),
    ],
)
def test_status_against_the_minimum_times_the_elapsed_year(actual, fraction, status):
    assert progress.status_of(actual, 16, fraction) == status


def test_percent_of_the_minimum():
    assert progress.percent_of(8, 16) == Decimal("50.0")
    assert progress.percent_of(2, 3) == Decimal("66.7")
    assert progress.percent_of(12, 10) == Decimal("120.0")
    assert progress.percent_of(3, 0) is None
    assert progress.percent_of(None, 5) is None


@pytest.fixture
def plan_2019(area):
    plan = plans.plan_create(
        user=None,
        year=2019,
        unit=area["province"],
        title="Kế hoạch 2019",
        targets=[
            {"indicator": I.ORGANISATIONS_SUPPORTED, "target_min": 10, "target_max": 15},
            {"indicator": I.UPGRADE_3_TO_4, "target_min": 4},
            {"indicator": I.UPGRADE_3_TO_4, "target_min": 3, "unit": "066"},
            {"indicator": I.UPGRADE_3_TO_4, "target_min": 1, "unit": "065"},
            {"indicator": I.SALES_POINTS, "target_min": 2},
            {"indicator": I.SALES_POINTS, "target_min": 1, "unit": "066"},
        ],
    )
    return plans.plan_approve(user=None, plan=plan, decision_number="45/QĐ-UBND", decision_date=D(2019, 1, 15))


def upgrade(commune, decided, name=None):
    product = b.product(commune, **({"name": name} if name else {}))
    b.supersede(b.certificate(product, 3, D(2018, 6, 1)), 4, decided)
    return product


def test_range_target_status_at_several_dates(area, plan_2019):
    for n in range(11):
        b.support(
            factories.producer(area["con_minh"]), 2019, happened_on=D(2019, 1, 1) + datetime.timedelta(days=30 * n)
        )
    line = plan_2019.targets.get(indicator=I.ORGANISATIONS_SUPPORTED)
    at = {as_of: progress.target_progress(line, as_of=as_of) for as_of in (D(2019, 3, 1), D(2019, 10, 1))}
    early, late = at[D(2019, 3, 1)], at[D(2019, 10, 1)]
    assert (early.actual, early.target_min, early.target_max) == (2, 10, 15)
    assert early.status == S.ON_TRACK  # 10 × 60/365 = 1.6
    assert (late.actual, late.status) == (10, S.ACHIEVED)  # the range's minimum reached
    assert late.percent == Decimal("100.0")
    year_end = progress.target_progress(line, as_of=D(2026, 1, 1))
    assert (year_end.actual, year_end.as_of, year_end.status_label) == (11, D(2019, 12, 31), "Đã đạt")
    assert "2019" in year_end.definition


def test_behind_and_drill_down_with_district_quotas(area, plan_2019):
    upgrade(area["con_minh"], D(2019, 3, 1))
    upgrade(area["con_minh"], D(2019, 11, 1))
    upgrade(area["nong_ha"], D(2019, 5, 1))
    line = plan_2019.targets.get(indicator=I.UPGRADE_3_TO_4, unit=area["province"])
    mid = progress.drill_down(line, as_of=D(2019, 6, 30))
    assert (mid.actual, mid.status, mid.expected) == (2, S.ON_TRACK, Decimal("2.0"))
    rows = {child.unit_name: child for child in mid.children}
    assert list(rows) == ["Huyện Chợ Mới", "Huyện Na Rì"]
    assert (rows["Huyện Na Rì"].actual, rows["Huyện Na Rì"].target_min, rows["Huyện Na Rì"].status) == (1, 3, S.BEHIND)
    assert (rows["Huyện Chợ Mới"].actual, rows["Huyện Chợ Mới"].status) == (1, S.ACHIEVED)
    end = progress.drill_down(line, as_of=D(2019, 12, 31))
    assert (end.actual, end.status, end.percent) == (3, S.BEHIND, Decimal("75.0"))
    assert [(c.unit_name, c.actual, c.status) for c in end.children] == [
        ("Huyện Chợ Mới", 1, S.ACHIEVED),
        ("Huyện Na Rì", 2, S.BEHIND),
    ]
    assert end.as_dict()["children"][1]["percent"] == Decimal("66.7")


def test_reported_indicator_uses_the_latest_report_at_the_date(area, plan_2019):
    line = plan_2019.targets.get(indicator=I.SALES_POINTS, unit=area["province"])
    assert progress.target_progress(line, as_of=D(2019, 6, 30)).status == S.NO_DATA
    plans.reported_value_add(user=None, target=line, value=1, as_of=D(2019, 6, 30), source="Báo cáo 6 tháng")
    plans.reported_value_add(user=None, target=line, value=2, as_of=D(2019, 12, 20), source="Báo cáo năm")
    na_ri = plan_2019.targets.get(indicator=I.SALES_POINTS, unit=area["na_ri"])
    plans.reported_value_add(user=None, target=na_ri, value=1, as_of=D(2019, 9, 1), source="UBND huyện Na Rì")
    july = progress.drill_down(line, as_of=D(2019, 7, 1))
    assert (july.actual, july.status, july.source) == (1, S.ON_TRACK, "Báo cáo 6 tháng (30/06/2019)")
    assert [(c.unit_name, c.actual, c.status) for c in july.children] == [
        ("Huyện Chợ Mới", None, None),
        ("Huyện Na Rì", None, S.NO_DATA),
    ]
    december = progress.drill_down(line, as_of=D(2019, 12, 31))
    assert (december.actual, december.status) == (2, S.ACHIEVED)
    assert december.children[1].actual == 1


def test_plan_progress_queries_do_not_grow_with_reports(area, plan_2019, django_assert_max_num_queries):
    sales = plan_2019.targets.get(indicator=I.SALES_POINTS, unit=area["province"])
    for day in range(1, 6):
        plans.reported_value_add(user=None, target=sales, value=day, as_of=D(2019, 2, day), source="Báo cáo")
    lines = plan_2019.targets.count()
    computed = plan_2019.targets.exclude(indicator=I.SALES_POINTS)
    units = computed.values("unit").distinct().count()
    # The lines with their reports; per unit its area (units linked by the 2025 reform, ≤ 2 queries);
    # per computed line its figure.
    with django_assert_max_num_queries(2 + 2 * units + computed.count()):
        rows = progress.plan_progress(plan_2019, as_of=D(2019, 12, 31))
    # With the drill-down: per computed line of the plan's own area one grouped query more, and its units below.
    own = computed.filter(unit=plan_2019.unit).count()
    with django_assert_max_num_queries(2 + 2 * units + computed.count() + own + 1):
        progress.plan_progress(plan_2019, as_of=D(2019, 12, 31), by_area=True)
    assert len(rows) == lines
    assert next(r for r in rows if r.indicator == I.SALES_POINTS and r.unit_code == "06").actual == 5
