"""The API's filter backend: the apps' FilterSets, read strictly.

HTML forms send every field, empty ones too, so a FilterSet ignores an empty value; another
system sending ``?updated_since=`` has made a mistake, and the schema says so (a date-time is not
empty). The API answers 400 for an empty value of any filter that is not free text.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions


class ApiFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            empty = [
                name
                for name, value in request.query_params.items()
                if value == "" and name in filterset.filters and not _is_text(filterset.filters[name])
            ]
            if empty:
                raise exceptions.ValidationError({name: [_("Không được để trống.")] for name in empty})
        return filterset


def strict_filter_names(view) -> set[str]:
    """The filters of ``view`` that refuse an empty value (for the schema)."""
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is None:
        return set()
    return {name for name, filter_ in filterset_class.base_filters.items() if not _is_text(filter_)}


def _is_text(filter_) -> bool:
    return type(filter_) is django_filters.CharFilter
