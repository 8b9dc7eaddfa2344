"""``manage.py year_summary --year 2018 --area 06 --format json|xlsx|csv [--output FILE]``.

The same service as the summary page and the API (``evaluations.summary.year_summary``); run by
whoever holds the server, so no user scope applies.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from evaluations import summary as summaries
from ocop_portal.spreadsheets import write_csv, write_xlsx
from organizations.models import AdministrativeUnit


def _date(text):
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 - a calendar date, no time
    except ValueError:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {text!r} (dd/mm/yyyy).") from None


class Command(BaseCommand):
    help = "Báo cáo tổng kết năm của một địa bàn (JSON, Excel hoặc CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2018.")
        parser.add_argument("--area", required=True, help="Mã đơn vị hành chính (06) hoặc đường dẫn (old/06/).")
        parser.add_argument("--format", choices=["json", "xlsx", "csv"], default="json")
        parser.add_argument("--output", help="Tệp kết quả; mặc định in ra màn hình (xlsx bắt buộc có tệp).")
        parser.add_argument("--as-of", type=_date, help="Tính đến ngày (dd/mm/yyyy); mặc định hôm nay.")

    def handle(self, *args, year, area, format, output, as_of, **options):
        translation.activate("vi")
        try:
            unit = summaries.resolve_area(area, year)
        except AdministrativeUnit.DoesNotExist as error:
            raise CommandError(str(error)) from None
        if format == "xlsx" and not output:
            raise CommandError("Định dạng xlsx cần --output TỆP.")
        result = summaries.year_summary(year=year, unit=unit, as_of=as_of)
        if format == "json":
            text = json.dumps(result, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as stream:
                    stream.write(text)
            else:
                self.stdout.write(text, ending="")
        elif format == "xlsx":
            with open(output, "wb") as stream:
                write_xlsx(stream, summaries.summary_sheets(result))
        else:
            rows = summaries.summary_csv_rows(result)
            headers = [str(h) for h in summaries.CSV_HEADERS]
            if output:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    write_csv(stream, headers, rows)
            else:
                write_csv(self.stdout, headers, rows)
        if output:
            self.stderr.write(f"Đã ghi {output}")
