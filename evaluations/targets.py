"""What each plan indicator counts: one selector per indicator, each with the definition users read.

A plan says "upgrade 16 products from 3 to 4 stars"; the portal must say how many it actually
did, from the records, and say exactly what it counted — otherwise two officers get two numbers.
So every indicator of ``Target.Indicator`` has here:

- a selector ``f(*, year, unit, as_of=None, legal_form="", user=None)`` returning the queryset of
  the products (or producers) it counts, so the same definition serves a total, a drill-down by
  district and a list of the products behind the figure;
- a written definition (translatable, with the year filled in) shown next to the figure.

Conventions shared by all selectors (``COMMON_RULES`` says them to users):

- **The counting date** is ``as_of`` clipped to the year: a date after 31/12/Y gives the year's
  final figure, so a revocation in a later year never rewrites a closed year.
- **Recognitions** are certificates dated by their recognition decision (``decision_date``).
  A recognition revoked on or before the counting date does not count; one later *superseded*
  by an upgrade still counts (it happened and was replaced by a better one).
- **The star a product held on a day** is the highest star of its certificates in force that
  day: decided on or before it, not yet expired (valid through ``expires_on``), not revoked and
  not superseded by then (a supersession is dated by the successor's decision). A 2★ result has
  no certificate: a product without a certificate in force whose latest finalised evaluation
  (of the rounds up to that year) ended at 2★ held 2★.
- **Evaluations** belong to their council's round year; **registrations** to their year, and
  "registered" means submitted at least once (not a draft) and not withdrawn. Inside the year,
  an evaluation counts from its meeting day (``held_on``, else when it was finalised) and a
  registration from its submission; records back-filled later without dates count in the
  year's final figure only.
- **Area**: the records located under the area unit (a product by its commune of origin, a
  producer by its commune), with the unit's predecessors/successors when
  ``organizations.access.scope_paths`` knows them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations.models import Certificate, Council, Evaluation, SupportActivity, Target
from organizations import access
from organizations.models import AdministrativeUnit, Producer
from products.filters import AnyOf
from products.models import Product, Registration, SurveyEntry

Indicator = Target.Indicator

REGISTERED_STATUSES = (
    Registration.Status.SUBMITTED,
    Registration.Status.RETURNED,
    Registration.Status.RESUBMITTED,
    Registration.Status.ACCEPTED,
)

COMMON_RULES = _(
    "Quy ước chung: số liệu tính đến ngày tính (sau 31/12 thì lấy số liệu cả năm). Công nhận tính theo ngày "
    "quyết định công nhận; công nhận đã bị thu hồi đến ngày tính không được tính, công nhận sau đó được thay thế "
    "do nâng hạng vẫn được tính. Hạng sao của sản phẩm tại một ngày là hạng cao nhất của các giấy chứng nhận còn "
    "hiệu lực ngày đó (chưa hết hạn, chưa bị thu hồi, chưa bị thay thế); sản phẩm không có giấy chứng nhận mà lần "
    "đánh giá gần nhất đạt 2 sao được coi là 2 sao. Phiên đánh giá thuộc năm của đợt đánh giá; hồ sơ đăng ký là "
    "hồ sơ đã nộp, không tính hồ sơ nháp và hồ sơ đã rút. Địa bàn: sản phẩm theo xã nơi sản xuất, chủ thể theo xã "
    "nơi đặt trụ sở."
)


# --- Counting period and area ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The part of year ``year`` that a figure covers: 1/1 to the counting date."""

    year: int
    start: datetime.date
    end: datetime.date

    @property
    def full_year(self) -> bool:
        return self.end == datetime.date(self.year, 12, 31)

    @property
    def previous_year_end(self) -> datetime.date:
        return datetime.date(self.year - 1, 12, 31)

    @property
    def started(self) -> bool:
        return self.end >= self.start


def period(year: int, as_of: datetime.date | None = None) -> Period:
    """The counting period of ``year`` at ``as_of`` (today by default), clipped to the year."""
    year_end = datetime.date(year, 12, 31)
    as_of = as_of or timezone.localdate()
    return Period(year=year, start=datetime.date(year, 1, 1), end=min(as_of, year_end))


def area_paths(unit: AdministrativeUnit) -> tuple[str, ...]:
    """The unit paths an area covers: its subtree and the units linked to it across the 2025 reform.

    Cached on the unit object, so the dozen figures of a report ask the access rules once.
    """
    cached = unit.__dict__.get("_ocop_area_paths")
    if cached is None:
        scope_paths = getattr(access, "scope_paths", None)
        cached = tuple(scope_paths(unit)) if scope_paths else (unit.path,)
        unit._ocop_area_paths = cached
    return cached


def _covered(paths, scope_paths) -> bool:
    """Every path of ``paths`` lies under one of ``scope_paths``."""
    return all(any(path.startswith(root) for root in scope_paths) for path in paths)


def in_paths(queryset: QuerySet, paths) -> QuerySet:
    """Records located under any of ``paths``: the same rows as ``in_areas``, decided on the record's own
    unit column (``unit = ANY(the subtree's unit ids)``, see ``products.filters.AnyOf``).

    ``in_areas`` joins every record to its unit and tests the path with ``LIKE``; PostgreSQL then
    estimates a province far too small and scans (bench/README.md, cold computation).
    """
    units = AdministrativeUnit.objects.in_paths(sorted(paths)).order_by().values("pk")
    return queryset.filter(AnyOf(queryset.model.scope_path_field.removesuffix("__path"), units))


def scoped(queryset: QuerySet, unit: AdministrativeUnit, user, *, edit: bool = False) -> QuerySet:
    """The records of the area ``unit`` covers that ``user`` sees (``edit``: may change); no user: all of them.

    When the user's staff right on the model covers the whole area, the access condition holds for
    every record of the area and is left out: for an officer it is "in my provinces OR published",
    and "published" is a set of 130,000 products built on every statement (half a second each).
    Otherwise the access condition is applied as ``visible_to`` / ``editable_by`` gives it.
    """
    paths = area_paths(unit)
    queryset = in_paths(queryset, paths)
    if user is None:
        return queryset
    scope = access.scope_of(user)
    if scope.role == access.SUPERUSER:
        return queryset
    right = access.area_right(queryset.model, scope)
    if right and (right == access.EDIT or not edit) and _covered(paths, scope.edit if edit else scope.view):
        return queryset
    return queryset.editable_by(user) if edit else queryset.visible_to(user)


def editable(queryset: QuerySet, user) -> QuerySet:
    """``queryset.editable_by(user)``, the user's edit area decided on unit ids (``in_paths``) where the
    access rules give the user's role the right to change every record of it (an officer's province)."""
    scope = access.scope_of(user)
    if scope.role != access.SUPERUSER and access.area_right(queryset.model, scope) == access.EDIT:
        return in_paths(queryset, scope.edit)
    return queryset.editable_by(user)


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the portal's time zone (comparing timestamps keeps indexes usable)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _after(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day``: ``moment < _after(day)`` is "on or before ``day``"."""
    return _midnight(day + datetime.timedelta(days=1))


# --- Building blocks (querysets of certificates, evaluations, registrations) ----------------


def in_force(day: datetime.date) -> Q:
    """Certificates in force at the end of ``day``."""
    return (
        Q(decision_date__lte=day, expires_on__gte=day)
        & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
        & (Q(superseded_by__isnull=True) | Q(superseded_by__decision_date__gt=day))
    )


def recognitions(p: Period) -> QuerySet:
    """Recognitions decided in the period and not revoked by its end."""
    return Certificate.objects.filter(decision_date__range=(p.start, p.end)).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=p.end)
    )


def finalised(p: Period) -> Q:
    """Evaluations (of the year's rounds) finalised and held by the end of the period."""
    condition = Q(status=Evaluation.Status.FINALISED)
    if not p.full_year:
        condition &= Q(held_on__lte=p.end) | Q(held_on__isnull=True, finalised_at__lt=_after(p.end))
    return condition


def evaluations_of(p: Period) -> QuerySet:
    """Finalised evaluations of the year's rounds, held by the end of the period."""
    return Evaluation.objects.filter(finalised(p), council__year=p.year)


def _registration_dated(p: Period) -> Q:
    """Registrations made by the end of the period: by submission, else creation; the whole year at its end."""
    if p.full_year:
        return Q()
    return Q(submitted_at__lt=_after(p.end)) | Q(submitted_at__isnull=True, created_at__lt=_after(p.end))


def registered(p: Period) -> Q:
    """Registrations (of the year) submitted and not withdrawn by the end of the period."""
    return Q(status__in=REGISTERED_STATUSES) & _registration_dated(p)


def registrations_of(p: Period) -> QuerySet:
    """Registrations of the year submitted (and not withdrawn) by the end of the period."""
    return Registration.objects.filter(registered(p), year=p.year)


def star_held(day: datetime.date) -> Subquery:
    """Per product (as ``OuterRef("pk")``): the highest star of its certificates in force on ``day``."""
    return Subquery(
        Certificate.objects.filter(in_force(day), product=OuterRef("pk")).order_by("-star").values("star")[:1]
    )


def last_evaluated_star(up_to_year: int) -> Subquery:
    """Per product: the final star of its latest finalised evaluation in the rounds up to ``up_to_year``."""
    return Subquery(
        Evaluation.objects.filter(
            registration__product=OuterRef("pk"),
            status=Evaluation.Status.FINALISED,
            council__year__lte=up_to_year,
        )
        .order_by("-council__year", F("held_on").desc(nulls_last=True), F("finalised_at").desc(nulls_last=True), "-pk")
        .values("final_star")[:1]
    )


def _products(p: Period, unit, user, legal_form) -> QuerySet:
    """The products of the area (and legal form) that a selector narrows; none before the year starts."""
    queryset = scoped(Product.objects.all(), unit, user)
    if legal_form:
        queryset = queryset.filter(producer__legal_form=legal_form)
    return queryset if p.started else queryset.none()


def _producers(p: Period, unit, user, legal_form) -> QuerySet:
    queryset = scoped(Producer.objects.all(), unit, user)
    if legal_form:
        queryset = queryset.filter(legal_form=legal_form)
    return queryset if p.started else queryset.none()


# --- Selectors ---------------------------------------------------------------------------------


def new_products_3_star(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    recognised_before = Certificate.objects.filter(decision_date__lt=p.start, product=OuterRef("pk"))
    # NOT EXISTS, not NOT IN: the country's earlier certificates are a 250,000-row set built on
    # every statement, where NOT EXISTS probes the product's own ones in the index.
    return (
        _products(p, unit, user, legal_form)
        .filter(pk__in=recognitions(p).values("product"))
        .exclude(Exists(recognised_before))
    )


def _upgrades_from(star: int, *, year, unit, as_of, legal_form, user) -> QuerySet:
    """Products that held ``star`` on 31/12 of the previous year and were recognised higher in the year.

    Keyed by the star held at the start of the year, a product counts once however many steps it
    climbs in the year: 3★ → 4★ → 5★ between January and December is one "3→4" upgrade.
    """
    p = period(year, as_of)
    queryset = _products(p, unit, user, legal_form).filter(
        pk__in=recognitions(p).filter(star__gt=star).values("product")
    )
    queryset = queryset.alias(held=star_held(p.previous_year_end))
    if star >= 3:
        return queryset.filter(held=star)
    return queryset.alias(last_star=last_evaluated_star(year - 1)).filter(held__isnull=True, last_star=star)


def upgrades_2_3(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    return _upgrades_from(2, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)


def upgrades_3_4(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    return _upgrades_from(3, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)


def upgrades_4_5(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    return _upgrades_from(4, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)


def proposed_5_star(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    forwarded = evaluations_of(p).filter(outcome=Evaluation.Outcome.FORWARDED)
    to_central = Q(council__level=Council.Level.PROVINCE) | Q(forwarded_to__council__level=Council.Level.CENTRAL)
    return _products(p, unit, user, legal_form).filter(
        pk__in=forwarded.filter(to_central).values("registration__product")
    )


def re_evaluated(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    evaluated = evaluations_of(p).filter(registration__evaluation_type=Registration.EvaluationType.RE_EVALUATION)
    return _products(p, unit, user, legal_form).filter(pk__in=evaluated.values("registration__product"))


def organisations_supported(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    activities = SupportActivity.objects.filter(year=year).filter(
        Q(happened_on__isnull=True) | Q(happened_on__lte=p.end)
    )
    return _producers(p, unit, user, legal_form).filter(pk__in=activities.values("producer"))


def new_organisations(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    earlier = Registration.objects.filter(
        year__lt=year, status__in=REGISTERED_STATUSES, product__producer=OuterRef("pk")
    )
    # NOT EXISTS, not NOT IN: every earlier registration of the country does not fit in work_mem at
    # national scale, and NOT IN then re-reads them for each producer (40 s a query, bench/README.md).
    return (
        _producers(p, unit, user, legal_form)
        .filter(pk__in=registrations_of(p).values("product__producer"))
        .exclude(Exists(earlier))
    )


def not_evaluated_before(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    evaluated_last_year = Evaluation.objects.filter(
        council__year=year - 1, status=Evaluation.Status.FINALISED, registration__product=OuterRef("pk")
    )
    return (
        _products(p, unit, user, legal_form)
        .filter(pk__in=registrations_of(p).values("product"))
        .exclude(Exists(evaluated_last_year))
    )


def traceable_products(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    certified = Certificate.objects.filter(in_force(p.end))
    return _products(p, unit, user, legal_form).filter(pk__in=certified.values("product")).exclude(traceability_url="")


def new_products_developed(*, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    p = period(year, as_of)
    # Any status: even a withdrawn registration shows that the product existed.
    registrations = Registration.objects.filter(_registration_dated(p), year=year)
    seen_this_year = (
        SurveyEntry.objects.filter(year=year)
        .values("product")
        .union(
            registrations.values("product"),
            Certificate.objects.filter(decision_date__range=(p.start, p.end)).values("product"),
        )
    )
    # Seen before the year: three NOT EXISTS probing the product's own rows, not NOT IN a union of
    # every earlier record of the country.
    seen_before = (
        SurveyEntry.objects.filter(year__lt=year, product=OuterRef("pk")),
        Registration.objects.filter(year__lt=year, product=OuterRef("pk")),
        Certificate.objects.filter(decision_date__lt=p.start, product=OuterRef("pk")),
    )
    created_this_year = Q(created_at__gte=_midnight(p.start), created_at__lt=_after(p.end))
    return (
        _products(p, unit, user, legal_form)
        .filter(Q(pk__in=seen_this_year) | created_this_year)
        .exclude(created_at__lt=_midnight(p.start))
        .filter(*(~Exists(earlier) for earlier in seen_before))
    )


# --- The registry of indicators ---------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator: what it counts, how (``selector``; ``None`` = entered as reported values), and its definition."""

    indicator: str
    counts: str  # "products" | "organizations" | "points"
    definition_text: str
    selector: Callable[..., QuerySet] | None

    @property
    def label(self) -> str:
        return Indicator(self.indicator).label

    @property
    def computed(self) -> bool:
        return self.selector is not None

    @property
    def path_field(self) -> str:
        return "commune__path" if self.counts == "organizations" else "origin_commune__path"

    def definition(self, year: int | None = None) -> str:
        """The definition with the year filled in ("31/12/2018"), or with "Y" when no year is given."""
        if year is None:
            return str(self.definition_text) % {"year": "Y", "previous": "Y−1", "next": "Y+1"}
        return str(self.definition_text) % {"year": year, "previous": year - 1, "next": year + 1}


INDICATORS: dict[str, IndicatorSpec] = {
    spec.indicator: spec
    for spec in [
        IndicatorSpec(
            Indicator.NEW_PRODUCTS_3_STAR,
            "products",
            _(
                "Sản phẩm được công nhận từ 3 sao trở lên bằng quyết định ký trong năm %(year)s (đến ngày tính) "
                "và chưa từng được công nhận trước ngày 01/01/%(year)s. Sản phẩm đạt lại hạng sau khi giấy chứng "
                "nhận cũ hết hạn không phải sản phẩm mới."
            ),
            new_products_3_star,
        ),
        IndicatorSpec(
            Indicator.UPGRADE_2_TO_3,
            "products",
            _(
                "Sản phẩm ngày 31/12/%(previous)s không có giấy chứng nhận OCOP còn hiệu lực và lần đánh giá gần "
                "nhất (các đợt đến năm %(previous)s) đạt 2 sao, được công nhận từ 3 sao trở lên bằng quyết định ký "
                "trong năm %(year)s. Mỗi sản phẩm tính một lần theo hạng đầu năm: sản phẩm nâng hai bậc trong năm "
                "chỉ tính ở bậc đầu tiên."
            ),
            upgrades_2_3,
        ),
        IndicatorSpec(
            Indicator.UPGRADE_3_TO_4,
            "products",
            _(
                "Sản phẩm có hạng sao cao nhất còn hiệu lực ngày 31/12/%(previous)s là 3 sao và được công nhận từ "
                "4 sao trở lên bằng quyết định ký trong năm %(year)s. Mỗi sản phẩm tính một lần theo hạng đầu năm: "
                "sản phẩm nâng hai bậc trong năm chỉ tính ở bậc đầu tiên."
            ),
            upgrades_3_4,
        ),
        IndicatorSpec(
            Indicator.UPGRADE_4_TO_5,
            "products",
            _(
                "Sản phẩm có hạng sao cao nhất còn hiệu lực ngày 31/12/%(previous)s là 4 sao và được công nhận "
                "5 sao bằng quyết định ký trong năm %(year)s."
            ),
            upgrades_4_5,
        ),
        IndicatorSpec(
            Indicator.PROPOSED_5_STAR,
            "products",
            _(
                "Sản phẩm được hội đồng cấp tỉnh trong đợt đánh giá năm %(year)s chuyển lên Trung ương đánh giá, "
                "công nhận 5 sao (kết quả phiên đánh giá: chuyển cấp trên)."
            ),
            proposed_5_star,
        ),
        IndicatorSpec(
            Indicator.RE_EVALUATED,
            "products",
            _(
                "Sản phẩm có hồ sơ đăng ký loại “đánh giá lại” (khi giấy chứng nhận hết hạn) được đánh "
                "giá xong trong đợt đánh giá năm %(year)s, bất kể kết quả."
            ),
            re_evaluated,
        ),
        IndicatorSpec(
            Indicator.ORGANISATIONS_SUPPORTED,
            "organizations",
            _(
                "Số chủ thể (không trùng lặp) có ít nhất một hoạt động hỗ trợ (tái cơ cấu, đào tạo, xúc tiến thương "
                "mại, bao bì, chứng nhận, ...) ghi nhận cho năm %(year)s; hoạt động có ngày thì tính từ ngày đó."
            ),
            organisations_supported,
        ),
        IndicatorSpec(
            Indicator.NEW_ORGANISATIONS,
            "organizations",
            _(
                "Chủ thể có hồ sơ đăng ký sản phẩm đã nộp trong năm %(year)s và chưa có hồ sơ nào đã nộp ở các năm "
                "trước; theo loại hình hiện tại của chủ thể."
            ),
            new_organisations,
        ),
        IndicatorSpec(
            Indicator.NOT_EVALUATED_BEFORE,
            "products",
            _(
                "Sản phẩm có hồ sơ đăng ký đã nộp trong năm %(year)s mà không có phiên đánh giá nào đã hoàn tất "
                "trong đợt đánh giá năm %(previous)s."
            ),
            not_evaluated_before,
        ),
        IndicatorSpec(
            Indicator.SALES_POINTS,
            "points",
            _(
                "Số điểm giới thiệu và bán sản phẩm OCOP theo số liệu báo cáo (có nguồn) mới nhất của năm %(year)s "
                "tính đến ngày tính; cổng không tự tính được chỉ tiêu này."
            ),
            None,
        ),
        IndicatorSpec(
            Indicator.TRACEABILITY,
            "products",
            _(
                "Sản phẩm có giấy chứng nhận OCOP còn hiệu lực tại ngày tính (năm %(year)s) và có địa chỉ truy xuất "
                "nguồn gốc điện tử (theo thông tin hiện tại của sản phẩm)."
            ),
            traceable_products,
        ),
        IndicatorSpec(
            Indicator.NEW_PRODUCTS_DEVELOPED,
            "products",
            _(
                "Sản phẩm xuất hiện lần đầu trong dữ liệu chương trình trong năm %(year)s: được tạo trên cổng, "
                "được điều tra, đăng ký hoặc công nhận trong năm %(year)s và không có bản ghi nào (tạo, điều tra, "
                "đăng ký, công nhận) trước ngày 01/01/%(year)s."
            ),
            new_products_developed,
        ),
    ]
}


def spec(indicator: str) -> IndicatorSpec:
    return INDICATORS[indicator]


def selected(indicator: str, *, year, unit, as_of=None, legal_form="", user=None) -> QuerySet:
    """The products or producers an indicator counts (for a list behind a figure)."""
    indicator_spec = spec(indicator)
    if not indicator_spec.computed:
        raise ValueError(f"{indicator} is entered as reported values, not computed")
    return indicator_spec.selector(year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)


def actual(indicator: str, *, year, unit, as_of=None, legal_form="", user=None) -> int | None:
    """The computed figure, or ``None`` for an indicator the records cannot compute (see reported values)."""
    if not spec(indicator).computed:
        return None
    return selected(indicator, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user).count()


def child_units(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units one level below the area (districts of a province, communes of a district); cached on the unit."""
    cached = unit.__dict__.get("_ocop_child_units")
    if cached is None:
        cached = list(AdministrativeUnit.objects.filter(parent=unit).order_by("path"))
        unit._ocop_child_units = cached
    return list(cached)


def child_key(path: str, unit: AdministrativeUnit) -> str | None:
    """The path of the unit one level below the area that contains ``path``.

    A unit linked to the area across the 2025 reform (a successor commune) is its own row, or its
    children are when a whole linked unit is in the area.
    """
    for root in sorted(area_paths(unit), key=len, reverse=True):
        if path.startswith(root):
            rest = path[len(root) :]
            return root + rest.split("/", 1)[0] + "/" if rest else root
    return None


def fold_by_child(counts: dict[str, int], unit: AdministrativeUnit) -> dict[str, int]:
    """Sum counts keyed by a commune path into the units one level below the area (by their path)."""
    folded: dict[str, int] = {}
    for path, n in counts.items():
        key = child_key(path, unit)
        if key is not None:
            folded[key] = folded.get(key, 0) + n
    return folded


def actual_by_path(indicator: str, *, year, unit, as_of=None, legal_form="", user=None) -> dict[str, int]:
    """The figure for each commune (or unit) path of the area: one grouped query; the values add up to
    ``actual`` (every counted record lies in the area), so a drill-down needs no second statement."""
    indicator_spec = spec(indicator)
    queryset = selected(indicator, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)
    model = queryset.model
    rows = (
        model.objects.filter(pk__in=queryset.values("pk"))
        .values(indicator_spec.path_field)
        .annotate(n=Count("pk"))
        .values_list(indicator_spec.path_field, "n")
    )
    return dict(rows)


def actual_by_child(indicator: str, *, year, unit, as_of=None, legal_form="", user=None) -> dict[str, int]:
    """The figure for each unit below the area, keyed by the child unit's path: one grouped query."""
    by_path = actual_by_path(indicator, year=year, unit=unit, as_of=as_of, legal_form=legal_form, user=user)
    return fold_by_child(by_path, unit)
