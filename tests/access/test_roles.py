"""Roles are groups the assignment selects: permissions follow the assignment, setup restores the groups."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from organizations import accounts, roles
from organizations.models import StaffAssignment
from tests.conftest import role_user

pytestmark = pytest.mark.django_db
Role = StaffAssignment.Role


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def group_state():
    return {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}


def test_setup_roles_is_idempotent_and_names_only_existing_permissions():
    assert roles.setup_roles() == []
    first = group_state()
    assert roles.setup_roles() == []
    assert group_state() == first
    assert {definition.group_name for definition in roles.ROLES.values()} <= set(first)


def test_setup_roles_restores_a_group_someone_changed():
    group = Group.objects.get(name=roles.ROLES[Role.AREA_STAFF].group_name)
    group.permissions.add(Permission.objects.get(codename="issue_certificate"))
    group.permissions.remove(Permission.objects.get(codename="add_product"))
    call_command("setup_roles", verbosity=0)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "issue_certificate" not in codenames
    assert "add_product" in codenames


def test_setup_roles_command_fails_on_a_permission_that_does_not_exist(monkeypatch):
    definition = roles.ROLES[Role.OFFICER]
    broken = roles.RoleDefinition(
        definition.role, definition.group_name, definition.rank, definition.admin_access, ("products.fly_product",)
    )
    monkeypatch.setitem(roles.ROLES, Role.OFFICER, broken)
    with pytest.raises(CommandError, match="products.fly_product"):
        call_command("setup_roles", verbosity=0)


def test_permissions_come_from_the_role_of_the_active_assignment(bac_kan, superuser):
    staff = role_user(Role.AREA_STAFF, bac_kan["na_ri"])
    assert staff.has_perm("products.add_product")
    assert staff.has_perm("products.submit_registration")
    assert not staff.has_perm("products.accept_registration")
    assert not staff.has_perm("evaluations.issue_certificate")
    assert not staff.groups.exists()  # nothing stored: the assignment is the one source

    accounts.staff_assignment_change(user=superuser, account=staff, role=Role.OFFICER, unit=bac_kan["province"])
    officer = fresh(staff)
    assert officer.has_perm("products.accept_registration")
    assert officer.has_perm("evaluations.issue_certificate")
    assert officer.has_perm("organizations.manage_staff")


def test_no_assignment_no_permissions_and_inactive_accounts_hold_none(bac_kan):
    nobody = role_user(Role.AREA_STAFF, bac_kan["na_ri"])
    StaffAssignment.objects.filter(user=nobody).update(is_active=False)
    assert fresh(nobody).get_all_permissions() == set()

    staff = role_user(Role.AREA_STAFF, bac_kan["na_ri"])
    type(staff).objects.filter(pk=staff.pk).update(is_active=False)
    assert fresh(staff).get_all_permissions() == set()


def test_council_members_may_score_but_not_change_the_registry(bac_kan):
    member = role_user(Role.COUNCIL_MEMBER, bac_kan["province"])
    assert member.has_perm("evaluations.score_evaluation")
    assert member.has_perm("products.view_registration")
    assert not member.has_perm("products.change_registration")
    assert not member.has_perm("evaluations.issue_certificate")


@pytest.mark.parametrize(
    ("granter", "role", "allowed"),
    [
        (roles.SUPERUSER, Role.OFFICER, True),
        (Role.OFFICER, Role.OFFICER, True),
        (Role.OFFICER, Role.AREA_STAFF, True),
        (Role.OFFICER, Role.COUNCIL_MEMBER, True),
        (Role.AREA_STAFF, Role.OFFICER, False),
        (Role.COUNCIL_MEMBER, Role.AREA_STAFF, False),
        (roles.PUBLIC, Role.API_CLIENT, False),
        (Role.OFFICER, "king", False),
    ],
)
def test_nobody_grants_a_role_above_their_own(granter, role, allowed):
    assert roles.may_grant(granter, role) is allowed
