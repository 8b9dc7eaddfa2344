"""The ground every feature stands on: health, languages, migrations, production checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
def test_health_reports_unreachable_database_as_503(client):
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="/nonexistent-socket-dir", PORT="1")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    # and the portal recovers on the next request without a restart
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_admin_login_is_vietnamese_by_default_even_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_admin_login_in_english_after_switching_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/login/"}, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Log in" in content
    assert "Đăng nhập" not in content


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def production_environment(**variables):
    """This process's environment without the ``DJANGO_*`` variables that other tests or a developer's
    shell may have set (the browser tests set ``DJANGO_ALLOW_ASYNC_UNSAFE``, which ``check --deploy``
    rightly refuses), plus ``variables``: the deployment under test is exactly what the test names."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    return {**inherited, **variables}


def test_check_deploy_reports_no_issues_with_production_variables():
    env = production_environment(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="ocop.example.gov.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_production_without_a_secret_key():
    env = production_environment(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
