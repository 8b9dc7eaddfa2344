"""Admin for API tokens: officers create them (the secret is shown once), see their last use, revoke them.

Registered from ``OcopPortalConfig.ready()`` so that ``ocop_portal/admin.py`` stays the shared
admin plumbing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal import services
from ocop_portal.admin import AuditedAdminMixin
from ocop_portal.models import ApiToken


class ApiTokenCreationForm(forms.ModelForm):
    days = forms.IntegerField(
        label=gettext_lazy("Số ngày hiệu lực"),
        min_value=1,
        max_value=3650,
        initial=365,
        required=False,
        help_text=gettext_lazy("Để trống: không hết hạn."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name", "read_only"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user", "key_prefix", "read_only", "expires_at", "last_used_at", "is_active_display"]
    list_filter = ["read_only", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "key_prefix", "user__username"]
    readonly_fields = ["key_prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    autocomplete_fields = ["user"]
    actions = ["revoke_tokens"]

    @admin.display(boolean=True, description=gettext_lazy("Đang dùng được"))
    def is_active_display(self, obj):
        return not obj.is_revoked and not obj.is_expired()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "read_only", "days"]
        return ["user", "name", "read_only", "expires_at", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The owner and the secret of an existing token never change; a new need is a new token.
        return ["user", "read_only", *self.readonly_fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # The service refuses the rest too; limiting the choice makes it a form error, not a 403.
            owners = get_user_model().objects.filter(is_active=True)
            if not request.user.is_superuser:
                owners = owners.filter(is_superuser=False)
            kwargs["queryset"] = owners
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, secret = services.api_token_create(
            user=request.user,
            owner=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
            days=form.cleaned_data.get("days"),
        )
        for field in ApiToken._meta.concrete_fields:  # the admin goes on with ``obj`` (log entry, redirect)
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        self.message_user(
            request,
            _("Token mới (chỉ hiện một lần, hãy sao chép ngay): %(secret)s") % {"secret": secret},
            level=messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Thu hồi các token đã chọn"), permissions=["change"])
    def revoke_tokens(self, request, queryset):
        for token in queryset:
            services.api_token_revoke(user=request.user, token=token)
        self.message_user(request, _("Đã thu hồi %(count)d token.") % {"count": len(queryset)}, messages.SUCCESS)
