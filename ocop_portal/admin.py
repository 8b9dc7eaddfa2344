"""Admin plumbing shared by every app: scope, read-only history, services instead of ``save()``.

Every model admin of the portal derives from ``ScopedAdmin`` (inlines from ``ScopedTabularInline``
/ ``ScopedStackedInline``), so the admin asks the access rules the same questions as the API and
the pages. The rules live in ``organizations.access``; this module is plumbing that every app
imports, so it reaches them through ``settings.OCOP_ACCESS_MODULE`` instead of importing an app.
"""

from importlib import import_module

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ocop_portal import audit, audit_selectors

PERMISSION_DENIED_TAG = "permission-denied"


def access():
    """The access rules module (``organizations.access``)."""
    return import_module(settings.OCOP_ACCESS_MODULE)


def workflow_action(name: str, *, description):
    """Mark an admin action as the named workflow step ``name`` (``"registration.submit"``).

    The action is offered on the list and on the change form, only to users whose role may take
    the step at all (``access.can(user, name)``); the service it calls still checks each object.
    The permission-matrix tests find the admin action of a step by this name.
    """

    def decorator(func):
        func = admin.action(description=description, location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM])(
            func
        )
        func.access_action = name
        return func

    return decorator


class ScopedMixin:
    """What model admins and inlines share: querysets, permissions and choices through the access rules."""

    def get_queryset(self, request):
        return access().visible(super().get_queryset(request), request.user)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or access().is_visible(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.pk is None or access().is_editable(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or access().is_editable(request.user, obj)

    def choices_for(self, request, model):
        """What a user may pick for a foreign key: reference data they see, records they may change."""
        return access().choices(model._default_manager.all(), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self.choices_for(request, db_field.related_model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self.choices_for(request, db_field.related_model)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class HistoryRefusal(str):
    """Why a record may not be deleted, listed where Django lists the protected records that block it."""

    history_refusal = True


class AuditedAdminMixin:
    """The admin's "history" of a tracked record is its audit trail; what history hangs on is not deleted.

    - The history button of a tracked record (``audit_selectors.is_tracked``) shows its audit
      events — when, who, from where, each field before and after, the reason — read-only, to
      those who may read the audit (``audit.may_view``: officers); others keep Django's own log
      of admin actions.
    - A record that history hangs on (``audit.deletion_refusal``: a recognised product, a
      certificate, a finalised evaluation) blocks its deletion the way Django's protected related
      records do: the confirmation page (one or "delete selected") says why and what to do
      instead, and offers no button. The ``pre_delete`` guard stops anything that gets past.
    """

    audit_history_limit = 200
    delete_confirmation_template = "admin/audit/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/audit/delete_selected_confirmation.html"

    def history_view(self, request, object_id, extra_context=None):
        if not audit_selectors.is_tracked(self.model) or not audit.may_view(request.user):
            return super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử thay đổi: %(object)s") % {"object": obj},
            "object": obj,
            "opts": self.opts,
            "entries": audit_selectors.object_history(obj, user=request.user, limit=self.audit_history_limit),
            "limit": self.audit_history_limit,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/audit/object_history.html", context)

    def get_deleted_objects(self, objs, request):
        """The refusal replaces Django's analysis (protected records, missing permissions): it says what to do."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [HistoryRefusal(refusal) for obj in objs if (refusal := audit.deletion_refusal(obj))]
        if refusals:
            return deleted, counts, set(), refusals
        return deleted, counts, perms_needed, protected


class ScopedModelAdminMixin(AuditedAdminMixin, ScopedMixin):
    """What ``ScopedAdmin`` adds for a model admin; mixed into other bases too (the accounts' ``UserAdmin``)."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def get_list_filter(self, request):
        """Relation filters list only the related objects of the rows the user sees (no name leak)."""
        filters = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and self._is_relation(entry):
                entry = (entry, admin.RelatedOnlyFieldListFilter)
            filters.append(entry)
        return filters

    def _is_relation(self, path: str) -> bool:
        model = self.model
        for name in path.split("__"):
            try:
                field = model._meta.get_field(name)
            except Exception:  # a lookup such as ``year__gte``: not a relation path
                return False
            if not field.is_relation:
                return False
            model = field.related_model
        return True

    def get_search_results(self, request, queryset, search_term):
        """An autocomplete answers for a form's choices: only what the user may pick."""
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            queryset = access().choices(queryset, request.user)
        return super().get_search_results(request, queryset, search_term)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        return {
            name: action
            for name, action in actions.items()
            if getattr(action.func, "access_action", None) is None
            or access().can(request.user, action.func.access_action)
        }

    def save_model(self, request, obj, form, change):
        """A safety net for admins that save without a service: the object must stay in scope."""
        super().save_model(request, obj, form, change)
        access().ensure_editable(request.user, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Permission before scope; a service's refusal after a valid form is a message, never a 500.

        Django looks a record up (404) before it asks for the change permission; the other
        interfaces refuse a role that may change no record of the kind first (403), so does this
        one. Actions run from the change form only need the view permission and pass.
        """
        changing = request.method == "POST" and object_id is not None
        if changing and not self._posts_change_form_action(request) and not self.has_change_permission(request):
            raise PermissionDenied
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def _posts_change_form_action(self, request) -> bool:
        action_form = self.action_form(auto_id=None, prefix=ActionLocation.CHANGE_FORM.value)
        return action_form["action"].html_name in request.POST

    def run_service(self, request, service, success_message, **kwargs):
        """Call a service from an admin action; its refusal becomes an error message.

        A refusal for lack of permission is tagged ``permission-denied``, apart from a refusal
        because of the object's state (the permission matrix tells them apart this way).
        """
        try:
            result = service(user=request.user, **kwargs)
        except (ValidationError, PermissionDenied) as exc:
            self.message_refusal(request, exc)
            return None
        self.message_user(request, success_message, level=messages.SUCCESS)
        return result

    def message_refusal(self, request, exc, prefix=""):
        if isinstance(exc, PermissionDenied):
            text, tags = str(exc) or _("Bạn không có quyền thực hiện thao tác này."), PERMISSION_DENIED_TAG
        else:
            text, tags = "; ".join(exc.messages), ""
        self.message_user(request, f"{prefix}{text}", level=messages.ERROR, extra_tags=tags)


class ScopedAdmin(ScopedModelAdminMixin, admin.ModelAdmin):
    """An admin whose lists, forms and choices go through ``visible_to`` / ``editable_by``.

    Objects outside the user's view scope are not in ``get_queryset`` and their URLs answer 404
    (not Django's "perhaps it was deleted" redirect, which would tell them apart from missing
    ones); objects outside the edit scope open read-only; foreign-key choices (selects,
    autocompletes and list filters) offer only what the user may pick, so nobody can even choose
    another district's commune or producer.
    """

    show_full_result_count = False  # no COUNT(*) of a big table on every list page


class ScopedTabularInline(ScopedMixin, admin.TabularInline):
    """Inline rows the user may not see are left out (a member sees only their own score sheet)."""


class ScopedStackedInline(ScopedMixin, admin.StackedInline):
    """Inline rows the user may not see are left out (a member sees only their own score sheet)."""
