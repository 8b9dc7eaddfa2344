"""The shared spreadsheet writer: headings, dates, formula neutralisation, streaming."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import openpyxl
from django.http import HttpResponse
from django.utils.translation import gettext_lazy

from ocop_portal.spreadsheets import iter_csv, neutralise, write_csv, write_xlsx

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def read_xlsx(data):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in workbook}


def test_neutralise_formula_prefixes():
    for text in ["=1+1", "+84912", "-2", "@SUM(A1)", "\t=x", "\r=x"]:
        assert neutralise(text) == "'" + text
    for text in ["Miến dong", "", "1=1", "a-b"]:
        assert neutralise(text) == text


def test_xlsx_sheets_headings_dates_and_formulas():
    stream = io.BytesIO()
    write_xlsx(
        stream,
        [
            (
                "Tổng hợp",
                ["Tên sản phẩm", "Ngày cấp", "Điểm", "Hạng sao", "Còn hiệu lực"],
                [
                    ["Miến dong Tài Hoan", datetime.date(2018, 12, 12), Decimal("91.14"), 5, True],
                    ['=HYPERLINK("http://x","y")', None, -3, None, False],
                ],
            ),
            ("Theo huyện", ["Huyện", "Số sản phẩm"], iter([["Na Rì", 12]])),
        ],
    )
    workbook = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert workbook.sheetnames == ["Tổng hợp", "Theo huyện"]
    sheet = workbook["Tổng hợp"]
    assert [c.value for c in sheet[1]] == ["Tên sản phẩm", "Ngày cấp", "Điểm", "Hạng sao", "Còn hiệu lực"]
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].value == datetime.datetime(2018, 12, 12)
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["C2"].value == 91.14
    assert sheet["E2"].value == "Có"
    assert sheet["A3"].value == '\'=HYPERLINK("http://x","y")'
    assert sheet["A3"].data_type == "s"
    assert sheet["C3"].value == -3  # numbers stay numbers, even negative
    assert read_xlsx(stream.getvalue())["Theo huyện"] == [["Huyện", "Số sản phẩm"], ["Na Rì", 12]]


def test_xlsx_titles_are_made_valid_and_unique():
    stream = io.BytesIO()
    long_title = "Sản phẩm theo nhóm sản phẩm và theo loại hình chủ thể"
    write_xlsx(stream, [(long_title, ["a"], []), (long_title, ["a"], []), ("a/b:c", ["a"], [])])
    titles = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).sheetnames
    assert titles == [long_title[:31], long_title[:27] + " (2)", "a b c"]
    assert all(len(t) <= 31 for t in titles)


def test_xlsx_datetimes_in_local_time():
    stream = io.BytesIO()
    moment = datetime.datetime(2018, 12, 12, 1, 30, tzinfo=datetime.UTC)
    write_xlsx(stream, [("T", ["Lúc"], [[moment]])])
    assert read_xlsx(stream.getvalue())["T"][1] == [datetime.datetime(2018, 12, 12, 8, 30)]


def test_xlsx_streams_a_generator_of_many_rows():
    stream = io.BytesIO()
    rows = ([n, f"Sản phẩm {n}"] for n in range(20000))
    write_xlsx(stream, [("Lớn", ["STT", "Tên"], rows)])
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()), read_only=True)["Lớn"]
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == 20001


def test_csv_text_stream_dates_bom_and_formulas():
    stream = io.StringIO(newline="")
    write_csv(
        stream,
        ["Tên", "Ngày", "Lúc", "Số", "Ghi chú"],
        [
            ["Bún khô", datetime.date(2021, 1, 10), datetime.datetime(2019, 1, 21, 8, 0, tzinfo=HCM), 3, None],
            ["-1+2", datetime.date(2018, 12, 12), None, -1, gettext_lazy("Có")],
        ],
    )
    text = stream.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [
        ["Tên", "Ngày", "Lúc", "Số", "Ghi chú"],
        ["Bún khô", "10/01/2021", "21/01/2019 08:00", "3", ""],
        ["'-1+2", "12/12/2018", "", "-1", "Có"],
    ]


def test_csv_binary_stream_and_http_response():
    binary = io.BytesIO()
    write_csv(binary, ["Huyện"], [["Chợ Mới"]])
    assert binary.getvalue().decode("utf-8") == "\ufeffHuyện\r\nChợ Mới\r\n"

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(response, ["Huyện"], [["Ba Bể"]])
    assert response.content.decode("utf-8") == "\ufeffHuyện\r\nBa Bể\r\n"


def test_iter_csv_yields_one_chunk_per_row():
    chunks = list(iter_csv(["A"], ([n] for n in range(3)), bom=False))
    assert chunks == ["A\r\n", "0\r\n", "1\r\n", "2\r\n"]
