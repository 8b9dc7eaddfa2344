"""Fixtures for the import/export tests: a small Bắc Kạn, users of each scope, files built in memory."""

import io

import pytest
from openpyxl import Workbook

from ocop_portal import importer
from tests import factories


@pytest.fixture
def area():
    return factories.bac_kan_tree()


@pytest.fixture
def officer(area):
    return factories.user("officer", role="officer", unit_obj=area["province"], is_staff=True)


@pytest.fixture
def nari_staff(area):
    return factories.user("staff_nari", role="area_staff", unit_obj=area["na_ri"], is_staff=True)


def xlsx(headings, rows, *, title="Sheet", name="data.xlsx"):
    """An .xlsx upload with one sheet: headings, then rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    stream.name = name
    return stream


def csv_file(text, *, name="data.csv", encoding="utf-8-sig"):
    stream = io.BytesIO(text.encode(encoding))
    stream.name = name
    return stream


def run(kind, stream, user, *, dry_run=False):
    stream.seek(0)
    return importer.run_import(kind, stream, user=user, filename=stream.name, dry_run=dry_run)


def counts(result):
    """(new, updated, unchanged, error rows) — the four numbers a dry run reports."""
    return (result.new, result.updated, result.unchanged, result.error_rows)
