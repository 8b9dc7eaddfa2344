"""The admin's import entry and export actions: the same service, scoped like everything in the admin."""

import io

import pytest
from openpyxl import load_workbook

from organizations.models import Producer
from tests import factories
from tests.transfer.conftest import xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/organizations/producer/import/"
HEADINGS = ["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_changelist_links_to_the_import(client, officer):
    client.force_login(officer)
    assert IMPORT_URL in client.get("/admin/organizations/producer/").content.decode()


def test_admin_import_checks_then_imports_on_confirmation(client, officer, area):
    client.force_login(officer)
    assert client.get(IMPORT_URL).status_code == 200
    upload = xlsx(HEADINGS, [["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh"]], name="chu-the.xlsx")
    checked = client.post(IMPORT_URL, {"file": upload})
    html = checked.content.decode()
    assert 'data-count="new">1<' in html
    assert not Producer.objects.exists()
    token = html.split('name="token" value="')[1].split('"')[0]
    assert f'action="{IMPORT_URL}"' in html

    done = client.post(IMPORT_URL, {"token": token}, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/organizations/producer/"
    assert "Đã nhập chu-the.xlsx: 1 mới, 0 cập nhật, 0 không đổi." in done.content.decode()
    assert Producer.objects.get().tax_code == "4700123456"


def test_admin_import_shows_row_errors(client, officer, area):
    client.force_login(officer)
    upload = xlsx(HEADINGS, [["HTX Tài Hoan", "Hợp tác xã", "47", "Na Rì", "Côn Minh"]])
    html = client.post(IMPORT_URL, {"file": upload}).content.decode()
    assert "Dòng 2, cột Mã số thuế: Mã số thuế gồm 10 chữ số" in html
    assert 'name="token"' not in html


def test_export_action_writes_the_selected_rows_with_the_import_columns(client, officer, area):
    chosen = factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    factories.producer(area["nong_ha"], name="HTX Nông Hạ")
    client.force_login(officer)
    response = client.post("/admin/organizations/producer/", {"action": "export_xlsx", "_selected_action": [chosen.pk]})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Tên chủ thể", "Loại hình", "Loại doanh nghiệp")
    assert [row[0] for row in rows[1:]] == ["HTX Tài Hoan"]


def test_staff_cannot_import_recognitions_in_the_admin(client, nari_staff):
    client.force_login(nari_staff)
    assert client.get("/admin/evaluations/certificate/import/").status_code == 403
