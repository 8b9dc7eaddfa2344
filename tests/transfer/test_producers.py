"""Importing producers: create, match, update, re-import unchanged; every row error in Vietnamese."""

import pytest

from organizations.models import Producer
from organizations.transfer import PRODUCERS
from tests import factories
from tests.transfer.conftest import counts, csv_file, run, xlsx

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Tên chủ thể *",
    "Loại hình *",
    "Mã số thuế",
    "Tỉnh/thành phố",
    "Quận/huyện",
    "Xã/phường *",
    "Ngày thành lập",
]


def test_new_producers_are_created_and_a_second_import_changes_nothing(area, officer):
    upload = xlsx(
        HEADINGS,
        [
            ["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Bắc Kạn", "Na Rì", "Côn Minh", "15/03/2016"],
            ["Hộ kinh doanh Hoàng Văn Thái", "Hộ sản xuất, hộ kinh doanh có đăng ký", None, "", "", "Nông Hạ", None],
        ],
    )
    result = run(PRODUCERS, upload, officer)
    assert result.file_errors == [] and result.errors == []
    assert counts(result) == (2, 0, 0, 0)
    assert result.committed
    tai_hoan = Producer.objects.get(tax_code="4700123456")
    assert tai_hoan.commune == area["con_minh"]
    assert tai_hoan.founded_on.isoformat() == "2016-03-15"
    assert Producer.objects.get(name="Hộ kinh doanh Hoàng Văn Thái").commune == area["nong_ha"]

    again = run(PRODUCERS, upload, officer)
    assert counts(again) == (0, 0, 2, 0)
    assert Producer.objects.count() == 2


def test_csv_with_semicolons_and_names_without_diacritics(area, officer):
    text = "Tên chủ thể;Loại hình;Mã số thuế;Tinh/thanh pho;quan/huyen;xa/phuong\n" + (
        "HTX Tài Hoan;hop tac xa;4700123456;bac kan;Huyện Na Rì;XÃ CÔN MINH\n"
    )
    result = run(PRODUCERS, csv_file(text), officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    assert Producer.objects.get().commune == area["con_minh"]


def test_units_by_code_even_when_excel_dropped_the_leading_zero(area, officer):
    upload = xlsx(HEADINGS, [["HTX Tài Hoan", "Hợp tác xã", 4700123456, 6, 66, 2173, None]])
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    assert Producer.objects.get().commune == area["con_minh"]


def test_a_tax_code_stored_as_a_number_gets_its_leading_zero_back(area, officer):
    upload = xlsx(HEADINGS, [["HTX Hà Nội", "Hợp tác xã", 100109106, "", "", "Côn Minh", None]])
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    assert Producer.objects.get().tax_code == "0100109106"


def test_changed_cell_updates_only_that_producer(area, officer):
    factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    untouched = factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700654321")
    upload = xlsx(
        HEADINGS,
        [
            ["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Bắc Kạn", "Na Rì", "Côn Minh", "01/02/2015"],
            ["HTX Nông Hạ", "Hợp tác xã", "4700654321", "Bắc Kạn", "Chợ Mới", "Nông Hạ", None],
        ],
    )
    dry = run(PRODUCERS, upload, officer, dry_run=True)
    assert counts(dry) == (0, 1, 1, 0)
    assert not dry.committed
    assert Producer.objects.get(tax_code="4700123456").founded_on is None  # a dry run keeps nothing

    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (0, 1, 1, 0) and result.committed
    assert Producer.objects.get(tax_code="4700123456").founded_on.isoformat() == "2015-02-01"
    untouched_after = Producer.objects.get(pk=untouched.pk)
    assert untouched_after.updated_at == untouched.updated_at


def test_producer_without_tax_code_is_matched_by_name_in_its_commune_and_keeps_a_known_tax_code(area, officer):
    known = factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    upload = xlsx(HEADINGS, [["HTX Tài Hoan", "Hợp tác xã", None, "", "Na Rì", "Côn Minh", None]])
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (0, 0, 1, 0), result.errors
    known.refresh_from_db()
    assert known.tax_code == "4700123456"


def test_a_tax_code_added_to_a_producer_recorded_without_one(area, officer):
    known = factories.producer(area["con_minh"], name="HTX Tài Hoan")
    upload = xlsx(HEADINGS, [["HTX Tài Hoan", "Hợp tác xã", "4700123456", "", "Na Rì", "Côn Minh", None]])
    result = run(PRODUCERS, upload, officer)
    assert counts(result) == (0, 1, 0, 0), result.errors
    known.refresh_from_db()
    assert known.tax_code == "4700123456"
