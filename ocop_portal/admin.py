"""Admin plumbing shared by every app: scope, read-only history, services instead of ``save()``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError


class ScopedAdmin(admin.ModelAdmin):
    """An admin whose lists, forms and choices go through ``visible_to`` / ``editable_by``.

    Objects outside the user's view scope are not in ``get_queryset`` (so their URLs answer 404);
    objects outside the edit scope open read-only; foreign-key choices are limited to what the
    user may see, so nobody can even pick another district's commune or producer.
    """

    show_full_result_count = False  # no COUNT(*) of a big table on every list page

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or not hasattr(type(obj)._default_manager.all(), "editable_by"):
            return True
        return type(obj)._default_manager.editable_by(request.user).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._default_manager.all()
        if hasattr(related, "visible_to") and "queryset" not in kwargs:
            kwargs["queryset"] = related.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def run_service(self, request, service, success_message, **kwargs):
        """Call a service from an admin action; its ValidationError becomes an error message."""
        try:
            result = service(user=request.user, **kwargs)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), level=messages.ERROR)
            return None
        self.message_user(request, success_message, level=messages.SUCCESS)
        return result
