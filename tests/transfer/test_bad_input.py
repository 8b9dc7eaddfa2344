"""Bad files and bad rows: a clear Vietnamese message, and nothing written — ever."""

import datetime
import io
import zipfile

import pytest

from organizations.models import Producer
from organizations.transfer import PRODUCERS
from tests import factories
from tests.transfer.conftest import counts, csv_file, run, xlsx

pytestmark = pytest.mark.django_db

HEADINGS = ["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường", "Ngày thành lập"]
GOOD_ROW = ["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh", "15/03/2016"]


def named(data: bytes, name: str):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def assert_file_refused(result, message):
    assert result.file_errors and message in " ".join(result.file_errors), result.file_errors
    assert not result.committed
    assert not Producer.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("chu-the.pdf", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."),
        ("chu-the", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."),
        ("chu-the.xls", "Tệp .xls (Excel 97–2003) không được hỗ trợ"),
    ],
)
def test_wrong_file_type(area, officer, name, message):
    assert_file_refused(run(PRODUCERS, named(b"%PDF-1.7 ...", name), officer), message)


def _zip_without_workbook() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return stream.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 a renamed executable",  # not a zip at all
        _zip_without_workbook(),  # a zip, but no workbook inside
        xlsx(HEADINGS, [GOOD_ROW] * 50).getvalue()[:2000],  # a workbook cut short
    ],
    ids=["not-a-zip", "zip-without-workbook", "truncated"],
)
def test_corrupt_workbook(area, officer, data):
    result = run(PRODUCERS, named(data, "chu-the.xlsx"), officer)
    assert_file_refused(result, "Tệp Excel bị hỏng hoặc không phải tệp .xlsx thật")


def test_empty_files(area, officer):
    assert_file_refused(run(PRODUCERS, csv_file(""), officer), "Tệp trống")
    assert_file_refused(run(PRODUCERS, xlsx([], []), officer), "dòng đầu tiên phải là tiêu đề các cột")


def test_csv_that_is_not_utf8(area, officer):
    text = "Tên chủ thể,Loại hình,Xã/phường\nHTX Tài Hoan,Hợp tác xã,Côn Minh\n"
    windows = csv_file("Ten chu the,Loai hinh,Xa/phuong\nHTX Tài Hoan,Hop tac xa,Côn Minh\n", encoding="cp1252")
    assert_file_refused(run(PRODUCERS, windows, officer), "Tệp CSV phải được lưu với bảng mã UTF-8")
    assert_file_refused(run(PRODUCERS, csv_file(text, encoding="utf-16"), officer), "bảng mã UTF-8")


def test_missing_required_column(area, officer):
    upload = xlsx(["Tên chủ thể", "Mã số thuế", "Xã/phường"], [["HTX Tài Hoan", "4700123456", "Côn Minh"]])
    assert_file_refused(run(PRODUCERS, upload, officer), "Thiếu cột bắt buộc: Loại hình.")


def test_renamed_column_is_not_silently_dropped(area, officer):
    upload = xlsx(
        ["Tên chủ thể", "Loại hình", "MST", "Xã/phường"], [["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Côn Minh"]]
    )
    result = run(PRODUCERS, upload, officer)
    assert_file_refused(result, "Cột không có trong mẫu: “MST”. Các cột hợp lệ: Tên chủ thể, Loại hình")


def test_repeated_column(area, officer):
    upload = xlsx(
        ["Tên chủ thể", "Loại hình", "Xã/phường", "Loại hình"], [["HTX", "Hợp tác xã", "Côn Minh", "Hợp tác xã"]]
    )
    assert_file_refused(run(PRODUCERS, upload, officer), "Cột bị lặp: “Loại hình”.")


def test_row_number_column_and_blank_rows_are_ignored(area, officer):
    upload = xlsx(
        ["STT", *HEADINGS], [[1, *GOOD_ROW], [None] * 7, [2, "HTX Nông Hạ", "Hợp tác xã", None, None, "Nông Hạ", None]]
    )
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (2, 0, 0, 0), result.errors


def test_duplicate_keys_inside_the_file(area, officer):
    upload = xlsx(
        HEADINGS,
        [GOOD_ROW, ["HTX Tài Hoan (trùng)", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh", None]],
    )
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (1, 0, 0, 1)
    assert [str(e) for e in result.errors] == [
        "Dòng 3, cột Mã số thuế: Trùng với dòng 2 của tệp (cùng khóa nhận diện)."
    ]
    assert not result.committed and not Producer.objects.exists()


def test_duplicate_names_in_one_commune_without_tax_code(area, officer):
    row = ["Hộ kinh doanh Hoàng Thị Hoa", "Hộ sản xuất, hộ kinh doanh có đăng ký", None, "", "Nông Hạ", None]
    result = run(PRODUCERS, xlsx(HEADINGS, [row, row]), officer)
    assert [str(e) for e in result.errors] == [
        "Dòng 3, cột Mã số thuế: Trùng với dòng 2 của tệp (cùng khóa nhận diện)."
    ]
    assert not Producer.objects.exists()


@pytest.mark.parametrize(
    ("district", "commune", "message"),
    [
        ("", "99999", "Dòng 2, cột Xã/phường: Không tìm thấy xã/phường “99999” trong danh mục đơn vị hành chính."),
        ("Na Rì", "Xã Không Có", "Dòng 2, cột Xã/phường: Không tìm thấy xã/phường “Xã Không Có” (Na Rì)"),
        ("999", "Côn Minh", "Dòng 2, cột Quận/huyện: Không tìm thấy quận/huyện “999” trong danh mục"),
        ("Chợ Mới", "Côn Minh", "Dòng 2, cột Xã/phường: Không tìm thấy xã/phường “Côn Minh” (Chợ Mới)"),
    ],
)
def test_unknown_unit_codes_and_names(area, officer, district, commune, message):
    row = ["HTX Tài Hoan", "Hợp tác xã", "4700123456", district, commune, None]
    result = run(PRODUCERS, xlsx(HEADINGS, [GOOD_ROW[:3] + ["", "Nông Hạ", None], row]), officer)
    assert counts(result) == (1, 0, 0, 1)
    assert str(result.errors[0]).replace("Dòng 3", "Dòng 2").startswith(message)
    assert not Producer.objects.exists()


def test_a_commune_name_found_in_two_districts_asks_for_the_district(area, officer):
    factories.unit("02999", "Côn Minh", level="commune", unit_type="xa", parent=area["cho_moi"])
    row = ["HTX Tài Hoan", "Hợp tác xã", "4700123456", "", "Côn Minh", None]
    result = run(PRODUCERS, xlsx(HEADINGS, [row]), officer)
    assert result.errors[0].column == "Xã/phường"
    assert "có ở nhiều nơi" in result.errors[0].message and "ghi thêm quận/huyện" in result.errors[0].message
    row[3] = "na ri"
    assert counts(run(PRODUCERS, xlsx(HEADINGS, [row]), officer)) == (1, 0, 0, 0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2016-03-15", "Ngày “2016-03-15” không đúng dạng dd/mm/yyyy (ví dụ 15/03/2019)."),
        ("15.03.2016", "Ngày “15.03.2016” không đúng dạng dd/mm/yyyy (ví dụ 15/03/2019)."),
        ("31/02/2016", "Ngày 31/02/2016 không có thật."),
        ("tháng 3", "Ngày “tháng 3” không đúng dạng dd/mm/yyyy (ví dụ 15/03/2019)."),
    ],
)
def test_dates_in_the_wrong_format(area, officer, value, message):
    result = run(PRODUCERS, xlsx(HEADINGS, [[*GOOD_ROW[:5], value]]), officer)
    assert [str(e) for e in result.errors] == [f"Dòng 2, cột Ngày thành lập: {message}"]
    assert not Producer.objects.exists()


def test_a_real_excel_date_cell_is_accepted(area, officer):
    result = run(PRODUCERS, xlsx(HEADINGS, [[*GOOD_ROW[:5], datetime.datetime(2016, 3, 15)]]), officer)
    assert counts(result) == (1, 0, 0, 0)
    assert Producer.objects.get().founded_on == datetime.date(2016, 3, 15)


def test_several_problems_of_one_row_are_all_reported(area, officer):
    row = ["", "Công ty", "12345", "Na Rì", "Côn Minh", "32/13/2016"]
    result = run(PRODUCERS, xlsx(HEADINGS, [row]), officer)
    assert counts(result) == (0, 0, 0, 1)
    assert {e.column for e in result.errors} == {"Tên chủ thể", "Loại hình", "Mã số thuế", "Ngày thành lập"}
    assert "Dòng 2, cột Tên chủ thể: Không được để trống." in [str(e) for e in result.errors]


def test_one_bad_row_among_many_rolls_everything_back(area, officer):
    rows = [[f"HTX số {n}", "Hợp tác xã", None, "Na Rì", "Côn Minh", None] for n in range(1, 40)]
    rows.append(["HTX lỗi", "Hợp tác xã", "không phải mã", "Na Rì", "Côn Minh", None])
    result = run(PRODUCERS, xlsx(HEADINGS, rows), officer)
    assert counts(result) == (39, 0, 0, 1)
    assert not result.committed
    assert not Producer.objects.exists()
