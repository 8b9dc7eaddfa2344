"""The database goes away while the portal runs: 503 with ``Retry-After``, then recovery without a restart.

The outage is real: the connection is pointed at a socket where no server listens (as when
PostgreSQL is down), so psycopg fails exactly as it does in production. The drill against a real
server stopped and started under gunicorn is ``ocop_portal.reliability.drill`` (``make check-reliability``).
"""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from ocop_portal import fallback

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_down():
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="/nonexistent-socket-dir", PORT="1")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(fallback.RETRY_AFTER_SECONDS)


def test_a_page_answers_a_plain_vietnamese_503_page_and_recovers(client):
    with database_down():
        response = client.get("/catalogue/")
    assert_unavailable(response)
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "Cơ sở dữ liệu tạm thời không phản hồi" in content
    assert "<script" not in content and " style=" not in content  # fits the CSP
    assert client.get("/catalogue/").status_code == 200


def test_the_api_answers_its_error_json_and_recovers(client):
    with database_down():
        response = client.get("/api/v1/products/")
    assert_unavailable(response)
    assert response.json() == {
        "type": "database_unavailable",
        "detail": "Cơ sở dữ liệu tạm thời không phản hồi. Hãy thử lại sau ít giây.",
        "errors": {},
    }
    assert client.get("/api/v1/products/").status_code == 200


def test_an_api_write_with_a_token_answers_503_while_down(client):
    with database_down():  # the token lookup itself needs the database: still 503, not 500
        response = client.post(
            "/api/v1/registrations/", {"year": 2026}, content_type="application/json", HTTP_AUTHORIZATION="Bearer x"
        )
    assert_unavailable(response)
    assert response.json()["type"] == "database_unavailable"


def test_health_check_says_degraded_then_ok(client):
    with database_down():
        response = client.get("/healthz")
    assert_unavailable(response)
    assert response.json() == {"status": "degraded", "database": "unavailable"}
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_a_signed_in_officer_gets_the_page_too(django_user_model):
    """The session is read again after the view (to save it on every request): that error happens in a
    middleware, outside any view, and the URL map's ``handler500`` still answers 503."""
    user = django_user_model.objects.create_user("officer_outage", password="a-long-test-password")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    with database_down():
        response = client.get("/dashboard/")
    assert_unavailable(response)
    assert "Cơ sở dữ liệu tạm thời không phản hồi" in response.content.decode()
    assert client.get("/dashboard/").status_code in (200, 302, 403)


def test_the_error_handler_answers_503_for_an_outage_outside_a_view():
    request = RequestFactory().get("/catalogue/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = fallback.server_error(request)
    assert_unavailable(response)


def test_other_errors_outside_a_view_are_a_plain_vietnamese_500():
    request = RequestFactory().get("/catalogue/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = fallback.server_error(request)
    assert response.status_code == 500
    assert "Đã xảy ra lỗi không mong muốn" in response.content.decode()
    api = fallback.server_error(RequestFactory().get("/api/v1/products/"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
