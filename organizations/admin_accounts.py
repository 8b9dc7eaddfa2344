"""Admin for staff accounts and their assignments; every change goes through ``organizations.accounts``.

An officer sees the accounts assigned inside their province and manages them: creates an account
with its role and area, changes the role or area, deactivates it. The form offers only what the
officer may grant (roles up to their own, units inside their scope); the superuser flag, staff
flag, groups and single permissions are shown to superusers only.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ocop_portal.admin import ScopedAdmin, ScopedModelAdminMixin, workflow_action
from organizations import access, accounts, roles
from organizations.models import AdministrativeUnit, StaffAssignment

User = get_user_model()
Role = StaffAssignment.Role
ASSIGNMENT_FIELDS = ("role", "unit", "view_unit")


def unit_choices(actor, *, view=False, current=None):
    """Units an actor may assign, and the account's ``current`` one.

    A superuser's list is the portal's province (both eras), not the whole country's 14,000 units.
    """
    units = AdministrativeUnit.objects.in_scope_of(actor, view=view)
    if access.role_of(actor) == roles.SUPERUSER:
        provinces = AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.PROVINCE, code=settings.OCOP_PROVINCE_CODE
        )
        paths = tuple(path for province in provinces for path in access.scope_paths(province))
        units = units.in_paths(paths) | AdministrativeUnit.objects.filter(pk=getattr(current, "pk", None))
    return units.order_by("path")


class AssignmentFields(forms.Form):
    """The role and area fields of an account form, limited to what ``actor`` may grant."""

    actor = None  # set by ``StaffUserAdmin.get_form``

    role = forms.ChoiceField(label=_("vai trò"))
    unit = forms.ModelChoiceField(label=_("địa bàn phụ trách"), queryset=AdministrativeUnit.objects.none())
    view_unit = forms.ModelChoiceField(
        label=_("địa bàn được xem"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        help_text=_("Để trống: chỉ xem địa bàn phụ trách."),
    )

    def limit_assignment_fields(self):
        actor_role = access.role_of(self.actor)
        grantable = [
            (value, label) for value, label in StaffAssignment.Role.choices if roles.may_grant(actor_role, value)
        ]
        self.fields["role"].choices = [("", "---------"), *grantable]
        current = access.assignment_of(self.instance) if self.instance.pk else None
        self.fields["unit"].queryset = unit_choices(self.actor, current=getattr(current, "unit", None))
        self.fields["view_unit"].queryset = unit_choices(
            self.actor, view=True, current=getattr(current, "view_unit", None)
        )

    def check_assignment(self):
        data = self.cleaned_data
        if any(name in self.errors for name in ASSIGNMENT_FIELDS):
            return
        try:
            accounts.check_grant(
                actor=self.actor,
                role=data.get("role"),
                unit=data.get("unit"),
                view_unit=data.get("view_unit"),
                is_superuser=data.get("is_superuser", False),
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)


class StaffAccountCreationForm(AssignmentFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_assignment_fields()

    def clean(self):
        cleaned = super().clean()
        self.check_assignment()
        return cleaned


class StaffAccountChangeForm(AssignmentFields, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_assignment_fields()
        current = access.assignment_of(self.instance) if self.instance.pk else None
        if current is not None:
            self.initial.update(role=current.role, unit=current.unit_id, view_unit=current.view_unit_id)
        if self.instance.is_superuser:
            for name in ASSIGNMENT_FIELDS:  # a superuser needs no assignment
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") or not self.instance.is_superuser:
            self.check_assignment()
        return cleaned


class ActiveRoleFilter(admin.SimpleListFilter):
    title = _("vai trò")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return StaffAssignment.Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(assignments__is_active=True, assignments__role=self.value())
        return queryset


class StaffUserAdmin(ScopedModelAdminMixin, UserAdmin):
    form = StaffAccountChangeForm
    add_form = StaffAccountCreationForm
    list_display = ("username", "full_name", "role", "unit", "is_active", "last_login")
    list_filter = (ActiveRoleFilter, "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ["deactivate_accounts", "activate_accounts"]
    show_full_result_count = False

    assignment_fieldset = (_("Vai trò và địa bàn"), {"fields": ASSIGNMENT_FIELDS})
    superuser_fieldset = (_("Quyền hệ thống"), {"fields": ("is_superuser", "is_staff", "groups", "user_permissions")})

    def get_queryset(self, request):
        active = StaffAssignment.objects.filter(is_active=True).select_related("unit")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("assignments", queryset=active, to_attr="active_assignments"))
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            fieldsets = [
                (None, {"fields": ("username", "password1", "password2")}),
                (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email")}),
                self.assignment_fieldset,
            ]
        else:
            fieldsets = [
                (None, {"fields": ("username", "password")}),
                (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email")}),
                self.assignment_fieldset,
                (_("Trạng thái"), {"fields": ("is_active", "last_login", "date_joined")}),
            ]
        if request.user.is_superuser:
            fieldsets.append(self.superuser_fieldset)
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if obj is not None and not request.user.is_superuser:
            readonly.append("username")
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_delete_permission(self, request, obj=None):
        """Accounts are deactivated, never deleted: history and council records point at them."""
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    @admin.display(description=_("họ tên"))
    def full_name(self, obj):
        return accounts.display_name(obj)

    def _assignment(self, obj):
        active = getattr(obj, "active_assignments", None)
        return active[0] if active else None

    @admin.display(description=_("vai trò"))
    def role(self, obj):
        assignment = self._assignment(obj)
        if obj.is_superuser:
            return _("Quản trị hệ thống")
        return assignment.get_role_display() if assignment else "—"

    @admin.display(description=_("địa bàn"))
    def unit(self, obj):
        assignment = self._assignment(obj)
        return assignment.unit if assignment else "—"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            account = accounts.staff_account_create(
                user=request.user,
                username=data["username"],
                password=data["password1"],
                role=data["role"],
                unit=data["unit"],
                view_unit=data.get("view_unit"),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            obj.pk = account.pk
            obj.refresh_from_db()
            return
        if request.user.is_superuser:
            obj.save()  # superusers hold everything: their edits of the flags need no grant check
        else:
            personal = {name: data[name] for name in ("first_name", "last_name", "email") if name in form.changed_data}
            if personal:
                accounts.staff_account_update(user=request.user, account=obj, **personal)
        if data.get("role") and {"role", "unit", "view_unit"} & set(form.changed_data):
            accounts.staff_assignment_change(
                user=request.user, account=obj, role=data["role"], unit=data["unit"], view_unit=data.get("view_unit")
            )
        if "is_active" in form.changed_data and not request.user.is_superuser:
            service = accounts.staff_account_activate if data["is_active"] else accounts.staff_account_deactivate
            service(user=request.user, account=obj)
        elif "is_active" in form.changed_data and not data["is_active"]:
            accounts.end_sessions(obj)

    def _each(self, request, queryset, service, done_message):
        done = 0
        for account in queryset:
            try:
                service(user=request.user, account=account)
            except (ValidationError, PermissionDenied) as exc:
                self.message_refusal(request, exc, prefix=f"{account}: ")
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, level=messages.SUCCESS)

    @workflow_action("staff.manage", description=_("Khoá các tài khoản đã chọn"))
    def deactivate_accounts(self, request, queryset):
        self._each(request, queryset, accounts.staff_account_deactivate, _("Đã khoá %(count)d tài khoản."))

    @workflow_action("staff.manage", description=_("Mở khoá các tài khoản đã chọn"))
    def activate_accounts(self, request, queryset):
        self._each(request, queryset, accounts.staff_account_activate, _("Đã mở khoá %(count)d tài khoản."))


class StaffAssignmentAdmin(ScopedAdmin):
    """The history of who held which role where; assignments change through the account form."""

    list_display = ("user", "role", "unit", "view_unit", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    list_select_related = ("user", "unit", "view_unit")
    ordering = ("-created_at",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # only with the account a superuser deletes


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.register(StaffAssignment, StaffAssignmentAdmin)
