"""One error format for the whole API: ``{"type", "detail", "errors": {field: [messages]}}``.

Services raise Django's ``ValidationError`` (400), ``TransitionNotAllowed`` / ``Conflict`` (409) and
``PermissionDenied`` (403); querysets raise ``Http404`` for anything out of scope; a delete that
history still hangs on raises ``ProtectedError`` (409). This handler is the only place that turns
them into responses, in the language of ``Accept-Language``.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from ocop_portal.errors import Conflict, TransitionNotAllowed

logger = logging.getLogger(__name__)


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Thao tác xung đột với trạng thái hiện tại của dữ liệu.")
    default_code = "conflict"

    def __init__(self, detail=None, code=None, errors=None):
        super().__init__(detail, code)
        self.errors = errors or {}


class PreconditionFailed(exceptions.APIException):
    """``If-Match`` names another version than the current one: someone changed the object meanwhile."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "Đối tượng đã được thay đổi kể từ khi bạn đọc (ETag không khớp If-Match). Hãy đọc lại rồi thử lại."
    )
    default_code = "precondition_failed"

    def __init__(self, etag):
        super().__init__()
        self.etag = etag


# Messages of our own for DRF's generic errors: DRF's Vietnamese catalogue lacks most of them.
GENERIC_DETAILS = {
    exceptions.NotAuthenticated: gettext_lazy(
        "Chưa xác thực: hãy đăng nhập hoặc gửi token trong tiêu đề 'Authorization: Bearer <token>'."
    ),
    exceptions.AuthenticationFailed: gettext_lazy("Xác thực không thành công."),
    exceptions.PermissionDenied: gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    exceptions.NotFound: gettext_lazy("Không tìm thấy."),
    exceptions.ParseError: gettext_lazy("Nội dung yêu cầu không đọc được."),
    exceptions.UnsupportedMediaType: gettext_lazy("Định dạng nội dung yêu cầu không được hỗ trợ."),
    exceptions.NotAcceptable: gettext_lazy("Không trả về được định dạng mà yêu cầu đòi hỏi."),
}

TYPES = [
    (exceptions.ValidationError, "validation_error"),
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "authentication_failed"),
    (exceptions.PermissionDenied, "permission_denied"),
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
    (exceptions.Throttled, "throttled"),
    (exceptions.ParseError, "parse_error"),
]


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    if isinstance(value, list | tuple):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def _flatten(errors, prefix="") -> dict[str, list[str]]:
    """``{"choices": {"12": ["…"]}}`` becomes ``{"choices.12": ["…"]}``: one flat map for every client."""
    if not isinstance(errors, dict):
        return {prefix or api_settings.NON_FIELD_ERRORS_KEY: _messages(errors)}
    flat: dict[str, list[str]] = {}
    for key, value in errors.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(_flatten(value, name))
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                if item:
                    flat.update(_flatten(item, f"{name}.{index}"))
        else:
            flat[name] = _messages(value)
    return flat


def _translate(exc):
    """A Django or database exception as the DRF exception (and status) it stands for."""
    if isinstance(exc, TransitionNotAllowed | Conflict):
        errors = _flatten(as_serializer_error(exc))
        detail = "; ".join(_messages(errors))
        errors.pop(api_settings.NON_FIELD_ERRORS_KEY, None)  # already the detail
        code = "transition_not_allowed" if isinstance(exc, TransitionNotAllowed) else "conflict"
        return ConflictError(detail, code=code, errors=errors)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, ProtectedError | RestrictedError):
        blocking = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        count = len(set(blocking))
        return ConflictError(
            _("Không xóa được: còn %(count)d bản ghi khác gắn với đối tượng này.") % {"count": count},
            code="protected",
        )
    if isinstance(exc, IntegrityError | DataError):
        # A rule the code should have caught before the database did: answer clearly, but log it.
        logger.warning("Database refused an API request: %s", exc, exc_info=exc)
    if isinstance(exc, IntegrityError):
        return ConflictError(_("Dữ liệu trùng hoặc mâu thuẫn với bản ghi đã có."))
    if isinstance(exc, DataError):
        return exceptions.ValidationError(_("Giá trị gửi lên vượt quá giới hạn lưu trữ."))
    return exc


def _type_of(exc) -> str:
    if isinstance(exc, ConflictError | PreconditionFailed):
        return exc.get_codes()
    for cls, name in TYPES:
        if isinstance(exc, cls):
            return name
    return "error"


def exception_handler(exc, context):
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: DRF re-raises it, the 500 handler and logging take over
    errors: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        general = errors.get(api_settings.NON_FIELD_ERRORS_KEY)
        detail = "; ".join(general) if general else _("Dữ liệu gửi lên không hợp lệ.")
    elif isinstance(exc, exceptions.Throttled):
        detail = _("Quá nhiều yêu cầu. Hãy thử lại sau %(wait)d giây.") % {"wait": exc.wait or 1}
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("Phương thức %(method)s không được hỗ trợ ở địa chỉ này.") % {"method": context["request"].method}
    else:
        generic = GENERIC_DETAILS.get(type(exc))
        detail = str(generic) if generic is not None and str(exc.detail) == str(exc.default_detail) else str(exc.detail)
        errors = getattr(exc, "errors", {})
    response.data = {"type": _type_of(exc), "detail": detail, "errors": errors}
    if isinstance(exc, PreconditionFailed):
        response["ETag"] = exc.etag
    return response
