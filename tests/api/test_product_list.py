"""The product list's fast paths give what the plain DRF paths gave: the same rows, JSON and page links.

The list reads its page as ids plus ``count(*) OVER ()`` and then the rows by id
(``WindowCountPaginator``), and writes the rows with ``ProductListSerializer``: both are checked
here against DRF's own serializer and the page arithmetic a separate ``COUNT(*)`` gave.
"""

import datetime
import decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from products.api import ProductSerializer, ProductViewSet
from products.models import Branch, Product, ProductSet
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(as_role):
    return as_role("officer")


@pytest.fixture
def varied(world):
    """Products with every kind of field filled or empty: set or none, 2018 group, decimals, lists, dates."""
    commune = world.units["con_minh"]
    producer = factories.producer(commune, name="HTX Đa dạng", tax_code="4700999999")
    factories.product(
        producer,
        name="Đủ trường",
        product_set=ProductSet.objects.filter(group__branch__scheme__code="148-2023").first(),
        raw_material_area_ha=decimal.Decimal("12.5"),
        certifications=["vietgap", "haccp"],
        traceability_url="https://truyxuat.example.vn/1",
        current_star=4,
        star_valid_until=timezone.localdate() + datetime.timedelta(days=400),
    )
    factories.product(producer, name="Nhóm 2018", group_2018=Branch.objects.filter(scheme__code="2018").first())
    factories.product(producer, name="Trống")


def test_the_list_writes_each_row_as_the_serializer_does(world, varied):
    rows = list(ProductViewSet.queryset.order_by("name", "id"))
    assert len(rows) >= 6
    for user in (world.user("officer"), AnonymousUser()):
        for brief in (False, True):
            request = Request(APIRequestFactory().get("/api/v1/products/"))
            request.user = user
            context = {"request": request}
            page = ProductSerializer(rows, many=True, list_item=True, brief=brief, context=context).data
            one_by_one = [ProductSerializer(row, list_item=True, brief=brief, context=context).data for row in rows]
            assert page == one_by_one
            assert ("is_archived" in page[0]) is (not brief and user.is_authenticated)


def test_pages_count_link_and_end_as_with_a_separate_count(world, varied, officer):
    total = Product.objects.visible_to(world.user("officer")).count()
    seen = []
    url, pages = "/api/v1/products/?page_size=2", 0
    while url:
        body = officer.get(url).json()
        assert body["count"] == total
        assert (body["previous"] is None) is (pages == 0)
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == -(-total // 2)
    everything = officer.get("/api/v1/products/", {"page_size": 200}).json()["results"]
    assert seen == [row["id"] for row in everything]


def test_a_page_past_the_end_is_404_and_an_empty_list_is_page_one(world, officer):
    past = officer.get("/api/v1/products/", {"page": 99})
    assert past.status_code == 404
    assert past.json()["detail"] == "Trang không tồn tại."
    empty = officer.get("/api/v1/products/", {"q": "không có sản phẩm nào tên này"})
    assert empty.status_code == 200
    assert empty.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert officer.get("/api/v1/products/", {"q": "không có sản phẩm nào tên này", "page": 2}).status_code == 404


def test_search_finds_a_word_in_the_producer_name_only(world, varied, officer):
    body = officer.get("/api/v1/products/", {"q": "da dang trong"}).json()
    assert [row["name"] for row in body["results"]] == ["Trống"]


def test_the_area_and_the_search_are_decided_on_indexed_columns(world, varied, officer):
    """The shapes that keep the list off a scan of every product at national scale (bench/README.md):
    the area and the producers' names as id arrays, the total from the page's statement."""
    with CaptureQueriesContext(connection) as captured:
        body = officer.get("/api/v1/products/", {"area": "06", "q": "da dang"}).json()
    assert [row["name"] for row in body["results"]] == ["Nhóm 2018", "Trống", "Đủ trường"]
    page = next(query["sql"] for query in captured if "OVER ()" in query["sql"])
    assert '"products_product"."origin_commune_id" = ANY(ARRAY(' in page
    assert '"products_product"."producer_id" = ANY(ARRAY(' in page
    assert not [query for query in captured if query["sql"].startswith('SELECT COUNT(*) AS "__count"')]
