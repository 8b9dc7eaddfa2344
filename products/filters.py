"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.filters import AreaFilter, search_words
from organizations.models import Producer
from products.models import Branch, Product, ProductGroup, Registration


class ProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    branch = django_filters.ModelChoiceFilter(label=_("Ngành"), queryset=Branch.objects.all(), method="filter_branch")
    group = django_filters.ModelChoiceFilter(
        label=_("Nhóm sản phẩm"), queryset=ProductGroup.objects.all(), field_name="product_set__group"
    )
    star = django_filters.TypedChoiceFilter(
        label=_("Hạng sao"), field_name="current_star", choices=[(n, n) for n in range(1, 6)], coerce=int
    )
    area = AreaFilter(path_field="origin_commune__path")
    legal_form = django_filters.ChoiceFilter(
        label=_("Loại hình chủ thể"), field_name="producer__legal_form", choices=Producer.LegalForm.choices
    )
    producer = django_filters.ModelChoiceFilter(label=_("Chủ thể"), queryset=Producer.objects.all())
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Product.Status.choices)

    class Meta:
        model = Product
        fields = ["q", "branch", "group", "star", "area", "legal_form", "producer", "status"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name", "producer__name"], value)

    def filter_branch(self, queryset, name, value):
        """A branch of today's scheme, or one of the 2018 six groups that older products carry."""
        if not value:
            return queryset
        return queryset.filter(Q(product_set__group__branch=value) | Q(group_2018=value))


class RegistrationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    year = django_filters.NumberFilter(label=_("Năm"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Registration.Status.choices)
    evaluation_type = django_filters.ChoiceFilter(label=_("Loại đánh giá"), choices=Registration.EvaluationType.choices)
    area = AreaFilter(path_field="product__origin_commune__path")
    producer = django_filters.ModelChoiceFilter(
        label=_("Chủ thể"), field_name="product__producer", queryset=Producer.objects.all()
    )

    class Meta:
        model = Registration
        fields = ["q", "year", "status", "evaluation_type", "area", "producer"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["product__name", "product__producer__name", "number"], value)
