"""The English switch: a complete, compiled catalogue, and pages that show no Vietnamese interface text.

The source strings are Vietnamese, so a string missing from ``locale/en`` does not fail: it silently
shows in Vietnamese. These tests look for exactly that. The compiled ``django.mo`` is committed (a
fresh machine has no gettext), so it is read here the way Django reads it, and checked against the
``.po`` it must come from.
"""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from organizations.models import IssuingAuthority
from tests import factories
from tests.conftest import Role, role_user
from tests.pages.conftest import recognise

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|\{\w+(?::[^}]*)?\}")
VIETNAMESE_LETTER = re.compile("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE)


def po_entries():
    """(msgid, msgid_plural or None, fuzzy) of every entry of the English .po, the header left out.

    Entries are separated by blank lines (as msgmerge writes them); strings use C escapes, which
    read as Python literals.
    """
    entries, entry, field = [], None, None
    for line in [*(MESSAGES / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and entry.get("msgid"):
                entries.append((entry["msgid"], entry.get("msgid_plural"), entry["fuzzy"]))
            entry = None
            continue
        entry = entry if entry is not None else {"fuzzy": False}
        if line.startswith("#,"):
            entry["fuzzy"] |= "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


@pytest.fixture(scope="module")
def catalog():
    """The compiled English messages as Django loads them: {msgid: str, (msgid, n): str}."""
    with open(MESSAGES / "django.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def test_every_entry_is_translated_and_compiled(catalog):
    entries = po_entries()
    assert len(entries) > 1000
    problems = []
    for msgid, plural, fuzzy in entries:
        if fuzzy:
            problems.append(f"fuzzy: {msgid}")
            continue
        forms = [(msgid, catalog.get((msgid, 0))), (plural, catalog.get((msgid, 1)))] if plural else []
        forms = forms or [(msgid, catalog.get(msgid))]
        for source, english in forms:
            if not english:
                problems.append(f"not in django.mo (untranslated, or not compiled): {source}")
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(english)):
                problems.append(f"placeholders differ: {source!r} -> {english!r}")
    assert problems == []


class _VisibleText(HTMLParser):
    """Text nodes and the attributes people read or hear (title, labels, placeholders), scripts left out."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.chunks, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")
        self.chunks += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(data.strip())


def vietnamese_left(html, catalog):
    """The catalogue's Vietnamese strings that still show on an English page.

    A string of several words is looked for inside the text; a single word only as a whole text
    (or label followed by a colon), so that data such as a commune name cannot match it.
    """
    parser = _VisibleText()
    parser.feed(html)
    chunks = parser.chunks
    whole = {chunk.rstrip(" :·") for chunk in chunks}
    left = []
    for msgid, english in catalog.items():
        if not isinstance(msgid, str) or not msgid or msgid == english or "%" in msgid or "{" in msgid:
            continue
        if not VIETNAMESE_LETTER.search(msgid):
            continue
        if (" " in msgid and any(msgid in chunk for chunk in chunks)) or msgid in whole:
            left.append(msgid)
    return left


@pytest.fixture
def portal(db):
    """A recognised product, its certificate, a provincial officer and a superuser."""
    area = factories.bac_kan_tree()
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])
    producer = factories.producer(area["con_minh"], name="HTX Tài Hoan")
    product = factories.product(producer, name="Miến dong Tài Hoan")
    certificate = recognise(product, star=5, authority=authority)
    factories.registration(factories.product(producer, name="Chè"), year=2026)
    return {
        "product": product,
        "certificate": certificate,
        "officer": role_user(Role.OFFICER, area["province"], username="officer_en"),
        "admin": factories.user("root_en", is_staff=True, is_superuser=True),
    }


PAGES = [
    (None, "/"),
    (None, "/catalogue/"),
    (None, "/products/{product}/"),
    (None, "/certificates/{certificate}/"),
    (None, "/accounts/login/"),
    ("officer", "/dashboard/"),
    ("officer", "/area/products/"),
    ("officer", "/area/registrations/"),
    ("officer", "/transfer/"),
    ("admin", "/admin/"),
    ("admin", "/admin/products/product/"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_pages_in_english_show_no_vietnamese_interface_text(client, portal, catalog, who, url):
    if who:
        client.force_login(portal[who])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url.format(product=portal["product"].pk, certificate=portal["certificate"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html or "/admin/" in url
    assert vietnamese_left(html, catalog) == []


def test_login_page_in_english(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/accounts/login/").content.decode()
    assert "Log in" in html
    assert "Product catalogue" in html
    assert "Đăng nhập" not in html
    assert "Danh mục" not in html


def test_star_counts_use_the_plural_forms(client, portal):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/products/{portal['product'].pk}/").content.decode()
    assert "5 stars" in html
    assert "5 sao" not in html


def test_vietnamese_stays_the_default(client, db, catalog):
    """Without the switch the same check finds the Vietnamese strings: the test above can fail."""
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Đăng nhập" in html
    assert "Đăng nhập" in vietnamese_left(html, catalog)
