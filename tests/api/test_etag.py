"""Optimistic concurrency: every detail answers with an ETag; a write with a stale If-Match is 412."""

import pytest

from products.models import Product, Registration

pytestmark = pytest.mark.django_db


def test_details_carry_an_etag_that_is_stable_until_the_object_changes(world, as_role):
    client = as_role("officer")
    url = f"/api/v1/products/{world.objects['product:nari'].pk}/"
    first, again = client.get(url), client.get(url)
    assert first["ETag"] == again["ETag"]
    assert first["ETag"].startswith('"') and first["ETag"].endswith('"')
    Product.objects.filter(pk=world.objects["product:nari"].pk).update(story="Một câu chuyện mới")
    assert client.get(url)["ETag"] != first["ETag"]


def test_the_etag_does_not_depend_on_who_asks(world, as_role):
    """``allowed_actions`` differs per user; the version of the object does not."""
    url = f"/api/v1/registrations/{world.objects['registration:nari'].pk}/"
    officer, staff = as_role("officer").get(url), as_role("staff_nari").get(url)
    assert officer["ETag"] == staff["ETag"]


def test_a_matching_if_match_writes_and_returns_the_new_etag(world, as_role):
    client = as_role("staff_nari")
    url = f"/api/v1/products/{world.objects['product:nari'].pk}/"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"story": "Miến làm từ củ dong riềng"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    assert response.json()["story"] == "Miến làm từ củ dong riềng"
    assert response["ETag"] != etag
    assert response["ETag"] == client.get(url)["ETag"]


def test_a_stale_if_match_is_412_and_writes_nothing(world, as_role):
    client = as_role("staff_nari")
    product = world.objects["product:nari"]
    url = f"/api/v1/products/{product.pk}/"
    stale = client.get(url)["ETag"]
    assert client.patch(url, {"story": "Bản của người thứ nhất"}, format="json", HTTP_IF_MATCH=stale).status_code == 200
    response = client.patch(url, {"story": "Bản của người thứ hai"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["type"] == "precondition_failed"
    assert response["ETag"] == client.get(url)["ETag"]
    product.refresh_from_db()
    assert product.story == "Bản của người thứ nhất"


def test_if_match_guards_workflow_actions_too(world, as_role):
    client = as_role("staff_nari")
    registration = world.objects["registration:nari"]
    url = f"/api/v1/registrations/{registration.pk}/"
    stale = '"00000000000000000000000000000000"'
    response = client.post(f"{url}withdraw/", {"reason": "x"}, HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert Registration.objects.get(pk=registration.pk).status == "draft"
    current = client.get(url)["ETag"]
    assert client.post(f"{url}withdraw/", {"reason": "x"}, HTTP_IF_MATCH=current).status_code == 200


def test_without_if_match_the_write_goes_through(world, as_role):
    url = f"/api/v1/products/{world.objects['product:nari'].pk}/"
    assert as_role("staff_nari").patch(url, {"story": "x"}, format="json").status_code == 200


def test_if_match_star_and_lists_of_tags(world, as_role):
    client = as_role("staff_nari")
    url = f"/api/v1/products/{world.objects['product:nari'].pk}/"
    assert client.patch(url, {"story": "a"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"story": "b"}, format="json", HTTP_IF_MATCH=f'"other", W/{etag}')
    assert response.status_code == 200
