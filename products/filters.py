"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them).

Classification rows are chosen by stable codes, not database ids: a branch is
``<scheme>/<branch>`` (``148-2023/1``), a group ``<scheme>/<branch>.<group>`` (``148-2023/1.2``),
a product set ``<scheme>/<number>`` (``148-2023/5``); the 2018 groups are branches of scheme
``2018`` (``2018/3``).
"""

import django_filters
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from organizations import access
from organizations.filters import (
    AreaFilter,
    CodeChoiceFilter,
    IdFilter,
    SearchText,
    StableOrderingFilter,
    YearFilter,
    search_filter,
    search_words,
    updated_since_filter,
)
from organizations.models import AdministrativeUnit, Producer
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


class AnyOf(Func):
    """``column = ANY(ARRAY(subquery))``, a condition: the ids of ``ids`` (a ``values("pk")`` queryset)
    computed once in the same statement, then probed in the index of ``column``.

    With ``IN (subquery)`` or a join PostgreSQL estimates the rows from the subquery's statistics; a
    unit-path ``LIKE`` is estimated far too low, and at 200,000 products it scans the whole table
    (bench/README.md). An array computed at run time is estimated as a handful of values: the plan
    is one bitmap of index probes, which stays close to a scan even when the subtree is large.
    """

    output_field = BooleanField()

    def __init__(self, column: str, ids):
        super().__init__(F(column), ArraySubquery(ids))

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (ids, ids_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"{column} = ANY({ids})", (*column_params, *ids_params)


class CommuneAreaFilter(AreaFilter):
    """``AreaFilter`` on a foreign key to a commune: the subtree's units as ids, not a path ``LIKE`` on a join.

    Same rows (a commune is in the area exactly when its path starts with one of the area's paths),
    decided on the record's own column so its index serves it (see ``AnyOf``).
    """

    def __init__(self, *args, commune_field, **kwargs):
        self.commune_field = commune_field
        super().__init__(*args, path_field=f"{commune_field}__path", **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        paths = sorted({path for unit in value for path in access.scope_paths(unit)})
        units = AdministrativeUnit.objects.in_paths(paths).order_by().values("pk")
        return qs.filter(AnyOf(f"{self.commune_field}_id", units))


def search_product_words(queryset, value):
    """Products in which every word of ``value`` is in the product's name or its producer's name
    (accents and case ignored), as ``search_words`` would answer, in a shape the indexes serve.

    ``name LIKE … OR producer.name LIKE …`` across a join can use neither trigram index: PostgreSQL
    computes ``ocop_search_text`` on every product and every producer (2.5 s at 200,000 products).
    Here each word is ``name LIKE …`` (the products' trigram index) ``OR producer_id = ANY(the
    producers whose name has it)`` (the producers' trigram index, then the foreign key's index).
    """
    queryset = queryset.alias(_search_name=SearchText("name"))
    for word in value.split():
        needle = SearchText(Value(word))
        producers = Producer.objects.alias(_search=SearchText("name")).filter(_search__contains=needle)
        queryset = queryset.filter(
            Q(_search_name__contains=needle) | Q(AnyOf("producer_id", producers.order_by().values("pk")))
        )
    return queryset


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
    area = CommuneAreaFilter(commune_field="origin_commune")
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
        return search_product_words(queryset, value)

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
