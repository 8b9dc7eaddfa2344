"""Every table of the database as (row count, checksum): "nothing changed" and "all came back", checked whole."""

from django.db import connection as default_connection


def table_names(connection=default_connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return [row[0] for row in cursor.fetchall()]


def table_fingerprints(connection=default_connection, tables=None) -> dict[str, tuple[int, str]]:
    """``{table: (rows, md5 of the rows as text in a fixed order)}`` for every table of the public schema."""
    fingerprints = {}
    with connection.cursor() as cursor:
        for table in tables or table_names(connection):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quoted} t"  # noqa: S608 - a table name from the catalogue, quoted
            )
            fingerprints[table] = cursor.fetchone()
    return fingerprints


def differences(before: dict, after: dict) -> dict[str, tuple]:
    """The tables whose fingerprint changed: ``{table: (before, after)}`` (empty when identical)."""
    return {
        table: (before.get(table), after.get(table))
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    }
