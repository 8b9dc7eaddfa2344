"""Fixtures for the portal page tests: a small Bắc Kạn with two districts and recognised products."""

import datetime

import pytest
from django.utils import timezone

from evaluations.models import Certificate
from organizations.models import IssuingAuthority
from tests import factories


@pytest.fixture
def area():
    return factories.bac_kan_tree()


@pytest.fixture
def authority(area):
    return IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])


def recognise(product, *, star, authority, number=None, issued_on=None):
    """A product with an active certificate, as the evaluation service leaves it.

    Tests of the pages need recognised products without running a council; the star and its
    validity are set the way ``evaluations.services`` sets them.
    """
    issued_on = issued_on or timezone.localdate() - datetime.timedelta(days=30)
    expires_on = issued_on.replace(year=issued_on.year + 3)
    certificate = Certificate.objects.create(
        product=product,
        star=star,
        number=number or f"{product.pk}/GCN-OCOP-06-{issued_on.year}",
        decision_number=f"{product.pk}/QĐ-UBND",
        decision_date=issued_on,
        authority=authority,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    type(product).objects.filter(pk=product.pk).update(current_star=star, star_valid_until=expires_on)
    product.refresh_from_db()
    return certificate


@pytest.fixture
def mien_dong(area, authority):
    producer = factories.producer(area["con_minh"], name="HTX Tài Hoan")
    product = factories.product(producer, name="Miến dong Tài Hoan")
    recognise(product, star=5, authority=authority)
    return product
