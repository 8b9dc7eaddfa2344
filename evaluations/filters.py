"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from evaluations.models import Certificate, Council, Evaluation, SupportActivity, Target, YearlyPlan
from organizations.filters import (
    AreaFilter,
    IdFilter,
    StableOrderingFilter,
    YearFilter,
    search_filter,
    search_words,
    updated_since_filter,
)
from organizations.models import Producer
from products.filters import STARS, branch_filter, product_set_filter

CERTIFIED_STARS = STARS[2:]  # 3★–5★: only they get a certificate


def _tax_code(field_name):
    return django_filters.CharFilter(label=_("Mã số thuế chủ thể"), field_name=field_name)


class CouncilFilterSet(django_filters.FilterSet):
    year = YearFilter()
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=Council.Level.choices)
    area = AreaFilter(path_field="unit__path")
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["year", "round", "updated_at"])

    class Meta:
        model = Council
        fields = ["year", "level", "area", "updated_since"]


class EvaluationFilterSet(django_filters.FilterSet):
    q = search_filter()
    year = YearFilter(field_name="council__year")
    council = IdFilter(label=_("Hội đồng (id)"), field_name="council_id")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Evaluation.Status.choices)
    outcome = django_filters.ChoiceFilter(label=_("Kết quả"), choices=Evaluation.Outcome.choices)
    star = django_filters.TypedChoiceFilter(label=_("Hạng sao"), field_name="final_star", choices=STARS, coerce=int)
    star_min = django_filters.TypedChoiceFilter(
        label=_("Từ hạng sao"), field_name="final_star", lookup_expr="gte", choices=STARS, coerce=int
    )
    area = AreaFilter(path_field="registration__product__origin_commune__path")
    product = IdFilter(label=_("Sản phẩm (id)"), field_name="registration__product_id")
    product_set = product_set_filter(field_name="registration__product__product_set")
    producer_tax_code = _tax_code("registration__product__producer__tax_code")
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["average_score", "final_star", "finalised_at", "updated_at"])

    class Meta:
        model = Evaluation
        fields = [
            "q",
            "year",
            "council",
            "status",
            "outcome",
            "star",
            "star_min",
            "area",
            "product",
            "product_set",
            "producer_tax_code",
            "updated_since",
        ]

    def search(self, queryset, name, value):
        return search_words(queryset, ["registration__product__name", "registration__product__producer__name"], value)


class CertificateFilterSet(django_filters.FilterSet):
    q = search_filter()
    year = YearFilter(label=_("Năm cấp"), field_name="issued_on__year")
    star = django_filters.TypedChoiceFilter(label=_("Hạng sao"), choices=CERTIFIED_STARS, coerce=int)
    star_min = django_filters.TypedChoiceFilter(
        label=_("Từ hạng sao"), field_name="star", lookup_expr="gte", choices=CERTIFIED_STARS, coerce=int
    )
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Certificate.Status.choices)
    area = AreaFilter(path_field="product__origin_commune__path")
    product = IdFilter(label=_("Sản phẩm (id)"), field_name="product_id")
    product_set = product_set_filter(field_name="product__product_set")
    branch = branch_filter(field_name="product__product_set__group__branch")
    legal_form = django_filters.ChoiceFilter(
        label=_("Loại hình chủ thể"), field_name="product__producer__legal_form", choices=Producer.LegalForm.choices
    )
    producer_tax_code = _tax_code("product__producer__tax_code")
    expires_before = django_filters.DateFilter(
        label=_("Hết hiệu lực đến ngày"), field_name="expires_on", lookup_expr="lte"
    )
    expires_after = django_filters.DateFilter(
        label=_("Hết hiệu lực từ ngày"), field_name="expires_on", lookup_expr="gte"
    )
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["issued_on", "expires_on", "star", "number", "updated_at"])

    class Meta:
        model = Certificate
        fields = [
            "q",
            "year",
            "star",
            "star_min",
            "status",
            "area",
            "product",
            "product_set",
            "branch",
            "legal_form",
            "producer_tax_code",
            "expires_before",
            "expires_after",
            "updated_since",
        ]

    def search(self, queryset, name, value):
        return search_words(queryset, ["number", "product__name", "product__producer__name"], value)


class YearlyPlanFilterSet(django_filters.FilterSet):
    year = YearFilter()
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=YearlyPlan.Status.choices)
    area = AreaFilter(path_field="unit__path")
    updated_since = updated_since_filter()

    class Meta:
        model = YearlyPlan
        fields = ["year", "status", "area", "updated_since"]


class TargetFilterSet(django_filters.FilterSet):
    plan = IdFilter(label=_("Kế hoạch (id)"), field_name="plan_id")
    year = YearFilter(field_name="plan__year")
    indicator = django_filters.ChoiceFilter(label=_("Chỉ tiêu"), choices=Target.Indicator.choices)
    area = AreaFilter(path_field="unit__path")

    class Meta:
        model = Target
        fields = ["plan", "year", "indicator", "area"]


class SupportActivityFilterSet(django_filters.FilterSet):
    year = YearFilter()
    kind = django_filters.ChoiceFilter(label=_("Hình thức"), choices=SupportActivity.Kind.choices)
    area = AreaFilter(path_field="producer__commune__path")
    producer = IdFilter(label=_("Chủ thể (id)"), field_name="producer_id")
    producer_tax_code = _tax_code("producer__tax_code")
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["year", "happened_on", "updated_at"])

    class Meta:
        model = SupportActivity
        fields = ["year", "kind", "area", "producer", "producer_tax_code", "updated_since"]
