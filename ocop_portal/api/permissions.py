"""Who may call an endpoint at all; what they may see and change is decided by ``organizations.access``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from ocop_portal.models import ApiToken


class ApiAccess(permissions.BasePermission):
    """Authenticated users; anonymous readers only on the public catalogue; read-only tokens only read.

    A viewset opens itself to the public with ``public_read = True``: its queryset's
    ``visible_to(AnonymousUser)`` is then the published catalogue. Everything else fails closed.
    """

    message = _("Token chỉ đọc không được thay đổi dữ liệu.")

    def has_permission(self, request, view):
        safe = request.method in permissions.SAFE_METHODS
        if not request.user or not request.user.is_authenticated:
            return safe and getattr(view, "public_read", False)  # otherwise DRF answers 401
        return safe or not (isinstance(request.auth, ApiToken) and request.auth.read_only)
