"""Fixtures shared by every test module: fast hashing, the roles, one user per role."""

import pytest
from django.contrib.auth import get_user_model

from organizations import roles
from organizations.models import StaffAssignment
from tests import factories

Role = StaffAssignment.Role


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _roles(django_db_setup, django_db_blocker):
    """The roles' groups, also in a test database reused from before they changed (``--reuse-db``)."""
    with django_db_blocker.unblock():
        missing = roles.setup_roles()
    assert not missing, f"roles name permissions that do not exist: {missing}"


def role_user(role, unit, *, username=None, view_unit=None):
    """A user holding ``role`` in ``unit``, with the admin access (``is_staff``) the role comes with."""
    return factories.user(
        username, role=role, unit_obj=unit, view_unit=view_unit, is_staff=roles.ROLES[role].admin_access
    )


@pytest.fixture
def bac_kan(db):
    """Bắc Kạn (06) with Na Rì (066: Côn Minh) and Chợ Mới (065: Nông Hạ), old era."""
    return factories.bac_kan_tree()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", password="a-long-test-password")


@pytest.fixture
def officer_user(bac_kan):
    """A provincial officer of Bắc Kạn."""
    return role_user(Role.OFFICER, bac_kan["province"], username="officer_06")


@pytest.fixture
def staff_nari(bac_kan):
    """District staff of Na Rì."""
    return role_user(Role.AREA_STAFF, bac_kan["na_ri"], username="staff_066")


@pytest.fixture
def staff_chomoi(bac_kan):
    """District staff of Chợ Mới: the neighbour who must not touch Na Rì's records."""
    return role_user(Role.AREA_STAFF, bac_kan["cho_moi"], username="staff_065")


@pytest.fixture
def council_user(bac_kan):
    """A council member (the council membership itself is the test's to make)."""
    return role_user(Role.COUNCIL_MEMBER, bac_kan["province"], username="council_member")


@pytest.fixture
def api_client_user(bac_kan):
    """An external system's account, assigned to the province."""
    return role_user(Role.API_CLIENT, bac_kan["province"], username="api_06")
