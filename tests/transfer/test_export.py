"""Exports: the import columns, no formula injection, no query per row, streamed CSV, and the helper for list pages."""

import csv
import datetime
import io
import itertools

import pytest
from openpyxl import load_workbook

from evaluations.models import Certificate
from evaluations.transfer import KINDS
from ocop_portal import importer
from ocop_portal.importer import export_response, run_import, write_export
from organizations.filters import ProducerFilterSet
from organizations.models import IssuingAuthority, Producer
from organizations.transfer import PRODUCERS
from tests import factories
from tests.transfer.conftest import counts, run

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("http://evil.example","Bấm vào đây")',
    "address": "@SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "+84 209 3880 123",
    "representative_title": "-Giám đốc",
}


def exported(kind, queryset, fmt):
    stream = io.BytesIO()
    write_export(kind, queryset, stream, fmt)
    stream.seek(0)
    stream.name = f"export.{fmt}"
    return stream


def test_formula_like_text_is_neutralised_in_both_formats_and_comes_back_intact(area, officer):
    producer = factories.producer(area["con_minh"], tax_code="4700123456", **HOSTILE)
    workbook = load_workbook(exported(PRODUCERS, Producer.objects.all(), "xlsx"))
    headings = [cell.value for cell in workbook.active[1]]
    row = [cell.value for cell in workbook.active[2]]
    assert row[headings.index("Tên chủ thể")] == "'" + HOSTILE["name"]
    assert row[headings.index("Địa chỉ")] == "'" + HOSTILE["address"]
    assert row[headings.index("Điện thoại")] == "'" + HOSTILE["phone"]
    assert row[headings.index("Chức vụ người đại diện")] == "'" + HOSTILE["representative_title"]
    assert all(cell.data_type != "f" for cell in workbook.active[2])  # no cell is a formula

    text = exported(PRODUCERS, Producer.objects.all(), "csv").getvalue().decode("utf-8-sig")
    record = next(csv.DictReader(io.StringIO(text)))
    assert record["Tên chủ thể"] == "'" + HOSTILE["name"]
    assert record["Điện thoại"] == "'" + HOSTILE["phone"]

    for fmt in ("xlsx", "csv"):
        result = run(PRODUCERS, exported(PRODUCERS, Producer.objects.all(), fmt), officer)
        assert counts(result) == (0, 0, 1, 0), result.errors
    producer.refresh_from_db()
    assert {key: getattr(producer, key) for key in HOSTILE} == HOSTILE


@pytest.fixture
def many(area):
    """Rows of every kind, each with everything its columns read (commune tree, producer, set, authority)."""
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])

    numbers = itertools.count()

    def make(n):
        for i in itertools.islice(numbers, n):
            producer = factories.producer(area["con_minh"] if i % 2 else area["nong_ha"], tax_code=f"47{i:08d}")
            product = factories.product(producer)
            factories.registration(product, year=2018)
            Certificate.objects.create(
                product=product,
                star=3,
                number=f"{i}/GCN-OCOP-06-2018",
                decision_number="1/QĐ",
                decision_date=datetime.date(2018, 12, 12),
                authority=authority,
                issued_on=datetime.date(2018, 12, 12),
                expires_on=datetime.date(2021, 12, 12),
            )

    return make


@pytest.mark.parametrize("name", list(KINDS))
def test_an_export_reads_with_one_query_whatever_the_number_of_rows(many, name, django_assert_num_queries):
    kind = KINDS[name]
    many(3)
    with django_assert_num_queries(1):
        assert len(list(kind.export_rows(kind.model.objects.all()))) == 3
    many(12)
    with django_assert_num_queries(1):
        assert len(list(kind.export_rows(kind.model.objects.all()))) == 15


def test_export_response_of_a_filtered_list(area, officer, rf):
    factories.producer(area["con_minh"], name="HTX Tài Hoan")
    factories.producer(area["nong_ha"], name="HTX Nông Hạ")
    request = rf.get("/area/producers/", {"q": "tai hoan"})
    filterset = ProducerFilterSet(request.GET, queryset=Producer.objects.visible_to(officer))
    response = export_response(PRODUCERS, filterset.qs, "csv", "chu-the-loc")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="chu-the-loc.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row["Tên chủ thể"] for row in csv.DictReader(io.StringIO(text))] == ["HTX Tài Hoan"]

    response = export_response(PRODUCERS, filterset.qs, "xlsx", "chu-the-loc")
    assert response["Content-Disposition"] == 'attachment; filename="chu-the-loc.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Chủ thể OCOP"
    assert sheet.max_row == 2


def test_dates_are_real_dates_in_xlsx_and_dd_mm_yyyy_in_csv(area, officer):
    factories.producer(area["con_minh"], founded_on=datetime.date(2016, 3, 5))
    sheet = load_workbook(exported(PRODUCERS, Producer.objects.all(), "xlsx")).active
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(2, headings.index("Ngày thành lập") + 1)
    assert cell.value == datetime.datetime(2016, 3, 5) and cell.number_format == "DD/MM/YYYY"
    text = exported(PRODUCERS, Producer.objects.all(), "csv").getvalue().decode("utf-8-sig")
    assert next(csv.DictReader(io.StringIO(text)))["Ngày thành lập"] == "05/03/2016"


def test_progress_is_reported_batch_by_batch(area, officer, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    calls = []
    rows = "".join(f"HTX {n},Hợp tác xã,Côn Minh\n" for n in range(5))
    stream = io.BytesIO(("Tên chủ thể,Loại hình,Xã/phường\n" + rows).encode())
    run_import(
        PRODUCERS, stream, user=officer, filename="x.csv", progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(2, 5), (4, 5), (5, 5)]
