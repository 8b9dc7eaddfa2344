"""Who changed what, from where: the context of every history event, who may read it, what history protects.

Database triggers (django-pghistory) record each insert, update and delete of the tracked models,
whatever wrote it — admin, API, page, import, command or a shell. This module adds the "who and
from where" as pghistory context: the user id and username (kept as text if the user is later
deleted), the source, a request id grouping one request's changes, and a reason when given.

Why pghistory rather than a model-level library (django-simple-history): a trigger sees every
write, bulk updates and raw SQL included; the event is written in the same transaction as the
change, so a rolled-back change leaves no record; and the database itself refuses to update or
delete an event (``PGHISTORY_APPEND_ONLY``).

The context is one row per request (or command), shared by all its events: a reason given during a
request belongs to that request's changes. The reading side is ``ocop_portal.audit_selectors``.
"""

import getpass
import uuid
from importlib import import_module

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _
from pghistory import config
from pghistory.middleware import HistoryMiddleware

from ocop_portal.errors import Conflict

SOURCE_ADMIN = "admin"
SOURCE_API = "api"
SOURCE_PAGE = "page"
SOURCE_IMPORT = "import"
SOURCE_COMMAND = "command"
SOURCES = (SOURCE_ADMIN, SOURCE_API, SOURCE_PAGE, SOURCE_IMPORT, SOURCE_COMMAND)

# Commands that serve requests (each request gets its own context) or only read.
UNTRACKED_COMMANDS = {"runserver", "test", "check", "makemigrations", "showmigrations", "help", "collectstatic"}


def source_of(path: str) -> str:
    if path.startswith("/admin/"):
        return SOURCE_ADMIN
    if path.startswith("/api/"):
        return SOURCE_API
    return SOURCE_PAGE


def _user_context(user):
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user": user.pk, "username": user.get_username()}
    return {"user": None, "username": ""}


class _AuditedRequest(WSGIRequest):
    """Updates the context when the API authenticates a token after the middleware ran."""

    def __setattr__(self, attr, value):
        if attr == "user" and hasattr(value, "_meta"):
            pghistory.context(**_user_context(value))
        super().__setattr__(attr, value)


class AuditMiddleware(HistoryMiddleware):
    def get_context(self, request):
        return {
            **_user_context(getattr(request, "user", None)),
            "source": source_of(request.path),
            "request_id": request.headers.get("X-Request-ID") or uuid.uuid4().hex,
            "url": request.path,
            "method": request.method,
            "ip": request.META.get("REMOTE_ADDR", ""),
        }

    def __call__(self, request):
        if request.method not in config.middleware_methods():
            return self.get_response(request)
        with pghistory.context(**self.get_context(request)):
            if type(request) is WSGIRequest:
                request.__class__ = _AuditedRequest
            return self.get_response(request)


def reason(text: str) -> None:
    """Attach a reason ("returned: missing lab report") to the changes of the current request or command."""
    if text:
        pghistory.context(reason=text)


def command_context(argv):
    """Context for a management command run from the shell (``manage.py``)."""
    name = argv[1] if len(argv) > 1 else ""
    if name in UNTRACKED_COMMANDS:
        return None
    return pghistory.context(
        source=SOURCE_IMPORT if name == "import_data" else SOURCE_COMMAND,
        command=" ".join(argv[1:])[:200],
        username=getpass.getuser(),
        user=None,
        request_id=uuid.uuid4().hex,
    )


# --- Who reads the audit trail ------------------------------------------------------------------


def may_view(user) -> bool:
    """The audit trail is the province's oversight: provincial officers and superusers read it.

    It is read whole, deleted records included (whose area can no longer be looked up), so it is
    not cut by area like the records themselves; everyone else is refused (403 in the API).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    access = import_module(settings.OCOP_ACCESS_MODULE)
    return access.role_of(user) == "officer"


# --- What history hangs on: never deleted, archived instead -----------------------------------
# Models of later apps are named by label (this plumbing imports no app). Each guard answers the
# refusal for one object, or None when it may go. Services check first and say it clearly; the
# ``pre_delete`` receiver stops any other ORM delete (shell, cascade); database triggers and
# ``on_delete=PROTECT`` stop raw SQL.


def _recognised_product(product) -> str | None:
    certificates = apps.get_model("evaluations", "Certificate")._base_manager
    if certificates.filter(product_id=product.pk).exists():
        return _(
            "Sản phẩm “%(product)s” đã được công nhận OCOP (có giấy chứng nhận): lịch sử công nhận gắn với nó "
            "nên không thể xóa. Hãy lưu trữ sản phẩm thay vì xóa."
        ) % {"product": product}
    return None


def _certificate(certificate) -> str | None:
    return _(
        "Giấy chứng nhận “%(number)s” là hồ sơ công nhận nên không thể xóa: hãy thu hồi, "
        "hoặc để giấy hết hạn hay được thay thế."
    ) % {"number": certificate.number}


def _finalised_evaluation(evaluation) -> str | None:
    if type(evaluation)._base_manager.filter(pk=evaluation.pk, status="finalised").exists():
        return _("Phiên đánh giá đã hoàn tất: kết quả và phiếu chấm là lịch sử, không thể xóa.")
    return None


DELETION_GUARDS = {
    "products.Product": _recognised_product,
    "evaluations.Certificate": _certificate,
    "evaluations.Evaluation": _finalised_evaluation,
}


def deletion_refusal(obj) -> str | None:
    """Why ``obj`` may not be deleted (a Vietnamese sentence saying what to do instead), or None."""
    guard = DELETION_GUARDS.get(obj._meta.label)
    return None if guard is None or obj.pk is None else guard(obj)


def ensure_deletable(obj) -> None:
    """Raise ``Conflict`` (409 in the API, a message elsewhere) when history hangs on ``obj``."""
    refusal = deletion_refusal(obj)
    if refusal:
        raise Conflict(refusal, code="history_protected")


def _refuse_deletion(sender, instance, **kwargs):
    ensure_deletable(instance)


def connect_deletion_guards() -> None:
    """Called once from ``OcopPortalConfig.ready()``."""
    for label in DELETION_GUARDS:
        pre_delete.connect(_refuse_deletion, sender=label, dispatch_uid=f"ocop_audit_guard_{label}")
