"""Fixtures of the reliability tests: a small Bắc Kạn, staff of two districts, files in a temporary folder.

Tests here are of two kinds. Quick ones (faults injected in-process, hostile input through the
real URL map) run in ``make test`` too. Long ones are marked ``reliability`` and run only in
``make check-reliability`` (``ocop_portal/reliability``), which also runs the drills that need
processes of their own (gunicorn under load, an embedded PostgreSQL restarted).
"""

import pytest
from django.core.cache import cache

from products import services
from tests import factories


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache: each test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area(db):
    return factories.bac_kan_tree()


@pytest.fixture
def nari_staff(area):
    return factories.area_staff(area["na_ri"])


@pytest.fixture
def chomoi_staff(area):
    return factories.area_staff(area["cho_moi"])


@pytest.fixture
def draft(area, nari_staff):
    """A Na Rì product's 2026 registration, a draft with its checklist."""
    product = factories.product(factories.producer(area["con_minh"]), name="Miến dong Côn Minh")
    return services.registration_create(user=nari_staff, product=product, year=2026)
