"""The year summary ("báo cáo tổng kết") of an area: one service for the page, the API and the command.

What the province reports at the end of a year, computed from the records: products surveyed,
registered, evaluated and recognised (by star, with their organisations), certificates issued,
expired, revoked and superseded, commendations, and the year's plan with its targets against the
actuals — and the same figures broken down by district, product group and legal form.

Definitions (``DEFINITIONS`` says them to users):

- **surveyed**: ``SurveyEntry`` rows of the year in the area; groups are the 2018 groups for the
  2018 survey (the entry's, else the product's), the product set's group from 2019 on.
- **registered**: registrations of the year that were submitted (not drafts) and not withdrawn;
  drafts and withdrawals are given beside them.
- **evaluations**: finalised evaluations of the year's council rounds (every level).
- **recognised in the year**: certificates whose recognition decision is dated in the year,
  whatever happened to them later — a revocation in a later year does not rewrite the year's
  figure, and revocations are reported on their own line. A product recognised twice in the year
  (an upgrade) counts once, under its highest star.
- **commended organisations**: distinct organisations with a commendation of the year.

Each table is read by one grouped statement (by commune, group, legal form and producer, the
measures as conditional counts); the headline figures are added up from its rows and the
breakdowns folded into the three dimensions in Python, so the number of statements does not
depend on the number of products (about 10, and one per computed line of the year's plan).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluations import progress, snapshots
from evaluations import targets as indicators
from evaluations.models import Certificate, Evaluation, YearlyPlan
from organizations.models import AdministrativeUnit, Commendation, Producer
from products.models import Branch, ProductGroup, Registration, SurveyEntry

STARS = ("3", "4", "5")
FIRST_1048_YEAR = 2019  # from 2019 products are classified by product set (1048/QĐ-TTg), before by the 2018 groups

DEFINITIONS = {
    "surveyed": gettext_lazy(
        "Sản phẩm điều tra: sản phẩm có trong danh sách điều tra sản phẩm lợi thế của năm; nhóm sản phẩm theo "
        "6 nhóm năm 2018 cho năm 2018, theo nhóm của bộ sản phẩm từ năm 2019."
    ),
    "registered": gettext_lazy(
        "Sản phẩm đăng ký: hồ sơ đăng ký của năm đã nộp (không tính hồ sơ nháp) và không rút; số hồ sơ nháp và "
        "đã rút ghi riêng."
    ),
    "evaluations": gettext_lazy("Phiên đánh giá đã hoàn tất của các đợt đánh giá trong năm, ở mọi cấp hội đồng."),
    "recognised": gettext_lazy(
        "Sản phẩm được công nhận trong năm: giấy chứng nhận có quyết định công nhận ký trong năm, kể cả giấy sau "
        "đó bị thu hồi hoặc được thay thế (số liệu lịch sử của năm không thay đổi); sản phẩm được công nhận hai "
        "lần trong năm tính một lần theo hạng cao nhất. Số tổ chức là số chủ thể không trùng lặp."
    ),
    "certificates": gettext_lazy(
        "Giấy chứng nhận: cấp mới (quyết định trong năm), hết hạn (hết hiệu lực trong năm mà chưa bị thu hồi "
        "hay thay thế trước đó), bị thu hồi (ngày thu hồi trong năm), được thay thế (do nâng hạng hoặc đánh giá "
        "lại trong năm), còn hiệu lực tại ngày tính."
    ),
    "commended": gettext_lazy("Tổ chức được khen thưởng: số chủ thể không trùng lặp có khen thưởng của năm."),
    "common": indicators.COMMON_RULES,
}
DEFINITION_LABELS = {
    "surveyed": gettext_lazy("Điều tra"),
    "registered": gettext_lazy("Đăng ký"),
    "evaluations": gettext_lazy("Đánh giá"),
    "recognised": gettext_lazy("Công nhận"),
    "certificates": gettext_lazy("Giấy chứng nhận"),
    "commended": gettext_lazy("Khen thưởng"),
    "common": gettext_lazy("Quy ước chung"),
}


# --- Area ----------------------------------------------------------------------------------------


def resolve_area(code: str, year: int) -> AdministrativeUnit:
    """The unit a report names by code ("06") or path ("old/06/"), as it was at the end of ``year``.

    GSO codes repeat across the 2025 reform (19 is Thái Nguyên in both lists); the unit valid on
    31/12 of the year wins, then the list of that time (old before 1/7/2025).
    """
    candidates = list(AdministrativeUnit.objects.filter(Q(code=code) | Q(path=code)))
    if not candidates:
        raise AdministrativeUnit.DoesNotExist(_("Không có đơn vị hành chính mã “%(code)s”.") % {"code": code})
    day = datetime.date(year, 12, 31)
    era = AdministrativeUnit.Era.OLD if day < datetime.date(2025, 7, 1) else AdministrativeUnit.Era.NEW

    def rank(unit):
        valid = (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to >= day)
        return (not valid, unit.era != era, unit.level != AdministrativeUnit.Level.PROVINCE, unit.path)

    return min(candidates, key=rank)


# --- Breakdowns ----------------------------------------------------------------------------------


class _Breakdown:
    """Counts grouped by (commune path, product group, legal form), folded into the three dimensions."""

    def __init__(self, unit, year):
        self.unit = unit
        self.uses_2018_groups = year < FIRST_1048_YEAR
        self.rows = {"district": defaultdict(dict), "group": defaultdict(dict), "legal_form": defaultdict(dict)}

    def product_group(self, prefix="") -> F:
        if self.uses_2018_groups:
            return F(f"{prefix}group_2018_id")
        return F(f"{prefix}product_set__group_id")

    def add(self, measure: str, rows) -> None:
        """``rows``: (commune path, group id or None, legal form, count) tuples of one measure."""
        for path, group, legal_form, n in rows:
            district = indicators.child_key(path, self.unit)
            for dimension, key in (("district", district), ("group", group), ("legal_form", legal_form)):
                if dimension == "group" and group == "-":
                    continue  # a measure with no product (commendations) has no product group
                cell = self.rows[dimension][key]
                cell[measure] = cell.get(measure, 0) + n

    def result(self) -> dict[str, list[dict]]:
        labels = {
            "district": self._district_labels(),
            "group": self._group_labels(),
            "legal_form": dict(Producer.LegalForm.choices),
        }
        return {dimension: self._rows(dimension, names) for dimension, names in labels.items()}

    def _rows(self, dimension, labels):
        measures = breakdown_measures(dimension)
        keys = list(labels) + sorted((k for k in self.rows[dimension] if k not in labels), key=lambda k: str(k))
        result = []
        for key in keys:
            counts = self.rows[dimension].get(key, {})
            if not counts and dimension != "district":
                continue
            label = labels.get(key)
            if label is None:
                label = _("Chưa phân loại") if dimension == "group" else str(key)
            row = {"key": key, "name": str(label)}
            row.update({measure: counts.get(measure, 0) for measure in measures})
            result.append(row)
        return result

    def _district_labels(self):
        units = indicators.child_units(self.unit)
        extra = [k for k in self.rows["district"] if k and k not in {u.path for u in units}]
        if extra:
            units += list(AdministrativeUnit.objects.filter(path__in=extra).order_by("path"))
        return {unit.path: str(unit) for unit in units}

    def _group_labels(self):
        ids = [k for k in self.rows["group"] if k is not None]
        model = Branch if self.uses_2018_groups else ProductGroup
        return {obj.pk: obj.name_vi for obj in model.objects.filter(pk__in=ids).order_by("code", "pk")}


# --- The summary -----------------------------------------------------------------------------------


def year_summary(*, year: int, unit: AdministrativeUnit, user=None, as_of: datetime.date | None = None) -> dict:
    """The year's figures for an area (and the user's view scope, when a user is given).

    Stored once computed and served while no counted record has changed (``evaluations.snapshots``):
    the live computation is seconds for a province at national scale.
    """
    end = indicators.period(year, as_of).end
    key = snapshots.key_for("summary", user=user, year=year, unit=unit.pk, end=end)
    result = snapshots.cached(
        key,
        lambda: compute_year_summary(year=year, unit=unit, user=user, as_of=end),
        kind="summary",
        year=year,
        unit=unit,
    )
    result["as_of"] = datetime.date.fromisoformat(result["as_of"])
    if result["plan"] is not None and result["plan"]["decision_date"] is not None:
        result["plan"]["decision_date"] = datetime.date.fromisoformat(result["plan"]["decision_date"])
    return result


def compute_year_summary(*, year: int, unit: AdministrativeUnit, user=None, as_of: datetime.date | None = None) -> dict:
    """The year's figures computed from the records (``year_summary`` serves them stored).

    One grouped statement per table: rows by (commune, group, legal form, producer) with the
    measures as conditional counts. A product has one commune, group and producer, so its
    distinct counts add up across rows; organisations are the distinct producers of the rows.
    """
    p = indicators.period(year, as_of)
    breakdown = _Breakdown(unit, year)

    # Surveyed products (one entry per product and year).
    surveys = indicators.scoped(SurveyEntry.objects.filter(year=year), unit, user)
    survey_group = (
        Coalesce("group_2018_id", "product__group_2018_id")
        if breakdown.uses_2018_groups
        else F("product__product_set__group_id")
    )
    rows = _by_producer(surveys, "product__", group=survey_group, products=Count("pk"))
    surveyed = {
        "products": sum(row["products"] for row in rows),
        "groups": len({row["group"] for row in rows if row["group"] is not None}),
        "organizations": len({row["producer"] for row in rows}),
    }
    breakdown.add("surveyed", _cells(rows, "products"))

    # Registrations: those counted, and beside them drafts and withdrawals.
    of_year = indicators.scoped(Registration.objects.filter(year=year), unit, user)
    counted = indicators.registered(p)
    kinds = Registration.EvaluationType.values
    rows = _by_producer(
        of_year,
        "product__",
        group=breakdown.product_group("product__"),
        products=Count("product", distinct=True, filter=counted),
        draft=Count("pk", filter=Q(status=Registration.Status.DRAFT)),
        withdrawn=Count("pk", filter=Q(status=Registration.Status.WITHDRAWN)),
        **{f"type_{kind}": Count("pk", filter=counted & Q(evaluation_type=kind)) for kind in kinds},
    )
    registered = {
        "products": sum(row["products"] for row in rows),
        "organizations": len({row["producer"] for row in rows if row["products"]}),
        "by_type": {kind: sum(row[f"type_{kind}"] for row in rows) for kind in kinds},
        "draft": sum(row["draft"] for row in rows),
        "withdrawn": sum(row["withdrawn"] for row in rows),
    }
    breakdown.add("registered", _cells(rows, "products"))

    # Evaluations: finalised ones by outcome, and those still being scored.
    of_year = indicators.scoped(Evaluation.objects.filter(council__year=year), unit, user)
    counted = indicators.finalised(p)
    outcomes = Evaluation.Outcome.values
    rows = _by_producer(
        of_year,
        "registration__product__",
        group=breakdown.product_group("registration__product__"),
        total=Count("pk", filter=counted),
        products=Count("registration__product", distinct=True, filter=counted),
        open=Count("pk", filter=Q(status=Evaluation.Status.OPEN)),
        **{f"outcome_{outcome}": Count("pk", filter=counted & Q(outcome=outcome)) for outcome in outcomes},
    )
    evaluated = {
        "total": sum(row["total"] for row in rows),
        "products": sum(row["products"] for row in rows),
        "open": sum(row["open"] for row in rows),
        "by_outcome": {outcome: sum(row[f"outcome_{outcome}"] for row in rows) for outcome in outcomes},
    }
    breakdown.add("evaluated", _cells(rows, "products"))

    # Recognitions: each product once, under its highest star of the year.
    decided = indicators.scoped(Certificate.objects.filter(decision_date__range=(p.start, p.end)), unit, user)
    best = Certificate.objects.filter(
        pk__in=decided.order_by("product_id", "-star", "decision_date").distinct("product_id").values("pk")
    )
    rows = _by_producer(best, "product__", "star", group=breakdown.product_group("product__"), products=Count("pk"))
    recognised = {star: {"products": 0, "organizations": 0} for star in STARS}
    for star in sorted({row["star"] for row in rows}):
        of_star = [row for row in rows if row["star"] == star]
        recognised[str(star)] = {
            "products": sum(row["products"] for row in of_star),
            "organizations": len({row["producer"] for row in of_star}),
        }
        if str(star) in STARS:
            breakdown.add(f"recognised_{star}", _cells(of_star, "products"))
    recognised["total"] = {
        "products": sum(row["products"] for row in rows),
        "organizations": len({row["producer"] for row in rows}),
    }

    # Certificates issued, expired, revoked, superseded in the period; in force at its end.
    start, end = p.start, p.end
    ended_before_expiry = Q(revoked_on__lte=F("expires_on")) | Q(superseded_by__decision_date__lte=F("expires_on"))
    certificates = indicators.scoped(Certificate.objects.all(), unit, user).aggregate(
        issued=Count("pk", filter=Q(decision_date__range=(start, end))),
        expired=Count("pk", filter=Q(expires_on__range=(start, end)) & ~ended_before_expiry),
        revoked=Count("pk", filter=Q(revoked_on__range=(start, end))),
        superseded=Count("pk", filter=Q(superseded_by__decision_date__range=(start, end))),
        in_force=Count("pk", filter=indicators.in_force(end)),
    )

    # Commendations: organisations have no product group ("-" keeps them out of that dimension).
    commendations = indicators.scoped(Commendation.objects.filter(year=year), unit, user)
    rows = list(
        commendations.values(
            path=F("producer__commune__path"), group=Value("-"), legal_form=F("producer__legal_form"), of=F("producer")
        )
        .annotate(n=Count("pk"))
        .values("path", "group", "legal_form", "of")
    )
    commended = len({row["of"] for row in rows})
    breakdown.add("commended_organizations", [(row["path"], row["group"], row["legal_form"], 1) for row in rows])

    plan = indicators.scoped(YearlyPlan.objects.filter(year=year, unit=unit), unit, user).first()
    return {
        "year": year,
        "area": {"code": unit.code, "name": unit.name, "label": str(unit), "path": unit.path},
        "as_of": p.end,
        "surveyed": surveyed,
        "registered": registered,
        "evaluations": evaluated,
        "recognised": recognised,
        "commended_organizations": commended,
        "certificates": certificates,
        "plan": _plan(plan),
        "targets": _targets(plan, p.end, user),
        "breakdowns": breakdown.result(),
        "definitions": {key: str(text) for key, text in DEFINITIONS.items()},
    }


def _by_producer(queryset, product: str, *fields: str, **measures) -> list[dict]:
    """Rows of ``queryset`` grouped by the product's commune path, group and producer's legal form, and by
    producer (``product``: the lookup to the product, "product__"), and by the model's own ``fields``;
    ``measures``: ``group`` (an expression) and the aggregates.

    The product decides every key, so a distinct count of products adds up across rows.
    """
    keys = {
        "path": F(f"{product}origin_commune__path"),
        "group": measures.pop("group"),
        "legal_form": F(f"{product}producer__legal_form"),
        "producer": F(f"{product}producer_id"),
    }
    return list(queryset.values(*fields, **keys).annotate(**measures).values(*fields, *keys, *measures))


def _cells(rows, measure: str):
    """(commune path, group, legal form, count) of the rows where ``measure`` counted something."""
    return [(row["path"], row["group"], row["legal_form"], row[measure]) for row in rows if row[measure]]


def _plan(plan):
    if plan is None:
        return None
    return {
        "id": plan.pk,
        "title": plan.title,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
    }


def _target_dict(line: progress.Progress) -> dict:
    return {
        "indicator": line.indicator,
        "label": line.label,
        "definition": line.definition,
        "unit": line.unit_code,
        "unit_name": line.unit_name,
        "legal_form": line.legal_form,
        "target_min": line.target_min,
        "target_max": line.target_max,
        "actual": line.actual,
        "percent": float(line.percent) if line.percent is not None else None,
        "expected": float(line.expected) if line.expected is not None else None,
        "status": str(line.status) if line.status else None,
        "status_label": line.status_label,
        "source": line.source,
        "note": line.note,
    }


def _targets(plan, as_of, user) -> list[dict]:
    """The plan's lines against the actuals; a line of the plan's own area with its units below it."""
    if plan is None:
        return []
    rows = []
    for line in progress.plan_progress(plan, as_of=as_of, user=user, by_area=True):
        row = _target_dict(line)
        row["areas"] = [_target_dict(child) for child in line.children]
        rows.append(row)
    return rows


# --- As spreadsheets -----------------------------------------------------------------------------

MEASURES = {
    "surveyed": gettext_lazy("Sản phẩm điều tra"),
    "registered": gettext_lazy("Sản phẩm đăng ký"),
    "evaluated": gettext_lazy("Sản phẩm được đánh giá"),
    "recognised_3": gettext_lazy("Sản phẩm 3 sao"),
    "recognised_4": gettext_lazy("Sản phẩm 4 sao"),
    "recognised_5": gettext_lazy("Sản phẩm 5 sao"),
    "commended_organizations": gettext_lazy("Tổ chức được khen thưởng"),
}


def breakdown_measures(dimension: str) -> list[str]:
    """Organisations have no product group: commendations are not broken down by group."""
    return [m for m in MEASURES if not (dimension == "group" and m == "commended_organizations")]


BREAKDOWNS = {
    "district": gettext_lazy("Theo huyện"),
    "group": gettext_lazy("Theo nhóm sản phẩm"),
    "legal_form": gettext_lazy("Theo loại hình"),
}


def headline_rows(summary: dict) -> list[tuple[str, str, object]]:
    """(section, measure, value) for every headline figure, labelled in the user's language."""
    surveyed, registered = summary["surveyed"], summary["registered"]
    evaluations, certificates = summary["evaluations"], summary["certificates"]
    rows = [
        (_("Điều tra"), _("Sản phẩm"), surveyed["products"]),
        (_("Điều tra"), _("Nhóm sản phẩm"), surveyed["groups"]),
        (_("Điều tra"), _("Tổ chức, cá nhân"), surveyed["organizations"]),
        (_("Đăng ký"), _("Sản phẩm"), registered["products"]),
        (_("Đăng ký"), _("Tổ chức, cá nhân"), registered["organizations"]),
    ]
    rows += [
        (_("Đăng ký"), str(label), registered["by_type"][kind]) for kind, label in Registration.EvaluationType.choices
    ]
    rows += [
        (_("Đăng ký"), _("Hồ sơ nháp (không tính)"), registered["draft"]),
        (_("Đăng ký"), _("Hồ sơ đã rút (không tính)"), registered["withdrawn"]),
        (_("Đánh giá"), _("Phiên đánh giá đã hoàn tất"), evaluations["total"]),
        (_("Đánh giá"), _("Sản phẩm được đánh giá"), evaluations["products"]),
        (_("Đánh giá"), _("Phiên đang chấm điểm"), evaluations["open"]),
    ]
    rows += [(_("Đánh giá"), str(label), evaluations["by_outcome"][key]) for key, label in Evaluation.Outcome.choices]
    for star in STARS:
        section = _("Công nhận %(star)s sao") % {"star": star}
        rows.append((section, _("Sản phẩm"), summary["recognised"][star]["products"]))
        rows.append((section, _("Tổ chức"), summary["recognised"][star]["organizations"]))
    rows.append((_("Công nhận (tổng)"), _("Sản phẩm"), summary["recognised"]["total"]["products"]))
    rows.append((_("Công nhận (tổng)"), _("Tổ chức"), summary["recognised"]["total"]["organizations"]))
    certificate_labels = {
        "issued": _("Cấp mới"),
        "expired": _("Hết hạn"),
        "revoked": _("Bị thu hồi"),
        "superseded": _("Được thay thế"),
        "in_force": _("Còn hiệu lực tại ngày tính"),
    }
    rows += [(_("Giấy chứng nhận"), label, certificates[key]) for key, label in certificate_labels.items()]
    rows.append((_("Khen thưởng"), _("Tổ chức được khen thưởng"), summary["commended_organizations"]))
    return rows


TARGET_HEADERS = (
    gettext_lazy("Chỉ tiêu"),
    gettext_lazy("Địa bàn"),
    gettext_lazy("Loại hình"),
    gettext_lazy("Chỉ tiêu tối thiểu"),
    gettext_lazy("Chỉ tiêu tối đa"),
    gettext_lazy("Thực hiện"),
    gettext_lazy("Tỷ lệ so với tối thiểu (%)"),
    gettext_lazy("Đánh giá"),
    gettext_lazy("Nguồn số liệu"),
    gettext_lazy("Cách tính"),
)


def _target_row(target: dict) -> list:
    legal_forms = dict(Producer.LegalForm.choices)
    return [
        target["label"],
        target["unit_name"],
        str(legal_forms.get(target["legal_form"], "")),
        target["target_min"],
        target["target_max"],
        target["actual"],
        target["percent"],
        target["status_label"],
        target["source"],
        target["definition"],
    ]


def summary_sheets(summary: dict) -> list[tuple]:
    """The summary as workbook sheets: headline figures, the plan, one sheet per breakdown, definitions."""
    area = _("%(area)s — năm %(year)s") % {"area": summary["area"]["label"], "year": summary["year"]}
    sheets = [
        (_("Tổng hợp"), [_("Mục"), _("Chỉ số"), area], headline_rows(summary)),
        (_("Kế hoạch"), [str(h) for h in TARGET_HEADERS], [_target_row(t) for t in summary["targets"]]),
    ]
    by_area = [_target_row(child) for target in summary["targets"] for child in [target, *target.get("areas", [])]]
    sheets.append((_("Kế hoạch theo địa bàn"), [str(h) for h in TARGET_HEADERS], by_area))
    for key, title in BREAKDOWNS.items():
        measures = breakdown_measures(key)
        rows = [[row["name"], *(row[m] for m in measures)] for row in summary["breakdowns"][key]]
        sheets.append((str(title), [_("Tên"), *(str(MEASURES[m]) for m in measures)], rows))
    sheets.append(
        (
            _("Cách tính"),
            [_("Mục"), _("Cách tính")],
            [[str(DEFINITION_LABELS.get(key, key)), text] for key, text in summary["definitions"].items()],
        )
    )
    return sheets


CSV_HEADERS = (gettext_lazy("Phần"), gettext_lazy("Dòng"), gettext_lazy("Chỉ số"), gettext_lazy("Giá trị"))


def summary_csv_rows(summary: dict):
    """The summary as one long table (part, row, measure, value): one CSV that a pivot table reads."""
    for section, measure, value in headline_rows(summary):
        yield [_("Tổng hợp"), section, measure, value]
    for target in summary["targets"]:
        row = f"{target['label']} — {target['unit_name']}"
        for header, value in zip(TARGET_HEADERS[3:8], _target_row(target)[3:8], strict=True):
            yield [_("Kế hoạch"), row, str(header), value]
    for key, title in BREAKDOWNS.items():
        for row in summary["breakdowns"][key]:
            for measure in breakdown_measures(key):
                yield [str(title), row["name"], str(MEASURES[measure]), row[measure]]
