"""``manage.py import_data KIND FILE [--dry-run] [--user USERNAME]``: the portal's import, from a shell.

The same service as the upload page, the admin and the API (``ocop_portal.importer.run_import``):
one transaction, nothing written when a row is wrong, re-importing changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from evaluations.transfer import KINDS
from ocop_portal.importer import run_import


class Command(BaseCommand):
    help = "Nhập chủ thể, sản phẩm, hồ sơ đăng ký hoặc quyết định công nhận từ tệp .xlsx/.csv."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="Loại dữ liệu.")
        parser.add_argument("file", type=Path, help="Tệp .xlsx hoặc .csv.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra: báo kết quả, không ghi gì.")
        parser.add_argument(
            "--user",
            help="Nhập với quyền và địa bàn của tài khoản này; bỏ trống: toàn quyền (người chạy lệnh giữ máy chủ).",
        )

    def handle(self, *args, kind, file, dry_run, user, **options):
        account = None
        if user:
            try:
                account = get_user_model().objects.get(username=user, is_active=True)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Không có tài khoản đang hoạt động “{user}”.") from None
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        with (
            file.open("rb") as stream,
            tqdm(unit=" dòng", disable=options["verbosity"] == 0, file=self.stderr) as bar,
        ):

            def progress(done, total):
                bar.total = max(total or 0, done)
                bar.update(done - bar.n)

            result = run_import(
                KINDS[kind], stream, user=account, filename=file.name, dry_run=dry_run, progress=progress
            )
        for message in result.file_errors:
            self.stderr.write(message)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors_not_shown:
            self.stderr.write(f"… và {result.errors_not_shown} dòng lỗi khác.")
        summary = (
            f"{'Chạy thử' if dry_run else 'Nhập'} {file.name}: {result.new} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi, {result.error_rows} dòng lỗi."
        )
        if not result.ok:
            raise CommandError(summary + " Không ghi gì vào cơ sở dữ liệu.")
        self.stdout.write(summary + (" Đã ghi." if result.committed else " Chưa ghi (chạy thử)."))
