"""Reads on products and registrations: scoped lists without N+1, dossier state, counts by status."""

import pytest

from products import selectors, services
from products.models import DossierDocument, Registration
from tests import factories

pytestmark = pytest.mark.django_db


def test_registration_list_is_scoped_and_filtered(tree, staff, other_staff):
    mine = factories.registration(factories.product(factories.producer(tree["con_minh"])), year=2026)
    factories.registration(factories.product(factories.producer(tree["nong_ha"])), year=2026)
    assert list(selectors.registration_list(user=staff, year=2026)) == [mine]
    assert list(selectors.registration_list(user=staff, year=2025)) == []
    assert selectors.registration_list(user=other_staff, status="draft").count() == 1


def test_registration_list_rows_need_no_extra_queries(tree, officer, django_assert_max_num_queries):
    for _ in range(4):
        factories.registration(factories.product(factories.producer(tree["con_minh"])))
    rows = selectors.registration_list(user=officer)
    with django_assert_max_num_queries(3):  # the assignment, its scope, the list
        names = [(r.product.name, r.product.producer.name, r.product.origin_commune.parent.name) for r in rows]
    assert len(names) == 4


def test_product_list_rows_need_no_extra_queries(tree, officer, django_assert_max_num_queries):
    for _ in range(4):
        factories.product(factories.producer(tree["con_minh"]))
    with django_assert_max_num_queries(3):
        rows = [(p.producer.name, p.origin_commune.parent.name) for p in selectors.product_list(user=officer)]
    assert len(rows) == 4


def test_dossier_missing_lists_required_items_without_a_file(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    assert {d.kind for d in selectors.dossier_missing(registration)} == {"form_01", "form_02"}
    DossierDocument.objects.filter(registration=registration, kind="form_01").update(file="x.pdf")
    assert [d.kind for d in selectors.dossier_missing(registration)] == ["form_02"]


def test_registration_counts_by_status(tree, officer):
    for status in ("draft", "draft", "accepted"):
        product = factories.product(factories.producer(tree["con_minh"]))
        factories.registration(product, year=2018, status=status)
    counts = selectors.registration_counts(user=officer, year=2018)
    assert counts == dict.fromkeys(Registration.Status.values, 0) | {"draft": 2, "accepted": 1}
