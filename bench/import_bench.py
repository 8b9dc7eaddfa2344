"""How long a province-sized import takes, and how much memory it holds.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--format xlsx|csv] [--keep]

Builds a throwaway database (``bench_import`` on the same PostgreSQL server as the tests), loads
Bắc Kạn's real administrative units, writes a producers file and a products file of ``--rows``
rows each (real commune names, Vietnamese names, every column filled), and imports them as a
provincial officer through ``ocop_portal.importer.run_import`` — the same path as the upload
page, the API and ``import_data``. It prints the time of each step (dry run, commit, re-import
that must find every row unchanged) and the peak resident memory; the issue's budget is < 60 s
for producers + products together, with memory bounded by the streamed reading.
"""

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop_portal.settings")
os.environ.setdefault("OCOP_TEST_DATABASE", "bench_import")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from evaluations.transfer import KINDS  # noqa: E402
from ocop_portal import spreadsheets  # noqa: E402
from ocop_portal.importer import run_import  # noqa: E402

FAMILY = ["Nguyễn", "Hoàng", "Triệu", "Nông", "Lục", "Hà", "Ma", "Lường", "Đàm", "Bế", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Ngọc"]
GIVEN = ["Hoa", "Thái", "Tài", "Hoan", "Lâm", "Sơn", "Hương", "Dũng", "Mai", "Phúc", "Tuấn", "Lan"]
PRODUCTS = ["Miến dong", "Mật ong bạc hà", "Tương ớt", "Gạo nếp vải", "Chè shan tuyết", "Măng khô", "Rượu men lá"]
FORMS = ["Hợp tác xã", "Tổ hợp tác", "Hộ sản xuất, hộ kinh doanh có đăng ký", "Trang trại"]


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def communes():
    from organizations.models import AdministrativeUnit

    units = AdministrativeUnit.objects.filter(era="old", level="commune", path__startswith="old/06/")
    return [(u.parent.parent.name, u.parent.name, u.name) for u in units.select_related("parent__parent")]


def producer_rows(n, places, rng):
    for i in range(n):
        province, district, commune = rng.choice(places)
        yield [
            f"HTX {rng.choice(PRODUCTS)} {commune} số {i + 1}",
            rng.choice(FORMS),
            f"47{i:08d}",
            f"Thôn Nà {i % 97}, xã {commune}",
            province,
            district,
            commune,
            datetime.date(2010 + i % 15, 1 + i % 12, 1 + i % 28),
            f"+84 209 {i:07d}",
            person(rng),
            rng.choice(["Nữ", "Nam"]),
            rng.choice(["Tày", "Nùng", "Dao", "Kinh"]),
            rng.randint(5, 60),
            "Đang hoạt động",
        ]


PRODUCER_HEADINGS = [
    "Tên chủ thể",
    "Loại hình",
    "Mã số thuế",
    "Địa chỉ",
    "Tỉnh/thành phố",
    "Quận/huyện",
    "Xã/phường",
    "Ngày thành lập",
    "Điện thoại",
    "Người đại diện",
    "Giới tính người đại diện",
    "Dân tộc người đại diện",
    "Tổng số lao động",
    "Trạng thái",
]
PRODUCT_HEADINGS = [
    "Tên sản phẩm",
    "Mã số thuế chủ thể",
    "Tên chủ thể",
    "Bộ sản phẩm",
    "Nguyên liệu",
    "Diện tích vùng nguyên liệu (ha)",
    "Bao bì",
    "Hạn sử dụng",
    "Chứng nhận",
    "Trạng thái",
]


def product_rows(n, producer_names, rng):
    for i in range(n):
        name = producer_names[i % len(producer_names)]
        yield [
            f"{rng.choice(PRODUCTS)} loại {i // len(producer_names) + 1}",
            f"47{i % len(producer_names):08d}",
            name,
            str(rng.randint(1, 26)),
            "Củ dong riềng",
            round(rng.uniform(0.5, 40), 2),
            "Túi giấy 500 g",
            "12 tháng",
            rng.choice(["", "VietGAP", "VietGAP, HACCP"]),
            "Đang phát triển",
        ]


def write(path, title, headings, rows, fmt):
    with path.open("wb") as stream:
        if fmt == "csv":
            spreadsheets.write_csv(stream, headings, rows)
        else:
            spreadsheets.write_xlsx(stream, [(title, headings, rows)])


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StatementCounter:
    """Counts SQL statements: unlike seconds, the count does not depend on how busy the machine is."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(label, kind, path, user, *, dry_run=False, expect=None):
    statements = StatementCounter()
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream, connection.execute_wrapper(statements):
        result = run_import(kind, stream, user=user, filename=path.name, dry_run=dry_run)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    outcome = f"{result.new} new, {result.updated} updated, {result.unchanged} unchanged, {result.error_rows} errors"
    print(
        f"  {label:<24} {elapsed:7.2f} s (python {cpu:6.2f} s) {result.rows / elapsed:6.0f} rows/s "
        f"{statements.count / max(result.rows, 1):5.1f} SQL/row  {outcome}  peak RSS {peak_mb():.0f} MB"
    )
    if not result.ok:
        print("   ", *(str(e) for e in result.errors[:5]), *result.file_errors, sep="\n    ")
        raise SystemExit(1)
    if expect is not None and (result.new, result.updated, result.unchanged) != expect:
        raise SystemExit(f"unexpected counts for {label}: {outcome}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--keep", action="store_true", help="keep the bench database for another run")
    options = parser.parse_args()
    n, fmt = options.rows, options.format

    setup_test_environment()
    started = time.perf_counter()
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=options.keep)
    print(f"database {database} ready in {time.perf_counter() - started:.1f} s")
    try:
        from organizations.models import Producer, StaffAssignment
        from products.models import Product
        from tests import factories

        Product.objects.all().delete()
        Producer.objects.all().delete()
        call_command("load_units", province="06", verbosity=0)
        from organizations.models import AdministrativeUnit

        province = AdministrativeUnit.objects.get(era="old", code="06")
        officer = StaffAssignment.objects.filter(user__username="bench_officer").first()
        officer = officer.user if officer else factories.user("bench_officer", role="officer", unit_obj=province)

        rng = random.Random(2018)
        places = communes()
        with tempfile.TemporaryDirectory() as folder:
            producers_file = Path(folder) / f"chu-the.{fmt}"
            products_file = Path(folder) / f"san-pham.{fmt}"
            started = time.perf_counter()
            producers = list(producer_rows(n, places, rng))
            write(producers_file, "Chủ thể OCOP", PRODUCER_HEADINGS, producers, fmt)
            write(products_file, "Sản phẩm", PRODUCT_HEADINGS, product_rows(n, [p[0] for p in producers], rng), fmt)
            size = (producers_file.stat().st_size + products_file.stat().st_size) / 2**20
            elapsed = time.perf_counter() - started
            print(f"{n} producers + {n} products written as .{fmt} ({size:.1f} MB) in {elapsed:.1f} s")
            del producers
            print(f"baseline peak RSS {peak_mb():.0f} MB")
            print(f"load average at the start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

            kinds = KINDS
            timed("producers: dry run", kinds["producers"], producers_file, officer, dry_run=True, expect=(n, 0, 0))
            first = timed("producers: import", kinds["producers"], producers_file, officer, expect=(n, 0, 0))
            timed("producers: import again", kinds["producers"], producers_file, officer, expect=(0, 0, n))
            second = timed("products: import", kinds["products"], products_file, officer, expect=(n, 0, 0))
            timed("products: import again", kinds["products"], products_file, officer, expect=(0, 0, n))
        total = first + second
        verdict = "within" if total < 60 else "OVER"
        print(f"producers + products: {total:.1f} s for {2 * n} rows — {verdict} the 60 s budget")
        print(f"load average while running: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    finally:
        if not options.keep:
            connection.creation.destroy_test_db(database, verbosity=0)


if __name__ == "__main__":
    main()
