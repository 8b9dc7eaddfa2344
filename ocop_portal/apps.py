from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopPortalConfig(AppConfig):
    name = "ocop_portal"
    verbose_name = _("Cổng OCOP")

    def ready(self):
        # The token admin lives in its own module so that ``admin.py`` stays the shared plumbing.
        from ocop_portal import admin_tokens  # noqa: F401
        from ocop_portal.audit import connect_deletion_guards

        connect_deletion_guards()
