"""``manage.py certificates_due --days N``: certificates that expire, or whose re-evaluation window
opens, within N days (so the office can remind producers in time)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

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
                state = "quá hạn"
            elif row.expires_on <= today + timezone.timedelta(days=days):
                state = "hết hạn"
            else:
                state = "mở nộp hồ sơ"
            self.stdout.write(
                f"{certificate.number}\t{certificate.product.name}\t{certificate.product.producer.name}\t"
                f"{certificate.star}★\t{state}\thết hạn {row.expires_on:%d/%m/%Y}\t"
                f"nộp lại {row.refiling_opens_on:%d/%m/%Y}–{row.refiling_closes_on:%d/%m/%Y}"
            )
        self.stdout.write(f"{len(rows)} giấy chứng nhận")
