"""Page-number pagination with a count, ``page_size`` up to 200."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Trang không tồn tại.")
    last_possible_page = 10**9

    def paginate_queryset(self, queryset, request, view=None):
        """``page`` must be a whole number from 1 when given (an empty ``page=`` is not page 1)."""
        value = request.query_params.get(self.page_query_param)
        if value is not None and not _positive_integer(value):
            raise exceptions.ValidationError({self.page_query_param: [_("Cần một số nguyên từ 1.")]})
        if value is not None and int(value) > self.last_possible_page:
            # Past the end of any list, and an OFFSET PostgreSQL could not even hold: not asked of it.
            raise exceptions.NotFound(self.invalid_page_message)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        """A ``page_size`` that is not a whole number from 1 to 200 is an error, not silently the default
        or the maximum: a client asking for 500 rows must learn that it gets 200."""
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and not (_positive_integer(value) and int(value) <= self.max_page_size):
            raise exceptions.ValidationError({self.page_size_query_param: [_("Cần một số nguyên từ 1 đến 200.")]})
        return super().get_page_size(request)


class WindowCountPaginator(Paginator):
    """The page and its total from one statement on the filtered ids, then the page's rows by id.

    DRF's paginator runs ``COUNT(*)`` with every filter, then the page with every filter and every
    ``select_related`` join; where the filters cost a scan, it is paid twice, and the joins are made
    for every matching row before the sort keeps the page. Here the first statement reads the
    matching ids in order with ``count(*) OVER ()`` (narrow rows, only the joins the filters need),
    the second the page's rows by primary key with the queryset's ``select_related`` and
    ``prefetch_related``: the same rows in the same order, the same number of statements, a fraction
    of the work (bench/README.md). An empty page is page 1 of nothing, or past the end (404 as before).
    """

    def page(self, number):
        number = self.validate_number_shape(number)
        bottom = (number - 1) * self.per_page
        found = list(
            self.object_list.annotate(_total=Window(Count("*"))).values_list("pk", "_total")[
                bottom : bottom + self.per_page
            ]
        )
        if found:
            self.__dict__["count"] = found[0][1]
        elif number == 1 and self.allow_empty_first_page:
            self.__dict__["count"] = 0
        else:
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(self._rows([pk for pk, _total in found]), number, self)

    def _rows(self, ids):
        """The rows of these ids in this order, read as the list's queryset reads them (joins, prefetches)."""
        if not ids:
            return []
        queryset = self.object_list.model._default_manager.filter(pk__in=ids)
        queryset.query.select_related = self.object_list.query.select_related
        queryset = queryset.prefetch_related(*self.object_list._prefetch_related_lookups)
        by_id = {row.pk: row for row in queryset}
        return [by_id[pk] for pk in ids]

    def validate_number_shape(self, number) -> int:
        """The page number's form only (a whole number from 1): the bound needs the count, known after the page."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise EmptyPage(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


class WindowCountPagination(ApiPagination):
    """``ApiPagination`` reading the page as ``WindowCountPaginator`` does: the same response (``count``,
    ``next``, ``previous``, ``results``) and number of statements. For lists whose filters are the
    cost (the product list at national scale, bench/README.md)."""

    django_paginator_class = WindowCountPaginator


def _positive_integer(value: str) -> bool:
    return value.isascii() and value.isdigit() and int(value) >= 1
