"""Admin for criteria, councils, evaluations and certificates (plans have their own admin).

Criteria are browsed read-only: they are data of a legal act, loaded by ``load_criteria``; an
officer may only correct the options of a draft sheet and put it into use. Everything that
decides a star or a certificate is an action that calls ``evaluations.services``.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count, Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from evaluations import rules, selectors, services
from evaluations.models import (
    Certificate,
    CertificateSeries,
    Council,
    CouncilMember,
    CriteriaSheet,
    CriteriaVersion,
    CriterionOption,
    Disqualifier,
    Evaluation,
    ScoreSheet,
)
from evaluations.transfer import RECOGNITIONS
from ocop_portal.admin import ScopedAdmin, ScopedTabularInline, workflow_action
from ocop_portal.admin_transfer import TransferAdminMixin

ACTION_FORM_TEMPLATE = "admin/evaluations/action_form.html"


def dmy(value):
    return value.strftime("%d/%m/%Y") if value else "—"


class ReadOnlyMixin:
    """Rows written only by the loader or the services: the admin shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def with_form(modeladmin, request, queryset, *, form_class, title, apply):
    """An action that first asks for its arguments (a decision number, a ground ...).

    The page posts back the action and the selection it came with; on "apply" with a valid
    form, ``apply(obj, cleaned_data)`` runs for each selected object.
    """
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        for obj in queryset:
            apply(obj, form.cleaned_data)
        return None
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in form.fields and name not in ("csrfmiddlewaretoken", "apply")
        for value in values
    ]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "form": form,
        "carried": carried,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


# --- Criteria ------------------------------------------------------------------------------


class CriteriaSheetInline(ReadOnlyMixin, admin.TabularInline):
    model = CriteriaSheet
    fields = ["name", "product_set", "status"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product_set")


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["code", "name", "legal_act", "effective_from", "parts", "is_legacy", "sheet_count", "in_use"]
    inlines = [CriteriaSheetInline]

    def get_queryset(self, request):
        used = Evaluation.objects.filter(sheet__version=OuterRef("pk"))
        return super().get_queryset(request).annotate(sheet_count=Count("sheets"), in_use=Exists(used))

    @admin.display(description=_("A/B/C"))
    def parts(self, obj):
        return f"{obj.part_a_max}/{obj.part_b_max}/{obj.part_c_max}"

    @admin.display(description=_("số phiếu"), ordering="sheet_count")
    def sheet_count(self, obj):
        return obj.sheet_count

    @admin.display(description=_("đã dùng (không sửa được)"), boolean=True)
    def in_use(self, obj):
        return obj.in_use


class DisqualifierInline(ReadOnlyMixin, admin.TabularInline):
    model = Disqualifier
    fields = ["text"]
    extra = 0


@admin.register(CriteriaSheet)
class CriteriaSheetAdmin(ScopedAdmin):
    list_display = ["name", "version", "product_set", "status", "problem_count"]
    list_filter = ["version", "status"]
    list_select_related = ["version", "product_set"]
    search_fields = ["name"]
    fields = ["version", "product_set", "name", "status", "problem_list", "star_legend", "criteria_table"]
    readonly_fields = fields
    inlines = [DisqualifierInline]
    actions = ["mark_ready"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("số vấn đề"))
    def problem_count(self, obj):
        return len(obj.problems)

    @admin.display(description=_("vấn đề cần xử lý"))
    def problem_list(self, obj):
        if not obj.problems:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((p,) for p in obj.problems)))

    @admin.display(description=_("tiêu chí và phương án chấm"))
    def criteria_table(self, obj):
        rows = []
        for part in selectors.sheet_structure(obj):
            rows.append((format_html("<strong>{}. {}</strong>", part.code, part.name), part.max_points, ""))
            for section in part.sections.all():
                rows.append((format_html("&nbsp;&nbsp;{}. {}", section.number, section.name), section.max_points, ""))
                for criterion in section.criteria.all():
                    options = format_html_join(
                        "",
                        "<li>{} — {} {}</li>",
                        (
                            (o.text, "?" if o.points is None else o.points, "*" * (o.min_star or 0))
                            for o in criterion.options.all()
                        ),
                    )
                    name = format_html("&nbsp;&nbsp;&nbsp;&nbsp;{} {}", criterion.code, criterion.name)
                    rows.append((name, criterion.max_points, format_html("<ul>{}</ul>", options)))
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html("<table>{}</table>", body)

    @admin.action(description=_("Kiểm tra và đưa phiếu vào sử dụng"))
    def mark_ready(self, request, queryset):
        for sheet in queryset:
            self.run_service(
                request, services.criteria_sheet_mark_ready, _("Đã đưa phiếu vào sử dụng: %s") % sheet, sheet=sheet
            )


@admin.register(CriterionOption)
class CriterionOptionAdmin(ScopedAdmin):
    """Browse options; correct the points of an option on a draft sheet (the service checks)."""

    list_display = ["criterion_code", "text_short", "points", "min_star", "sheet"]
    list_filter = ["criterion__section__part__sheet__version", "criterion__section__part__sheet__status"]
    list_select_related = ["criterion__section__part__sheet"]
    search_fields = ["text", "criterion__code"]
    fields = ["criterion", "text", "points", "min_star", "case_label"]
    readonly_fields = ["criterion", "text", "min_star", "case_label"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.criterion.section.part.sheet.status != CriteriaSheet.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.criterion_option_correct(user=request.user, option=obj, points=form.cleaned_data["points"])

    @admin.display(description=_("tiêu chí"), ordering="criterion__code")
    def criterion_code(self, obj):
        return obj.criterion.code

    @admin.display(description=_("nội dung"))
    def text_short(self, obj):
        return obj.text[:80]

    @admin.display(description=_("phiếu"))
    def sheet(self, obj):
        return obj.criterion.section.part.sheet


# --- Councils ------------------------------------------------------------------------------


class CouncilMemberInline(ScopedTabularInline):
    model = CouncilMember
    fields = ["user", "full_name", "title", "role"]
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Council)
class CouncilAdmin(ScopedAdmin):
    list_display = ["name", "level", "era", "unit", "year", "round", "stars", "member_count"]
    list_filter = ["year", "level", "era"]
    list_select_related = ["unit"]
    search_fields = ["name", "decision_number"]
    inlines = [CouncilMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    def save_model(self, request, obj, form, change):
        """A new council recognises what its level recognised in its era unless the officer said otherwise."""
        if not change and "recognisable_stars" not in form.changed_data:
            obj.recognisable_stars = rules.recognisable_stars(obj.era, obj.level)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("hạng sao được công nhận"))
    def stars(self, obj):
        return ", ".join(f"{star}★" for star in obj.recognisable_stars) or _("chuyển cấp trên")

    @admin.display(description=_("thành viên"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


# --- Evaluations ---------------------------------------------------------------------------


class ScoreSheetInline(ReadOnlyMixin, ScopedTabularInline):
    """Members fill their sheets on the portal (the service checks every option); here they are read."""

    model = ScoreSheet
    fields = ["member", "status", "part_a", "part_b", "part_c", "total", "disqualified", "submitted_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("member").annotate(disqualifier_count=Count("disqualifiers"))
        )

    @admin.display(description=_("đánh dấu loại"), boolean=True)
    def disqualified(self, obj):
        return obj.disqualifier_count > 0


class FinalizeForm(forms.Form):
    spread_override_reason = forms.CharField(
        label=_("Lý do chấp nhận chênh lệch điểm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chỉ cần khi điểm các thành viên chênh nhau quá mức hội đồng quy định."),
    )


class IssueForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"))
    issued_on = forms.DateField(label=_("Ngày cấp"))
    number = forms.CharField(
        label=_("Số giấy chứng nhận"), max_length=60, required=False, help_text=_("Để trống: cấp số tự động.")
    )


class EvaluationAddForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["registration", "council", "sheet"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].required = False
        self.fields["sheet"].help_text = _("Để trống: phiếu của bộ sản phẩm theo quy định của hội đồng.")


@admin.register(Evaluation)
class EvaluationAdmin(ScopedAdmin):
    list_display = ["product", "council", "status", "average_score", "final_star", "outcome", "certificate_number"]
    list_filter = ["status", "outcome", "council__year", "council__level"]
    list_select_related = ["registration__product", "council", "certificate"]
    search_fields = ["registration__product__name", "council__name"]
    raw_id_fields = ["registration"]
    readonly_fields = [
        "registration",
        "council",
        "sheet",
        "status",
        "average_score",
        "score_star",
        "minimums_star",
        "minimums_checked",
        "final_star",
        "disqualified",
        "outcome",
        "spread_flagged",
        "spread_override_reason",
        "forwarded_to",
        "finalised_at",
        "finalised_by",
    ]
    inlines = [ScoreSheetInline]
    actions = ["finalize", "issue_certificate"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = EvaluationAddForm
            kwargs["fields"] = ["registration", "council", "sheet"]
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        return ["registration", "council", "sheet"] if obj is None else ["held_on", *self.readonly_fields]

    def get_inline_instances(self, request, obj=None):
        return [] if obj is None else super().get_inline_instances(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = services.evaluation_open(
            user=request.user,
            registration=form.cleaned_data["registration"],
            council=form.cleaned_data["council"],
            sheet=form.cleaned_data.get("sheet"),
        )
        obj.pk = created.pk

    @admin.display(description=_("sản phẩm"), ordering="registration__product__name")
    def product(self, obj):
        return obj.registration.product

    @admin.display(description=_("giấy chứng nhận"))
    def certificate_number(self, obj):
        certificate = getattr(obj, "certificate", None)
        return certificate.number if certificate else "—"

    @workflow_action("evaluation.finalize", description=_("Hoàn tất kết quả đánh giá"))
    def finalize(self, request, queryset):
        def apply(evaluation, data):
            self.run_service(
                request,
                services.evaluation_finalize,
                _("Đã hoàn tất: %s") % evaluation,
                evaluation=evaluation,
                spread_override_reason=data["spread_override_reason"],
            )

        return with_form(self, request, queryset, form_class=FinalizeForm, title=_("Hoàn tất kết quả"), apply=apply)

    @workflow_action("certificate.issue", description=_("Cấp giấy chứng nhận"))
    def issue_certificate(self, request, queryset):
        def apply(evaluation, data):
            self.run_service(
                request,
                services.certificate_issue,
                _("Đã cấp giấy chứng nhận cho %s") % evaluation,
                evaluation=evaluation,
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                issued_on=data["issued_on"],
                number=data["number"] or None,
            )

        return with_form(self, request, queryset, form_class=IssueForm, title=_("Cấp giấy chứng nhận"), apply=apply)


# --- Certificates --------------------------------------------------------------------------


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(label=_("Căn cứ thu hồi"), choices=Certificate.RevocationGround.choices)
    decision = forms.CharField(label=_("Số quyết định thu hồi"), max_length=60)
    revoked_on = forms.DateField(label=_("Ngày thu hồi"))


class CertificateRecordForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["product", "star", "number", "decision_number", "decision_date", "issued_on", "authority"]


@admin.register(Certificate)
class CertificateAdmin(TransferAdminMixin, ScopedAdmin):
    transfer_kind = RECOGNITIONS
    list_display = ["number", "product", "star", "status", "issued", "expires", "refiling", "authority"]
    list_filter = ["status", "star", "issued_on"]
    list_select_related = ["product", "authority"]
    search_fields = ["number", "product__name", "decision_number"]
    raw_id_fields = ["product"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CertificateRecordForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return CertificateRecordForm.Meta.fields
        return [
            "number",
            "product",
            "star",
            "score",
            "evaluation",
            "decision_number",
            "decision_date",
            "authority",
            "issued_on",
            "expires_on",
            "refiling",
            "status",
            "superseded_by",
            "revocation_ground",
            "revocation_decision",
            "revoked_on",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # history: revoked, expired or superseded, never deleted

    def save_model(self, request, obj, form, change):
        """Adding here records a past recognition known without score sheets (``certificate_record``)."""
        if change:
            return
        data = form.cleaned_data
        created = services.certificate_record(user=request.user, **data)
        obj.pk = created.pk

    @admin.display(description=_("ngày cấp"), ordering="issued_on")
    def issued(self, obj):
        return dmy(obj.issued_on)

    @admin.display(description=_("hiệu lực đến hết ngày"), ordering="expires_on")
    def expires(self, obj):
        return dmy(obj.expires_on)

    @admin.display(description=_("nộp hồ sơ đánh giá lại"))
    def refiling(self, obj):
        opens, closes = obj.refiling_window
        return f"{dmy(opens)}–{dmy(closes)}"

    @workflow_action("certificate.revoke", description=_("Thu hồi giấy chứng nhận"))
    def revoke(self, request, queryset):
        def apply(certificate, data):
            self.run_service(
                request, services.certificate_revoke, _("Đã thu hồi %s") % certificate, certificate=certificate, **data
            )

        return with_form(
            self, request, queryset, form_class=RevokeForm, title=_("Thu hồi giấy chứng nhận"), apply=apply
        )


@admin.register(CertificateSeries)
class CertificateSeriesAdmin(ScopedAdmin):
    list_display = ["province_code", "year", "pattern", "last_seq"]
    readonly_fields = ["last_seq"]

    def has_delete_permission(self, request, obj=None):
        return False


from evaluations import admin_plans  # noqa: E402, F401 - registers the plan admins (evaluations/admin_plans.py)
