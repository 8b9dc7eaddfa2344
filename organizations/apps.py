from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Đơn vị hành chính và chủ thể OCOP")

    def ready(self):
        from organizations import roles

        # Every migrated database (tests included) has the roles' groups and permissions.
        post_migrate.connect(roles.setup_roles_after_migrate, sender=self, dispatch_uid="ocop_setup_roles")
