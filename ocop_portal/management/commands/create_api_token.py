"""``manage.py create_api_token --user U [--read-only] [--days N] [--name NAME]``: print a new API token.

The secret goes alone to stdout (``TOKEN=$(manage.py create_api_token --user x)`` works); what it
is goes to stderr.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal import services


class Command(BaseCommand):
    help = "Tạo token API cho một người dùng và in ra (chỉ một lần: chỉ mã băm được lưu)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người dùng mà token thay mặt.")
        parser.add_argument("--read-only", action="store_true", help="Token chỉ được đọc (GET).")
        parser.add_argument("--days", type=int, default=365, help="Số ngày hiệu lực (mặc định 365).")
        parser.add_argument("--name", default="", help="Hệ thống dùng token (mặc định: tên người dùng).")

    def handle(self, *args, user, read_only, days, name, **options):
        User = get_user_model()
        try:
            owner = User.objects.get_by_natural_key(user)
        except User.DoesNotExist:
            raise CommandError(_("Không có người dùng '%(user)s'.") % {"user": user}) from None
        try:
            token, secret = services.api_token_create(
                user=None, owner=owner, name=name or f"token {owner.get_username()}", read_only=read_only, days=days
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(
            _("Token #%(id)s cho %(user)s (%(mode)s, hết hạn %(expiry)s). Token chỉ hiện một lần:")
            % {
                "id": token.pk,
                "user": owner.get_username(),
                "mode": _("chỉ đọc") if token.read_only else _("đọc và ghi"),
                "expiry": timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M"),
            }
        )
        self.stdout.write(secret)
