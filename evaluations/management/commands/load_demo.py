"""``manage.py load_demo [--units country|bac-kan]``: the Bắc Kạn → Thái Nguyên demo programme.

Builds, through the services only, OCOP as Bắc Kạn lived it from the 2018 survey to an open 2026
round of the merged Thái Nguyên (``evaluations.demo``), then prints a short summary and the demo
accounts. Idempotent: each part is one transaction recognised by its natural keys (the 2018
survey; the open 2026 council), so a second run finds everything in place and changes nothing.
"""

import time
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from evaluations import summary
from evaluations.demo import data_story, story, year_2018
from evaluations.demo.builder import Demo
from evaluations.demo.clock import replaying
from evaluations.models import Certificate, CriteriaVersion, Evaluation
from evaluations.services import certificates_expire
from organizations.accounts import DEMO_STAFF, ensure_demo_accounts
from organizations.models import AdministrativeUnit
from products.models import Product, Registration

CRITERIA_VERSIONS = 4  # OCOP-BK-2018, 1048-2019, 148-2023, 26-2026 (evaluations.criteria.versions)


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: Chương trình OCOP Bắc Kạn từ điều tra năm 2018 đến đợt đánh giá năm 2026 của tỉnh "
        "Thái Nguyên (sau sáp nhập), tạo qua các nghiệp vụ của hệ thống. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--units",
            choices=["country", "bac-kan"],
            default="country",
            help="Danh mục đơn vị hành chính cần nạp nếu chưa có: cả nước (mặc định) hoặc chỉ Bắc Kạn (06) "
            "và Thái Nguyên (19).",
        )

    def handle(self, *args, units, **options):
        started = time.monotonic()

        def progress(year: int) -> None:
            """The first load takes a minute or more: say where it is."""
            self.stdout.write(f"  … năm {year} ({time.monotonic() - started:.0f} giây)")
            self.stdout.flush()

        self._units(units)
        if CriteriaVersion.objects.count() < CRITERIA_VERSIONS:
            call_command("load_criteria", stdout=StringIO())
        call_command("setup_roles", stdout=StringIO())
        accounts = self._accounts()
        self._authorities()

        demo = Demo(accounts=accounts)
        if not (year_2018.is_built() and story.is_built()):
            self.stdout.write(
                "Đang dựng dữ liệu mẫu từ năm 2018 đến nay qua các nghiệp vụ của cổng (lần đầu: một đến vài phút)…"
            )
        built = []
        with replaying() as clock:
            for name, part in (("2018", year_2018), ("2019–2026", story)):
                if part.is_built():
                    continue
                with transaction.atomic():
                    part.build(demo, clock, progress)
                built.append(name)
        if built:  # the replay ended on its last event day; what has ended since then expires today
            certificates_expire()
        self._summary(built, time.monotonic() - started)

    def _units(self, scope: str) -> None:
        units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
        if scope == "bac-kan":
            if not (units.filter(era="old", code="06").exists() and units.filter(era="new", code="19").exists()):
                call_command("load_units", province="06", stdout=StringIO())
        elif units.filter(era="old").count() < 63 or units.filter(era="new").count() < 34:
            self.stdout.write("Đang nạp danh mục đơn vị hành chính cả nước (hai thời kỳ)…")
            call_command("load_units", stdout=StringIO())

    def _accounts(self) -> dict:
        """The demo accounts; hashing nine passwords is slow, so existing accounts are left as they are
        once the demo is complete (``ensure_demo_accounts`` restores them on any incomplete run)."""
        usernames = ["admin", *(row[0] for row in DEMO_STAFF)]
        existing = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
        if len(existing) == len(usernames) and year_2018.is_built() and story.is_built():
            return existing
        return ensure_demo_accounts(settings.DEMO_PASSWORD)

    def _authorities(self) -> None:
        demo_units = {
            (unit.era, unit.code): unit
            for unit in AdministrativeUnit.objects.filter(path__regex=r"^(old/06/(\d{3}/)?|new/19/)$")
        }
        with transaction.atomic():
            for name, level, unit_key, valid_from, valid_to in data_story.AUTHORITIES:
                Demo.ensure_authority(name, level, demo_units.get(unit_key), valid_from, valid_to)
            for code, name in data_story.DISTRICT_AUTHORITY_NAMES.items():
                Demo.ensure_authority(name, "district", demo_units["old", code], None, data_story.OLD_UNITS_END)

    def _summary(self, built: list[str], seconds: float) -> None:
        write = self.stdout.write
        if built:
            write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({', '.join(built)}) trong {seconds:.1f} giây."))
        else:
            write(f"Dữ liệu mẫu đã có sẵn, không thay đổi gì ({seconds:.1f} giây).")
        bac_kan = AdministrativeUnit.objects.get(era="old", code="06")
        figures = summary.year_summary(year=2018, unit=bac_kan)
        surveyed, recognised = figures["surveyed"], figures["recognised"]
        write(
            "Năm 2018 (Bắc Kạn): {products} sản phẩm điều tra thuộc {groups} nhóm của {orgs} tổ chức, cá nhân; "
            "{registered} sản phẩm đăng ký; 4 sao: {p4} sản phẩm của {o4} tổ chức; 3 sao: {p3} sản phẩm của {o3} "
            "tổ chức; {commended} tổ chức được khen thưởng.".format(
                products=surveyed["products"],
                groups=surveyed["groups"],
                orgs=surveyed["organizations"],
                registered=figures["registered"]["products"],
                p4=recognised["4"]["products"],
                o4=recognised["4"]["organizations"],
                p3=recognised["3"]["products"],
                o3=recognised["3"]["organizations"],
                commended=figures["commended_organizations"],
            )
        )
        active = Certificate.objects.filter(status=Certificate.Status.ACTIVE)
        write(
            f"Toàn bộ: {Product.objects.count()} sản phẩm, {Registration.objects.count()} hồ sơ đăng ký, "
            f"{Evaluation.objects.count()} phiên đánh giá, {Certificate.objects.count()} giấy chứng nhận "
            f"({active.count()} còn hiệu lực: "
            + ", ".join(f"{star} sao: {active.filter(star=star).count()}" for star in (3, 4, 5))
            + ")."
        )
        write(f"Tài khoản mẫu (mật khẩu: {settings.DEMO_PASSWORD}):")
        write("  admin — quản trị hệ thống")
        for username, role, (era, code), first_name, last_name in DEMO_STAFF:
            unit = AdministrativeUnit.objects.filter(era=era, code=code).first()
            write(f"  {username} — {role.label}, {unit}; {last_name} {first_name}")
