"""The access rules beyond the matrix: the catalogue's edges, write checks, named actions, coverage."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.test.utils import isolate_apps
from django.utils import timezone

from evaluations.models import Certificate
from organizations import access
from organizations.models import IssuingAuthority, Producer, StaffAssignment
from products.models import Product, ProductEvent
from tests import factories

pytestmark = pytest.mark.django_db
Role = StaffAssignment.Role


@pytest.fixture
def authority(bac_kan):
    return IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=bac_kan["province"])


def rated(product, authority, *, star=4, valid_days=365, status=Certificate.Status.ACTIVE):
    today = timezone.localdate()
    Certificate.objects.create(
        product=product,
        star=max(star, 3),
        number=f"{product.pk}/GCN",
        decision_number="1/QĐ",
        decision_date=today - datetime.timedelta(days=30),
        authority=authority,
        issued_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=max(valid_days, 1)),
        status=status,
        **({"revoked_on": today, "revocation_ground": "stopped"} if status == Certificate.Status.REVOKED else {}),
    )
    Product.objects.filter(pk=product.pk).update(
        current_star=star, star_valid_until=today + datetime.timedelta(days=valid_days)
    )
    return Product.objects.get(pk=product.pk)


def test_the_public_sees_recognised_products_only(bac_kan, authority):
    producer = factories.producer(bac_kan["nong_ha"])
    shown = rated(factories.product(producer), authority)
    expired_today = rated(factories.product(producer), authority, valid_days=0)
    expired = rated(factories.product(producer), authority, valid_days=-1)
    two_stars = rated(factories.product(producer), authority, star=2)
    revoked = rated(factories.product(producer), authority, status=Certificate.Status.REVOKED)
    archived = rated(factories.product(producer), authority)
    Product.objects.filter(pk=archived.pk).update(is_archived=True)
    factories.product(producer)  # never rated
    visible = set(Product.objects.visible_to(AnonymousUser()))
    assert visible == {shown, expired_today}
    assert not visible & {expired, two_stars, revoked, archived}
    assert list(Producer.objects.visible_to(AnonymousUser())) == [producer]


def test_the_public_sees_no_producer_without_a_recognised_product(bac_kan):
    factories.product(factories.producer(bac_kan["nong_ha"]))
    assert not Producer.objects.visible_to(AnonymousUser()).exists()


def test_ensure_editable_rolls_back_a_record_moved_out_of_the_area(bac_kan, staff_nari):
    producer = factories.producer(bac_kan["con_minh"], name="HTX Côn Minh")
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        Producer.objects.filter(pk=producer.pk).update(commune=bac_kan["nong_ha"])
        producer.refresh_from_db()
        access.ensure_editable(staff_nari, producer)
    assert "HTX Côn Minh" in refused.value.messages[0]
    assert "nằm ngoài địa bàn" in refused.value.messages[0]
    producer.refresh_from_db()
    assert producer.commune == bac_kan["con_minh"]


def test_ensure_editable_checks_the_records_a_product_points_to(bac_kan, staff_nari):
    product = factories.product(factories.producer(bac_kan["con_minh"]))
    neighbour = factories.producer(bac_kan["nong_ha"], name="HTX Nông Hạ")
    product.producer = neighbour  # the product stays in Côn Minh: only the link is out of scope
    with pytest.raises(ValidationError) as refused:
        access.ensure_editable(staff_nari, product)
    assert list(refused.value.error_dict) == ["producer"]
    assert "HTX Nông Hạ" in refused.value.messages[0]


def test_ensure_editable_refuses_a_role_that_changes_no_such_record(bac_kan, council_user, authority):
    product = rated(factories.product(factories.producer(bac_kan["nong_ha"])), authority)
    with pytest.raises(PermissionDenied, match="không được thay đổi"):
        access.ensure_editable(council_user, product)


def test_ensure_editable_lets_superusers_and_commands_through(bac_kan, superuser):
    product = factories.product(factories.producer(bac_kan["con_minh"]))
    access.ensure_editable(superuser, product)
    access.ensure_editable(None, product)


def test_can_knows_only_the_named_actions(staff_nari):
    with pytest.raises(ValueError, match="registration.submit"):
        access.can(staff_nari, "registration.approve")


def test_can_without_an_object_asks_the_role_only(staff_nari, officer_user, council_user):
    assert access.can(staff_nari, "registration.submit")
    assert not access.can(staff_nari, "registration.accept")
    assert access.can(officer_user, "certificate.revoke")
    assert access.can(council_user, "evaluation.score")
    assert not access.can(AnonymousUser(), "registration.submit")
    assert access.can(None, "certificate.issue")  # a management command


def test_staff_manage_is_for_units_and_accounts_in_scope(bac_kan, officer_user, staff_nari):
    cao_bang = factories.unit("04", "Cao Bằng", level="province", unit_type="tinh")
    assert access.can(officer_user, "staff.manage", bac_kan["con_minh"])
    assert access.can(officer_user, "staff.manage", staff_nari)
    assert not access.can(officer_user, "staff.manage", cao_bang)
    assert not access.can(staff_nari, "staff.manage", bac_kan["con_minh"])


def test_every_model_of_the_portal_has_a_policy():
    """A new model fails here until it has its entry in ``organizations.access.POLICIES``."""
    missing = []
    for model in apps.get_models():
        if model._meta.app_label in {"organizations", "products", "evaluations"}:
            try:
                access.policy_for(model)
            except ImproperlyConfigured:
                missing.append(model._meta.label)
    assert missing == []


@isolate_apps("organizations")
def test_a_model_without_a_policy_fails_loudly(staff_nari):
    class Unlisted(models.Model):
        class Meta:
            app_label = "organizations"

        def __str__(self):
            return "unlisted"

    with pytest.raises(ImproperlyConfigured, match="organizations.Unlisted"):
        access.visible(Unlisted.objects.all(), staff_nari)


def test_history_is_for_those_who_may_change_the_record(bac_kan, staff_nari, staff_chomoi):
    product = factories.product(factories.producer(bac_kan["con_minh"]))
    product.name = "Miến dong Côn Minh"
    product.save()
    events = ProductEvent.objects.filter(pgh_obj=product)
    assert events.count() == 2
    assert access.visible(events, staff_nari).count() == 2
    assert not access.visible(events, staff_chomoi).exists()
    assert not access.editable(events, staff_nari).exists()
