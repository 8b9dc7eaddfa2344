"""Responses for when the portal cannot do its work; they render without the request's context.

When PostgreSQL restarts (an upgrade, a failover, a full disk) requests fail for a moment. Each
such request answers **503 Service Unavailable** with ``Retry-After``, in the form its client
reads: the API's error JSON (``{"type", "detail", "errors"}``) under ``/api/`` and ``/healthz``, a
plain Vietnamese page elsewhere. No restart is needed afterwards: Django closes a connection that
failed at the end of the request and ``CONN_HEALTH_CHECKS`` tests a kept one before reusing it,
so the first request after the database is back gets a fresh connection.

The page is rendered without the request (no context processor may look up the user or the
session, which live in the database) from a template of its own that extends nothing.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5
# What psycopg raises while the server is unreachable, shutting down, starting up, out of
# connections, or when a statement is cancelled or loses a lock conflict: all transient, none
# the request's fault, all worth retrying. (Errors in the data itself are IntegrityError and
# DataError: they stay the services' business.)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def wants_json(request) -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def database_unavailable(request) -> HttpResponse:
    detail = _("Cơ sở dữ liệu tạm thời không phản hồi. Hãy thử lại sau ít giây.")
    if wants_json(request):
        response = JsonResponse({"type": "database_unavailable", "detail": detail, "errors": {}}, status=503)
    else:
        page = render_to_string(
            "ocop_portal/unavailable.html",
            {"title": _("Cổng OCOP tạm thời gián đoạn"), "detail": detail},
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def request_too_large(request, limit: int) -> HttpResponse:
    """413 in the form the client reads: the API's error JSON, the upload page's JSON, or a plain page."""
    detail = _("Dữ liệu gửi lên quá lớn (tối đa %(mb)s MB cho một lần gửi). Hãy gửi tệp nhỏ hơn.") % {
        "mb": limit // 2**20
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"type": "request_too_large", "detail": detail, "errors": {}}, status=413)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"ok": False, "error": detail}, status=413)
    page = render_to_string("ocop_portal/unavailable.html", {"title": _("Dữ liệu quá lớn"), "detail": detail})
    return HttpResponse(page, status=413)


def login_locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: too many wrong passwords for this account from this address (429).

    In Vietnamese (django-axes has no Vietnamese message), the same for the portal's sign-in page
    and the admin's; the user learns how long to wait and whom to ask, never whether the account exists.
    """
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    detail = _(
        "Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khóa từ địa chỉ này. Hãy thử lại sau %(minutes)s phút, "
        "hoặc nhờ quản trị viên mở khóa."
    ) % {"minutes": minutes}
    page = render_to_string("ocop_portal/unavailable.html", {"title": _("Tạm khóa đăng nhập"), "detail": detail})
    response = HttpResponse(page, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def server_error(request) -> HttpResponse:
    """``handler500``: an error outside any view (a middleware, the session) that is a database outage
    is still a 503; anything else is a plain Vietnamese 500 page that needs no database either."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    detail = _("Đã xảy ra lỗi không mong muốn. Lỗi đã được ghi lại; hãy thử lại hoặc báo cho quản trị viên.")
    if wants_json(request):
        return JsonResponse({"type": "server_error", "detail": detail, "errors": {}}, status=500)
    page = render_to_string("ocop_portal/unavailable.html", {"title": _("Lỗi máy chủ"), "detail": detail})
    return HttpResponse(page, status=500)
