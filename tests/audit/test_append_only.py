"""Records are append-only: the database refuses to change or delete them, and no interface offers to."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from pghistory.models import Context, Events, MiddlewareEvents

from ocop_portal import audit_selectors
from products import services
from products.models import Product
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_event(world):
    services.product_update(user=None, product=world.objects["product:nari"], story="đã sửa")
    return Product.pgh_event_model.objects.filter(pgh_obj_id=world.objects["product:nari"].pk).latest("pgh_id")


def refused(sql, params):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("label", sorted(audit_selectors.tracked()))
def test_every_history_table_refuses_update_and_delete(world, label):
    client_for(world.user("officer"))  # a token: the world has a row of every tracked model then
    event_model = audit_selectors.tracked()[label]
    assert event_model.objects.exists()
    table = event_model._meta.db_table
    refused(f"UPDATE {table} SET pgh_label = 'sửa'", [])  # noqa: S608
    refused(f"DELETE FROM {table}", [])  # noqa: S608


def test_the_orm_cannot_change_or_delete_an_event(product_event):
    events = type(product_event).objects.filter(pgh_id=product_event.pgh_id)
    with pytest.raises(DatabaseError), transaction.atomic():
        events.update(story="viết lại lịch sử")
    with pytest.raises(DatabaseError), transaction.atomic():
        events.delete()
    product_event.refresh_from_db()
    assert product_event.story == "đã sửa"


def test_who_made_a_change_is_never_deleted(world, client):
    client.force_login(world.user("staff_nari"))
    client.post(f"/registrations/{world.objects['registration:nari'].pk}/withdraw/", {"reason": "xin rút"})
    context = Context.objects.get(metadata__username="staff_066")
    refused("DELETE FROM pghistory_context WHERE id = %s", [context.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        Context.objects.filter(pk=context.pk).delete()
    refused("UPDATE pghistory_context SET created_at = now() - interval '1 year' WHERE id = %s", [context.pk])
    assert Context.objects.filter(pk=context.pk).exists()


def test_the_admin_offers_no_page_that_could_change_an_event():
    """No admin for the history tables or pghistory's own models: history is shown read-only, per record."""
    registered = {model._meta.label for model in admin.site._registry}
    history_models = {model._meta.label for model in audit_selectors.tracked().values()}
    history_models |= {Context._meta.label, Events._meta.label, MiddlewareEvents._meta.label}
    assert registered & history_models == set()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_audit_api_is_read_only(world, method):
    client = client_for(world.user("officer"))
    response = getattr(client, method)("/api/v1/audit/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["type"] == "method_not_allowed"
