"""Browser tests: Playwright drives Debian's Chromium (``apt-get install chromium``), headless.

Playwright's own browser downloads are never used. The server is pytest-django's ``live_server``
(a thread of this process), so the test and the server share the test database; Playwright's
sync API runs an event loop in this thread, hence ``DJANGO_ALLOW_ASYNC_UNSAFE``. Screenshots of
failed tests are kept in ``test-results/``.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_configure(config):
    if config.getoption("--screenshot", default=None) == "off":
        config.option.screenshot = "only-on-failure"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def console_errors(page):
    """Every console error and uncaught exception of the page (CSP violations included)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def people(browser, live_server, request):
    """``people("officer")``: a signed-in page of its own per person; their console errors are
    collected in ``people.errors``; a failed test keeps a screenshot of every page in test-results/."""
    pages = {}
    errors = []

    def open_as(username=None):
        page = browser.new_page()
        name = username or "public"
        page.on("console", lambda m: errors.append(f"{name}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(f"{name}: {exc}"))
        page.on("dialog", lambda dialog: dialog.accept())
        if username:
            sign_in(page, live_server, username)
        pages[name] = page
        return page

    open_as.errors = errors
    yield open_as
    if getattr(request.node, "call_failed", False):
        folder = Path("test-results") / request.node.name.replace("/", "_")
        folder.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    for page in pages.values():
        page.close()


def sign_in(page, live_server, username, password="a-long-test-password"):  # noqa: S107
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_load_state()
