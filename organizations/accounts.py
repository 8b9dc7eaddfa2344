"""Staff accounts: who creates them, what they may grant, and what a change does to open sessions.

Officers create and deactivate the accounts of their province's staff; nobody grants more than
they hold — a role above their own, an area outside their scope, the superuser flag (only
superusers make superusers). A role or area change, or a deactivation, ends the account's open
sessions at once: the next request signs in again under the new rules.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import access, roles
from organizations.models import AdministrativeUnit, StaffAssignment

Role = StaffAssignment.Role
User = get_user_model()

# The unit level each role is assigned to (ocop.md §4: provinces rate, districts and communes register).
ROLE_LEVELS = {
    Role.OFFICER: {AdministrativeUnit.Level.PROVINCE},
    Role.AREA_STAFF: {AdministrativeUnit.Level.DISTRICT, AdministrativeUnit.Level.COMMUNE},
}


def _require_staff_manager(actor, account=None) -> None:
    """``actor=None`` is a management command (whoever runs it holds the server)."""
    if actor is None:
        return
    if not access.can(actor, "staff.manage"):
        raise PermissionDenied(_("Bạn không có quyền quản lý tài khoản cán bộ."))
    if account is not None and not access.can(actor, "staff.manage", account):
        raise PermissionDenied(_("Tài khoản này nằm ngoài phạm vi bạn quản lý."))


def check_grant(*, actor, role, unit, view_unit=None, is_superuser=False) -> None:
    """Refuse, field by field, anything beyond what ``actor`` holds; the admin form shows the same errors."""
    errors = {}
    if role not in roles.ROLES:
        errors["role"] = _("Vai trò không hợp lệ.")
    elif unit is not None and role in ROLE_LEVELS and unit.level not in ROLE_LEVELS[role]:
        errors["unit"] = _("Vai trò “%(role)s” phải được giao cho đơn vị cấp %(levels)s.") % {
            "role": Role(role).label,
            "levels": ", ".join(str(AdministrativeUnit.Level(level).label).lower() for level in ROLE_LEVELS[role]),
        }
    if unit is None:
        errors["unit"] = _("Cần chọn địa bàn phụ trách.")
    if actor is not None:
        actor_role = access.role_of(actor)
        if "role" not in errors and not roles.may_grant(actor_role, role):
            errors["role"] = _("Bạn không thể cấp vai trò cao hơn vai trò của mình.")
        if unit is not None and not AdministrativeUnit.objects.in_scope_of(actor).filter(pk=unit.pk).exists():
            errors.setdefault("unit", _("Địa bàn “%(unit)s” nằm ngoài phạm vi bạn quản lý.") % {"unit": unit})
        if view_unit is not None and not (
            AdministrativeUnit.objects.in_scope_of(actor, view=True).filter(pk=view_unit.pk).exists()
        ):
            errors["view_unit"] = _("Bạn không thể cho xem rộng hơn phạm vi bạn được xem.")
        if is_superuser and actor_role != roles.SUPERUSER:
            errors["is_superuser"] = _("Chỉ quản trị viên hệ thống mới tạo được quản trị viên hệ thống.")
    if errors:
        raise ValidationError(errors)


def end_sessions(account) -> int:
    """Sign the account out everywhere (database-backed sessions); returns how many sessions ended."""
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    ended = []
    for session in session_model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(account.pk):
            ended.append(session.pk)
    session_model.objects.filter(pk__in=ended).delete()
    return len(ended)


def _admin_access(role) -> bool:
    definition = roles.definition_of(role)
    return definition is not None and definition.admin_access


@transaction.atomic
def staff_account_create(
    *,
    user,
    username: str,
    password: str,
    role: str,
    unit: AdministrativeUnit,
    view_unit: AdministrativeUnit | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """A new account with its role and area; the password must pass the validators."""
    _require_staff_manager(user)
    check_grant(actor=user, role=role, unit=unit, view_unit=view_unit)
    account = User(username=username, first_name=first_name, last_name=last_name, email=email)
    account.is_staff = _admin_access(role)
    try:
        validate_password(password, account)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    account.set_password(password)
    account.full_clean()
    account.save()
    StaffAssignment.objects.create(user=account, role=role, unit=unit, view_unit=view_unit)
    return account


@transaction.atomic
def staff_account_update(*, user, account, **fields) -> User:
    """Names and e-mail; the role and area change through ``staff_assignment_change``."""
    _require_staff_manager(user, account)
    unknown = set(fields) - {"first_name", "last_name", "email"}
    if unknown:
        raise TypeError(f"not account fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(account, name, value)
    account.full_clean()
    account.save(update_fields=[*fields])
    return account


@transaction.atomic
def staff_assignment_change(*, user, account, role: str, unit, view_unit=None) -> StaffAssignment:
    """Move an account to another role or area: the old assignment is kept as history, sessions end."""
    _require_staff_manager(user, account)
    check_grant(actor=user, role=role, unit=unit, view_unit=view_unit)
    current = StaffAssignment.objects.select_for_update().filter(user=account, is_active=True).first()
    if current is not None and (current.role, current.unit_id, current.view_unit_id) == (
        role,
        unit.pk,
        view_unit.pk if view_unit else None,
    ):
        return current
    if current is not None:
        current.is_active = False
        current.save(update_fields=["is_active"])
    assignment = StaffAssignment.objects.create(user=account, role=role, unit=unit, view_unit=view_unit)
    if not account.is_superuser:
        account.is_staff = _admin_access(role)
        account.save(update_fields=["is_staff"])
    access.forget(account)
    transaction.on_commit(lambda: end_sessions(account))
    return assignment


@transaction.atomic
def staff_account_deactivate(*, user, account) -> User:
    """The account can no longer sign in; its role and area stay on record; its sessions end."""
    _require_staff_manager(user, account)
    if user is not None and account.pk == user.pk:
        raise ValidationError(_("Bạn không thể tự khoá tài khoản của mình."))
    account.is_active = False
    account.save(update_fields=["is_active"])
    access.forget(account)
    transaction.on_commit(lambda: end_sessions(account))
    return account


@transaction.atomic
def staff_account_activate(*, user, account) -> User:
    _require_staff_manager(user, account)
    account.is_active = True
    account.save(update_fields=["is_active"])
    access.forget(account)
    return account


# --- Demo accounts --------------------------------------------------------------------------


# username, role, (era, unit code), first name, last name
def display_name(user) -> str:
    """A person's name in Vietnamese order: family and middle names (``last_name``), then the given
    name (``first_name``) — "Hoàng Thu Hà", where Django's ``get_full_name`` says "Hà Hoàng Thu"."""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


DEMO_STAFF = (
    ("officer", Role.OFFICER, ("old", "06"), "Hà", "Hoàng Thu"),
    ("staff_nari", Role.AREA_STAFF, ("old", "066"), "Tú", "Lương Văn"),
    ("staff_chomoi", Role.AREA_STAFF, ("old", "065"), "Mai", "Nông Thị"),
    ("council_1", Role.COUNCIL_MEMBER, ("old", "06"), "Bình", "Hà Văn"),
    ("council_2", Role.COUNCIL_MEMBER, ("old", "06"), "Hằng", "Triệu Thị"),
    ("council_3", Role.COUNCIL_MEMBER, ("old", "06"), "Khánh", "Ma Văn"),
    ("council_4", Role.COUNCIL_MEMBER, ("old", "06"), "Nga", "Lục Thị"),
    ("council_5", Role.COUNCIL_MEMBER, ("old", "06"), "Sơn", "Phùng Văn"),
)


@transaction.atomic
def ensure_demo_accounts(password: str) -> dict[str, User]:
    """The demo accounts (``admin`` superuser, an officer, two district staff, five council members).

    Idempotent: existing accounts keep their password hash when the password is unchanged (so
    their sessions survive a second ``load_demo``). Needs the old-era Bắc Kạn units (``load_units``).
    """
    units = {}
    for _username, _role, (era, code), *_names in DEMO_STAFF:
        try:
            units[era, code] = AdministrativeUnit.objects.get(era=era, code=code)
        except AdministrativeUnit.DoesNotExist:
            raise ValidationError(
                _("Chưa có đơn vị hành chính mã %(code)s: hãy chạy “manage.py load_units” trước.") % {"code": code}
            ) from None

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser("admin", email="", password=password)
    elif not (admin.is_superuser and admin.is_staff and admin.is_active and admin.check_password(password)):
        admin.is_superuser = admin.is_staff = admin.is_active = True
        if not admin.check_password(password):
            admin.set_password(password)
        admin.save()
    accounts = {"admin": admin}

    for username, role, unit_key, first_name, last_name in DEMO_STAFF:
        account = User.objects.filter(username=username).first()
        if account is None:
            account = staff_account_create(
                user=admin,
                username=username,
                password=password,
                role=role,
                unit=units[unit_key],
                first_name=first_name,
                last_name=last_name,
            )
        else:
            if not account.check_password(password) or not account.is_active:
                account.set_password(password)
                account.is_active = True
                account.save(update_fields=["password", "is_active"])
            staff_assignment_change(user=admin, account=account, role=role, unit=units[unit_key])
        accounts[username] = account
    return accounts
