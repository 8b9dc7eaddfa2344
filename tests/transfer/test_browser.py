"""The upload page in a real browser: progress bar, streamed result, confirmation — and no CSP error."""

import os

import pytest
from playwright.sync_api import expect

from organizations.models import Producer
from tests import factories
from tests.browser.conftest import CHROMIUM, browser_type_launch_args, people  # noqa: F401 - the browser fixtures
from tests.transfer.conftest import xlsx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_check_then_confirm_with_the_progress_bar(people, live_server, tmp_path):  # noqa: F811
    area = factories.bac_kan_tree()
    factories.user("officer", role="officer", unit_obj=area["province"])
    factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    path = tmp_path / "chu-the.xlsx"
    rows = [["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh", 31]]
    rows += [[f"HTX số {n}", "Hợp tác xã", None, "Na Rì", "Côn Minh", None] for n in range(1, 40)]
    upload = xlsx(["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường", "Tổng số lao động"], rows)
    path.write_bytes(upload.getvalue())

    page = people("officer")
    page.goto(f"{live_server.url}/transfer/")
    card = page.locator("section.card", has=page.get_by_role("heading", name="Chủ thể OCOP"))
    card.get_by_label("Tệp Chủ thể OCOP cần nhập").set_input_files(str(path))
    card.get_by_role("button", name="Kiểm tra tệp").click()

    result = card.locator("[data-import-result]")
    expect(result.locator("[data-count=new]")).to_have_text("39")
    expect(result.locator("[data-count=updated]")).to_have_text("1")
    expect(result.locator("[data-count=errors]")).to_have_text("0")
    assert page.url == f"{live_server.url}/transfer/"  # the result came in place, without a page load
    assert Producer.objects.count() == 1

    result.get_by_role("button", name="Xác nhận nhập").click()
    expect(result).to_contain_text("Đã ghi: 39 mới, 1 cập nhật.")
    assert Producer.objects.count() == 40
    assert Producer.objects.get(tax_code="4700123456").workforce_total == 31
    assert people.errors == []
