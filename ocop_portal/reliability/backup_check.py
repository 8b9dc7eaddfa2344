"""The backup round trip through the commands an operator types: back up, wipe, restore, compare.

``manage.py backup FILE``; every table emptied (``TRUNCATE … CASCADE``); ``manage.py restore FILE
--noinput``; then every table's row count and checksum must equal those taken before the backup.
Run ``python -m ocop_portal.reliability.backup_check fingerprint|wipe`` for the two steps that
need Django; the runner calls :func:`round_trip`.
"""

from __future__ import annotations

import json
import sys
import time

from ocop_portal.reliability import server
from ocop_portal.reliability.fingerprints import differences

KEY_TABLES = (
    "organizations_producer",
    "products_product",
    "products_registration",
    "products_dossierdocument",
    "evaluations_certificate",
)


def _step(name: str, environment: dict) -> dict:
    result = server.run([server.PYTHON, "-m", "ocop_portal.reliability.backup_check", name], environment=environment)
    return json.loads(result.stdout.strip().splitlines()[-1])


def round_trip(environment: dict) -> dict:
    dump = server.WORK_DIR / "round-trip.dump"
    dump.unlink(missing_ok=True)
    before = _step("fingerprint", environment)
    started = time.monotonic()
    server.manage("backup", str(dump), environment=environment)
    backed_up = time.monotonic()
    wiped = _step("wipe", environment)
    server.manage("restore", str(dump), "--noinput", environment=environment)
    restored = time.monotonic()
    after = _step("fingerprint", environment)
    changed = differences(before, after)
    return {
        "tables": len(before),
        "rows": sum(count for count, _ in before.values()),
        "rows_after_wipe": wiped["rows"],
        "dump_bytes": dump.stat().st_size,
        "backup_s": round(backed_up - started, 1),
        "restore_s": round(restored - backed_up, 1),
        "differences": {table: [list(b or ()), list(a or ())] for table, (b, a) in changed.items()},
        "key_tables": {table: {"rows": before[table][0], "md5": before[table][1][:12]} for table in KEY_TABLES},
        "passed": not changed and wiped["rows"] == 0 and sum(c for c, _ in before.values()) > 0,
    }


def _fingerprint() -> dict:
    from ocop_portal.reliability.fingerprints import table_fingerprints

    return {table: list(value) for table, value in table_fingerprints().items()}


def _wipe() -> dict:
    from django.db import connection

    from ocop_portal.reliability.fingerprints import table_fingerprints, table_names

    tables = table_names()
    with connection.cursor() as cursor:
        # Wiped as a disaster would leave them: the triggers that note changes (audit, stored
        # summaries' version) would otherwise write rows into the tables just emptied.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("TRUNCATE {} CASCADE".format(", ".join(connection.ops.quote_name(t) for t in tables)))
    return {"rows": sum(count for count, _ in table_fingerprints().values())}


if __name__ == "__main__":
    import django

    django.setup()
    step = {"fingerprint": _fingerprint, "wipe": _wipe}[sys.argv[1]]
    sys.stdout.write(json.dumps(step()) + "\n")
