"""Where the benchmark's data lives: its own database, never the demo database nor a test database.

By default the benchmark runs its own embedded PostgreSQL cluster in ``var/benchdata`` (same
bundled binaries as the development server, started on first use, a unix socket only), with the
database ``ocop_bench_<scale>`` in it (``BENCH_SCALE``, default ``small``), so that the small and the
large dataset can both be kept. A cluster of its own rather than a database on the shared
development server: a ``large`` dataset is several GB, and the replica test copies the whole
development cluster with ``pg_basebackup``. ``BENCH_DATABASE_URL`` points anywhere else.
"""

import os
from pathlib import Path
from urllib.parse import quote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_PGDATA = BASE_DIR / "var" / "benchdata"
FORBIDDEN = {"ocop", "postgres", "template0", "template1"}


class BenchDatabaseError(RuntimeError):
    """The benchmark refuses a database that belongs to someone else."""


def _check_name(name: str) -> str:
    if not name or name in FORBIDDEN or name.startswith("test_"):
        raise BenchDatabaseError(
            f"refusing database {name!r}: the benchmark truncates and regenerates its database; "
            "give it one of its own (default ocop_bench_<scale>)"
        )
    return name


def database_url() -> str:
    """The URL of the benchmark database, starting the benchmark's embedded cluster when needed."""
    configured = os.environ.get("BENCH_DATABASE_URL")
    if configured:
        _check_name(urlparse(configured).path.lstrip("/"))
        return configured
    os.environ["OCOP_PGDATA"] = os.environ.get("BENCH_PGDATA", str(BENCH_PGDATA))
    from ocop_portal import devdb

    server = devdb.database_settings()  # starts the cluster (or attaches to it)
    name = _check_name(f"ocop_bench_{os.environ.get('BENCH_SCALE', 'small')}")
    _ensure_database(server["HOST"], server["PORT"], name)
    return f"postgres://postgres@{quote(server['HOST'], safe='')}:{server['PORT']}/{name}"


def _ensure_database(host: str, port: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=host, port=port)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{_check_name(name)}"')
    finally:
        connection.close()


def use_bench_database() -> str:
    """Point this process (and the processes it starts) at the benchmark database; returns the URL."""
    url = database_url()
    os.environ["DATABASE_URL"] = url
    return url
