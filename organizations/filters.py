"""FilterSets shared by the API and the portal pages (plain django-filter, no interface in them).

``SearchText`` is the diacritic-blind search both apps use: ``ocop_search_text()`` (migration
0002) lower-cases, strips accents and turns đ into d, so "mien dong" finds "Miến dong".
"""

import django_filters
from django.db.models import CharField, Func, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from organizations.models import AdministrativeUnit, Producer


class SearchText(Func):
    function = "ocop_search_text"
    output_field = CharField()


def search_words(queryset, fields, value):
    """Rows in which every word of ``value`` appears, accents and case ignored, in any of ``fields``."""
    parts = []
    for field in fields:
        parts += [field, Value(" ")]
    queryset = queryset.alias(_search=SearchText(Concat(*parts[:-1], output_field=CharField())))
    for word in value.split():
        queryset = queryset.filter(_search__contains=SearchText(Value(word)))
    return queryset


class AreaFilter(django_filters.ModelChoiceFilter):
    """Records located in an administrative unit's subtree (a district takes its communes)."""

    def __init__(self, *args, path_field, **kwargs):
        self.path_field = path_field
        kwargs.setdefault("queryset", AdministrativeUnit.objects.all())
        kwargs.setdefault("label", _("Địa bàn"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.path})


class ProducerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    legal_form = django_filters.ChoiceFilter(label=_("Loại hình"), choices=Producer.LegalForm.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Producer.Status.choices)
    area = AreaFilter(path_field="commune__path")

    class Meta:
        model = Producer
        fields = ["q", "legal_form", "status", "area"]

    def search(self, queryset, name, value):
        return search_words(queryset, ["name", "tax_code", "address"], value)
