"""A district user imports only into their own district: anything else is a row error and nothing is written."""

import pytest

from organizations.models import Producer
from organizations.transfer import PRODUCERS
from products.models import Product
from products.transfer import PRODUCTS
from tests import factories
from tests.transfer.conftest import counts, run, xlsx

pytestmark = pytest.mark.django_db

HEADINGS = ["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường"]


def test_new_producer_in_another_district_is_refused_and_the_whole_file_rolls_back(area, nari_staff):
    upload = xlsx(
        HEADINGS,
        [
            ["HTX Côn Minh", "Hợp tác xã", "4700000001", "Na Rì", "Côn Minh"],
            ["HTX Nông Hạ", "Hợp tác xã", "4700000002", "Chợ Mới", "Nông Hạ"],
        ],
    )
    result = run(PRODUCERS, upload, nari_staff)
    assert counts(result) == (1, 0, 0, 1)
    assert [str(e) for e in result.errors] == [
        "Dòng 3, cột Xã/phường: Nông Hạ, Chợ Mới, Bắc Kạn [02107] nằm ngoài địa bàn bạn được giao quản lý, "
        "không nhập được."
    ]
    assert not result.committed
    assert not Producer.objects.exists()


def test_existing_producer_of_another_district_cannot_be_updated(area, nari_staff):
    neighbour = factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700000002")
    upload = xlsx(HEADINGS, [["HTX Nông Hạ đổi tên", "Hợp tác xã", "4700000002", "Na Rì", "Côn Minh"]])
    result = run(PRODUCERS, upload, nari_staff)
    assert counts(result) == (0, 0, 0, 1)
    assert str(result.errors[0]) == (
        "Dòng 2, cột Mã số thuế: Bản ghi này thuộc địa bàn ngoài phạm vi bạn được phép nhập liệu."
    )
    neighbour.refresh_from_db()
    assert (neighbour.name, neighbour.commune) == ("HTX Nông Hạ", area["nong_ha"])


def test_the_same_file_imports_for_the_district_it_belongs_to(area, nari_staff):
    upload = xlsx(HEADINGS, [["HTX Côn Minh", "Hợp tác xã", "4700000001", "Na Rì", "Côn Minh"]])
    assert counts(run(PRODUCERS, upload, nari_staff)) == (1, 0, 0, 0)
    assert counts(run(PRODUCERS, upload, nari_staff)) == (0, 0, 1, 0)


PRODUCT_HEADINGS = ["Tên sản phẩm", "Mã số thuế chủ thể", "Tên chủ thể", "Xã/phường nơi sản xuất"]


def test_a_producer_the_user_cannot_see_is_not_found(area, nari_staff):
    factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700000002")
    upload = xlsx(PRODUCT_HEADINGS, [["Miến dong", "4700000002", "HTX Nông Hạ", "Côn Minh"]])
    result = run(PRODUCTS, upload, nari_staff)
    assert [str(e) for e in result.errors] == [
        "Dòng 2, cột Mã số thuế chủ thể: Không tìm thấy chủ thể mang mã số thuế 4700000002 trong phạm vi bạn "
        "được xem: hãy nhập danh sách chủ thể trước."
    ]
    assert not Product.objects.exists()


def test_a_product_cannot_be_hung_on_a_producer_the_user_only_sees(area):
    reader = factories.user("nari_wide", role="area_staff", unit_obj=area["na_ri"], view_unit=area["province"])
    factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700000002")
    upload = xlsx(PRODUCT_HEADINGS, [["Miến dong", "4700000002", "HTX Nông Hạ", "Côn Minh"]])
    result = run(PRODUCTS, upload, reader)
    assert counts(result) == (0, 0, 0, 1)
    error = result.errors[0]
    assert (error.line, error.column) == (2, "Tên chủ thể")
    assert error.message.endswith("“HTX Nông Hạ” nằm ngoài địa bàn bạn được giao quản lý.")
    assert not Product.objects.exists()
