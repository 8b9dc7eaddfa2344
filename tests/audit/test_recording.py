"""Every way in leaves exactly one event with the right user, username and source; a rollback leaves none."""

import getpass
import sys

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse

import manage
from ocop_portal.models import ApiToken
from organizations.models import Producer
from organizations.transfer import PRODUCERS
from products import services
from products.models import Product, Registration
from tests.api.conftest import client_for
from tests.audit.conftest import context_of
from tests.transfer.conftest import csv_file, run

pytestmark = pytest.mark.django_db


def assert_who(event, *, user, source):
    context = context_of(event)
    assert context["user"] == (user.pk if user else None)
    assert context["username"] == (user.get_username() if user else getpass.getuser())
    assert context["source"] == source
    assert context["request_id"]


def test_a_change_through_the_admin(world, client, new_events):
    officer = world.user("officer")
    registration = world.objects["registration:nari"]  # a draft
    client.force_login(officer)
    events = new_events()
    response = client.post(
        reverse("admin:products_registration_changelist"),
        {"action": "withdraw", ACTION_CHECKBOX_NAME: [registration.pk], "index": 0},
    )
    assert response.status_code == 302
    label, event = events.one()
    assert (label, event.pgh_label, event.pgh_obj_id, event.status) == (
        "products.registration",
        "update",
        registration.pk,
        "withdrawn",
    )
    assert_who(event, user=officer, source="admin")
    assert context_of(event)["url"] == reverse("admin:products_registration_changelist")


def test_a_reason_given_in_the_admin_is_recorded(world, client, new_events):
    officer = world.user("officer")
    registration = world.objects["registration:nari"]
    Registration.objects.filter(pk=registration.pk).update(status="submitted")
    client.force_login(officer)
    events = new_events()
    client.post(
        reverse("admin:products_registration_changelist"),
        {
            "action": "return_for_completion",
            ACTION_CHECKBOX_NAME: [registration.pk],
            "apply": "1",
            "index": 0,
            "reason": "Thiếu phiếu kiểm nghiệm",
        },
    )
    _label, event = events.one()
    assert event.status == "returned"
    assert context_of(event)["reason"] == "Thiếu phiếu kiểm nghiệm"


def test_a_change_through_the_api(world, new_events):
    officer = world.user("officer")
    product = world.objects["product:nari"]
    client = client_for(officer)  # a token: the user is known only once DRF authenticates it
    events = new_events()
    response = client.patch(f"/api/v1/products/{product.pk}/", {"story": "Câu chuyện mới"}, format="json")
    assert response.status_code == 200, response.json()
    label, event = events.one()
    assert (label, event.pgh_label, event.pgh_obj_id, event.story) == (
        "products.product",
        "update",
        product.pk,
        "Câu chuyện mới",
    )
    assert_who(event, user=officer, source="api")
    assert context_of(event)["method"] == "PATCH"


def test_a_change_through_a_page(world, client, new_events):
    staff = world.user("staff_nari")
    registration = world.objects["registration:nari"]
    client.force_login(staff)
    events = new_events()
    response = client.post(
        reverse("registration-action", args=[registration.pk, "withdraw"]), {"reason": "Chủ thể xin rút"}
    )
    assert response.status_code == 302
    label, event = events.one()
    assert (label, event.pgh_label, event.status) == ("products.registration", "update", "withdrawn")
    assert_who(event, user=staff, source="page")
    assert context_of(event)["reason"] == "Chủ thể xin rút"


def test_an_import(world, new_events):
    officer = world.user("officer")
    events = new_events()
    text = "Tên chủ thể;Loại hình;Xã/phường\nHTX Tài Hoan;Hợp tác xã;Côn Minh\n"
    result = run(PRODUCERS, csv_file(text, name="chu-the.csv"), officer)
    assert result.committed, result.errors
    label, event = events.one()
    assert (label, event.pgh_label, event.name) == ("organizations.producer", "insert", "HTX Tài Hoan")
    context = context_of(event)
    assert (context["user"], context["username"], context["source"]) == (officer.pk, "officer_06", "import")
    assert context["import_file"] == "chu-the.csv"


def test_a_dry_run_import_leaves_nothing(world, new_events):
    events = new_events()
    text = "Tên chủ thể;Loại hình;Xã/phường\nHTX Tài Hoan;Hợp tác xã;Côn Minh\n"
    result = run(PRODUCERS, csv_file(text), world.user("officer"), dry_run=True)
    assert not result.committed and result.new == 1
    assert events() == [] and not Producer.objects.filter(name="HTX Tài Hoan").exists()


def test_a_management_command(world, new_events, monkeypatch, capsys):
    """``manage.py`` itself gives the command its context: run its ``main()`` in this process."""
    events = new_events()
    monkeypatch.setattr(sys, "argv", ["manage.py", "create_api_token", "--user", "api_066", "--days", "5"])
    monkeypatch.setattr(connections, "close_all", lambda: None)  # a command closes them when it ends
    manage.main()
    assert capsys.readouterr().out.startswith("ocop_")
    label, event = events.one()
    token = ApiToken.objects.get(user=world.users["api_client"])
    assert (label, event.pgh_label, event.pgh_obj_id) == ("ocop_portal.apitoken", "insert", token.pk)
    assert_who(event, user=None, source="command")
    assert context_of(event)["command"] == "create_api_token --user api_066 --days 5"


def test_token_use_is_not_an_event_and_the_secret_digest_is_not_kept(world, new_events):
    client = client_for(world.user("officer"))
    events = new_events()
    assert client.get("/api/v1/products/").status_code == 200  # records last_used_at
    assert events() == []
    event_fields = {f.name for f in ApiToken.pgh_event_model._meta.fields}
    assert "digest" not in event_fields and "last_used_at" not in event_fields


def test_a_failed_service_leaves_no_record(world, new_events):
    """The product is saved, then found outside the user's area: the rollback takes the event with it."""
    staff = world.user("staff_nari")
    product = world.objects["product:nari"]
    events = new_events()
    with pytest.raises(ValidationError):
        services.product_update(user=staff, product=product, origin_commune=world.units["nong_ha"])
    assert events() == []
    assert Product.objects.get(pk=product.pk).origin_commune == world.units["con_minh"]


def test_a_rolled_back_transaction_leaves_no_record(world, new_events):
    events = new_events()
    with pytest.raises(RuntimeError), transaction.atomic():
        Product.objects.filter(pk=world.objects["product:nari"].pk).update(story="sẽ bị hủy")
        assert len(events()) == 1  # written in the same transaction as the change …
        raise RuntimeError
    assert events() == []  # … and gone with it


def test_writes_outside_the_application_are_recorded_without_a_context(world, new_events):
    """Raw SQL (another system, a database console): the trigger still records it, with no user or source."""
    events = new_events()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE products_product SET story = 'sửa thẳng' WHERE id = %s", [world.objects["product:nari"].pk]
        )
    _label, event = events.one()
    assert (event.pgh_label, event.story, event.pgh_context) == ("update", "sửa thẳng", None)
