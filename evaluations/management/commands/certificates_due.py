"""``manage.py certificates_due --days N``: certificates that expire, or whose re-evaluation window
opens, within N days (so the office can remind producers in time)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.selectors import certificates_due


class Command(BaseCommand):
    help = "Liệt kê giấy chứng nhận hết hạn hoặc đến kỳ nộp hồ sơ đánh giá lại trong N ngày tới."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="số ngày tính từ hôm nay (mặc định 30)")

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        rows = certificates_due(days=days, today=today)
        for row in rows:
            certificate = row.certificate
            if row.expires_on < today:
                state = _("quá hạn")
            elif row.expires_on <= today + timedelta(days=days):
                state = _("hết hạn")
            else:
                state = _("mở nộp hồ sơ")
            self.stdout.write(
                f"{certificate.number}\t{certificate.product.name}\t{certificate.product.producer.name}\t"
                f"{certificate.star}★\t{state}\t"
                + _("hết hạn %(expires)s\tnộp lại %(opens)s–%(closes)s")
                % {
                    "expires": f"{row.expires_on:%d/%m/%Y}",
                    "opens": f"{row.refiling_opens_on:%d/%m/%Y}",
                    "closes": f"{row.refiling_closes_on:%d/%m/%Y}",
                }
            )
        self.stdout.write(_("%(count)s giấy chứng nhận") % {"count": len(rows)})
