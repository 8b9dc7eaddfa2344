"""Importing products and registrations: matched through their producer, written through the services."""

import pytest

from products.models import Product, ProductSet, Registration
from products.transfer import PRODUCTS, REGISTRATIONS
from tests import factories
from tests.transfer.conftest import counts, run, xlsx

pytestmark = pytest.mark.django_db

PRODUCT_HEADINGS = ["Tên sản phẩm", "Mã số thuế chủ thể", "Tên chủ thể", "Xã/phường nơi sản xuất", "Chứng nhận"]


@pytest.fixture
def tai_hoan(area):
    return factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")


@pytest.fixture
def nameless(area):
    """A household without tax code, named only."""
    return factories.producer(area["nong_ha"], name="Hộ kinh doanh Hoàng Thị Hoa")


def test_products_of_known_producers_are_created_once(area, officer, tai_hoan, nameless):
    upload = xlsx(
        PRODUCT_HEADINGS,
        [
            ["Miến dong Tài Hoan", "4700123456", "HTX Tài Hoan", "", "VietGAP, HACCP"],
            ["Bánh gai Hoa", None, "hộ kinh doanh hoàng thị hoa", "Nông Hạ", ""],
        ],
    )
    result = run(PRODUCTS, upload, officer)
    assert counts(result) == (2, 0, 0, 0), result.errors
    mien = Product.objects.get(name="Miến dong Tài Hoan")
    assert mien.producer == tai_hoan
    assert mien.origin_commune == area["con_minh"]  # the producer's commune when the cell is empty
    assert sorted(mien.certifications) == ["haccp", "vietgap"]
    assert Product.objects.get(name="Bánh gai Hoa").producer == nameless

    assert counts(run(PRODUCTS, upload, officer)) == (0, 0, 2, 0)


def test_product_set_by_number_and_name(area, officer, tai_hoan):
    upload = xlsx(["Tên sản phẩm", "Tên chủ thể", "Bộ sản phẩm"], [["Miến dong Tài Hoan", "HTX Tài Hoan", "5"]])
    result = run(PRODUCTS, upload, officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    product_set = Product.objects.get().product_set
    assert product_set.number == 5
    assert product_set.group.branch.scheme.code == "148-2023"

    exported_text = str(product_set)
    upload = xlsx(
        ["Tên sản phẩm", "Tên chủ thể", "Bộ sản phẩm"], [["Miến dong Tài Hoan", "HTX Tài Hoan", exported_text]]
    )
    assert counts(run(PRODUCTS, upload, officer)) == (0, 0, 1, 0)
    assert ProductSet.objects.filter(number=5).count() >= 1


def test_unknown_producer_and_unknown_certification_are_row_errors(area, officer, tai_hoan):
    upload = xlsx(
        PRODUCT_HEADINGS,
        [
            ["Miến dong", "4700999999", "HTX Không Có", "", ""],
            ["Măng khô", "4700123456", "HTX Tài Hoan", "", "ISO 14001"],
        ],
    )
    result = run(PRODUCTS, upload, officer)
    assert counts(result) == (0, 0, 0, 2)
    messages = [str(error) for error in result.errors]
    assert messages[0].startswith("Dòng 2, cột Mã số thuế chủ thể: Không tìm thấy chủ thể mang mã số thuế 4700999999")
    assert messages[1].startswith("Dòng 3, cột Chứng nhận: “ISO 14001” không có trong danh sách")
    assert not Product.objects.exists()


def test_star_is_export_only_and_status_follows_the_service_rules(area, officer, tai_hoan):
    factories.product(tai_hoan, name="Miến dong Tài Hoan")
    upload = xlsx(
        ["Tên sản phẩm", "Tên chủ thể", "Hạng sao", "Trạng thái"],
        [["Miến dong Tài Hoan", "HTX Tài Hoan", 5, "Đã phân hạng"]],
    )
    result = run(PRODUCTS, upload, officer)
    assert counts(result) == (0, 0, 0, 1)
    assert result.errors[0].column == "Trạng thái"
    assert Product.objects.get().current_star is None


def test_registrations_are_created_as_drafts_with_their_checklist(area, officer, tai_hoan):
    product = factories.product(tai_hoan, name="Miến dong Tài Hoan")
    upload = xlsx(
        ["Mã số thuế chủ thể", "Tên chủ thể", "Tên sản phẩm", "Năm", "Loại đánh giá"],
        [["4700123456", "HTX Tài Hoan", "Miến dong Tài Hoan", 2018, "Đánh giá lần đầu"]],
    )
    result = run(REGISTRATIONS, upload, officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    registration = Registration.objects.get(product=product, year=2018)
    assert registration.status == Registration.Status.DRAFT
    assert registration.documents.filter(required=True).count() == 2
    assert counts(run(REGISTRATIONS, upload, officer)) == (0, 0, 1, 0)


def test_registration_type_cannot_be_changed_by_import(area, officer, tai_hoan):
    product = factories.product(tai_hoan, name="Miến dong Tài Hoan")
    factories.registration(product, year=2019)
    upload = xlsx(
        ["Tên chủ thể", "Tên sản phẩm", "Năm", "Loại đánh giá"],
        [["HTX Tài Hoan", "Miến dong Tài Hoan", 2019, "Nâng hạng"]],
    )
    result = run(REGISTRATIONS, upload, officer)
    assert counts(result) == (0, 0, 0, 1)
    assert str(result.errors[0]).startswith("Dòng 2, cột Loại đánh giá: Hồ sơ năm 2019 của sản phẩm này đã có")


def test_unknown_product_set_and_2018_group(area, officer, tai_hoan):
    upload = xlsx(
        ["Tên sản phẩm", "Tên chủ thể", "Bộ sản phẩm", "Nhóm sản phẩm 2018"],
        [["Miến dong", "HTX Tài Hoan", "99", "Thực phẩm"], ["Măng khô", "HTX Tài Hoan", "1", "Nhóm 9"]],
    )
    result = run(PRODUCTS, upload, officer)
    assert [str(e) for e in result.errors] == [
        "Dòng 2, cột Bộ sản phẩm: Không có bộ sản phẩm “99”.",
        "Dòng 3, cột Nhóm sản phẩm 2018: Không có nhóm sản phẩm 2018 “Nhóm 9”.",
    ]
    assert not Product.objects.exists()
