"""Throttling: a budget per token and per anonymous address; over it, 429 with ``Retry-After``."""

import pytest
from rest_framework.test import APIClient

from ocop_portal.api.throttling import AnonRateThrottle, TokenRateThrottle
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "3/min")
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "2/min")


def assert_throttled(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["type"] == "throttled"
    assert body["detail"].startswith("Quá nhiều yêu cầu")


def test_each_token_has_its_own_budget(world, low_rates):
    owner = world.user("api_client")
    first, second = client_for(owner), client_for(owner)
    for _ in range(3):
        assert first.get("/api/v1/products/").status_code == 200
    assert_throttled(first.get("/api/v1/products/"))
    assert second.get("/api/v1/products/").status_code == 200


def test_each_anonymous_address_has_its_own_budget(world, low_rates):
    here, there = APIClient(REMOTE_ADDR="203.0.113.7"), APIClient(REMOTE_ADDR="198.51.100.9")
    for _ in range(2):
        assert here.get("/api/v1/products/").status_code == 200
    assert_throttled(here.get("/api/v1/products/"))
    # A forged X-Forwarded-For does not buy a new budget (no proxy is trusted by default).
    assert_throttled(here.get("/api/v1/products/", HTTP_X_FORWARDED_FOR="192.0.2.1"))
    assert there.get("/api/v1/products/").status_code == 200
