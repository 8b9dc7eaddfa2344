"""Processes for the drills: an embedded PostgreSQL of their own and gunicorn with production settings.

The drills stop and start the database, so they never use the checkout's shared server
(``var/pgdata``): ``OCOP_PGDATA`` points ``ocop_portal.devdb`` at ``var/pgdata-reliability``,
and every run gets a fresh database there. gunicorn serves the production profile (``DEBUG=0``,
hashed static files through whitenoise, the security settings) on a free loopback port, with
``DJANGO_SECURE_SSL=0`` because there is no TLS on loopback.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PGDATA = BASE_DIR / "var" / "pgdata-reliability"
WORK_DIR = BASE_DIR / "var" / "reliability"
DATABASE = "ocop_reliability"
PYTHON = sys.executable


def base_environment(**variables) -> dict:
    """This environment without a developer's ``DJANGO_*`` or ``DATABASE_URL``, on the drills' own server."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    environment.update(OCOP_PGDATA=str(PGDATA), DJANGO_SETTINGS_MODULE="ocop_portal.settings", PYTHONUNBUFFERED="1")
    environment.update(variables)
    return environment


def run(arguments, *, environment=None, timeout=600, check=True) -> subprocess.CompletedProcess:
    """Run a program of the checkout; raise with its output when it fails (and ``check``)."""
    result = subprocess.run(  # noqa: S603 - the checkout's own programs
        arguments, cwd=BASE_DIR, env=environment or base_environment(), capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, arguments))} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result


def database_running() -> bool:
    return run([PYTHON, "-m", "ocop_portal.devdb", "status"], check=False).stdout.strip() == "running"


def start_database() -> None:
    run([PYTHON, "-m", "ocop_portal.devdb", "start"])


def stop_database() -> None:
    run([PYTHON, "-m", "ocop_portal.devdb", "stop"])


def database_url(name: str = DATABASE) -> str:
    """The URL of a database on the drills' server (unix socket in its data folder)."""
    port = (PGDATA / "postmaster.pid").read_text().splitlines()[3].strip()
    return f"postgres://postgres@/{name}?host={PGDATA}&port={port}"


def recreate_database(name: str = DATABASE) -> None:
    """Drop and create ``name`` on the drills' server: every run starts from nothing."""
    import psycopg2

    port = (PGDATA / "postmaster.pid").read_text().splitlines()[3].strip()
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=str(PGDATA), port=port)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def production_environment(**variables) -> dict:
    """The production profile against the drills' database, as ``make serve`` runs it."""
    return base_environment(
        **{
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL": "0",
            "DJANGO_STATIC_ROOT": str(WORK_DIR / "static"),
            "OCOP_MEDIA_ROOT": str(WORK_DIR / "media"),
            "DATABASE_URL": database_url(),
            "DJANGO_LOG_LEVEL": "ERROR",
            **variables,
        }
    )


def manage(*arguments, environment=None, timeout=600) -> subprocess.CompletedProcess:
    return run([PYTHON, "manage.py", *arguments], environment=environment or production_environment(), timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 5.0) -> tuple[int, bytes, dict]:
    """(status, body, headers) of a GET; an HTTP error status is an answer too, not an exception."""
    request = urllib.request.Request(url)  # noqa: S310 - loopback URLs built here
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@contextmanager
def gunicorn(environment: dict, *, workers: int = 2, threads: int = 4):
    """gunicorn serving the portal on a free loopback port; yields ``(base_url, process)``."""
    port = free_port()
    log = (WORK_DIR / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - the checkout's gunicorn
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "ocop_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
        ],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({process.returncode}); see {log.name}")
            try:
                if get(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {log.name}")
            time.sleep(0.3)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def prepared_site() -> dict:
    """A fresh database on the drills' server, migrated, the static files collected and the load data
    seeded; returns the seed (tokens and ids)."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    if not database_running():
        start_database()
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    seeded = run([PYTHON, "-m", "tests.reliability.seed"], environment=production_environment())
    return json.loads(seeded.stdout.strip().splitlines()[-1])
