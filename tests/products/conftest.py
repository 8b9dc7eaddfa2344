"""Fixtures of the registry tests: Bắc Kạn's two districts, their staff, an officer, files on disk."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(db):
    return factories.bac_kan_tree()


@pytest.fixture
def officer(tree):
    return factories.officer(tree["province"])


@pytest.fixture
def staff(tree):
    """Na Rì district staff."""
    return factories.area_staff(tree["na_ri"])


@pytest.fixture
def other_staff(tree):
    """Chợ Mới district staff: the neighbour who must not touch Na Rì's records."""
    return factories.area_staff(tree["cho_moi"])


@pytest.fixture
def product(tree):
    return factories.product(factories.producer(tree["con_minh"]))
