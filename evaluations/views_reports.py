"""Officers' plans, targets with their progress, and the year summary with its export.

Figures come from ``evaluations.progress`` and ``evaluations.summary`` (the same services as the
API and ``manage.py year_summary``); files from ``ocop_portal.spreadsheets``.
"""

import datetime
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import progress
from evaluations import summary as summaries
from evaluations.forms import YearSummaryQueryForm
from evaluations.models import YearlyPlan
from ocop_portal.spreadsheets import iter_csv, write_xlsx
from organizations import access
from organizations.models import AdministrativeUnit
from organizations.views_common import officer_required, paginate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _as_of(request):
    """``?as_of=dd/mm/yyyy`` (today when absent or unreadable)."""
    try:
        return datetime.datetime.strptime(request.GET.get("as_of", ""), "%d/%m/%Y").date()  # noqa: DTZ007
    except ValueError:
        return timezone.localdate()


@officer_required
def plan_list(request):
    plans = YearlyPlan.objects.visible_to(request.user).select_related("unit").order_by("-year", "unit__path")
    return render(request, "officer/plan_list.html", {"page": paginate(request, plans)})


@officer_required
def plan_detail(request, pk):
    plan = get_object_or_404(YearlyPlan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    as_of = _as_of(request)
    return render(
        request,
        "officer/plan_detail.html",
        {"plan": plan, "as_of": as_of, "progress": progress.plan_progress(plan, as_of=as_of, user=request.user)},
    )


def current_plan_progress(user, year):
    """The plan of the user's own area for ``year`` (else the nearest one above it) and its progress."""
    plans = YearlyPlan.objects.visible_to(user).filter(year=year).select_related("unit")
    scope = access.scope_of(user)
    own = [plan for plan in plans if any(path.startswith(plan.unit.path) for path in scope.edit)] or list(plans)
    if not own:
        return None, []
    plan = max(own, key=lambda p: len(p.unit.path))
    return plan, progress.plan_progress(plan, user=user)


def _default_area(user):
    scope = access.scope_of(user)
    path = scope.edit[0] if scope.edit else ""
    unit = AdministrativeUnit.objects.filter(path=path).first()
    return unit.code if unit else ""


@officer_required
def year_summary(request):
    query = YearSummaryQueryForm(request.GET)
    valid = query.is_valid()
    year = (query.cleaned_data.get("year") if valid else None) or timezone.localdate().year
    area = (query.cleaned_data.get("area", "").strip() if valid else "") or _default_area(request.user)
    error = None
    result = None
    if not valid:
        error = " ".join(message for messages in query.errors.values() for message in messages)
    else:
        try:
            unit = summaries.resolve_area(area, year)
        except AdministrativeUnit.DoesNotExist as exc:
            error = str(exc.args[0]) if exc.args else _("Không có đơn vị hành chính này.")
        else:  # figures are counted on what the user may see, whatever area they name
            result = summaries.year_summary(year=year, unit=unit, user=request.user)
    export = request.GET.get("format")
    if result is not None and export in ("xlsx", "csv"):
        filename = f"bao-cao-ocop-{area}-{year}.{export}"
        if export == "xlsx":
            buffer = io.BytesIO()
            write_xlsx(buffer, summaries.summary_sheets(result))
            response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        else:
            headers = [str(h) for h in summaries.CSV_HEADERS]
            response = StreamingHttpResponse(
                iter_csv(headers, summaries.summary_csv_rows(result)), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {"year": year, "area": area, "error": error, "summary": result}
    if result is not None:
        context["headline"] = summaries.headline_rows(result)
        context["breakdowns"] = [
            (
                str(title),
                [str(summaries.MEASURES[m]) for m in summaries.breakdown_measures(key)],
                [
                    (row["name"], [row[m] for m in summaries.breakdown_measures(key)])
                    for row in result["breakdowns"][key]
                ],
            )
            for key, title in summaries.BREAKDOWNS.items()
        ]
    return render(request, "officer/year_summary.html", context)
