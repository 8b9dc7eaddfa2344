"""Fixtures of the API tests: the access matrix's small province, clients signed in by token or session."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ocop_portal import services
from tests.access.world import build_world


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache: each test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def anonymous():
    return APIClient()


def token_for(user, *, read_only=False, days=30):
    _, secret = services.api_token_create(user=None, owner=user, name="test", read_only=read_only, days=days)
    return secret


def client_for(user, **token_options):
    """An API client that authenticates as ``user`` with a fresh Bearer token, as another system would."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, **token_options)}")
    return client


@pytest.fixture
def as_role(world):
    """``as_role("officer")``: a token client of one of the world's users."""

    def make(role, **token_options):
        return client_for(world.user(role), **token_options)

    return make
