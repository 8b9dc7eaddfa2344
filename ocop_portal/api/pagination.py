"""Page-number pagination with a count, ``page_size`` up to 200."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Trang không tồn tại.")
