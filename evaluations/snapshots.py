"""Stored figures: a year summary or a dashboard computed once, served while no write has touched the data.

At national scale a province's year summary is ~25 aggregate statements over hundreds of thousands
of rows (seconds); read far more often than the records change. So the figures are stored
(``SummarySnapshot``) with the **version** of the data they were computed from, and served only
while that version has not moved:

- the version is the sum of ``SummaryChange.weight``; a statement trigger on every table the
  figures count (migration 0009) adds a row **in the writing transaction** — services, admin,
  imports, raw SQL alike — so the new version becomes visible exactly when the new data does;
- a request reads the stored figures and the current version in **one statement** (one snapshot
  of the database): a hit is served only if they match, so a stale figure is never served;
- on a miss the version is read first, then the figures are computed and stored under it: a write
  committed meanwhile moves the version past it, and the next reader recomputes;
- the key holds everything else the figures depend on: kind, year, area, counting date, today
  (stars lapse, certificates expire), language (labels) and the reader's scope (role and unit
  paths; the user for roles whose visibility is personal).

Writers never wait for each other (each inserts its own row; no shared counter row to lock), and
a miss folds the log into one row (``compact``), keeping the sum. Loads that switch triggers off
(``session_replication_role = replica``) must call ``invalidate()`` at the end.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router
from django.db.models import Q
from django.utils import timezone, translation

from evaluations.models import SummaryChange, SummarySnapshot
from organizations import access

# Roles whose visibility follows from the role and the unit paths alone (not from the person).
SHARED_SCOPE_ROLES = frozenset(
    {
        access.SUPERUSER,
        access.PUBLIC,
        access.Role.OFFICER,
        access.Role.AREA_STAFF,
        access.Role.API_CLIENT,
    }
)
KEEP = datetime.timedelta(days=2)  # snapshots of earlier days are never read again (today is in the key)

_LOOKUP = """
SELECT s.payload, v.version
FROM (SELECT COALESCE(SUM(weight), 0) AS version FROM evaluations_summarychange) AS v
LEFT JOIN evaluations_summarysnapshot AS s ON s.key = %s AND s.version = v.version
"""
_COMPACT = """
WITH gone AS (
    DELETE FROM evaluations_summarychange
    WHERE id < (SELECT MAX(id) FROM evaluations_summarychange)
    RETURNING weight
)
INSERT INTO evaluations_summarychange (weight) SELECT SUM(weight) FROM gone HAVING COUNT(*) > 0
"""


def scope_key(user) -> list:
    """What of the reader the figures depend on: their role and unit paths (``None``: no scope, all rows)."""
    if user is None:
        return ["all"]
    scope = access.scope_of(user)
    key = [scope.role, list(scope.edit), list(scope.view)]
    if scope.role not in SHARED_SCOPE_ROLES:
        key.append(user.pk)  # council members see the records before their own council
    return key


def key_for(kind: str, *, user, **parts) -> str:
    """The digest of everything the figures depend on besides the data."""
    parts.update(
        kind=kind,
        language=translation.get_language(),
        today=timezone.localdate(),
        scope=scope_key(user),
    )
    text = json.dumps(parts, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def _round_trip(payload) -> object:
    """The payload as it comes back from storage: a fresh result and a stored one look alike."""
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def cached(key: str, compute: Callable[[], object], *, kind: str, year: int | None = None, unit=None) -> object:
    """The stored payload for ``key`` if the data has not changed since; else ``compute()``, stored.

    The payload comes back as JSON types (dates as ISO strings, decimals as strings): the caller
    restores them, the same way for a hit and a miss.
    """
    read = connections[router.db_for_read(SummarySnapshot)]
    with read.cursor() as cursor:
        cursor.execute(_LOOKUP, [key])
        payload, version = cursor.fetchone()
    if payload is not None:
        return json.loads(payload) if isinstance(payload, str) else payload
    started = time.perf_counter()
    payload = _round_trip(compute())  # computed after the version was read: a later write moves it on
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    _store(key, payload, version=version, kind=kind, year=year, unit=unit, elapsed_ms=elapsed_ms)
    return payload


def _store(key, payload, *, version, kind, year, unit, elapsed_ms) -> None:
    SummarySnapshot.objects.bulk_create(
        [
            SummarySnapshot(
                key=key,
                kind=kind,
                year=year,
                unit=unit,
                version=version,
                payload=payload,
                compute_ms=elapsed_ms,
            )
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["version", "payload", "computed_at", "compute_ms"],
    )
    # Snapshots of an older version or an earlier day can never be served again.
    SummarySnapshot.objects.filter(Q(version__lt=version) | Q(computed_at__lt=timezone.now() - KEEP)).delete()
    compact()


def compact() -> None:
    """Fold the change log into one row (all but the newest), keeping the sum: the version stays."""
    with connections[router.db_for_write(SummaryChange)].cursor() as cursor:
        cursor.execute(_COMPACT)


def invalidate() -> None:
    """Move the version on: for writes that bypass the triggers (bulk loads in replica mode)."""
    SummaryChange.objects.create()
