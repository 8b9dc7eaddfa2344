"""Page-number pagination with a count, ``page_size`` up to 200."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Trang không tồn tại.")

    def paginate_queryset(self, queryset, request, view=None):
        """``page`` must be a whole number from 1 when given (an empty ``page=`` is not page 1)."""
        value = request.query_params.get(self.page_query_param)
        if value is not None and not _positive_integer(value):
            raise exceptions.ValidationError({self.page_query_param: [_("Cần một số nguyên từ 1.")]})
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        """A ``page_size`` that is not a whole number from 1 is an error, not silently the default."""
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and not _positive_integer(value):
            raise exceptions.ValidationError({self.page_size_query_param: [_("Cần một số nguyên từ 1 đến 200.")]})
        return super().get_page_size(request)


def _positive_integer(value: str) -> bool:
    return value.isascii() and value.isdigit() and int(value) >= 1
