"""``manage.py export_data KIND FILE [--area CODE]``: a kind's records with its import columns.

The file can be edited and imported back with ``import_data``. The format follows the file's
extension (.xlsx or .csv); large exports are written row by row.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from evaluations.transfer import KINDS
from ocop_portal.importer import ImportFileError, file_format, write_export
from organizations.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Xuất chủ thể, sản phẩm, hồ sơ đăng ký hoặc quyết định công nhận ra tệp .xlsx/.csv (cùng cột với mẫu nhập)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="Loại dữ liệu.")
        parser.add_argument("file", type=Path, help="Tệp .xlsx hoặc .csv sẽ ghi.")
        parser.add_argument("--area", help="Mã đơn vị hành chính (tỉnh, huyện hoặc xã): chỉ xuất địa bàn này.")
        parser.add_argument("--user", help="Chỉ xuất những gì tài khoản này được xem.")

    def handle(self, *args, kind, file, area, user, **options):
        try:
            fmt = file_format(file.name)
        except ImportFileError as exc:
            raise CommandError(exc.messages[0]) from None
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"Không có tài khoản đang hoạt động “{user}”.")
        transfer = KINDS[kind]
        queryset = transfer.export_queryset(account)
        if area:
            # Codes repeat across the two eras (19 is old and new Thái Nguyên): every unit with the code counts.
            paths = list(AdministrativeUnit.objects.filter(code=area).values_list("path", flat=True))
            if not paths:
                raise CommandError(f"Không có đơn vị hành chính mã “{area}”.")
            queryset = queryset.in_areas(paths)
        count = queryset.count()
        with file.open("wb") as stream:
            write_export(transfer, queryset, stream, fmt)
        self.stdout.write(f"Đã xuất {count} dòng {transfer.title} ra {file}.")
