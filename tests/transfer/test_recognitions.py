"""Importing historical recognitions: recorded by the certification service, matched by certificate number."""

import datetime

import pytest

from evaluations.models import Certificate
from evaluations.transfer import RECOGNITIONS
from organizations.models import IssuingAuthority
from tests import factories
from tests.transfer.conftest import counts, run, xlsx

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Số giấy chứng nhận",
    "Mã số thuế chủ thể",
    "Tên chủ thể",
    "Tên sản phẩm",
    "Hạng sao",
    "Số quyết định công nhận",
    "Ngày quyết định",
    "Ngày cấp",
    "Cơ quan công nhận",
]


@pytest.fixture
def mien_dong(area):
    producer = factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    return factories.product(producer, name="Miến dong Tài Hoan")


@pytest.fixture
def authority(area):
    return IssuingAuthority.objects.create(
        name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"], valid_to=datetime.date(2025, 6, 30)
    )


def row(number="01/GCN-OCOP-06-2018", star="4 sao", decision_date="12/12/2018", authority="UBND tinh Bac Kan"):
    return [
        number,
        "4700123456",
        "HTX Tài Hoan",
        "Miến dong Tài Hoan",
        star,
        "2370/QĐ-UBND",
        decision_date,
        "",
        authority,
    ]


def test_a_2018_recognition_is_recorded_once_and_has_expired(area, officer, mien_dong, authority):
    upload = xlsx(HEADINGS, [row()])
    result = run(RECOGNITIONS, upload, officer)
    assert counts(result) == (1, 0, 0, 0), result.errors
    certificate = Certificate.objects.get()
    assert (certificate.product, certificate.star, certificate.authority) == (mien_dong, 4, authority)
    assert certificate.issued_on == datetime.date(2018, 12, 12)  # the decision date when left empty
    assert certificate.expires_on == datetime.date(2021, 12, 12)
    assert certificate.status == Certificate.Status.EXPIRED

    assert counts(run(RECOGNITIONS, upload, officer)) == (0, 0, 1, 0)
    assert Certificate.objects.count() == 1


def test_a_recorded_certificate_is_not_rewritten(area, officer, mien_dong, authority):
    run(RECOGNITIONS, xlsx(HEADINGS, [row()]), officer)
    result = run(RECOGNITIONS, xlsx(HEADINGS, [row(star=5)]), officer)
    assert counts(result) == (0, 0, 0, 1)
    assert "không sửa qua nhập tệp" in result.errors[0].message
    assert "Hạng sao" in result.errors[0].message
    assert Certificate.objects.get().star == 4


def test_bad_star_unknown_authority_and_two_rows_with_one_number(area, officer, mien_dong, authority):
    upload = xlsx(
        HEADINGS,
        [
            row(number="A1", star=2),
            row(number="A2", authority="UBND huyện Không Có"),
            row(number="A3"),
            row(number="A3"),
        ],
    )
    result = run(RECOGNITIONS, upload, officer)
    assert counts(result) == (1, 0, 0, 3)
    assert not result.committed
    assert [str(e) for e in result.errors] == [
        "Dòng 2, cột Hạng sao: Chỉ sản phẩm đạt 3 đến 5 sao được công nhận và cấp giấy chứng nhận.",
        "Dòng 3, cột Cơ quan công nhận: Không có cơ quan “UBND huyện Không Có” trong danh mục cơ quan ban hành.",
        "Dòng 5, cột Số giấy chứng nhận: Trùng với dòng 4 của tệp (cùng khóa nhận diện).",
    ]
    assert not Certificate.objects.exists()


def test_district_staff_may_not_record_recognitions(area, nari_staff, mien_dong, authority):
    result = run(RECOGNITIONS, xlsx(HEADINGS, [row()]), nari_staff)
    assert counts(result) == (0, 0, 0, 1)
    assert result.errors[0].message == "Bạn không có quyền thực hiện thao tác này."
    assert not Certificate.objects.exists()
