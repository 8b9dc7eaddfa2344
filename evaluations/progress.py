"""Target against actual: the figure, the percentage and whether the plan is on course, at any date.

The status compares the actual with the part of the minimum target that the elapsed part of the
year calls for — an officer at mid-year wants to know if 16 upgrades are still reachable, not
only that 8 are done:

- **achieved** when the actual reaches the minimum of the target (for "10–15", 10);
- **on track** when it reaches ``minimum × elapsed fraction of the year`` at the date
  (1/1 counts as one day elapsed, 31/12 as the whole year);
- **behind** otherwise; **no data** when a reported indicator has no report yet.

The percentage is of the minimum. Drill-down shows the same for each unit one level below (the
districts of a province), with the unit's own target line when the plan gives it a quota.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations import targets as indicators
from evaluations.models import ReportedValue, Target, YearlyPlan
from organizations.models import AdministrativeUnit


class Status(TextChoices):
    ACHIEVED = "achieved", _("Đã đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    BEHIND = "behind", _("Chậm tiến độ")
    NO_DATA = "no_data", _("Chưa có số liệu")


def elapsed_fraction(year: int, as_of: datetime.date) -> Decimal:
    """The part of ``year`` elapsed at the end of ``as_of``, from 0 (before 1/1) to 1 (31/12 or later)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


def status_of(actual: int | None, target_min: int, fraction: Decimal) -> str:
    if actual is None:
        return Status.NO_DATA
    if actual >= target_min:
        return Status.ACHIEVED
    if actual >= target_min * fraction:
        return Status.ON_TRACK
    return Status.BEHIND


def percent_of(actual: int | None, target_min: int | None) -> Decimal | None:
    if actual is None or not target_min:
        return None
    return (Decimal(actual) * 100 / target_min).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Progress:
    """One target line (or one unit of a drill-down) at a date."""

    indicator: str
    label: str
    definition: str
    unit_code: str
    unit_name: str
    unit_path: str
    legal_form: str
    target_min: int | None
    target_max: int | None
    actual: int | None
    percent: Decimal | None
    status: str | None
    status_label: str
    expected: Decimal | None
    as_of: datetime.date
    computed: bool
    source: str = ""
    target_id: int | None = None
    note: str = ""
    children: list[Progress] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["children"] = [child.as_dict() for child in self.children]
        return data


def _build(*, indicator, year, unit, as_of, legal_form, actual, target=None, source="") -> Progress:
    spec = indicators.spec(indicator)
    fraction = elapsed_fraction(year, as_of)
    has_target = target is not None
    status = status_of(actual, target.target_min, fraction) if has_target else None
    return Progress(
        indicator=indicator,
        label=str(spec.label),
        definition=spec.definition(year),
        unit_code=unit.code,
        unit_name=str(unit),
        unit_path=unit.path,
        legal_form=legal_form,
        target_min=target.target_min if has_target else None,
        target_max=target.target_max if has_target else None,
        actual=actual,
        percent=percent_of(actual, target.target_min) if has_target else None,
        status=status,
        status_label=str(Status(status).label) if status else "",
        expected=(target.target_min * fraction).quantize(Decimal("0.1")) if has_target else None,
        as_of=min(as_of, datetime.date(year, 12, 31)),
        computed=spec.computed,
        source=source,
        target_id=target.pk if has_target else None,
        note=target.note if has_target else "",
    )


def _latest_report(target: Target, as_of: datetime.date) -> ReportedValue | None:
    """The newest reported value dated on or before ``as_of`` (from prefetched rows when present)."""
    reports = [r for r in target.reported_values.all() if r.as_of <= as_of]
    return max(reports, key=lambda r: (r.as_of, r.pk)) if reports else None


def _default_as_of(as_of):
    return as_of or timezone.localdate()


def target_progress(
    target: Target, *, as_of: datetime.date | None = None, user=None, counted: int | None = None
) -> Progress:
    """Progress of one target line at ``as_of`` (today by default); ``counted``: the computed figure
    when the caller already has it (a drill-down adds up its grouped rows)."""
    as_of = _default_as_of(as_of)
    year = target.plan.year
    if counted is not None:
        actual, source = counted, ""
    elif indicators.spec(target.indicator).computed:
        actual = indicators.actual(
            target.indicator, year=year, unit=target.unit, as_of=as_of, legal_form=target.legal_form, user=user
        )
        source = ""
    else:
        report = _latest_report(target, as_of)
        actual = report.value if report else None
        source = f"{report.source} ({report.as_of:%d/%m/%Y})" if report else ""
    return _build(
        indicator=target.indicator,
        year=year,
        unit=target.unit,
        as_of=as_of,
        legal_form=target.legal_form,
        actual=actual,
        target=target,
        source=source,
    )


def plan_targets(plan: YearlyPlan):
    """The plan's target lines with what progress needs, in two queries."""
    return (
        plan.targets.select_related("unit", "plan")
        .prefetch_related("reported_values")
        .order_by("unit__path", "indicator", "legal_form")
    )


def plan_progress(
    plan: YearlyPlan, *, as_of: datetime.date | None = None, user=None, by_area: bool = False
) -> list[Progress]:
    """Every target line of a plan at ``as_of``: one query per computed line, reported lines prefetched.

    ``by_area``: the lines set for the plan's own area also carry their drill-down (one more
    grouped query per computed line).
    """
    lines = list(plan_targets(plan))
    shared = {}
    for line in lines:  # one object per unit, so its area is resolved once (see targets.area_paths)
        line.unit = shared.setdefault(line.unit_id, line.unit)
    return [
        _drill_down(target, lines, as_of=as_of, user=user)
        if by_area and target.unit_id == plan.unit_id
        else target_progress(target, as_of=as_of, user=user)
        for target in lines
    ]


def drill_down(target: Target, *, as_of: datetime.date | None = None, user=None) -> Progress:
    """A target line with one child row per unit below its area (province → districts).

    A child row carries the plan's quota line for that unit (same indicator and legal form) when
    there is one; otherwise only its actual. Computed figures come from one grouped query.
    """
    return _drill_down(target, list(plan_targets(target.plan)), as_of=as_of, user=user)


def _drill_down(target: Target, lines: list[Target], *, as_of, user) -> Progress:
    as_of = _default_as_of(as_of)
    year = target.plan.year
    spec = indicators.spec(target.indicator)
    by_child, counted = {}, None
    if spec.computed:
        by_path = indicators.actual_by_path(
            target.indicator, year=year, unit=target.unit, as_of=as_of, legal_form=target.legal_form, user=user
        )
        by_child, counted = indicators.fold_by_child(by_path, target.unit), sum(by_path.values())
    progress = target_progress(target, as_of=as_of, user=user, counted=counted)
    children = indicators.child_units(target.unit)
    quotas = {
        quota.unit.path: quota
        for quota in lines
        if quota.indicator == target.indicator
        and quota.legal_form == target.legal_form
        and quota.unit.parent_id == target.unit_id
    }
    if spec.computed:
        known = {unit.path for unit in children}
        extra = [key for key in by_child if key not in known]
        if extra:  # units linked across the 2025 reform show as rows of their own
            children += list(AdministrativeUnit.objects.filter(path__in=extra).order_by("path"))
    for unit in children:
        quota = quotas.get(unit.path)
        if spec.computed:
            actual, source = by_child.get(unit.path, 0), ""
        else:
            report = _latest_report(quota, as_of) if quota else None
            actual = report.value if report else None
            source = f"{report.source} ({report.as_of:%d/%m/%Y})" if report else ""
        progress.children.append(
            _build(
                indicator=target.indicator,
                year=year,
                unit=unit,
                as_of=as_of,
                legal_form=target.legal_form,
                actual=actual,
                target=quota,
                source=source,
            )
        )
    return progress
