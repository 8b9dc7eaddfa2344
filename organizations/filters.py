"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them).

The building blocks here serve the three apps' FilterSets:

- ``search_words``: the diacritic-blind search. ``ocop_search_text()`` (migration 0002) lower-cases,
  strips accents and turns đ into d, so "mien dong" finds "Miến dong"; each field is searched on
  its own so that the trigram index on ``ocop_search_text(name)`` serves the name;
- ``AreaFilter``: a unit *code* (``?area=06`` is all of Bắc Kạn) and its whole subtree, across the
  2025 reform (``organizations.access.scope_paths`` adds predecessors and successors);
- ``CodeChoiceFilter``: reference data chosen by a stable code rather than a database id;
- ``StableOrderingFilter``: ``?ordering=`` that always ends on the primary key, so pages never
  overlap or skip rows.
"""

import datetime

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import CharField, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from organizations import access
from organizations.models import AdministrativeUnit, Commendation, Producer


class SearchText(Func):
    function = "ocop_search_text"
    output_field = CharField()


def search_words(queryset, fields, value):
    """Rows in which every word of ``value`` appears, accents and case ignored, in one of ``fields``."""
    aliases = {f"_search_{field}": SearchText(field) for field in fields}
    queryset = queryset.alias(**aliases)
    for word in value.split():
        needle = SearchText(Value(word))
        condition = Q()
        for alias in aliases:
            condition |= Q(**{f"{alias}__contains": needle})
        queryset = queryset.filter(condition)
    return queryset


def _refuse_nul(value) -> None:
    """PostgreSQL cannot even compare a text holding NUL: refuse it before the lookup (Django's
    CharField does the same after its ``to_python``, too late for a field that queries)."""
    if "\x00" in str(value):
        raise forms.ValidationError(ProhibitNullCharactersValidator.message, code="null_characters_not_allowed")


class UnitCodeField(forms.ModelChoiceField):
    """A unit code. GSO codes repeat across the two eras (19 is old and new Thái Nguyên): all of them count."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        _refuse_nul(value)
        units = list(self.queryset.filter(code=str(value).strip()))
        if not units:
            raise forms.ValidationError(
                _("Không có đơn vị hành chính mã %(value)s."), code="invalid_choice", params={"value": value}
            )
        return units


@extend_schema_field(OpenApiTypes.STR)
class AreaFilter(django_filters.ModelChoiceFilter):
    """Records located in the subtree of the units with this code, across the 2025 reform.

    ``path_field`` is the lookup to the record's unit path (``"commune__path"`` …).
    """

    field_class = UnitCodeField

    def __init__(self, *args, path_field, **kwargs):
        self.path_field = path_field
        kwargs.setdefault("queryset", AdministrativeUnit.objects.all())
        kwargs.setdefault("label", _("Địa bàn"))
        kwargs.setdefault("help_text", _("Mã đơn vị hành chính (vd. 06 là tỉnh Bắc Kạn cũ), gồm mọi cấp trực thuộc."))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        paths = {path for unit in value for path in access.scope_paths(unit)}
        condition = Q(pk__in=[])
        for path in sorted(paths):
            condition |= Q(**{f"{self.path_field}__startswith": path})
        return qs.filter(condition)


class CodeChoiceField(forms.ModelChoiceField):
    """A row of reference data chosen by its code: ``code_of(row)`` gives it, ``lookup(code)`` finds it back.

    ``related`` is what ``code_of`` reads (``"scheme"``): joined into any queryset the field gets,
    so a page that narrows the choices renders them without a query per option.
    """

    def __init__(self, *args, code_of, lookup, related=(), **kwargs):
        self.code_of, self.lookup, self.related = code_of, lookup, related
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset):
        if queryset is not None and self.related:
            queryset = queryset.select_related(*self.related)
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def prepare_value(self, value):
        if isinstance(value, self.queryset.model):
            return self.code_of(value)
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        _refuse_nul(value)
        condition = self.lookup(str(value).strip())
        found = self.queryset.filter(condition).first() if condition is not None else None
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return found


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CodeChoiceField


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number (``NumberFilter`` alone would take 1.5)."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """A calendar year; bounded so that a date lookup (``issued_on__year``) always has a real year."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Năm"))
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class StableOrderingFilter(django_filters.OrderingFilter):
    """``?ordering=name,-updated_at``; ties are broken on the primary key so pages stay stable."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, read in UTC: any offset Python accepts (up to ±24 h) then reaches the
    database as one it accepts too (PostgreSQL stops at ±15:59)."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(_("Thời điểm nằm ngoài khoảng cho phép."), code="invalid") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def updated_since_filter():
    return UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Cập nhật từ"),
        help_text=_("Thời điểm ISO 8601 (vd. 2026-01-31T00:00:00Z): chỉ các bản ghi thay đổi từ đó, để đồng bộ dần."),
    )


def search_filter(label=None):
    return django_filters.CharFilter(label=label or _("Tìm kiếm"), method="search")


class AdministrativeUnitFilterSet(django_filters.FilterSet):
    q = search_filter()
    era = django_filters.ChoiceFilter(label=_("Thời kỳ"), choices=AdministrativeUnit.Era.choices)
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=AdministrativeUnit.Level.choices)
    area = AreaFilter(path_field="path")
    valid_on = django_filters.DateFilter(label=_("Có hiệu lực vào ngày"), method="filter_valid_on")

    class Meta:
        model = AdministrativeUnit
        fields = ["q", "era", "level", "area", "valid_on"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name"], value)

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=value), Q(valid_to__isnull=True) | Q(valid_to__gte=value)
        )


class ProducerFilterSet(django_filters.FilterSet):
    q = search_filter()
    legal_form = django_filters.ChoiceFilter(label=_("Loại hình"), choices=Producer.LegalForm.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Producer.Status.choices)
    area = AreaFilter(path_field="commune__path")
    tax_code = django_filters.CharFilter(label=_("Mã số thuế"))
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["name", "founded_on", "updated_at"])

    class Meta:
        model = Producer
        fields = ["q", "legal_form", "status", "area", "tax_code", "updated_since"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name", "tax_code", "address"], value)


class CommendationFilterSet(django_filters.FilterSet):
    year = YearFilter()
    area = AreaFilter(path_field="producer__commune__path")
    producer = IdFilter(label=_("Chủ thể (id)"), field_name="producer_id")
    producer_tax_code = django_filters.CharFilter(label=_("Mã số thuế chủ thể"), field_name="producer__tax_code")
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["year", "decision_date", "updated_at"])

    class Meta:
        model = Commendation
        fields = ["year", "area", "producer", "producer_tax_code", "updated_since"]
