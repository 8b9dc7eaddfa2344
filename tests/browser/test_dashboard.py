"""The dashboard draws its charts (vendored Chart.js, strict CSP) without a console error."""

import pytest

from organizations.models import IssuingAuthority
from tests import factories
from tests.browser.conftest import sign_in
from tests.pages.conftest import recognise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_renders_charts_with_no_console_errors(page, live_server, console_errors):
    area = factories.bac_kan_tree()
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])
    recognise(factories.product(factories.producer(area["con_minh"]), name="Miến dong"), star=5, authority=authority)
    recognise(factories.product(factories.producer(area["nong_ha"]), name="Chè"), star=3, authority=authority)
    factories.user("officer", role="officer", unit_obj=area["province"])
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/dashboard/")
    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() == 4
    # Chart.js attaches a chart instance to every canvas it drew.
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart]')].map(c => !!Chart.getChart(c))")
    assert drawn == [True, True, True, True]
    page.get_by_text("Xem số liệu dạng bảng").first.click()
    assert page.locator("details.chart-data table").first.is_visible()
    assert console_errors == []
