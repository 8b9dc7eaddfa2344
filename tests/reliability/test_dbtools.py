"""The backup commands reach the database however ``DATABASE_URL`` names it (host and port, or a unix socket)."""

import dj_database_url
import pytest
from django.db import connections

from ocop_portal import dbtools


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("postgres://ocop:secret@db.example.internal:6543/ocop", "db.example.internal", "6543"),
        ("postgres:///ocop?host=/work/main/var/pgdata&port=5432", "/work/main/var/pgdata", "5432"),
    ],
)
def test_client_arguments_follow_the_database_url(monkeypatch, url, host, port):
    monkeypatch.setattr(connections["default"], "settings_dict", dj_database_url.parse(url))
    arguments, environment = dbtools._connection_arguments()
    assert arguments[arguments.index("--host") + 1] == host
    assert arguments[arguments.index("--port") + 1] == port
    assert arguments[arguments.index("--dbname") + 1] == "ocop"
    if "secret" in url:
        assert environment["PGPASSWORD"] == "secret"
