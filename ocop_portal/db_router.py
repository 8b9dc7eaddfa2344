"""Read-only work on the streaming replicas, every write and transaction on the primary.

With ``DATABASE_REPLICA_URLS`` set (see settings.py), ``DATABASES`` holds ``replica1``,
``replica2`` … beside ``default``, ``ReplicaRouter`` is installed and ``ReplicaReadsMiddleware``
opens the requests that may read from a replica:

- **writes** always go to the primary (``default``);
- a **read** goes to a replica only inside a request that opted in: ``GET``/``HEAD``/``OPTIONS``
  (the API's reads, the catalogue, the reports, the dashboard) from a browser or client that has
  not written in the last ``OCOP_READ_YOUR_WRITES_SECONDS`` seconds. One replica is picked per
  request, so the request sees one consistent snapshot;
- everything else reads the primary: ``POST``/``PUT``/``PATCH``/``DELETE`` requests (the reads
  that decide a write must not be stale), reads inside ``transaction.atomic()`` (row locks,
  workflow steps), management commands, imports, the shell;
- **read your own writes**: a write request sets a short-lived cookie; while it lasts, that
  client reads from the primary, so nobody saves a dossier and then sees the old one from a
  replica that is a few milliseconds behind. Forging the cookie only sends one's own reads to the
  primary. An API client that keeps no cookies does not need it: every write answers with the
  object as written, read from the primary inside the same request;
- sessions, API tokens, users and login attempts are always read from the primary: a session
  just created at sign-in, or a token just revoked, must count on the very next request.

Without replicas the router is not installed and nothing changes.
"""

from __future__ import annotations

import contextlib
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_COOKIE = "ocop_primary_until"
# Read on the primary whatever the request: whether someone is signed in or locked out, or a token works.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes"})
PRIMARY_ONLY_MODELS = frozenset({"auth.user", "ocop_portal.apitoken"})

_replica: ContextVar[str | None] = ContextVar("ocop_replica", default=None)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "REPLICA_DATABASES", ()))


def current_replica() -> str | None:
    """The replica this request reads from, or None (the primary)."""
    return _replica.get()


@contextlib.contextmanager
def replica_reads(alias: str | None = None):
    """Reads in this block may go to a replica (``alias``, else one picked at random): for read-only
    work outside requests, such as a report command."""
    aliases = replica_aliases()
    token = _replica.set(alias or (random.choice(aliases) if aliases else None))  # noqa: S311 - load spreading
    try:
        yield
    finally:
        _replica.reset(token)


class ReplicaRouter:
    """Installed only when replicas are configured (``DATABASE_ROUTERS`` in settings.py)."""

    def db_for_read(self, model, **hints):
        alias = _replica.get()
        meta = model._meta
        if alias is None or meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a transaction reads what it is about to write
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database: the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def _pinned(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, 0)) > time.time()
    except ValueError:
        return False


class ReplicaReadsMiddleware:
    """Opens safe requests of clients that have not just written to a replica; pins writers to the primary.

    First in ``MIDDLEWARE`` so that the whole request, sessions and authentication included, runs
    under one decision.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aliases = replica_aliases()
        safe = request.method in SAFE_METHODS
        alias = random.choice(aliases) if aliases and safe and not _pinned(request) else None  # noqa: S311
        token = _replica.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if alias is not None and getattr(response, "streaming", False):
            response.streaming_content = _streamed_from(alias, response.streaming_content)
        if not safe:
            seconds = getattr(settings, "OCOP_READ_YOUR_WRITES_SECONDS", 5)
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


def _streamed_from(alias, content):
    """A streamed response (an export) keeps reading from its replica while it is sent."""
    token = _replica.set(alias)
    try:
        yield from content
    finally:
        with contextlib.suppress(ValueError):  # iterated in another context (ASGI): nothing of ours there
            _replica.reset(token)
