"""Repeated failed logins lock the username from that address (django-axes); the lock lifts after the cool-off."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from tests.conftest import role_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
OFFICE = "10.6.0.15"
HOME = "203.113.1.9"
LOGIN_PAGES = [reverse("admin:login"), reverse("login")]


@pytest.fixture
def staff(bac_kan):
    return role_user("area_staff", bac_kan["na_ri"], username="nv_nari")


def login(client, url, password, address=OFFICE):
    return client.post(url, {"username": "nv_nari", "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, url):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, url, "wrong-password").status_code == 200  # the form, with its error
    return login(client, url, "wrong-password")


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_repeated_failures_lock_the_user_from_that_address(client, staff, url):
    locked = fail_until_locked(client, url)
    assert locked.status_code == 429
    assert "nhập sai quá nhiều lần" in locked.content.decode()  # in Vietnamese
    assert login(client, url, PASSWORD).status_code == 429  # even the right password, for now
    assert "_auth_user_id" not in client.session
    assert login(client, url, PASSWORD, address=HOME).status_code == 302  # the pair is locked, not the user


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_the_lock_lifts_after_the_cool_off(client, staff, url):
    fail_until_locked(client, url)
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cool_off - datetime.timedelta(seconds=1))
    assert login(client, url, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_lock_is_not_lifted_before_the_cool_off(client, staff):
    url = reverse("admin:login")
    fail_until_locked(client, url)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=14))
    assert login(client, url, PASSWORD).status_code == 429


def test_a_success_before_the_limit_resets_the_count(client, staff):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, url, "wrong-password")
    assert login(client, url, PASSWORD).status_code == 302
    client.logout()
    assert login(client, url, "wrong-password").status_code == 200  # a fresh count: not locked
