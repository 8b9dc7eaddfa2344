"""Admin of administrative units, producers and commendations.

Lists go through ``ScopedAdmin`` (scope, no full-table counts); producers are written by
``organizations.services`` so the admin keeps the same rules as the API and the pages, legal-form
history included.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ocop_portal.admin import ScopedAdmin, ScopedTabularInline
from ocop_portal.admin_transfer import TransferAdminMixin
from organizations import selectors, services
from organizations.models import (
    AdministrativeUnit,
    Commendation,
    IssuingAuthority,
    LegalFormChange,
    Producer,
    ProducerFinance,
    UnitSuccession,
)
from organizations.transfer import PRODUCERS


def area_filter(path_lookup: str):
    """A list filter "Địa bàn" over the province's districts (old era) and new province(s).

    ``path_lookup`` leads from the listed model to a unit path (``commune__path`` for producers,
    ``product__origin_commune__path`` for registrations); choosing an area is one indexed prefix
    match on it. The choices are ``selectors.home_areas()``: the same few rows for every list.
    """

    class AreaFilter(admin.SimpleListFilter):
        title = _("địa bàn")
        parameter_name = "area"

        def lookups(self, request, model_admin):
            return [(unit.path, str(unit)) for unit in selectors.home_areas()]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{f"{path_lookup}__startswith": self.value()})
            return queryset

    return AreaFilter


class ServiceSavedAdmin(ScopedAdmin):
    """An admin whose main object is created and changed by services, not by ``form.save()``.

    The service re-checks every rule (and the scope) in its own transaction; the admin then adopts
    the saved row so that inlines and the change message use it.
    """

    create_service = None
    update_service = None
    instance_argument = ""
    service_fields: frozenset = frozenset()

    def service_kwargs(self, form, names) -> dict:
        return {name: form.cleaned_data[name] for name in names if name in self.service_fields}

    def save_model(self, request, obj, form, change):
        if change:
            saved = self.update_service(
                user=request.user,
                **{self.instance_argument: obj},
                **self.service_kwargs(form, form.changed_data),
                **self.extra_update_kwargs(form),
            )
        else:
            saved = self.create_service(user=request.user, **self.service_kwargs(form, form.cleaned_data))
        obj.__dict__.update({key: value for key, value in saved.__dict__.items() if key != "_state"})
        obj._state.adding = False
        obj._state.db = saved._state.db

    def extra_update_kwargs(self, form) -> dict:
        return {}


class SuccessionInline(ScopedTabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = _("đơn vị kế thừa (sau sắp xếp)")
    fields = ["successor", "legal_act", "effective_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("successor")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ScopedAdmin):
    list_display = ["__str__", "code", "level", "era", "parent", "valid_from", "valid_to"]
    list_filter = ["era", "level", "unit_type"]
    search_fields = ["name", "code", "path"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    ordering = ["path"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(ScopedAdmin):
    list_display = ["predecessor", "successor", "legal_act", "effective_on"]
    list_filter = ["effective_on", "predecessor__level"]
    search_fields = ["predecessor__name", "predecessor__code", "successor__name", "successor__code", "legal_act"]
    list_select_related = ["predecessor", "successor"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(IssuingAuthority)
class IssuingAuthorityAdmin(ScopedAdmin):
    list_display = ["name", "level", "unit", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


class ProducerFinanceInline(ScopedTabularInline):
    model = ProducerFinance
    fields = ["year", "revenue", "profit"]
    extra = 0


class LegalFormChangeInline(ScopedTabularInline):
    """History: written by ``producer_update`` when the legal form changes, never typed here."""

    model = LegalFormChange
    fields = ["changed_on", "previous_form", "new_form", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ProducerForm(forms.ModelForm):
    """The producer, plus the date and note of a legal-form change (kept as history by the service)."""

    legal_form_changed_on = forms.DateField(
        label=_("ngày chuyển đổi loại hình"),
        required=False,
        help_text=_("Chỉ dùng khi đổi loại hình; để trống là hôm nay."),
    )
    legal_form_note = forms.CharField(label=_("ghi chú chuyển đổi"), max_length=255, required=False)

    class Meta:
        model = Producer
        fields = sorted(services.PRODUCER_FIELDS)


@admin.register(Producer)
class ProducerAdmin(TransferAdminMixin, ServiceSavedAdmin):
    transfer_kind = PRODUCERS
    form = ProducerForm
    create_service = staticmethod(services.producer_create)
    update_service = staticmethod(services.producer_update)
    instance_argument = "producer"
    service_fields = services.PRODUCER_FIELDS

    list_display = ["name", "legal_form", "tax_code", "commune", "representative_name", "status"]
    list_filter = [area_filter("commune__path"), "legal_form", "enterprise_kind", "status"]
    search_fields = ["name", "tax_code", "registration_number", "representative_name", "phone"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    inlines = [ProducerFinanceInline, LegalFormChangeInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "legal_form", "enterprise_kind", "community_capital_majority", "status"]}),
        (
            _("Đăng ký"),
            {"fields": ["tax_code", "registration_number", "founded_on", "address", "commune"]},
        ),
        (_("Liên hệ"), {"fields": ["phone", "email", "website"]}),
        (
            _("Người đại diện"),
            {
                "fields": [
                    "representative_name",
                    "representative_title",
                    "representative_gender",
                    "representative_ethnicity",
                    "representative_disability",
                ]
            },
        ),
        (_("Lao động"), {"fields": ["workforce_total", "workforce_local", "workforce_women"]}),
        (
            _("Chuyển đổi loại hình"),
            {"fields": ["legal_form_changed_on", "legal_form_note"], "classes": ["collapse"]},
        ),
        (_("Hệ thống"), {"fields": ["created_at", "updated_at"]}),
    ]

    def extra_update_kwargs(self, form):
        return {
            "legal_form_changed_on": form.cleaned_data.get("legal_form_changed_on"),
            "legal_form_note": form.cleaned_data.get("legal_form_note") or "",
        }


@admin.register(ProducerFinance)
class ProducerFinanceAdmin(ScopedAdmin):
    list_display = ["producer", "year", "revenue", "profit"]
    list_filter = ["year"]
    search_fields = ["producer__name", "producer__tax_code"]
    list_select_related = ["producer"]
    autocomplete_fields = ["producer"]


@admin.register(LegalFormChange)
class LegalFormChangeAdmin(ScopedAdmin):
    """Read-only: the history of legal forms is written by ``producer_update``."""

    list_display = ["producer", "previous_form", "new_form", "changed_on"]
    list_filter = ["new_form", "previous_form"]
    search_fields = ["producer__name"]
    list_select_related = ["producer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commendation)
class CommendationAdmin(ScopedAdmin):
    list_display = ["producer", "year", "issuer", "decision_number", "decision_date"]
    list_filter = [area_filter("producer__commune__path"), "year", "issuer"]
    search_fields = ["producer__name", "decision_number", "reason"]
    list_select_related = ["producer", "issuer"]
    autocomplete_fields = ["producer", "issuer"]


from organizations import admin_accounts  # noqa: E402, F401  (staff accounts: the access engineer's admin)
