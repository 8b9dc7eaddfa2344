"""A backup restored onto a wiped database gives back every row of every table."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests import factories


def _table_fingerprints():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        fingerprints = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608
            )
            fingerprints[table] = cursor.fetchone()
    return fingerprints


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_identical_tables(tmp_path):
    tree = factories.bac_kan_tree()
    producer = factories.producer(tree["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    factories.registration(factories.product(producer, name="Miến dong Tài Hoan"), year=2018)
    before = _table_fingerprints()
    assert before["organizations_producer"][0] == 1

    backup = tmp_path / "ocop.dump"
    call_command("backup", str(backup))
    assert backup.stat().st_size > 0

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE organizations_producer, organizations_administrativeunit, products_product, "
            "products_registration CASCADE"
        )
    assert _table_fingerprints()["organizations_producer"][0] == 0

    call_command("restore", str(backup), noinput=True)
    assert _table_fingerprints() == before


@pytest.mark.django_db(transaction=True)
def test_restore_of_a_corrupt_file_fails_cleanly_and_changes_nothing(tmp_path):
    from django.core.management.base import CommandError

    factories.bac_kan_tree()
    before = _table_fingerprints()
    corrupt = tmp_path / "corrupt.dump"
    corrupt.write_bytes(b"PGDMP this is not a real archive")
    with pytest.raises(CommandError):
        call_command("restore", str(corrupt), noinput=True)
    assert _table_fingerprints() == before
