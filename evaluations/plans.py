"""Services for yearly plans: the plan and its target lines, reported figures, support activities.

A plan moves ``draft → approved → closed`` (ocop.md §11: approved by a decision, closed by the
year-end review). Its target lines can change only while it is a draft: once the decision is
signed, progress is measured against what was decided. Figures the records can compute are never
typed: a reported value is accepted only for an indicator the portal cannot compute (sales
points). Every function here is the one way the admin, the API, the pages and the demo loader
make these changes; ``user=None`` is a management command.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import targets as indicators
from evaluations.models import ReportedValue, SupportActivity, Target, YearlyPlan
from ocop_portal.errors import TransitionNotAllowed
from organizations import access
from organizations.models import AdministrativeUnit, Producer

ORGANISATION_INDICATORS = (Target.Indicator.NEW_ORGANISATIONS, Target.Indicator.ORGANISATIONS_SUPPORTED)
TARGET_FIELDS = ("indicator", "target_min", "target_max", "unit", "legal_form", "note")
PLAN_FIELDS = ("title", "decision_number", "decision_date")
ACTIVITY_FIELDS = ("kind", "description", "happened_on", "year")
FIRST_YEAR, LAST_YEAR = 2000, 2100
RANGE_PATTERN = re.compile(r"^\s*(\d+)\s*(?:[-–—]|đến)\s*(\d+)\s*$")


def _ensure_can_manage(user, obj=None) -> None:
    if not access.can(user, "plan.manage", obj):
        raise PermissionDenied(_("Bạn không có quyền quản lý kế hoạch và chỉ tiêu."))


def parse_target(text: str) -> tuple[int, int | None]:
    """ "16" → (16, None); "10–15", "10-15", "10 đến 15" → (10, 15): how plans write their targets."""
    text = str(text).strip()
    if text.isdigit():
        return int(text), None
    match = RANGE_PATTERN.match(text)
    if not match:
        raise ValidationError(
            _("Chỉ tiêu “%(text)s” không hợp lệ: nhập một số (16) hoặc một khoảng (10–15).") % {"text": text},
            code="invalid_target",
        )
    low, high = int(match[1]), int(match[2])
    if high < low:
        raise ValidationError(
            _("Khoảng chỉ tiêu “%(text)s” có số sau nhỏ hơn số trước.") % {"text": text}, code="invalid_target"
        )
    return low, (high if high != low else None)


# --- Plans -----------------------------------------------------------------------------------


def _check_plan(plan: YearlyPlan) -> None:
    if not FIRST_YEAR <= plan.year <= LAST_YEAR:
        raise ValidationError({"year": _("Năm kế hoạch phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}})
    duplicate = YearlyPlan.objects.filter(year=plan.year, unit=plan.unit).exclude(pk=plan.pk)
    if duplicate.exists():
        raise ValidationError(
            {"unit": _("%(unit)s đã có kế hoạch năm %(year)s.") % {"unit": plan.unit, "year": plan.year}},
            code="duplicate_plan",
        )
    if plan.decision_date and plan.decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("Ngày quyết định không được sau ngày hôm nay.")})
    plan.full_clean()


def _save_plan(user, plan: YearlyPlan) -> YearlyPlan:
    _check_plan(plan)
    plan.save()
    access.ensure_editable(user, plan)
    return plan


@transaction.atomic
def plan_create(
    *,
    user,
    year: int,
    unit: AdministrativeUnit,
    title: str,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    targets=(),
) -> YearlyPlan:
    """A draft plan for an area and a year, with its target lines (dicts of ``TARGET_FIELDS``)."""
    _ensure_can_manage(user)
    plan = _save_plan(
        user,
        YearlyPlan(year=year, unit=unit, title=title, decision_number=decision_number, decision_date=decision_date),
    )
    for line in targets:
        unknown = set(line) - set(TARGET_FIELDS)
        if unknown:
            raise ValidationError(
                _("Trường không hợp lệ trong dòng chỉ tiêu: %(f)s.") % {"f": ", ".join(sorted(unknown))}
            )
        _add_target(user, plan, **line)
    return plan


@transaction.atomic
def plan_update(*, user, plan: YearlyPlan, **fields) -> YearlyPlan:
    """Title and decision of a plan; a closed plan is part of the record and does not change."""
    _ensure_can_manage(user, plan)
    plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == YearlyPlan.Status.CLOSED:
        raise TransitionNotAllowed(_("Kế hoạch đã tổng kết, không thể sửa."), code="plan_closed")
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Không thể sửa các trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if plan.status == YearlyPlan.Status.APPROVED and {"decision_number", "decision_date"} & set(fields):
        raise TransitionNotAllowed(
            _("Kế hoạch đã phê duyệt: không thể sửa số, ngày quyết định phê duyệt."), code="plan_approved"
        )
    for name, value in fields.items():
        setattr(plan, name, value)
    return _save_plan(user, plan)


@transaction.atomic
def plan_approve(
    *, user, plan: YearlyPlan, decision_number: str | None = None, decision_date: datetime.date | None = None
) -> YearlyPlan:
    """Draft → approved: the decision that adopts the plan is recorded; target lines are fixed from now on."""
    _ensure_can_manage(user, plan)
    plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != YearlyPlan.Status.DRAFT:
        raise TransitionNotAllowed(
            _("Chỉ phê duyệt được kế hoạch đang dự thảo (kế hoạch này: %(s)s).") % {"s": plan.get_status_display()},
            code="not_draft",
        )
    if decision_number is not None:
        plan.decision_number = decision_number
    if decision_date is not None:
        plan.decision_date = decision_date
    errors = {}
    if not plan.decision_number.strip():
        errors["decision_number"] = _("Cần số quyết định phê duyệt kế hoạch.")
    if plan.decision_date is None:
        errors["decision_date"] = _("Cần ngày quyết định phê duyệt kế hoạch.")
    if errors:
        raise ValidationError(errors)
    if not plan.targets.exists():
        raise ValidationError(_("Kế hoạch chưa có dòng chỉ tiêu nào."), code="no_targets")
    plan.status = YearlyPlan.Status.APPROVED
    return _save_plan(user, plan)


@transaction.atomic
def plan_close(*, user, plan: YearlyPlan) -> YearlyPlan:
    """Approved → closed, at the year-end review: targets and reported figures are kept as they were."""
    _ensure_can_manage(user, plan)
    plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != YearlyPlan.Status.APPROVED:
        raise TransitionNotAllowed(
            _("Chỉ tổng kết được kế hoạch đã phê duyệt (kế hoạch này: %(s)s).") % {"s": plan.get_status_display()},
            code="not_approved",
        )
    plan.status = YearlyPlan.Status.CLOSED
    return _save_plan(user, plan)


@transaction.atomic
def plan_delete(*, user, plan: YearlyPlan) -> None:
    """Only a draft may be deleted: an approved plan is the record of a decision."""
    _ensure_can_manage(user, plan)
    plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != YearlyPlan.Status.DRAFT:
        raise TransitionNotAllowed(_("Chỉ xóa được kế hoạch đang dự thảo."), code="not_draft")
    access.ensure_editable(user, plan)
    plan.delete()


# --- Target lines ------------------------------------------------------------------------------


def _ensure_draft(plan: YearlyPlan) -> None:
    if plan.status != YearlyPlan.Status.DRAFT:
        raise TransitionNotAllowed(
            _("Kế hoạch đã phê duyệt hoặc đã tổng kết: không thể thay đổi chỉ tiêu."), code="plan_not_draft"
        )


def _resolve_unit(plan: YearlyPlan, unit) -> AdministrativeUnit:
    """A target's area: the plan's by default, a unit, or a unit code inside the plan's area."""
    if unit is None or unit == "":
        return plan.unit
    if isinstance(unit, AdministrativeUnit):
        return unit
    found = AdministrativeUnit.objects.filter(code=str(unit), path__startswith=plan.unit.path).first()
    if found is None:
        raise ValidationError(
            {"unit": _("Không có đơn vị mã %(code)s trong địa bàn %(area)s.") % {"code": unit, "area": plan.unit}}
        )
    return found


def _check_target(target: Target) -> None:
    plan = target.plan
    errors = {}
    if target.indicator not in Target.Indicator.values:
        errors["indicator"] = _("Chỉ tiêu “%(i)s” không có trong danh mục.") % {"i": target.indicator}
    if not target.unit.path.startswith(plan.unit.path):
        errors["unit"] = _("Địa bàn của chỉ tiêu (%(unit)s) phải thuộc địa bàn của kế hoạch (%(area)s).") % {
            "unit": target.unit,
            "area": plan.unit,
        }
    if target.legal_form and target.indicator not in ORGANISATION_INDICATORS:
        errors["legal_form"] = _("Loại hình chỉ dùng cho chỉ tiêu về tổ chức kinh tế.")
    if target.target_min is None or target.target_min < 0:
        errors["target_min"] = _("Chỉ tiêu tối thiểu phải là số không âm.")
    elif target.target_max is not None and target.target_max < target.target_min:
        errors["target_max"] = _("Chỉ tiêu tối đa (%(max)s) không được nhỏ hơn chỉ tiêu tối thiểu (%(min)s).") % {
            "max": target.target_max,
            "min": target.target_min,
        }
    if errors:
        raise ValidationError(errors)
    duplicate = Target.objects.filter(
        plan=plan, indicator=target.indicator, unit=target.unit, legal_form=target.legal_form
    ).exclude(pk=target.pk)
    if duplicate.exists():
        raise ValidationError(
            _("Kế hoạch đã có chỉ tiêu “%(i)s” cho %(unit)s.")
            % {"i": Target.Indicator(target.indicator).label, "unit": target.unit},
            code="duplicate_target",
        )
    target.full_clean()


def _set_range(target: Target, target_min, target_max) -> None:
    """A range given as text ("10–15") or as two numbers; equal ends are a single number."""
    if isinstance(target_min, str) and target_max is None:
        target_min, target_max = parse_target(target_min)
    target.target_min = target_min
    target.target_max = None if target_max in ("", None) or target_max == target_min else target_max


def _add_target(user, plan, *, indicator, target_min, target_max=None, unit=None, legal_form="", note="") -> Target:
    _ensure_draft(plan)
    target = Target(plan=plan, indicator=indicator, unit=_resolve_unit(plan, unit), legal_form=legal_form or "")
    target.note = note or ""
    _set_range(target, target_min, target_max)
    _check_target(target)
    target.save()
    access.ensure_editable(user, target)
    return target


@transaction.atomic
def target_add(
    *, user, plan: YearlyPlan, indicator, target_min, target_max=None, unit=None, legal_form="", note=""
) -> Target:
    """A target line of a draft plan: a number or a range, for the plan's area or a unit inside it."""
    _ensure_can_manage(user, plan)
    plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
    return _add_target(
        user,
        plan,
        indicator=indicator,
        target_min=target_min,
        target_max=target_max,
        unit=unit,
        legal_form=legal_form,
        note=note,
    )


@transaction.atomic
def target_update(*, user, target: Target, **fields) -> Target:
    _ensure_can_manage(user, target)
    plan = YearlyPlan.objects.select_for_update().get(pk=target.plan_id)
    _ensure_draft(plan)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(_("Không thể sửa các trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    target = Target.objects.get(pk=target.pk)
    if "unit" in fields:
        target.unit = _resolve_unit(plan, fields.pop("unit"))
    if "target_min" in fields or "target_max" in fields:
        _set_range(target, fields.pop("target_min", target.target_min), fields.pop("target_max", target.target_max))
    for name, value in fields.items():
        setattr(target, name, value or "")
    _check_target(target)
    target.save()
    access.ensure_editable(user, target)
    return target


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    _ensure_can_manage(user, target)
    _ensure_draft(YearlyPlan.objects.select_for_update().get(pk=target.plan_id))
    access.ensure_editable(user, target)
    target.delete()


# --- Reported values ---------------------------------------------------------------------------


@transaction.atomic
def reported_value_add(*, user, target: Target, value: int, as_of: datetime.date, source: str) -> ReportedValue:
    """A figure the records cannot give (sales points), with the date it is valid for and its source."""
    _ensure_can_manage(user, target)
    plan = YearlyPlan.objects.select_for_update().get(pk=target.plan_id)
    if indicators.spec(target.indicator).computed:
        raise ValidationError(
            _("Chỉ tiêu “%(i)s” được tính từ dữ liệu của cổng; không nhập số liệu báo cáo.")
            % {"i": target.get_indicator_display()},
            code="computed_indicator",
        )
    if plan.status != YearlyPlan.Status.APPROVED:
        raise TransitionNotAllowed(
            _("Chỉ nhập số liệu báo cáo cho kế hoạch đã phê duyệt, chưa tổng kết."), code="plan_not_approved"
        )
    errors = {}
    if as_of is None or as_of.year != plan.year:
        errors["as_of"] = _("Ngày số liệu phải thuộc năm kế hoạch %(year)s.") % {"year": plan.year}
    elif as_of > timezone.localdate():
        errors["as_of"] = _("Ngày số liệu không được sau ngày hôm nay.")
    if not (source or "").strip():
        errors["source"] = _("Cần ghi nguồn số liệu (báo cáo, văn bản, đơn vị cung cấp).")
    if errors:
        raise ValidationError(errors)
    reported = ReportedValue(target=target, value=value, as_of=as_of, source=source.strip())
    reported.full_clean()
    reported.save()
    access.ensure_editable(user, reported)
    return reported


# --- Support activities ------------------------------------------------------------------------


def _check_activity(activity: SupportActivity) -> None:
    if not FIRST_YEAR <= activity.year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Năm hỗ trợ không hợp lệ.")})
    if activity.happened_on and activity.happened_on.year != activity.year:
        raise ValidationError({"happened_on": _("Ngày hỗ trợ phải thuộc năm %(year)s.") % {"year": activity.year}})
    activity.full_clean()


@transaction.atomic
def support_activity_create(
    *, user, producer: Producer, year: int, kind: str, description: str = "", happened_on=None
) -> SupportActivity:
    """Support given to an organisation: what "organisations supported" counts."""
    _ensure_can_manage(user)
    activity = SupportActivity(
        producer=producer, year=year, kind=kind, description=description or "", happened_on=happened_on
    )
    _check_activity(activity)
    activity.save()
    access.ensure_editable(user, activity)
    return activity


@transaction.atomic
def support_activity_update(*, user, activity: SupportActivity, **fields) -> SupportActivity:
    _ensure_can_manage(user, activity)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(_("Không thể sửa các trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    activity = SupportActivity.objects.select_for_update().get(pk=activity.pk)
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_activity(activity)
    activity.save()
    access.ensure_editable(user, activity)
    return activity


@transaction.atomic
def support_activity_delete(*, user, activity: SupportActivity) -> None:
    _ensure_can_manage(user, activity)
    access.ensure_editable(user, activity)
    activity.delete()
