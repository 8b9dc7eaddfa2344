"""``manage.py setup_roles``: create or restore the roles' groups and permissions (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from organizations import roles


class Command(BaseCommand):
    help = "Tạo hoặc khôi phục các nhóm quyền theo vai trò (chạy lại nhiều lần không thay đổi gì thêm)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        missing = roles.setup_roles(using=database)
        if missing:
            raise CommandError("Quyền không tồn tại: " + ", ".join(missing))
        for definition in roles.ROLES.values():
            self.stdout.write(f"{definition.group_name}: {len(definition.permissions)} quyền")
