"""Every page of the portal fits the Content-Security-Policy and carries a CSRF token in each form.

The policy allows scripts and styles only from the portal's own files (no inline script, no
``style`` attribute, no event handler attribute), so an inline one would silently not run in the
browser. Each role's pages are fetched through the real URL map and their HTML is checked; forms
that post must carry the CSRF token.
"""

import re

import pytest
from django.test import Client

from tests.access.world import build_world

pytestmark = pytest.mark.django_db

INLINE = {
    # ``json_script`` data (``type="application/json"``) is read by the scripts, never run: allowed.
    "inline script": re.compile(r"<script(?![^>]*\b(?:src=|type=[\"']application/json))[^>]*>", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I),
}
POST_FORM = re.compile(r"<form\b[^>]*method=[\"']post[\"'][^>]*>(.*?)</form>", re.I | re.S)


def pages(world):
    o = world.objects
    public = [
        "/",
        "/catalogue/",
        f"/products/{o['product:published'].pk}/",
        f"/producers/{o['producer:published'].pk}/",
        f"/certificates/{o['certificate:published'].pk}/",
        "/accounts/login/",
        "/api/v1/docs/",
        "/api/v1/redoc/",
    ]
    staff = [
        "/dashboard/",
        "/area/producers/",
        "/area/producers/new/",
        f"/area/producers/{o['producer:nari'].pk}/edit/",
        "/area/products/",
        "/area/products/new/",
        f"/area/products/{o['product:nari'].pk}/",
        "/area/registrations/",
        "/area/register/",
        "/area/registrations/new/",
        f"/registrations/{o['registration:nari'].pk}/",
        "/transfer/",
    ]
    officer = [
        "/review/",
        "/officer/councils/",
        f"/officer/councils/{o['council:province'].pk}/",
        f"/evaluations/{o['evaluation:council'].pk}/",
        "/officer/certificates/",
        f"/officer/certificates/{o['certificate:published'].pk}/revoke/",
        "/officer/plans/",
        f"/officer/plans/{o['plan:province'].pk}/",
        "/officer/summary/",
        "/admin/",
        "/admin/products/product/",
        f"/admin/products/product/{o['product:nari'].pk}/change/",
        "/admin/products/registration/",
    ]
    council = ["/my/sessions/", f"/evaluations/{o['evaluation:council'].pk}/score/"]
    return {"anonymous": public, "staff_nari": staff, "officer": officer, "council_chair": council}


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize("role", ["anonymous", "staff_nari", "officer", "council_chair"])
def test_every_page_fits_the_policy(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    problems = []
    for url in pages(world)[role]:
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        assert "script-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        for name, pattern in INLINE.items():
            found = pattern.search(html)
            if found and not (name == "style element" and url.startswith("/api/v1/redoc/")):
                problems.append(f"{url}: {name}: {html[max(0, found.start() - 60) : found.end() + 60]!r}")
        for form in POST_FORM.findall(html):
            if "csrfmiddlewaretoken" not in form:
                problems.append(f"{url}: a form without its CSRF token")
    assert problems == []
