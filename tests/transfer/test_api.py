"""``POST /api/v1/imports/<kind>/``: the same import for other systems, dry run by default."""

import io

import pytest

from ocop_portal.services import api_token_create
from organizations.models import Producer
from tests.transfer.conftest import xlsx

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/producers/"
HEADINGS = ["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường"]
ROWS = [["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh"]]


def post(client, data, **extra):
    return client.post(URL, data, **extra)


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


def test_dry_run_is_the_default_and_writes_nothing(api, area):
    response = post(api, {"file": xlsx(HEADINGS, ROWS)})
    assert response.status_code == 200
    body = response.json()
    assert (body["dry_run"], body["committed"], body["new"], body["errors"]) == (True, False, 1, 0)
    assert not Producer.objects.exists()


def test_import_for_real_then_again_unchanged(api, area):
    assert post(api, {"file": xlsx(HEADINGS, ROWS), "dry_run": "false"}).json()["committed"] is True
    assert Producer.objects.get().tax_code == "4700123456"
    again = post(api, {"file": xlsx(HEADINGS, ROWS), "dry_run": "false"}).json()
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 1)


def test_row_errors_answer_400_with_the_report(api, area):
    rows = [*ROWS, ["HTX Sai", "Hợp tác xã", "123", "Na Rì", "Côn Minh"]]
    response = post(api, {"file": xlsx(HEADINGS, rows), "dry_run": "false"})
    assert response.status_code == 400
    body = response.json()
    assert body["committed"] is False and body["errors"] == 1
    assert body["row_errors"][0]["line"] == 3
    assert body["row_errors"][0]["column"] == "Mã số thuế"
    assert body["row_errors"][0]["text"].startswith("Dòng 3, cột Mã số thuế: Mã số thuế gồm 10 chữ số")
    assert not Producer.objects.exists()


def test_bad_file_and_missing_file(api, area):
    stream = io.BytesIO(b"garbage")
    stream.name = "chu-the.xlsx"
    body = post(api, {"file": stream}).json()
    assert body["file_errors"] == ["Tệp Excel bị hỏng hoặc không phải tệp .xlsx thật; hãy mở bằng Excel và lưu lại."]
    missing = post(api, {})
    assert missing.status_code == 400
    assert "file" in missing.json()["errors"]


def test_who_may_import(client, area, officer, nari_staff):
    assert post(client, {"file": xlsx(HEADINGS, ROWS)}).status_code == 401
    client.force_login(nari_staff)
    assert client.post("/api/v1/imports/recognitions/", {"file": xlsx(HEADINGS, ROWS)}).status_code == 403
    assert client.post("/api/v1/imports/nothing/", {"file": xlsx(HEADINGS, ROWS)}).status_code == 404


def test_a_read_only_token_cannot_import(client, area, officer):
    _token, secret = api_token_create(user=officer, owner=officer, name="đọc", read_only=True)
    response = client.post(URL, {"file": xlsx(HEADINGS, ROWS)}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 403
    _token, secret = api_token_create(user=officer, owner=officer, name="ghi", read_only=False)
    response = client.post(
        URL, {"file": xlsx(HEADINGS, ROWS), "dry_run": "false"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200 and response.json()["committed"] is True


def test_the_endpoint_is_in_the_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/imports/{kind}/"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
