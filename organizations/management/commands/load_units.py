"""``manage.py load_units [--province CODE]``: the official administrative units of both eras."""

import time

from django.core.management.base import BaseCommand, CommandError

from organizations import unit_loader
from organizations.models import AdministrativeUnit

LEVEL_NAMES = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính hai thời kỳ (trước và từ 01/7/2025) và bảng sắp xếp cũ → mới "
        "từ gói vietnam-provinces. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            metavar="CODE",
            help="Chỉ nạp một tỉnh (mã cũ hoặc mới, ví dụ 06) cùng tỉnh tương ứng ở thời kỳ kia.",
        )

    def handle(self, *args, province=None, **options):
        started = time.monotonic()
        scope = {}
        if province:
            try:
                old, new = unit_loader.provinces_for(province)
            except ValueError:
                raise CommandError(f"Không có tỉnh mã {province} trong danh mục.") from None
            scope = {"old_provinces": old, "new_provinces": new}
            self.stdout.write(f"Tỉnh cũ: {', '.join(sorted(old)) or '—'}; tỉnh mới: {', '.join(sorted(new)) or '—'}")
        report = unit_loader.load_units(**scope)
        for era in ("old", "new"):
            counts = ", ".join(
                f"{report.official[era, level]} {name}"
                for level, name in LEVEL_NAMES.items()
                if report.official[era, level]
            )
            self.stdout.write(f"{AdministrativeUnit.Era(era).label}: {counts or '—'}")
        self.stdout.write(
            "Đơn vị: {created} tạo mới, {updated} cập nhật, {unchanged} không đổi".format_map(report.units)
        )
        self.stdout.write(
            "Sắp xếp cũ → mới: {created} tạo mới, {updated} cập nhật, {unchanged} không đổi".format_map(
                report.successions
            )
        )
        if report.successions["skipped"]:
            self.stdout.write(f"({report.successions['skipped']} liên kết chờ tỉnh mới chưa nạp)")
        self.stdout.write(self.style.SUCCESS(f"Xong sau {time.monotonic() - started:.1f} giây."))
