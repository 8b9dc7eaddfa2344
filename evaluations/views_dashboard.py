"""The dashboard: key figures and charts of the user's area (officers: the province).

Every figure is scoped with ``editable_by`` — the area the user works for, not the wider area
they may browse — through ``targets.editable`` (the same rows, the area as unit ids). Each chart's
data is also rendered as a table (accessible, printable).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluations import progress, rules, snapshots, targets
from evaluations.models import Certificate, CouncilMember, Evaluation, YearlyPlan
from evaluations.views_reports import current_plan_progress
from organizations import access
from organizations.models import AdministrativeUnit
from organizations.views_common import portal_role
from products.models import Product, Registration

EXPIRY_HORIZON_DAYS = 180
YEARS_AROUND = (2000, 5)  # ?year= outside 2000 … this year + 5 is this year (keeps the stored keys few)
STARS = (3, 4, 5)


def _chart(chart_id, title, kind, labels, datasets, *, stacked=False):
    """The JSON a chart is drawn from (static/portal/js/charts.js) and its table is printed from."""
    labels = [str(label) for label in labels]
    datasets = [{"label": str(label), "data": data} for label, data in datasets]
    rows = [(label, [dataset["data"][i] for dataset in datasets]) for i, label in enumerate(labels)]
    return {
        "id": chart_id,
        "title": title,
        "type": kind,
        "stacked": stacked,
        "labels": labels,
        "datasets": datasets,
        "rows": rows,
    }


def _stars_by_year(certificates):
    rows = certificates.values(year=ExtractYear("decision_date"), level=F("star")).annotate(
        n=Count("product", distinct=True)
    )
    counts = {(row["year"], row["level"]): row["n"] for row in rows}
    years = sorted({year for year, _star in counts})
    return _chart(
        "chart-stars-year",
        _("Sản phẩm được công nhận theo hạng sao và năm"),
        "bar",
        years,
        [
            (ngettext("%(n)d sao", "%(n)d sao", star) % {"n": star}, [counts.get((year, star), 0) for year in years])
            for star in STARS
        ],
        stacked=True,
    )


def _by_area(recognised):
    area_name = Case(
        When(origin_commune__parent__level=AdministrativeUnit.Level.DISTRICT, then=F("origin_commune__parent__name")),
        default=F("origin_commune__name"),
        output_field=CharField(),
    )
    rows = recognised.values(area=area_name).annotate(n=Count("id")).order_by("-n", "area")
    return _chart(
        "chart-area",
        _("Sản phẩm đang được công nhận theo huyện/xã"),
        "bar",
        [row["area"] for row in rows],
        [(_("Sản phẩm"), [row["n"] for row in rows])],
    )


def _by_group(recognised):
    group_name = Coalesce(
        "product_set__group__name_vi", "group_2018__name_vi", Value(_("Chưa phân loại")), output_field=CharField()
    )
    rows = recognised.values(group=group_name).annotate(n=Count("id")).order_by("-n", "group")
    return _chart(
        "chart-group",
        _("Sản phẩm đang được công nhận theo nhóm sản phẩm"),
        "doughnut",
        [row["group"] for row in rows],
        [(_("Sản phẩm"), [row["n"] for row in rows])],
    )


def _registrations_by_status(counts):
    statuses = Registration.Status
    return _chart(
        "chart-registrations",
        _("Hồ sơ đăng ký theo trạng thái"),
        "bar",
        [label for _value, label in statuses.choices],
        [(_("Hồ sơ"), [counts.get(value, 0) for value, _label in statuses.choices])],
    )


def _years(user):
    years = (
        targets.editable(Registration.objects.all(), user).values_list("year", flat=True).distinct().order_by("-year")
    )
    return sorted(set(years) | {timezone.localdate().year}, reverse=True)


def _requested_year(request, today) -> int:
    """``?year=``; this year when absent, unreadable or far outside the program's years."""
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    first, ahead = YEARS_AROUND
    return year if first <= year <= today.year + ahead else today.year


def _figures(user, requested_year, today) -> dict:
    """Everything the dashboard counts, as JSON types (stored by ``evaluations.snapshots``)."""
    years = _years(user)
    year = requested_year if requested_year in years else today.year
    recognised = targets.editable(Product.objects.all(), user).filter(
        pk__in=access.published_products(today).values("pk")
    )
    registrations = targets.editable(Registration.objects.all(), user).filter(year=year)
    expiring = list(
        targets.editable(Certificate.objects.all(), user)
        .filter(status=Certificate.Status.ACTIVE, expires_on__range=(today, today + timedelta(EXPIRY_HORIZON_DAYS)))
        .order_by("expires_on", "number")
        .values_list("pk", flat=True)
    )
    figures = recognised.aggregate(
        recognised=Count("id"),
        producers=Count("producer", distinct=True),
        five=Count("id", filter=Q(current_star=5)),
    )
    by_status = dict(registrations.values_list("status").annotate(n=Count("id")))
    figures["registrations"] = sum(by_status.values())  # every registration has a status: no second count
    figures["open_evaluations"] = (
        targets.editable(Evaluation.objects.all(), user).filter(status=Evaluation.Status.OPEN).count()
    )
    figures["expiring"] = len(expiring)
    charts = [
        _stars_by_year(targets.editable(Certificate.objects.all(), user)),
        _by_area(recognised),
        _by_group(recognised),
        _registrations_by_status(by_status),
    ]
    plan, plan_progress = current_plan_progress(user, year)
    return {
        "year": year,
        "years": years,
        "figures": figures,
        "charts": charts,
        "expiring": expiring,
        "plan": plan.pk if plan else None,
        "progress": [line.as_dict() for line in plan_progress],
    }


def _progress(data: dict) -> progress.Progress:
    """A ``Progress`` line back from its stored form (dates and decimals were written as text)."""
    data = dict(data)
    for name in ("percent", "expected"):
        if data[name] is not None:
            data[name] = Decimal(data[name])
    data["as_of"] = date.fromisoformat(data["as_of"])
    data["children"] = [_progress(child) for child in data["children"]]
    return progress.Progress(**data)


@login_required
def dashboard(request):
    """Where sign-in lands: the area's figures; council members go on to their sessions.

    The figures are stored per scope, year and day and served while no counted record has changed
    (``evaluations.snapshots``): at national scale they take seconds to count. The certificates
    about to expire are stored as ids and read fresh (names may change without moving a figure).
    """
    user = request.user
    if portal_role(user) not in ("officer", "area_staff"):
        if CouncilMember.objects.filter(user=user).exists():
            return redirect("my-sessions")
        return redirect("home")
    today = timezone.localdate()
    requested = _requested_year(request, today)
    data = snapshots.cached(
        snapshots.key_for("dashboard", user=user, year=requested),
        lambda: _figures(user, requested, today),
        kind="dashboard",
        year=requested,
    )
    certificates = Certificate.objects.select_related("product__producer").in_bulk(data["expiring"])
    expiring = [
        (certificate, *rules.refiling_window(certificate.expires_on))
        for certificate in (certificates[pk] for pk in data["expiring"] if pk in certificates)
    ]
    plan = YearlyPlan.objects.filter(pk=data["plan"]).first() if data["plan"] else None
    return render(
        request,
        "portal/dashboard.html",
        {
            "plan": plan,
            "progress": [_progress(line) for line in data["progress"]],
            "year": data["year"],
            "years": data["years"],
            "figures": data["figures"],
            "charts": data["charts"],
            "expiring": expiring,
            "horizon_days": EXPIRY_HORIZON_DAYS,
        },
    )
