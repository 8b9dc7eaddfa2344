"""Admin for yearly plans and their target lines, reported figures and support activities.

Every change goes through ``evaluations.plans`` (the same rules as the pages and the API): a
plan's lines change only while it is a draft, approval and closing are actions, a reported
figure is added (never edited: a correction is a newer report). The plan's page shows its
progress at today's date, computed by ``evaluations.progress``.
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from evaluations import plans, progress
from evaluations import targets as indicators
from evaluations.models import ReportedValue, SupportActivity, Target, YearlyPlan
from ocop_portal.admin import ScopedAdmin, ScopedTabularInline, workflow_action
from organizations.admin import ServiceSavedAdmin

REPORTED_INDICATORS = [key for key, spec in indicators.INDICATORS.items() if not spec.computed]


def dmy(value):
    return value.strftime("%d/%m/%Y") if value else "—"


class TargetInline(ScopedTabularInline):
    model = Target
    fields = ["indicator", "unit", "legal_form", "target_min", "target_max", "note"]
    extra = 0
    autocomplete_fields = ["unit"]

    def _draft(self, obj):
        return obj is None or obj.status == YearlyPlan.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


@admin.register(YearlyPlan)
class YearlyPlanAdmin(ServiceSavedAdmin):
    list_display = ["title", "year", "unit", "status", "decision_number", "decision_date_display"]
    list_filter = ["year", "status"]
    search_fields = ["title", "decision_number", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    inlines = [TargetInline]
    actions = ["approve", "close"]
    create_service = staticmethod(plans.plan_create)
    update_service = staticmethod(plans.plan_update)
    instance_argument = "plan"
    service_fields = frozenset({"year", "unit", *plans.PLAN_FIELDS})

    def get_fields(self, request, obj=None):
        fields = ["year", "unit", "title", "decision_number", "decision_date"]
        return fields if obj is None else [*fields, "status", "progress_table"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status == YearlyPlan.Status.DRAFT:
            return ["year", "unit", "status", "progress_table"]
        return ["year", "unit", "decision_number", "decision_date", "status", "progress_table"]

    def has_delete_permission(self, request, obj=None):
        draft = obj is None or obj.status == YearlyPlan.Status.DRAFT
        return draft and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        plans.plan_delete(user=request.user, plan=obj)

    def delete_queryset(self, request, queryset):
        for plan in queryset:
            plans.plan_delete(user=request.user, plan=plan)

    def save_formset(self, request, form, formset, change):
        """Target lines through the services: added, changed and deleted one by one."""
        if formset.model is not Target:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        plan = form.instance
        for target in formset.deleted_objects:
            plans.target_delete(user=request.user, target=target)
        for target, changed in formset.changed_objects:
            fields = {name: getattr(target, name) for name in changed if name in plans.TARGET_FIELDS}
            plans.target_update(user=request.user, target=target, **fields)
        for target in formset.new_objects:
            plans.target_add(
                user=request.user,
                plan=plan,
                **{name: getattr(target, name) for name in plans.TARGET_FIELDS},
            )
        return None

    @admin.display(description=_("ngày quyết định"), ordering="decision_date")
    def decision_date_display(self, obj):
        return dmy(obj.decision_date)

    @admin.display(description=_("tiến độ đến hôm nay"))
    def progress_table(self, obj):
        lines = progress.plan_progress(obj)
        if not lines:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    line.label,
                    line.unit_name,
                    f"{line.target_min}–{line.target_max}" if line.target_max else line.target_min,
                    "—" if line.actual is None else line.actual,
                    "—" if line.percent is None else f"{line.percent}%",
                    line.status_label,
                )
                for line in lines
            ),
        )
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("Chỉ tiêu"),
            _("Địa bàn"),
            _("Kế hoạch"),
            _("Thực hiện"),
            _("Tỷ lệ"),
            _("Đánh giá"),
        )
        return format_html("<table>{}{}</table>", head, rows)

    @workflow_action("plan.manage", description=_("Phê duyệt kế hoạch (theo số, ngày quyết định đã nhập)"))
    def approve(self, request, queryset):
        for plan in queryset:
            self.run_service(request, plans.plan_approve, _("Đã phê duyệt: %s") % plan, plan=plan)

    @workflow_action("plan.manage", description=_("Tổng kết, khóa kế hoạch"))
    def close(self, request, queryset):
        for plan in queryset:
            self.run_service(request, plans.plan_close, _("Đã tổng kết: %s") % plan, plan=plan)


@admin.register(ReportedValue)
class ReportedValueAdmin(ScopedAdmin):
    """Figures the records cannot compute (sales points); a correction is a newer report."""

    list_display = ["target", "plan_year", "value", "as_of_display", "source"]
    list_filter = ["target__plan__year", "target__indicator"]
    list_select_related = ["target__plan", "target__unit"]
    fields = ["target", "value", "as_of", "source"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            kwargs["queryset"] = (
                self.choices_for(request, Target)
                .filter(indicator__in=REPORTED_INDICATORS, plan__status=YearlyPlan.Status.APPROVED)
                .select_related("plan", "unit")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = plans.reported_value_add(user=request.user, **{name: form.cleaned_data[name] for name in self.fields})
        obj.pk, obj._state.adding = saved.pk, False

    @admin.display(description=_("năm"), ordering="target__plan__year")
    def plan_year(self, obj):
        return obj.target.plan.year

    @admin.display(description=_("tính đến ngày"), ordering="as_of")
    def as_of_display(self, obj):
        return dmy(obj.as_of)


@admin.register(SupportActivity)
class SupportActivityAdmin(ServiceSavedAdmin):
    list_display = ["producer", "year", "kind", "happened_on_display", "description"]
    list_filter = ["year", "kind"]
    search_fields = ["producer__name", "description"]
    list_select_related = ["producer"]
    autocomplete_fields = ["producer"]
    fields = ["producer", "year", "kind", "happened_on", "description"]
    create_service = staticmethod(plans.support_activity_create)
    update_service = staticmethod(plans.support_activity_update)
    instance_argument = "activity"
    service_fields = frozenset({"producer", *plans.ACTIVITY_FIELDS})

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["producer"]

    def delete_model(self, request, obj):
        plans.support_activity_delete(user=request.user, activity=obj)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            plans.support_activity_delete(user=request.user, activity=activity)

    @admin.display(description=_("ngày"), ordering="happened_on")
    def happened_on_display(self, obj):
        return dmy(obj.happened_on)
