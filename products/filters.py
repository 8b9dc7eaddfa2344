"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them).

Classification rows are chosen by stable codes, not database ids: a branch is
``<scheme>/<branch>`` (``148-2023/1``), a group ``<scheme>/<branch>.<group>`` (``148-2023/1.2``),
a product set ``<scheme>/<number>`` (``148-2023/5``); the 2018 groups are branches of scheme
``2018`` (``2018/3``).
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.filters import (
    AreaFilter,
    CodeChoiceFilter,
    IdFilter,
    StableOrderingFilter,
    YearFilter,
    search_filter,
    search_words,
    updated_since_filter,
)
from organizations.models import Producer
from products.models import Branch, Product, ProductGroup, ProductSet, Registration

STARS = [(n, str(n)) for n in range(1, 6)]


def branch_code(branch: Branch) -> str:
    return f"{branch.scheme.code}/{branch.code}"


def group_code(group: ProductGroup) -> str:
    return f"{group.branch.scheme.code}/{group.branch.code}.{group.code}"


def product_set_code(product_set: ProductSet) -> str:
    return f"{product_set.group.branch.scheme.code}/{product_set.number}"


def _split(code: str) -> tuple[str, str] | None:
    scheme, separator, rest = code.rpartition("/")
    return (scheme, rest) if separator and scheme and rest else None


def branch_lookup(code: str) -> Q | None:
    parts = _split(code)
    return Q(scheme__code=parts[0], code=parts[1]) if parts else None


def group_lookup(code: str) -> Q | None:
    parts = _split(code)
    if not parts or "." not in parts[1]:
        return None
    branch, group = parts[1].split(".", 1)
    return Q(branch__scheme__code=parts[0], branch__code=branch, code=group)


def product_set_lookup(code: str) -> Q | None:
    parts = _split(code)
    if not parts or not parts[1].isdigit() or len(parts[1]) > 3:
        return None
    return Q(group__branch__scheme__code=parts[0], number=int(parts[1]))


def branch_filter(**kwargs):
    return CodeChoiceFilter(
        label=_("Ngành"),
        queryset=Branch.objects.all(),
        code_of=branch_code,
        related=["scheme"],
        lookup=branch_lookup,
        help_text=_("Mã ngành dạng <hệ thống>/<ngành>, vd. 148-2023/1; nhóm 2018: 2018/1 … 2018/6."),
        **kwargs,
    )


def group_filter(**kwargs):
    return CodeChoiceFilter(
        label=_("Nhóm sản phẩm"),
        queryset=ProductGroup.objects.all(),
        code_of=group_code,
        related=["branch__scheme"],
        lookup=group_lookup,
        help_text=_("Mã nhóm dạng <hệ thống>/<ngành>.<nhóm>, vd. 148-2023/1.2."),
        **kwargs,
    )


def product_set_filter(**kwargs):
    return CodeChoiceFilter(
        label=_("Bộ sản phẩm"),
        queryset=ProductSet.objects.all(),
        code_of=product_set_code,
        related=["group__branch__scheme"],
        lookup=product_set_lookup,
        help_text=_("Mã bộ sản phẩm dạng <hệ thống>/<số thứ tự>, vd. 148-2023/5."),
        **kwargs,
    )


class ProductSetFilterSet(django_filters.FilterSet):
    scheme = django_filters.CharFilter(label=_("Hệ thống phân loại"), field_name="group__branch__scheme__code")
    branch = branch_filter(field_name="group__branch")
    q = search_filter()

    class Meta:
        model = ProductSet
        fields = ["scheme", "branch", "q"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name_vi", "name_en"], value)


class ProductFilterSet(django_filters.FilterSet):
    q = search_filter()
    branch = branch_filter(method="filter_branch")
    group = group_filter(field_name="product_set__group")
    product_set = product_set_filter()
    star = django_filters.TypedChoiceFilter(label=_("Hạng sao"), field_name="current_star", choices=STARS, coerce=int)
    star_min = django_filters.TypedChoiceFilter(
        label=_("Từ hạng sao"), field_name="current_star", lookup_expr="gte", choices=STARS, coerce=int
    )
    area = AreaFilter(path_field="origin_commune__path")
    legal_form = django_filters.ChoiceFilter(
        label=_("Loại hình chủ thể"), field_name="producer__legal_form", choices=Producer.LegalForm.choices
    )
    producer = IdFilter(label=_("Chủ thể (id)"), field_name="producer_id")
    producer_tax_code = django_filters.CharFilter(label=_("Mã số thuế chủ thể"), field_name="producer__tax_code")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Product.Status.choices)
    expires_before = django_filters.DateFilter(
        label=_("Hạng sao hết hiệu lực đến ngày"), field_name="star_valid_until", lookup_expr="lte"
    )
    expires_after = django_filters.DateFilter(
        label=_("Hạng sao hết hiệu lực từ ngày"), field_name="star_valid_until", lookup_expr="gte"
    )
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["name", "current_star", "star_valid_until", "updated_at"])

    class Meta:
        model = Product
        fields = [
            "q",
            "branch",
            "group",
            "product_set",
            "star",
            "star_min",
            "area",
            "legal_form",
            "producer",
            "producer_tax_code",
            "status",
            "expires_before",
            "expires_after",
            "updated_since",
        ]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name", "producer__name"], value)

    def filter_branch(self, queryset, name, value):
        """A branch of a scheme, or one of the 2018 six groups that older products carry."""
        if not value:
            return queryset
        return queryset.filter(Q(product_set__group__branch=value) | Q(group_2018=value))


class RegistrationFilterSet(django_filters.FilterSet):
    q = search_filter()
    year = YearFilter()
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Registration.Status.choices)
    evaluation_type = django_filters.ChoiceFilter(label=_("Loại đánh giá"), choices=Registration.EvaluationType.choices)
    area = AreaFilter(path_field="product__origin_commune__path")
    product = IdFilter(label=_("Sản phẩm (id)"), field_name="product_id")
    product_set = product_set_filter(field_name="product__product_set")
    producer = IdFilter(label=_("Chủ thể (id)"), field_name="product__producer_id")
    producer_tax_code = django_filters.CharFilter(
        label=_("Mã số thuế chủ thể"), field_name="product__producer__tax_code"
    )
    updated_since = updated_since_filter()
    ordering = StableOrderingFilter(fields=["year", "submitted_at", "updated_at"])

    class Meta:
        model = Registration
        fields = [
            "q",
            "year",
            "status",
            "evaluation_type",
            "area",
            "product",
            "product_set",
            "producer",
            "producer_tax_code",
            "updated_since",
        ]

    def search(self, queryset, name, value):
        return search_words(queryset, ["product__name", "product__producer__name", "number"], value)
