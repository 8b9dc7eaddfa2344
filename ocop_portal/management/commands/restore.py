"""``manage.py restore FILE``: replace the database's contents with a backup, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ocop_portal.dbtools import run_client


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ tệp sao lưu (pg_restore, trong một giao dịch duy nhất)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--noinput", action="store_true", help="Không hỏi xác nhận.")

    def handle(self, *args, file: Path, noinput: bool, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp sao lưu {file}.")
        name = connections["default"].settings_dict["NAME"]
        if not noinput:
            answer = input(f"Mọi dữ liệu hiện có của cơ sở dữ liệu '{name}' sẽ bị thay thế. Gõ 'yes' để tiếp tục: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Đã hủy.")
        connections.close_all()
        try:
            # --single-transaction: a failed restore leaves the database exactly as it was.
            run_client("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(file)])
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục '{name}' từ {file}."))
