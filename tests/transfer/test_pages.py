"""The portal's import/export page: templates, exports, the two-step import with and without JavaScript."""

import io
import json

import pytest
from openpyxl import load_workbook

from ocop_portal import importer
from organizations.models import Producer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry(area):
    factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456", workforce_total=30)
    factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700654321")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def upload(client, data: bytes, name="chu-the.xlsx", **headers):
    stream = io.BytesIO(data)
    stream.name = name
    return client.post("/transfer/producers/import/", {"file": stream}, **headers)


def counts(response):
    html = response.content.decode()
    return tuple(
        int(html.split(f'data-count="{key}">')[1].split("<")[0]) for key in ("new", "updated", "unchanged", "errors")
    )


def token_of(response):
    html = response.content.decode()
    return html.split('name="token" value="')[1].split('"')[0] if 'name="token"' in html else None


def test_page_lists_what_each_role_may_do(client, officer, nari_staff, area):
    client.force_login(nari_staff)
    html = client.get("/transfer/").content.decode()
    assert "Nhập và xuất dữ liệu" in html
    assert 'action="/transfer/producers/import/"' in html
    assert 'action="/transfer/recognitions/import/"' not in html  # staff do not record recognitions
    assert "/transfer/recognitions/export/" in html
    assert client.get("/transfer/recognitions/template/").status_code == 404
    client.force_login(officer)
    assert 'action="/transfer/recognitions/import/"' in client.get("/transfer/").content.decode()


def test_page_is_for_staff_only(client, area):
    assert client.get("/transfer/").status_code == 302  # to the login page
    client.force_login(factories.user("member", role="council_member", unit_obj=area["province"]))
    assert client.get("/transfer/").status_code == 404


def test_template_has_the_import_columns_and_instructions(officer_client):
    response = officer_client.get("/transfer/producers/template/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Chủ thể OCOP", "Hướng dẫn"]
    headings = [cell.value for cell in workbook["Chủ thể OCOP"][1]]
    assert headings[:3] == ["Tên chủ thể *", "Loại hình *", "Loại doanh nghiệp"]
    assert "Xã/phường *" in headings
    instructions = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Ngày thành lập" in instructions
    assert any(text and "dd/mm/yyyy" in text for text in instructions)


def test_portal_round_trip_export_edit_dry_run_confirm_and_again(officer_client, registry):
    response = officer_client.get("/transfer/producers/export/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="producers-')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    row = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)].index("HTX Tài Hoan") + 2
    sheet.cell(row, headings.index("Tổng số lao động") + 1).value = 31
    edited = io.BytesIO()
    workbook.save(edited)

    checked = upload(officer_client, edited.getvalue())
    assert checked.status_code == 200
    assert counts(checked) == (0, 1, 1, 0)
    assert "Kết quả kiểm tra" in checked.content.decode()
    assert Producer.objects.get(tax_code="4700123456").workforce_total == 30
    token = token_of(checked)
    assert token

    imported = officer_client.post("/transfer/producers/import/", {"token": token})
    assert counts(imported) == (0, 1, 1, 0)
    assert "Đã ghi: 0 mới, 1 cập nhật." in imported.content.decode()
    assert Producer.objects.get(tax_code="4700123456").workforce_total == 31

    again = upload(officer_client, edited.getvalue())
    assert counts(again) == (0, 0, 2, 0)
    assert token_of(again) is None
    assert "Tệp không có thay đổi nào" in again.content.decode()

    reused = officer_client.post("/transfer/producers/import/", {"token": token})
    assert reused.status_code == 400
    assert "hãy tải lên lại" in reused.content.decode()


def test_rows_with_errors_are_listed_and_nothing_can_be_confirmed(officer_client, area):
    data = "Tên chủ thể,Loại hình,Xã/phường,Ngày thành lập\nHTX Mới,Hợp tác xã,Côn Minh,2016-03-15\n".encode()
    response = upload(officer_client, data, name="chu-the.csv")
    assert counts(response) == (0, 0, 0, 1)
    assert "Dòng 2, cột Ngày thành lập: Ngày “2016-03-15” không đúng dạng dd/mm/yyyy" in response.content.decode()
    assert token_of(response) is None
    assert not Producer.objects.exists()


def test_a_bad_file_gets_its_message(officer_client):
    response = upload(officer_client, b"not a workbook", name="chu-the.xlsx")
    assert "Tệp Excel bị hỏng" in response.content.decode()
    missing = officer_client.post("/transfer/producers/import/", {})
    assert missing.status_code == 400
    assert "Hãy chọn một tệp .xlsx hoặc .csv." in missing.content.decode()


def test_with_javascript_the_progress_and_the_result_are_streamed(officer_client, area, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)
    rows = "".join(f"HTX số {n},Hợp tác xã,Côn Minh\n" for n in range(1, 25))
    data = ("Tên chủ thể,Loại hình,Xã/phường\n" + rows).encode()
    response = upload(officer_client, data, name="chu-the.csv", HTTP_ACCEPT="application/x-ndjson")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert [(line["done"], line["total"]) for line in lines[:-1]] == [(10, 24), (20, 24), (24, 24)]
    result = lines[-1]
    assert result["result"]["new"] == 24 and result["result"]["errors"] == 0
    assert 'name="token"' in result["html"]
    assert not Producer.objects.exists()

    token = result["html"].split('name="token" value="')[1].split('"')[0]
    response = officer_client.post("/transfer/producers/import/", {"token": token}, HTTP_ACCEPT="application/x-ndjson")
    last = json.loads(b"".join(response.streaming_content).decode().splitlines()[-1])
    assert last["result"]["committed"] is True
    assert Producer.objects.count() == 24


def test_streamed_refusal_is_json(officer_client):
    response = officer_client.post("/transfer/producers/import/", {"token": "nope"}, HTTP_ACCEPT="application/x-ndjson")
    assert response.status_code == 400
    assert response.json() == {"error": "Tệp đã kiểm tra không còn (quá hạn hoặc đã nhập): hãy tải lên lại."}


def test_another_users_token_is_not_accepted(client, officer, registry, area):
    other = factories.user("officer2", role="officer", unit_obj=area["province"])
    client.force_login(officer)
    data = "Tên chủ thể,Loại hình,Xã/phường\nHTX Mới,Hợp tác xã,Côn Minh\n".encode()
    token = token_of(upload(client, data, name="chu-the.csv"))
    client.force_login(other)
    response = client.post("/transfer/producers/import/", {"token": token})
    assert response.status_code == 400
    assert not Producer.objects.filter(name="HTX Mới").exists()
