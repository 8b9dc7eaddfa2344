"""``manage.py load_criteria``: load the four criteria versions; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from evaluations import criteria


class Command(BaseCommand):
    help = "Nạp các bộ tiêu chí OCOP (OCOP-BK-2018, 1048-2019, 148-2023, 26-2026); chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        try:
            report = criteria.load_versions(criteria.versions())
        except criteria.CriteriaError as exc:
            raise CommandError("\n".join(exc.problems)) from None
        self.stdout.write(
            f"criteria sheets: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        )
        for name in report.drafts:
            self.stdout.write(f"draft (needs an officer): {name}")
