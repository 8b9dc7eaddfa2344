"""The production profile as a browser behind the HTTPS proxy sees it: headers, cookies, redirects, static files.

gunicorn runs with ``DJANGO_SECURE_SSL=1`` (what ``make serve`` defaults to with ``DJANGO_DEBUG=0``);
the proxy's ``X-Forwarded-Proto: https`` is sent as the proxy would send it.
"""

from __future__ import annotations

import re
import urllib.request

from ocop_portal.reliability import server

HTTPS = {"X-Forwarded-Proto": "https"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(base_url: str, path: str, headers=None) -> tuple[int, str, object]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base_url + path, headers=headers or {})  # noqa: S310 - loopback
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers


def check_headers(base_url: str) -> dict:
    findings: dict[str, bool] = {}
    status, html, headers = _get(base_url, "/", HTTPS)
    findings["home 200 over https"] = status == 200
    hsts = headers.get("Strict-Transport-Security", "")
    findings["HSTS 1 year, subdomains, preload"] = all(
        part in hsts for part in ("max-age=31536000", "includeSubDomains", "preload")
    )
    csp = headers.get("Content-Security-Policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp)
    findings["CSP script-src 'self', nothing inline"] = bool(script_src) and script_src.group(1).strip() == "'self'"
    findings["CSP frame-ancestors 'none'"] = "frame-ancestors 'none'" in csp
    findings["X-Frame-Options DENY"] = headers.get("X-Frame-Options") == "DENY"
    findings["Referrer-Policy same-origin"] = headers.get("Referrer-Policy") == "same-origin"
    findings["X-Content-Type-Options nosniff"] = headers.get("X-Content-Type-Options") == "nosniff"
    findings["no inline script in the page"] = not re.search(
        r"<script(?![^>]*\b(?:src=|type=[\"']application/json))[^>]*>", html
    )
    stylesheet = re.search(r'href="(/static/portal/css/portal\.[0-9a-f]{12}\.css)"', html)
    findings["static files hashed"] = bool(stylesheet)
    if stylesheet:
        status, _, static_headers = _get(base_url, stylesheet.group(1), HTTPS)
        findings["static files cached for good"] = status == 200 and "immutable" in static_headers.get(
            "Cache-Control", ""
        )
    status, _, login_headers = _get(base_url, "/accounts/login/", HTTPS)
    cookies = login_headers.get_all("Set-Cookie") or []
    findings["CSRF cookie Secure"] = status == 200 and any("csrftoken" in c and "Secure" in c for c in cookies)
    status, _, redirect_headers = _get(base_url, "/catalogue/")
    findings["plain http redirected to https"] = status == 301 and redirect_headers.get("Location", "").startswith(
        "https://"
    )
    findings["health check answers over http"] = _get(base_url, "/healthz")[0] == 200
    findings["dossier files not public"] = _get(base_url, "/media/dossiers/2026/1/a.pdf", HTTPS)[0] == 404
    return {"checks": len(findings), "failed": [name for name, ok in findings.items() if not ok]}


def run_check() -> dict:
    environment = server.production_environment(DJANGO_SECURE_SSL="1")
    with server.gunicorn(environment, workers=1, threads=2) as (base_url, _process):
        result = check_headers(base_url)
    result["passed"] = not result["failed"]
    return result
