"""``manage.py backup FILE``: a consistent pg_dump of the whole database (custom format)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop_portal.dbtools import run_client


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (pg_dump, định dạng custom)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        file = file.resolve()
        if not file.parent.is_dir():
            raise CommandError(f"Thư mục {file.parent} không tồn tại.")
        partial = file.with_name(file.name + ".partial")
        try:
            run_client("pg_dump", ["--format=custom", "--no-owner", "--file", str(partial)])
        except RuntimeError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        partial.replace(file)  # a backup file either is complete or does not exist
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {file} ({file.stat().st_size:,} byte)."))
