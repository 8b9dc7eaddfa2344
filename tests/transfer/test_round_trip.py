"""Export, edit one cell, import: the acceptance round trip of issue 9, through the two commands."""

import csv

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from evaluations.transfer import KINDS
from organizations.models import IssuingAuthority, Producer
from products.models import Product
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(area):
    """Producers of both districts with the awkward values a real export carries."""
    tai_hoan = factories.producer(
        area["con_minh"],
        name="HTX Tài Hoan",
        tax_code="4700123456",
        phone="+84 209 3880 123",  # begins with "+": neutralised in the file, restored on import
        representative_gender="female",
        representative_disability=True,
        workforce_total=30,
        workforce_local=25,
    )
    factories.producer(area["nong_ha"], name="Hộ kinh doanh Hoàng Thị Hoa", legal_form="household")
    factories.product(tai_hoan, name="Miến dong Tài Hoan", certifications=["vietgap"], raw_material_area_ha="12.50")
    return tai_hoan


def import_data(*args):
    call_command("import_data", *map(str, args), verbosity=0)


def summary(capsys):
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_round_trip_of_producers_through_xlsx(registry, tmp_path, capsys):
    path = tmp_path / "chu-the.xlsx"
    call_command("export_data", "producers", str(path))
    workbook = load_workbook(path)
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    assert sheet.title == "Chủ thể OCOP" and "Mã số thuế" in headings
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    row = names.index("HTX Tài Hoan") + 2
    assert sheet.cell(row, headings.index("Điện thoại") + 1).value == "'+84 209 3880 123"
    sheet.cell(row, headings.index("Tổng số lao động") + 1).value = 31
    workbook.save(path)

    call_command("import_data", "producers", str(path), "--dry-run")
    assert summary(capsys) == (
        "Chạy thử chu-the.xlsx: 0 mới, 1 cập nhật, 1 không đổi, 0 dòng lỗi. Chưa ghi (chạy thử)."
    )
    assert Producer.objects.get(pk=registry.pk).workforce_total == 30

    call_command("import_data", "producers", str(path))
    assert summary(capsys).endswith("0 mới, 1 cập nhật, 1 không đổi, 0 dòng lỗi. Đã ghi.")
    producer = Producer.objects.get(pk=registry.pk)
    assert producer.workforce_total == 31
    assert producer.phone == "+84 209 3880 123"

    call_command("import_data", "producers", str(path))
    assert summary(capsys).endswith("0 mới, 0 cập nhật, 2 không đổi, 0 dòng lỗi. Đã ghi.")


def test_round_trip_of_products_through_csv(registry, tmp_path, capsys):
    path = tmp_path / "san-pham.csv"
    call_command("export_data", "products", str(path))
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    headings = rows[0]
    rows[1][headings.index("Bao bì")] = "Túi giấy kraft 500 g"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows)

    call_command("import_data", "products", str(path), "--dry-run")
    assert "0 mới, 1 cập nhật, 0 không đổi, 0 dòng lỗi" in summary(capsys)
    call_command("import_data", "products", str(path))
    product = Product.objects.get()
    assert product.packaging == "Túi giấy kraft 500 g"
    assert product.certifications == ["vietgap"]
    call_command("import_data", "products", str(path))
    assert "0 mới, 0 cập nhật, 1 không đổi, 0 dòng lỗi" in summary(capsys)


def test_export_of_one_area_and_a_scoped_user(registry, area, tmp_path, capsys):
    path = tmp_path / "na-ri.csv"
    call_command("export_data", "producers", str(path), "--area", "066")
    with path.open(encoding="utf-8-sig") as stream:
        assert [row["Tên chủ thể"] for row in csv.DictReader(stream)] == ["HTX Tài Hoan"]
    factories.user("staff_chomoi", role="area_staff", unit_obj=area["cho_moi"])
    call_command("export_data", "producers", str(path), "--user", "staff_chomoi")
    with path.open(encoding="utf-8-sig") as stream:
        assert [row["Tên chủ thể"] for row in csv.DictReader(stream)] == ["Hộ kinh doanh Hoàng Thị Hoa"]
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã “999”"):
        call_command("export_data", "producers", str(path), "--area", "999")


def test_import_command_fails_and_writes_nothing_on_a_bad_row(registry, tmp_path, capsys):
    path = tmp_path / "chu-the.csv"
    path.write_text("Tên chủ thể,Loại hình,Xã/phường\nHTX Mới,Hợp tác xã,Côn Minh\nHTX Sai,Hợp tác xã,Xã Không Có\n")
    with pytest.raises(CommandError, match="1 mới, 0 cập nhật, 0 không đổi, 1 dòng lỗi. Không ghi gì"):
        call_command("import_data", "producers", str(path))
    assert "Dòng 3, cột Xã/phường: Không tìm thấy xã/phường “Xã Không Có”" in capsys.readouterr().err
    assert not Producer.objects.filter(name="HTX Mới").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_kind_imports_its_own_export_unchanged(registry, area, officer, tmp_path, capsys, fmt):
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])
    product = Product.objects.get()
    factories.registration(product, year=2018)
    rows = [
        "Số giấy chứng nhận,Mã số thuế chủ thể,Tên chủ thể,Tên sản phẩm,Hạng sao,Số quyết định công nhận,"
        "Ngày quyết định,Cơ quan công nhận",
        f"01/GCN-OCOP-06-2018,4700123456,HTX Tài Hoan,{product.name},4,2370/QĐ-UBND,12/12/2018,{authority.name}",
    ]
    recognitions = tmp_path / "cong-nhan.csv"
    recognitions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("import_data", "recognitions", str(recognitions), "--user", officer.username, verbosity=0)

    for name in KINDS:
        path = tmp_path / f"{name}.{fmt}"
        call_command("export_data", name, str(path))
        call_command("import_data", name, str(path), "--dry-run", "--user", officer.username)
        assert " 0 mới, 0 cập nhật, " in summary(capsys), name
