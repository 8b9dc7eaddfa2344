"""``manage.py load_units [--province CODE]``: the official administrative units of both eras."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations import unit_loader
from organizations.models import AdministrativeUnit


class Command(BaseCommand):
    help = gettext_lazy(
        "Nạp danh mục đơn vị hành chính hai thời kỳ (trước và từ 01/7/2025) và bảng sắp xếp cũ → mới "
        "từ gói vietnam-provinces. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            metavar="CODE",
            help=_("Chỉ nạp một tỉnh (mã cũ hoặc mới, ví dụ 06) cùng tỉnh tương ứng ở thời kỳ kia."),
        )

    def handle(self, *args, province=None, **options):
        started = time.monotonic()
        scope = {}
        if province:
            try:
                old, new = unit_loader.provinces_for(province)
            except ValueError:
                raise CommandError(_("Không có tỉnh mã %(code)s trong danh mục.") % {"code": province}) from None
            scope = {"old_provinces": old, "new_provinces": new}
            self.stdout.write(
                _("Tỉnh cũ: %(old)s; tỉnh mới: %(new)s")
                % {"old": ", ".join(sorted(old)) or "—", "new": ", ".join(sorted(new)) or "—"}
            )
        report = unit_loader.load_units(**scope)
        level_names = {"province": _("tỉnh"), "district": _("huyện"), "commune": _("xã")}
        for era in AdministrativeUnit.Era:
            counts = ", ".join(
                f"{report.official[era, level]} {name}"
                for level, name in level_names.items()
                if report.official[era, level]
            )
            self.stdout.write(f"{era.label}: {counts or '—'}")
        summary = _("%(created)s tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi")
        self.stdout.write(_("Đơn vị: %(summary)s") % {"summary": summary % report.units})
        self.stdout.write(_("Sắp xếp cũ → mới: %(summary)s") % {"summary": summary % report.successions})
        if report.successions["skipped"]:
            self.stdout.write(
                _("(%(count)s liên kết chờ tỉnh mới chưa nạp)") % {"count": report.successions["skipped"]}
            )
        self.stdout.write(
            self.style.SUCCESS(_("Xong sau %(seconds).1f giây.") % {"seconds": time.monotonic() - started})
        )
