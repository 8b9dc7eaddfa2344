"""Who changed what, from where: the context attached to every history event.

Database triggers (django-pghistory) record each insert, update and delete of the tracked models,
whatever wrote it — admin, API, page, import, command or a shell. This module adds the "who and
from where" as pghistory context: the user id and username (kept as text if the user is later
deleted), the source, a request id grouping one request's changes, and a reason when given.
"""

import uuid

import pghistory
from django.core.handlers.wsgi import WSGIRequest
from pghistory import config
from pghistory.middleware import HistoryMiddleware

SOURCE_ADMIN = "admin"
SOURCE_API = "api"
SOURCE_PAGE = "page"
SOURCE_IMPORT = "import"
SOURCE_COMMAND = "command"

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
    """Attach a reason ("returned: missing lab report") to the changes of the current context."""
    if text:
        pghistory.context(reason=text)


def command_context(argv):
    """Context for a management command run from the shell (``manage.py``)."""
    name = argv[1] if len(argv) > 1 else ""
    if name in UNTRACKED_COMMANDS:
        return None
    import getpass

    return pghistory.context(
        source=SOURCE_IMPORT if name == "import_data" else SOURCE_COMMAND,
        command=" ".join(argv[1:])[:200],
        username=getpass.getuser(),
        user=None,
        request_id=uuid.uuid4().hex,
    )
