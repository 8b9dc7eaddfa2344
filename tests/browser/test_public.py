"""The public catalogue in a real browser."""

import pytest

from organizations.models import IssuingAuthority
from tests import factories
from tests.pages.conftest import recognise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue_data():
    area = factories.bac_kan_tree()
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])
    mien = factories.product(factories.producer(area["con_minh"], name="HTX Tài Hoan"), name="Miến dong Tài Hoan")
    recognise(mien, star=5, authority=authority)
    tea = factories.product(factories.producer(area["nong_ha"]), name="Chè shan tuyết")
    recognise(tea, star=3, authority=authority)
    return {"mien": mien, "tea": tea}


def test_catalogue_search_mien_dong_finds_mien_dong_tai_hoan(page, live_server, catalogue_data, console_errors):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tìm sản phẩm").fill("mien dong")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/catalogue/?q=mien+dong")
    cards = page.locator(".product-card h3")
    assert cards.all_inner_texts() == ["Miến dong Tài Hoan"]
    cards.first.get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Miến dong Tài Hoan"
    assert page.locator(".qr svg").count() == 1
    page.get_by_role("link", name="Xem, in giấy chứng nhận").click()
    assert page.locator(".certificate .product-name").inner_text() == "Miến dong Tài Hoan"
    assert page.locator(".certificate .qr svg").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".certificate .qr svg").is_visible()
    assert console_errors == []


def test_phone_layout_menu_toggles(page, live_server, catalogue_data, console_errors):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/catalogue/")
    nav = page.locator("#main-nav")
    assert nav.is_hidden()
    page.get_by_role("button", name="Danh mục").click()
    assert nav.is_visible()
    assert console_errors == []
