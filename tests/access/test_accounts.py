"""Staff accounts: officers manage their province's staff, nobody grants more than they hold, sessions end."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organizations import access, accounts
from organizations.models import StaffAssignment
from tests import factories
from tests.conftest import role_user

pytestmark = pytest.mark.django_db
Role = StaffAssignment.Role
User = get_user_model()
PASSWORD = "Bac-Kan-2026-ocop"


@pytest.fixture
def cao_bang(db):
    return factories.unit("04", "Cao Bằng", level="province", unit_type="tinh")


def create(officer, **fields):
    defaults = {"username": "nv_nari", "password": PASSWORD, "role": Role.AREA_STAFF}
    return accounts.staff_account_create(user=officer, **{**defaults, **fields})


def errors_of(excinfo):
    return {field: " ".join(messages) for field, messages in excinfo.value.message_dict.items()}


def test_an_officer_creates_district_staff_in_their_province(officer_user, bac_kan):
    account = create(officer_user, unit=bac_kan["na_ri"], first_name="Tú", last_name="Lương Văn")
    assert account.is_staff and account.is_active and not account.is_superuser
    assert access.role_of(account) == Role.AREA_STAFF
    assert access.assignment_of(account).unit == bac_kan["na_ri"]
    assert account.check_password(PASSWORD)


def test_an_officer_cannot_create_an_officer_for_another_province(officer_user, cao_bang):
    with pytest.raises(ValidationError) as refused:
        create(officer_user, username="cb_officer", role=Role.OFFICER, unit=cao_bang)
    assert "ngoài phạm vi" in errors_of(refused)["unit"]
    assert not User.objects.filter(username="cb_officer").exists()


def test_nobody_grants_a_role_above_their_own_or_a_wider_view(officer_user, bac_kan, cao_bang):
    with pytest.raises(ValidationError) as refused:
        accounts.check_grant(actor=officer_user, role="king", unit=bac_kan["na_ri"])
    assert "role" in errors_of(refused)
    with pytest.raises(ValidationError) as refused:
        create(officer_user, unit=bac_kan["na_ri"], view_unit=cao_bang)
    assert "xem rộng hơn" in errors_of(refused)["view_unit"]
    with pytest.raises(ValidationError) as refused:
        accounts.check_grant(actor=officer_user, role=Role.OFFICER, unit=bac_kan["province"], is_superuser=True)
    assert "quản trị viên hệ thống" in errors_of(refused)["is_superuser"]


def test_a_role_goes_with_its_level_of_unit(officer_user, bac_kan):
    with pytest.raises(ValidationError) as refused:
        create(officer_user, role=Role.OFFICER, unit=bac_kan["na_ri"])
    assert "cấp tỉnh" in errors_of(refused)["unit"]
    with pytest.raises(ValidationError) as refused:
        create(officer_user, unit=bac_kan["province"])
    assert "cấp huyện" in errors_of(refused)["unit"]


def test_passwords_must_pass_the_validators(officer_user, bac_kan):
    with pytest.raises(ValidationError) as refused:
        create(officer_user, unit=bac_kan["na_ri"], password="12345678")
    assert "password" in errors_of(refused)
    with pytest.raises(ValidationError) as refused:
        create(officer_user, unit=bac_kan["na_ri"], password="nv_nari2026")  # too close to the username
    assert "password" in errors_of(refused)


def test_district_staff_and_council_members_manage_no_accounts(staff_nari, council_user, bac_kan):
    for actor in (staff_nari, council_user):
        with pytest.raises(PermissionDenied):
            create(actor, unit=bac_kan["con_minh"])


def test_only_superusers_manage_superusers_and_officers_only_their_province(officer_user, superuser, cao_bang):
    outsider = role_user(
        Role.AREA_STAFF, factories.unit("043", "Bảo Lâm", level="district", unit_type="huyen", parent=cao_bang)
    )
    for account in (superuser, outsider):
        with pytest.raises(PermissionDenied):
            accounts.staff_account_deactivate(user=officer_user, account=account)


def test_deactivation_locks_the_account_and_ends_its_sessions(
    client, officer_user, staff_nari, django_capture_on_commit_callbacks
):
    client.force_login(staff_nari)
    assert client.get(reverse("admin:index")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        accounts.staff_account_deactivate(user=officer_user, account=staff_nari)
    staff_nari.refresh_from_db()
    assert not staff_nari.is_active
    assert client.get(reverse("admin:index")).status_code == 302  # back to the login page
    with pytest.raises(ValidationError, match="tự khoá"):
        accounts.staff_account_deactivate(user=officer_user, account=officer_user)


def test_a_role_or_area_change_ends_the_sessions_at_once(
    client, officer_user, staff_nari, bac_kan, django_capture_on_commit_callbacks
):
    other_browser = client.__class__()
    other_browser.force_login(staff_nari)
    client.force_login(staff_nari)
    with django_capture_on_commit_callbacks(execute=True):
        accounts.staff_assignment_change(
            user=officer_user, account=staff_nari, role=Role.AREA_STAFF, unit=bac_kan["cho_moi"]
        )
    for browser in (client, other_browser):
        assert "_auth_user_id" not in browser.session
        assert browser.get(reverse("admin:index")).status_code == 302
    history = StaffAssignment.objects.filter(user=staff_nari).order_by("created_at")
    assert [(a.unit, a.is_active) for a in history] == [(bac_kan["na_ri"], False), (bac_kan["cho_moi"], True)]


def test_an_unchanged_assignment_keeps_the_sessions(
    client, officer_user, staff_nari, bac_kan, django_capture_on_commit_callbacks
):
    client.force_login(staff_nari)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        accounts.staff_assignment_change(
            user=officer_user, account=staff_nari, role=Role.AREA_STAFF, unit=bac_kan["na_ri"]
        )
    assert callbacks == []
    assert client.get(reverse("admin:index")).status_code == 200


def test_sessions_expire_after_inactivity(settings, client, staff_nari):
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 60 * 60
    client.force_login(staff_nari)
    session = client.session.model.objects.get(session_key=client.session.session_key)
    session.expire_date = session.expire_date.replace(year=2000)
    session.save()
    assert client.get(reverse("admin:index")).status_code == 302


def test_demo_accounts_are_made_once(db):
    units = factories.bac_kan_tree()
    first = accounts.ensure_demo_accounts("ocop-demo-2026")
    hashes = dict(User.objects.values_list("username", "password"))
    second = accounts.ensure_demo_accounts("ocop-demo-2026")
    assert {name: account.pk for name, account in first.items()} == {
        name: account.pk for name, account in second.items()
    }
    assert dict(User.objects.values_list("username", "password")) == hashes  # sessions survive a re-run
    assert StaffAssignment.objects.filter(user__username__startswith="council_").count() == 5
    expected = {
        "officer": (Role.OFFICER, units["province"]),
        "staff_nari": (Role.AREA_STAFF, units["na_ri"]),
        "staff_chomoi": (Role.AREA_STAFF, units["cho_moi"]),
        "council_1": (Role.COUNCIL_MEMBER, units["province"]),
        "council_5": (Role.COUNCIL_MEMBER, units["province"]),
    }
    for username, (role, unit) in expected.items():
        assignment = access.assignment_of(User.objects.get(username=username))
        assert (assignment.role, assignment.unit) == (role, unit)
    assert second["admin"].is_superuser and second["admin"].check_password("ocop-demo-2026")
    assert second["staff_nari"].check_password("ocop-demo-2026")


def test_demo_accounts_need_the_units(db):
    with pytest.raises(ValidationError, match="load_units"):
        accounts.ensure_demo_accounts("ocop-demo-2026")


# --- Through the admin ---------------------------------------------------------------------


def test_an_officer_adds_an_account_through_the_admin(client, officer_user, bac_kan, cao_bang):
    client.force_login(officer_user)
    page = client.get(reverse("admin:auth_user_add"))
    form = page.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert cao_bang not in form.fields["unit"].queryset
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nv_chomoi",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Mai",
            "last_name": "Nông Thị",
            "role": Role.AREA_STAFF,
            "unit": bac_kan["cho_moi"].pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    account = User.objects.get(username="nv_chomoi")
    assert access.assignment_of(account).unit == bac_kan["cho_moi"]
    assert account.is_staff


def test_the_admin_form_refuses_an_officer_for_another_province(client, officer_user, cao_bang):
    client.force_login(officer_user)
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "cb", "password1": PASSWORD, "password2": PASSWORD, "role": Role.OFFICER, "unit": cao_bang.pk},
    )
    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="cb").exists()


def test_an_officer_lists_only_the_accounts_of_their_province(client, officer_user, staff_nari, cao_bang, superuser):
    outsider = role_user(Role.OFFICER, cao_bang)
    client.force_login(officer_user)
    listed = {user.pk for user in client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list}
    assert staff_nari.pk in listed and officer_user.pk in listed
    assert outsider.pk not in listed and superuser.pk not in listed
    assert client.get(reverse("admin:auth_user_change", args=[outsider.pk])).status_code == 404


def test_an_officer_moves_staff_to_another_district_through_the_admin(client, officer_user, staff_nari, bac_kan):
    client.force_login(officer_user)
    url = reverse("admin:auth_user_change", args=[staff_nari.pk])
    form = client.get(url).context["adminform"].form
    assert form.initial["unit"] == bac_kan["na_ri"].pk
    response = client.post(
        url,
        {
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "role": Role.AREA_STAFF,
            "unit": bac_kan["cho_moi"].pk,
            "view_unit": "",
        },
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert access.assignment_of(User.objects.get(pk=staff_nari.pk)).unit == bac_kan["cho_moi"]
