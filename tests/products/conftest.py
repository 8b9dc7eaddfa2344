"""Fixtures of the registry tests: Bắc Kạn's two districts, their staff, an officer, files on disk."""

import pytest

from products.classification_data import load_classification
from products.models import Branch, ClassificationScheme, ProductGroup, ProductSet
from tests import factories


@pytest.fixture
def classification(db):
    """The data migration's classification, put back if a transactional test flushed the tables."""
    if not ClassificationScheme.objects.filter(code="148-2023").exists():
        load_classification(ClassificationScheme, Branch, ProductGroup, ProductSet)


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
