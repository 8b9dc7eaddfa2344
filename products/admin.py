"""Admin of the classification, products, the yearly survey, registrations and their dossiers.

Products, photos, registrations and dossier files are written through ``products.services``: a
registration made here gets the same checklist, the same checks and the same transition records as
one made through the API or the pages. Workflow steps are admin actions (on the list and as buttons
on the change form) that call the services; statuses are read-only.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ocop_portal.admin import ScopedAdmin, ScopedTabularInline, workflow_action
from ocop_portal.admin_transfer import TransferAdminMixin
from organizations.admin import ServiceSavedAdmin, area_filter
from products import services, uploads
from products.models import (
    Branch,
    ClassificationScheme,
    DossierDocument,
    Product,
    ProductGroup,
    ProductPhoto,
    ProductSet,
    Registration,
    RegistrationTransition,
    SurveyEntry,
)
from products.transfer import PRODUCTS, REGISTRATIONS

# --- Classification ------------------------------------------------------------------------------


class BranchInline(admin.TabularInline):
    model = Branch
    fields = ["code", "name_vi", "name_en"]
    extra = 0
    show_change_link = True


class ProductGroupInline(admin.TabularInline):
    model = ProductGroup
    fields = ["code", "name_vi", "name_en"]
    extra = 0
    show_change_link = True


class ProductSetInline(admin.TabularInline):
    model = ProductSet
    fields = ["number", "name_vi", "name_en", "lead_ministry"]
    extra = 0


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(ScopedAdmin):
    list_display = ["code", "name", "legal_act", "valid_from"]
    search_fields = ["code", "name", "legal_act"]
    inlines = [BranchInline]


@admin.register(Branch)
class BranchAdmin(ScopedAdmin):
    list_display = ["name_vi", "name_en", "code", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["name_vi", "name_en", "code"]
    list_select_related = ["scheme"]
    inlines = [ProductGroupInline]


@admin.register(ProductGroup)
class ProductGroupAdmin(ScopedAdmin):
    list_display = ["name_vi", "name_en", "code", "branch"]
    list_filter = ["branch__scheme"]
    search_fields = ["name_vi", "name_en"]
    list_select_related = ["branch"]
    autocomplete_fields = ["branch"]
    inlines = [ProductSetInline]


@admin.register(ProductSet)
class ProductSetAdmin(ScopedAdmin):
    list_display = ["number", "name_vi", "name_en", "group", "lead_ministry"]
    list_display_links = ["number", "name_vi"]
    list_filter = ["group__branch__scheme", "group__branch"]
    search_fields = ["name_vi", "name_en", "lead_ministry"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]


# --- Products ------------------------------------------------------------------------------------


class ProductPhotoInline(ScopedTabularInline):
    """Photos; new ones are added by ``product_photo_add`` (real images, safe names) in ``save_formset``."""

    model = ProductPhoto
    fields = ["image", "caption", "position"]
    extra = 0


class RegistrationInline(ScopedTabularInline):
    """The product's registrations, year by year; new ones are made on the registration page."""

    model = Registration
    fields = ["year", "evaluation_type", "status", "submitted_at", "accepted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(TransferAdminMixin, ServiceSavedAdmin):
    transfer_kind = PRODUCTS
    create_service = staticmethod(services.product_create)
    update_service = staticmethod(services.product_update)
    instance_argument = "product"
    service_fields = services.PRODUCT_FIELDS - services.COMPUTED_PRODUCT_FIELDS

    list_display = ["name", "producer", "product_set", "origin_commune", "status", "current_star", "code"]
    list_filter = [
        area_filter("origin_commune__path"),
        "current_star",
        "status",
        "product_set",
        "group_2018",
        "is_archived",
    ]
    search_fields = ["name", "code", "producer__name", "producer__tax_code", "trademark"]
    list_select_related = ["producer", "product_set", "origin_commune"]
    autocomplete_fields = ["producer", "product_set", "group_2018", "origin_commune"]
    readonly_fields = ["current_star", "star_valid_until", "created_at", "updated_at"]
    inlines = [ProductPhotoInline, RegistrationInline]
    fieldsets = [
        (None, {"fields": ["name", "producer", "origin_commune", "code", "status", "is_archived"]}),
        (_("Phân loại"), {"fields": ["product_set", "group_2018"]}),
        (_("Mô tả"), {"fields": ["description", "story"]}),
        (
            _("Sản xuất và chất lượng"),
            {"fields": Product.PRODUCTION_FIELDS},
        ),
        (_("Hạng sao (do kết quả đánh giá ghi)"), {"fields": ["current_star", "star_valid_until"]}),
        (_("Hệ thống"), {"fields": ["created_at", "updated_at"]}),
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProductPhoto:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads these lists, which only ``formset.save()`` would set.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for photo_form in formset.forms:
            if photo_form in formset.deleted_forms:
                if photo_form.instance.pk is not None:
                    photo_form.instance.delete()
            elif photo_form.instance.pk is None and photo_form.has_changed():
                data = photo_form.cleaned_data
                services.product_photo_add(
                    user=request.user,
                    product=form.instance,
                    image=data["image"],
                    caption=data.get("caption", ""),
                    position=data.get("position") or 0,
                )
            elif photo_form.has_changed():
                photo_form.save()  # caption, position, or a replaced image (checked by the field's validator)
        return None


@admin.register(ProductPhoto)
class ProductPhotoAdmin(ScopedAdmin):
    list_display = ["__str__", "product", "position"]
    search_fields = ["product__name", "caption"]
    list_select_related = ["product"]
    autocomplete_fields = ["product"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        saved = services.product_photo_add(
            user=request.user,
            product=obj.product,
            image=form.cleaned_data["image"],
            caption=obj.caption,
            position=obj.position,
        )
        obj.pk, obj.image = saved.pk, saved.image
        obj._state.adding = False
        return None


@admin.register(SurveyEntry)
class SurveyEntryAdmin(ScopedAdmin):
    list_display = ["product", "producer", "year", "group_2018", "note"]
    list_filter = [area_filter("product__origin_commune__path"), "year", "group_2018"]
    search_fields = ["product__name", "product__producer__name", "note"]
    list_select_related = ["product__producer", "group_2018"]
    autocomplete_fields = ["product", "group_2018"]

    @admin.display(description=_("chủ thể"), ordering="product__producer__name")
    def producer(self, entry):
        return entry.product.producer


# --- Registrations -------------------------------------------------------------------------------


class DossierDocumentForm(forms.ModelForm):
    """A checklist row: the file goes through ``document_attach`` (checked by content), never saved raw."""

    upload = forms.FileField(label=_("tải tệp lên"), required=False)

    class Meta:
        model = DossierDocument
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # the checklist is made by the service; added rows are "other"
            self.instance.kind = DossierDocument.Kind.OTHER

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            uploads.check_document(upload)
        return upload


class DossierDocumentInline(ScopedTabularInline):
    model = DossierDocument
    form = DossierDocumentForm
    fields = ["kind", "required", "file", "original_name", "upload", "note", "uploaded_at"]
    readonly_fields = ["kind", "required", "file", "original_name", "uploaded_at"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration")


class RegistrationTransitionInline(ScopedTabularInline):
    model = RegistrationTransition
    fields = ["at", "from_status", "to_status", "actor_name", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Chủ thể sẽ đọc lý do này để biết cần bổ sung gì."),
    )


@admin.register(Registration)
class RegistrationAdmin(TransferAdminMixin, ScopedAdmin):
    transfer_kind = REGISTRATIONS
    list_display = ["product", "producer", "year", "evaluation_type", "status", "submitted_at", "accepted_at"]
    list_filter = [
        area_filter("product__origin_commune__path"),
        "year",
        "status",
        "evaluation_type",
        "product__product_set",
        "product__current_star",
    ]
    search_fields = ["product__name", "product__producer__name", "product__code", "number"]
    list_select_related = ["product__producer"]
    autocomplete_fields = ["product"]
    readonly_fields = [
        "status",
        "submitted_at",
        "accepted_at",
        "return_reason",
        "revision",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [DossierDocumentInline, RegistrationTransitionInline]
    actions = ["submit", "return_for_completion", "accept", "withdraw"]

    @admin.display(description=_("chủ thể"), ordering="product__producer__name")
    def producer(self, registration):
        return registration.product.producer

    def get_fields(self, request, obj=None):
        if obj is None:  # the service makes everything else
            return ["product", "year", "evaluation_type"]
        return ["product", "year", "evaluation_type", "number", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The checklist was made for this product, year and type: they no longer change.
        return ["product", "year", "evaluation_type", *self.readonly_fields]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        saved = services.registration_create(
            user=request.user,
            product=form.cleaned_data["product"],
            year=form.cleaned_data["year"],
            evaluation_type=form.cleaned_data["evaluation_type"],
        )
        obj.__dict__.update({key: value for key, value in saved.__dict__.items() if key != "_state"})
        obj._state.adding = False
        return None

    def save_formset(self, request, form, formset, change):
        if formset.model is not DossierDocument:
            return super().save_formset(request, form, formset, change)
        formset.save()  # kinds and notes; files are never part of the model form
        for document_form in formset.forms:
            upload = document_form.cleaned_data.get("upload") if document_form.cleaned_data else None
            if upload and document_form not in formset.deleted_forms:
                services.document_attach(user=request.user, document=document_form.instance, uploaded_file=upload)
        return None

    # --- Workflow actions: each calls the service, one registration at a time ---------------------

    def _run_step(self, request, queryset, service, done_message, **kwargs):
        """One service call per registration: each success and each refusal gets its own message."""
        for registration in queryset.select_related("product"):
            self.run_service(
                request, service, done_message % {"registration": registration}, registration=registration, **kwargs
            )

    @workflow_action("registration.submit", description=_("Nộp hồ sơ đã chọn"))
    def submit(self, request, queryset):
        self._run_step(request, queryset, services.registration_submit, _("Đã nộp hồ sơ “%(registration)s”."))

    @workflow_action("registration.accept", description=_("Tiếp nhận hồ sơ đã chọn"))
    def accept(self, request, queryset):
        self._run_step(request, queryset, services.registration_accept, _("Đã tiếp nhận hồ sơ “%(registration)s”."))

    @workflow_action("registration.withdraw", description=_("Rút hồ sơ đã chọn"))
    def withdraw(self, request, queryset):
        self._run_step(request, queryset, services.registration_withdraw, _("Đã rút hồ sơ “%(registration)s”."))

    @workflow_action("registration.return", description=_("Trả lại hồ sơ để bổ sung (ghi lý do)"))
    def return_for_completion(self, request, queryset):
        """Asks for the reason on an intermediate page, then returns every selected registration."""
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._run_step(
                request,
                queryset,
                services.registration_return,
                _("Đã trả lại hồ sơ “%(registration)s”."),
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Trả lại hồ sơ để bổ sung"),
            "opts": self.model._meta,
            "registrations": queryset.select_related("product"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "count_text": ngettext("%(count)s hồ sơ", "%(count)s hồ sơ", queryset.count())
            % {"count": queryset.count()},
        }
        return TemplateResponse(request, "admin/products/registration/return_reason.html", context)


@admin.register(DossierDocument)
class DossierDocumentAdmin(ScopedAdmin):
    """Checklist items across registrations; files are attached through ``document_attach``."""

    form = DossierDocumentForm
    list_display = ["__str__", "registration", "required", "original_name", "uploaded_at"]
    list_filter = ["kind", "required", "registration__year"]
    search_fields = ["registration__product__name", "original_name"]
    list_select_related = ["registration__product"]
    readonly_fields = ["registration", "kind", "required", "file", "original_name", "content_type", "size"]
    fields = [*readonly_fields, "upload", "note", "uploaded_by", "uploaded_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False  # items are made with their registration (``registration_create``)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("upload"):
            services.document_attach(user=request.user, document=obj, uploaded_file=form.cleaned_data["upload"])


@admin.register(RegistrationTransition)
class RegistrationTransitionAdmin(ScopedAdmin):
    """The workflow's record: read-only."""

    list_display = ["registration", "from_status", "to_status", "actor_name", "at"]
    list_filter = ["to_status", "registration__year"]
    search_fields = ["registration__product__name", "actor_name", "reason"]
    list_select_related = ["registration__product"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
