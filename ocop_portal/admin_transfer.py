"""Import and export in the Django admin: the same service as the portal page, the API and the commands.

A model admin adds ``TransferAdminMixin`` and names its kind (``transfer_kind = PRODUCERS``): its
list gets an "Nhập từ tệp" button (a dry run, then a confirmation, all or nothing) and two actions
that export the selected rows with the import columns, to edit and import back.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal.import_uploads import run_stashed, stash_upload, take_stashed
from ocop_portal.importer import ImportFileError, export_response, template_response


class TransferAdminMixin:
    transfer_kind = None  # an ``ocop_portal.importer.Kind``
    change_list_template = "admin/transfer/change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action_location == ActionLocation.CHANGE_LIST and self.has_view_permission(request):
            for name in ("export_xlsx", "export_csv"):
                action = self.get_action(name, action_location)
                actions[action.name] = action
        return actions

    @admin.action(description=gettext_lazy("Xuất các dòng đã chọn ra Excel (cùng cột với mẫu nhập)"))
    def export_xlsx(self, request, queryset):
        return export_response(self.transfer_kind, queryset, "xlsx")

    @admin.action(description=gettext_lazy("Xuất các dòng đã chọn ra CSV (cùng cột với mẫu nhập)"))
    def export_csv(self, request, queryset):
        return export_response(self.transfer_kind, queryset, "csv")

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return template_response(self.transfer_kind)

    def import_view(self, request):
        """Upload → check (dry run) → confirm → import; the result's errors are listed line by line."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        kind = self.transfer_kind
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "kind": kind,
            "title": _("Nhập %(kind)s từ tệp") % {"kind": kind.title},
            "confirm_url": request.path,
        }
        if request.method == "POST":
            token = request.POST.get("token", "")
            try:
                pending = (
                    take_stashed(request, kind, token)
                    if token
                    else stash_upload(request, kind, request.FILES.get("file"))
                )
            except ImportFileError as exc:
                context["problem"] = exc.messages[0]
            else:
                result, keep = run_stashed(request, kind, pending, dry_run=not token)
                if result.committed:
                    self.message_user(
                        request,
                        _("Đã nhập %(file)s: %(new)s mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
                        % {
                            "file": pending["filename"],
                            "new": result.new,
                            "updated": result.updated,
                            "unchanged": result.unchanged,
                        },
                        messages.SUCCESS,
                    )
                    return redirect(
                        reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist")
                    )
                context.update(result=result, filename=pending["filename"], token=pending["token"] if keep else "")
        return TemplateResponse(request, "admin/transfer/import.html", context)
