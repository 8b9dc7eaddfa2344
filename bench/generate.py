"""Synthetic national-scale OCOP data for the benchmark, written with COPY into the benchmark database.

    .venv/bin/python bench/generate.py [--scale small|large] [--seed 2026] [--force]

The database (``bench/db.py``: ``ocop_bench_<scale>`` on the benchmark's own embedded cluster, or
``BENCH_DATABASE_URL``) is migrated and given the real reference data first: every administrative
unit of both eras (``load_units``), the classification (migrations), the criteria
(``load_criteria``) and the roles (``setup_roles``). Then producers, products, registrations,
evaluations with one score sheet per council member, certificates, survey entries,
commendations and yearly plans are generated with the distributions of ocop.md §7:

- stars of finalised evaluations: 73 % 3★, 23 % 4★, 1 % 5★, 3 % 1–2★ (not recognised);
- legal forms: 33 % cooperatives, 24 % enterprises, 43 % households, cooperative groups, farms;
- first registrations spread over 2019–2026, growing every year; later ones are upgrades
  (one or two years on) or re-evaluations (three years on, when the certificate expires);
- communes of all 63 provinces of the old list (products first registered up to 2024) and all
  34 of the new list (from 2025); councils, authorities and certificate numbers of the province
  of the evaluation's year, across the 1/7/2025 reform.

**Why the services are bypassed.** ``evaluation_finalize`` and ``certificate_issue`` take a few
milliseconds and a dozen statements each: 300,000 evaluations through them would take hours on
two cores, and timing them is the import benchmark's job, not this one's. The generator writes
the rows the services would have written — current star and star validity from the active
certificate, supersession chains, statuses — as COPY with explicit ids, with
``session_replication_role = replica`` so that neither the audit triggers (pghistory: the
generated rows have no history events) nor the foreign-key triggers run per row. The data is
consistent by construction; the summary it prints is checked against the database.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

YEARS = range(2019, 2027)
REFORM = datetime.date(2025, 7, 1)
FIRST_YEAR_WEIGHTS_OLD = {2019: 9, 2020: 10, 2021: 11, 2022: 13, 2023: 14, 2024: 16}
FIRST_YEAR_WEIGHTS_NEW = {2025: 13, 2026: 14}
NEW_ERA_SHARE = 0.22  # producers that joined after the reform, with new-era communes
STAR_WEIGHTS = {1: 0.5, 2: 2.5, 3: 73, 4: 23, 5: 1}
SCORE_BANDS = {1: (20, 29.99), 2: (30, 49.99), 3: (50, 69.99), 4: (70, 89.99), 5: (90, 97)}
LEGAL_FORMS = {"cooperative": 33, "enterprise": 24, "household": 33, "cooperative_group": 5, "farm": 5}
ENTERPRISE_KINDS = {"llc": 60, "jsc": 25, "private": 15}
MEMBERS_PER_COUNCIL = 5
TABLES = [  # generated rows, emptied by --force (reference data stays)
    "evaluations_target",
    "evaluations_yearlyplan",
    "evaluations_certificateseries",
    "evaluations_scoresheet",
    "evaluations_certificate",
    "evaluations_evaluation",
    "evaluations_councilmember",
    "evaluations_council",
    "organizations_commendation",
    "products_surveyentry",
    "products_registration",
    "products_product",
    "organizations_producer",
]


@dataclass(frozen=True)
class Scale:
    producers: int
    products: int
    registrations: int


SCALES = {
    "tiny": Scale(producers=1_000, products=2_000, registrations=4_000),
    "small": Scale(producers=10_000, products=20_000, registrations=40_000),
    "large": Scale(producers=100_000, products=200_000, registrations=400_000),
}

# (product, set number of 148-2023) — names as producers write them; "mien dong" must find "Miến dong".
PRODUCTS = [
    ("Miến dong", 6),
    ("Bún khô", 6),
    ("Bánh đa nem", 6),
    ("Gạo nếp vải", 3),
    ("Gạo Séng Cù", 3),
    ("Gạo ST25", 3),
    ("Mật ong bạc hà", 4),
    ("Mật ong rừng", 4),
    ("Chè shan tuyết", 11),
    ("Chè búp Tân Cương", 11),
    ("Trà hoa vàng", 12),
    ("Trà atiso", 12),
    ("Cà phê bột", 13),
    ("Ca cao nguyên chất", 13),
    ("Tương ớt", 9),
    ("Nước mắm cá cơm", 9),
    ("Muối tôm", 10),
    ("Hạt tiêu đen", 10),
    ("Quế thanh", 10),
    ("Măng khô", 7),
    ("Hồng không hạt sấy", 7),
    ("Chuối sấy dẻo", 7),
    ("Hạt điều rang muối", 7),
    ("Bột sắn dây", 7),
    ("Thịt trâu gác bếp", 8),
    ("Lạp sườn hun khói", 8),
    ("Chả cá", 8),
    ("Giò bò", 8),
    ("Cam sành", 1),
    ("Bưởi da xanh", 1),
    ("Vải thiều", 1),
    ("Nhãn lồng", 1),
    ("Xoài cát", 1),
    ("Lợn đen", 2),
    ("Gà đồi", 2),
    ("Cá tầm", 2),
    ("Bánh chưng", 5),
    ("Bánh gai", 5),
    ("Rượu men lá", 14),
    ("Rượu ngô", 14),
    ("Rượu mơ", 15),
    ("Nước khoáng", 16),
    ("Nước ép chanh leo", 17),
    ("Cao dược liệu", 18),
    ("Đông trùng hạ thảo", 18),
    ("Dầu gội thảo dược", 19),
    ("Tinh dầu quế", 20),
    ("Tinh dầu sả chanh", 20),
    ("Giỏ mây tre đan", 21),
    ("Chiếu cói", 21),
    ("Gốm men lam", 21),
    ("Khăn thổ cẩm", 22),
    ("Hoa lan hồ điệp", 23),
    ("Bonsai sam hương", 24),
    ("Cá cảnh Koi", 25),
    ("Du lịch cộng đồng", 26),
]
PRODUCT_WEIGHTS = [6 if number in (1, 3, 6, 7, 8) else 3 if number <= 13 else 1 for _, number in PRODUCTS]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Triệu", "Nông", "Lục", "Hà", "Ma", "Đàm", "Bế", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Hữu"]
GIVEN = ["Hoa", "Thái", "Tài", "Hoan", "Lâm", "Sơn", "Hương", "Dũng", "Mai", "Phúc", "Tuấn", "Lan", "Hải"]
ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Tày", "Nùng", "Dao", "Mông", "Thái", "Mường", "Khmer"]
CERTIFICATIONS = [[], [], [], ["vietgap"], ["haccp"], ["vietgap", "haccp"], ["organic"], ["food_safety"]]
ENTERPRISE_PREFIX = {"llc": "Công ty TNHH", "jsc": "Công ty cổ phần", "private": "Doanh nghiệp tư nhân"}


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def day_in(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def stamp(day: datetime.date, hour: int = 9) -> str:
    return f"{day.isoformat()} {hour:02d}:00:00+07"


def add_months(day: datetime.date, months: int) -> datetime.date:
    from evaluations.rules import add_months as rule

    return rule(day, months)


# --- COPY ----------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, list):
        return "{" + ",".join(str(v) for v in value) + "}"
    return str(value)


def copy_rows(cursor, table: str, columns: list[str], rows) -> int:
    """COPY ``rows`` (tuples in ``columns`` order) into ``table`` in chunks; returns the row count."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    buffer, count = io.StringIO(), 0
    for row in rows:
        buffer.write("\t".join(_text(value) for value in row))
        buffer.write("\n")
        count += 1
        if count % 50_000 == 0:
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)
            buffer = io.StringIO()
    buffer.seek(0)
    cursor.copy_expert(sql, buffer)
    return count


# --- Reference data ------------------------------------------------------------------------------


class Places:
    """Communes of both eras with their provinces, and old commune → new province across the reform."""

    def __init__(self, cursor):
        cursor.execute(
            """
            SELECT c.id, c.era, c.name, p.id, p.code, p.name, p.unit_type
            FROM organizations_administrativeunit c
            JOIN organizations_administrativeunit p ON p.era = c.era AND p.level = 'province'
                 AND c.path LIKE p.path || '%%'
            WHERE c.level = 'commune'
            """
        )
        self.communes = {"old": [], "new": []}
        self.province_of = {}
        self.name_of = {}
        self.provinces = {}
        for commune, era, name, province, code, province_name, unit_type in cursor.fetchall():
            self.communes[era].append(commune)
            self.province_of[commune] = province
            self.name_of[commune] = name
            self.provinces[province] = (era, code, province_name, unit_type)
        cursor.execute(
            """
            SELECT s.predecessor_id, min(p.id)
            FROM organizations_unitsuccession s
            JOIN organizations_administrativeunit n ON n.id = s.successor_id AND n.level = 'commune'
            JOIN organizations_administrativeunit p ON p.era = 'new' AND p.level = 'province'
                 AND n.path LIKE p.path || '%%'
            GROUP BY s.predecessor_id
            """
        )
        self.new_province_of_old = dict(cursor.fetchall())
        for era in self.communes:
            self.communes[era].sort()

    def council_province(self, commune: int, year: int) -> int:
        """The province whose council evaluates a product of ``commune`` in ``year``."""
        if year >= 2025 and commune in self.new_province_of_old:
            return self.new_province_of_old[commune]
        return self.province_of[commune]


def label(unit_type: str, name: str) -> str:
    return f"{'thành phố' if unit_type in ('thanh_pho_tw', 'thanh_pho') else 'tỉnh'} {name}"


# --- The generator -------------------------------------------------------------------------------


class Generator:
    def __init__(self, cursor, scale: Scale, seed: int, today: datetime.date):
        self.cursor, self.scale, self.today = cursor, scale, today
        self.rng = random.Random(seed)
        self.places = Places(cursor)
        self.counts: dict[str, int] = {}

    def copy(self, table, columns, rows):
        started = time.perf_counter()
        self.counts[table] = copy_rows(self.cursor, table, columns, rows)
        print(f"  {table:<32} {self.counts[table]:>9,} rows  {time.perf_counter() - started:6.1f} s", flush=True)

    def one(self, sql, params=()):
        self.cursor.execute(sql, params)
        return self.cursor.fetchone()[0]

    # -- people, authorities, councils --

    def authorities(self):
        rows, self.authority_of = [], {}
        next_id = self.one("SELECT coalesce(max(id), 0) FROM organizations_issuingauthority") + 1
        existing = {name for (name,) in self._fetch("SELECT name FROM organizations_issuingauthority")}
        for province, (era, _code, name, unit_type) in sorted(self.places.provinces.items()):
            title = f"UBND {label(unit_type, name)}" + (" (đến 30/6/2025)" if era == "old" else "")
            if title in existing:
                self.authority_of[province] = self.one(
                    "SELECT id FROM organizations_issuingauthority WHERE name = %s", [title]
                )
                continue
            valid = (None, REFORM - datetime.timedelta(days=1)) if era == "old" else (REFORM, None)
            rows.append((next_id, title, "province", province, *valid))
            self.authority_of[province] = next_id
            next_id += 1
        self.copy("organizations_issuingauthority", ["id", "name", "level", "unit_id", "valid_from", "valid_to"], rows)

    def _fetch(self, sql, params=()):
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def council_members(self):
        """Five council members per province (both eras), reused across the years' councils."""
        self.users_of = {}
        first = self.one("SELECT coalesce(max(id), 0) FROM auth_user") + 1
        rows, user_id = [], first
        joined = stamp(datetime.date(2019, 1, 2))
        for province, (era, code, _name, _type) in sorted(self.places.provinces.items()):
            self.users_of[province] = []
            for k in range(MEMBERS_PER_COUNCIL):
                username = f"bench_{era}_{code}_member{k + 1}"
                rows.append((user_id, "!", False, username, "", "", "", False, True, joined))
                self.users_of[province].append((user_id, person(self.rng)))
                user_id += 1
        columns = ["id", "password", "is_superuser", "username", "first_name", "last_name", "email"]
        self.copy("auth_user", [*columns, "is_staff", "is_active", "date_joined"], rows)
        self.copy(
            "organizations_staffassignment",
            ["role", "is_active", "created_at", "unit_id", "user_id"],
            (
                ("council_member", True, joined, province, user)
                for province, users in self.users_of.items()
                for user, _ in users
            ),
        )

    def councils(self, needed: set[tuple[int, int]]):
        """One provincial council per (province, year) that evaluates something, with its members."""
        self.council_of, self.members_of = {}, {}
        eras = {2019: "1048", 2020: "1048", 2021: "1048", 2022: "1048", 2023: "148", 2024: "148"}
        council_rows, member_rows, member_id = [], [], 1
        for council_id, (province, year) in enumerate(sorted(needed), start=1):
            era, code, name, unit_type = self.places.provinces[province]
            council_rows.append(
                (
                    council_id,
                    f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {label(unit_type, name)} năm {year}",
                    "province",
                    eras.get(year, "2025"),
                    year,
                    1,
                    f"{council_id}/QĐ-UBND",
                    75,
                    "10.00",
                    [3, 4, 5],
                    stamp(datetime.date(year, 3, 1)),
                    self.authority_of[province],
                    province,
                )
            )
            self.council_of[province, year] = council_id
            self.members_of[council_id] = []
            for k, (user, full_name) in enumerate(self.users_of[province]):
                role = "chair" if k == 0 else "member"
                member_rows.append((member_id, full_name, "", role, council_id, user))
                self.members_of[council_id].append(member_id)
                member_id += 1
        self.copy(
            "evaluations_council",
            [
                "id",
                "name",
                "level",
                "era",
                "year",
                "round",
                "decision_number",
                "quorum_percent",
                "max_spread",
                "recognisable_stars",
                "updated_at",
                "authority_id",
                "unit_id",
            ],
            council_rows,
        )
        self.copy(
            "evaluations_councilmember", ["id", "full_name", "title", "role", "council_id", "user_id"], member_rows
        )

    # -- producers and products --

    def producers(self):
        rng, scale = self.rng, self.scale
        self.producer_era, self.producer_commune, self.producer_form = [], [], []
        rows = []
        for i in range(scale.producers):
            era = "new" if rng.random() < NEW_ERA_SHARE else "old"
            commune = rng.choice(self.places.communes[era])
            form = weighted(rng, LEGAL_FORMS)
            kind = weighted(rng, ENTERPRISE_KINDS) if form == "enterprise" else ""
            place = self.places.name_of[commune]
            base = rng.choice(PRODUCTS)[0]
            name = {
                "cooperative": f"HTX {base} {place}",
                "cooperative_group": f"Tổ hợp tác {base} {place}",
                "enterprise": f"{ENTERPRISE_PREFIX.get(kind, 'Công ty')} {base} {place}",
                "household": f"Hộ kinh doanh {person(rng)}",
                "farm": f"Trang trại {person(rng)}",
            }[form]
            founded = datetime.date(2000 + rng.randint(0, 24), rng.randint(1, 12), rng.randint(1, 28))
            total = rng.randint(3, 120)
            self.producer_era.append(era)
            self.producer_commune.append(commune)
            self.producer_form.append(form)
            rows.append(
                (
                    i + 1,
                    f"{name} ({i + 1})" if form in ("household", "farm") else name,
                    form,
                    kind,
                    False,
                    f"{1 + i // 10_000_000}{i:09d}",
                    "",
                    founded,
                    f"Thôn {rng.randint(1, 30)}, {place}",
                    f"0{rng.randint(200, 299)}{rng.randint(1000000, 9999999)}",
                    "",
                    "",
                    person(rng),
                    "Giám đốc" if form in ("cooperative", "enterprise") else "Chủ hộ",
                    rng.choice(["female", "male"]),
                    rng.choice(ETHNICITIES),
                    False,
                    total,
                    rng.randint(0, total),
                    rng.randint(0, total),
                    "active",
                    stamp(founded),
                    stamp(founded),
                    commune,
                )
            )
        self.copy(
            "organizations_producer",
            [
                "id",
                "name",
                "legal_form",
                "enterprise_kind",
                "community_capital_majority",
                "tax_code",
                "registration_number",
                "founded_on",
                "address",
                "phone",
                "email",
                "website",
                "representative_name",
                "representative_title",
                "representative_gender",
                "representative_ethnicity",
                "representative_disability",
                "workforce_total",
                "workforce_local",
                "workforce_women",
                "status",
                "created_at",
                "updated_at",
                "commune_id",
            ],
            rows,
        )

    def plan_products(self):
        """Each product: its producer, name, set and the years of its registrations."""
        rng, scale = self.rng, self.scale
        owners = list(range(scale.producers))
        owners += [rng.randrange(scale.producers) for _ in range(scale.products - scale.producers)]
        self.products = []  # (producer index, name, set number, years)
        names_by_producer = defaultdict(set)
        for producer in owners:
            era = self.producer_era[producer]
            first = weighted(rng, FIRST_YEAR_WEIGHTS_OLD if era == "old" else FIRST_YEAR_WEIGHTS_NEW)
            years, year = [first], first
            while True:
                year += rng.choices((1, 2, 3), weights=(20, 25, 55))[0]
                if year > 2026:
                    break
                years.append(year)
            if self.producer_form[producer] == "farm":
                choices = [p for p in PRODUCTS if p[1] in (1, 2, 4, 23, 24)]
                base, number = rng.choice(choices)
            else:
                base, number = rng.choices(PRODUCTS, weights=PRODUCT_WEIGHTS)[0]
            name = f"{base} {self.places.name_of[self.producer_commune[producer]]}"
            variant = 1
            while name in names_by_producer[producer]:
                variant += 1
                name = f"{base} {self.places.name_of[self.producer_commune[producer]]} loại {variant}"
            names_by_producer[producer].add(name)
            self.products.append([producer, name, number, years])
        # Trim the chains (latest registrations first) down to the scale's number of registrations.
        total = sum(len(p[3]) for p in self.products)
        while total > scale.registrations:
            product = self.products[rng.randrange(len(self.products))]
            if len(product[3]) > 1:
                product[3].pop()
                total -= 1

    # -- registrations, evaluations, certificates --

    def history(self):
        """Registrations, evaluations and certificates of every product, in memory, in id order."""
        rng, today = self.rng, self.today
        self.registrations, self.evaluations, self.certificates = [], [], []
        needed = set()
        for index, (producer, _name, _number, years) in enumerate(self.products):
            commune = self.producer_commune[producer]
            for position, year in enumerate(years):
                kind = "first" if position == 0 else ("re_evaluation" if year - years[position - 1] >= 3 else "upgrade")
                status = self._registration_status(year)
                if year == 2025:  # after the reform: the new province's council
                    submitted = day_in(rng, datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
                elif year == 2026:
                    submitted = day_in(rng, datetime.date(2026, 3, 1), datetime.date(2026, 10, 15))
                else:
                    submitted = day_in(rng, datetime.date(year, 3, 1), datetime.date(year, 7, 31))
                accepted = submitted + datetime.timedelta(days=rng.randint(5, 20))
                registration = len(self.registrations) + 1
                self.registrations.append((registration, index, year, kind, status, submitted, accepted))
                if status != "accepted":
                    continue
                held = accepted + datetime.timedelta(days=rng.randint(20, 90))
                if held.year > year:
                    held = datetime.date(year, 12, 20)
                finalised = held <= today - datetime.timedelta(days=7)
                province = self.places.council_province(commune, year)
                needed.add((province, year))
                star = weighted(rng, STAR_WEIGHTS) if finalised else None
                evaluation = len(self.evaluations) + 1
                self.evaluations.append((evaluation, registration, province, year, held if finalised else None, star))
                if star and star >= 3:
                    decided = min(held + datetime.timedelta(days=rng.randint(10, 35)), today)
                    self.certificates.append([index, evaluation, province, star, decided])
        return needed

    def _registration_status(self, year: int) -> str:
        if year < 2026:
            weights = {"accepted": 80, "withdrawn": 6, "returned": 6, "draft": 6, "submitted": 2}
        else:
            weights = {"accepted": 62, "withdrawn": 4, "returned": 6, "draft": 12, "submitted": 11, "resubmitted": 5}
        return weighted(self.rng, weights)

    def write_products(self):
        rng, today = self.rng, self.today
        sets = dict(
            self._fetch(
                """
                SELECT s.number, s.id FROM products_productset s JOIN products_productgroup g ON g.id = s.group_id
                JOIN products_branch b ON b.id = g.branch_id JOIN products_classificationscheme c ON c.id = b.scheme_id
                WHERE c.code = '148-2023'
                """
            )
        )
        # Certificates in product order, then their chain: superseded by the next one decided while
        # in force, else expired, the last one active while valid (a few revoked).
        by_product = defaultdict(list)
        for certificate in self.certificates:
            by_product[certificate[0]].append(certificate)
        certificate_rows, series = [], defaultdict(int)
        self.current = {}
        revoked_products = set()
        certificate_id = 0
        for index in sorted(by_product):
            chain = sorted(by_product[index], key=lambda c: c[4])
            ids = list(range(certificate_id + 1, certificate_id + len(chain) + 1))
            certificate_id += len(chain)
            for position, (_index, evaluation, province, star, decided) in enumerate(chain):
                expires = add_months(decided, 36)
                successor = chain[position + 1] if position + 1 < len(chain) else None
                superseded_by, revoked_on, ground, decision = None, None, "", ""
                if successor and successor[4] <= expires:
                    status, superseded_by = "superseded", ids[position + 1]
                elif expires < today:
                    status = "expired"
                elif successor is None and rng.random() < 0.005:
                    status, revoked_on = "revoked", day_in(rng, decided, today)
                    ground, decision = "no_longer_meets", f"{ids[position]}/QĐ-UBND-TH"
                    revoked_products.add(index)
                else:
                    status = "active"
                    self.current[index] = (star, expires)
                era, code, _name, _type = self.places.provinces[province]
                series[code, decided.year] += 1
                seq = series[code, decided.year]
                score = f"{rng.uniform(*SCORE_BANDS[star]):.2f}"
                certificate_rows.append(
                    (
                        ids[position],
                        star,
                        f"{seq}/GCN-OCOP-{code}-{decided.year}",
                        f"{seq}/QĐ-UBND",
                        decided,
                        score,
                        decided,
                        expires,
                        status,
                        revoked_on,
                        ground,
                        decision,
                        stamp(decided),
                        stamp(decided),
                        self.authority_of[province],
                        index + 1,
                        superseded_by,
                        evaluation,
                    )
                )
        certified = set(by_product)
        registered = {r[1] for r in self.registrations}
        product_rows = []
        for index, (producer, name, number, years) in enumerate(self.products):
            created = datetime.date(years[0], 1, 1) - datetime.timedelta(days=rng.randint(0, 300))
            star, valid_until = self.current.get(index, (None, None))
            if star:
                status = "rated"
            elif index in revoked_products:
                status = "revoked"
            elif index in certified:
                status = "lapsed"
            elif index in registered:
                status = "registered"
            else:
                status = "developing"
            product_rows.append(
                (
                    index + 1,
                    name,
                    None,
                    f"{name}: sản phẩm của {self.places.name_of[self.producer_commune[producer]]}.",
                    "",
                    "",
                    f"{rng.uniform(0.5, 60):.2f}",
                    rng.choice(
                        ["Túi giấy kraft 500 g", "Hộp giấy 250 g", "Chai thủy tinh 500 ml", "Túi hút chân không"]
                    ),
                    rng.choice(["6 tháng", "12 tháng", "24 tháng"]),
                    "TCCS",
                    rng.choice(CERTIFICATIONS),
                    "",
                    "",
                    "",
                    status,
                    star,
                    valid_until,
                    False,
                    stamp(created),
                    stamp(min(created + datetime.timedelta(days=rng.randint(0, 2000)), today)),
                    None,
                    self.producer_commune[producer],
                    producer + 1,
                    sets[number],
                )
            )
        self.copy(
            "products_product",
            [
                "id",
                "name",
                "code",
                "description",
                "story",
                "raw_materials",
                "raw_material_area_ha",
                "packaging",
                "shelf_life",
                "quality_standard",
                "certifications",
                "trademark",
                "geographical_indication",
                "traceability_url",
                "status",
                "current_star",
                "star_valid_until",
                "is_archived",
                "created_at",
                "updated_at",
                "group_2018_id",
                "origin_commune_id",
                "producer_id",
                "product_set_id",
            ],
            product_rows,
        )
        self._write_registrations()
        self._write_evaluations()
        self.copy(
            "evaluations_certificate",
            [
                "id",
                "star",
                "number",
                "decision_number",
                "decision_date",
                "score",
                "issued_on",
                "expires_on",
                "status",
                "revoked_on",
                "revocation_ground",
                "revocation_decision",
                "created_at",
                "updated_at",
                "authority_id",
                "product_id",
                "superseded_by_id",
                "evaluation_id",
            ],
            certificate_rows,
        )
        self.copy(
            "evaluations_certificateseries",
            ["province_code", "year", "pattern", "last_seq"],
            (
                (code, year, "{seq}/GCN-OCOP-{province_code}-{year}", seq)
                for (code, year), seq in sorted(series.items())
            ),
        )

    def _write_registrations(self):
        rows = []
        for registration, index, year, kind, status, submitted, accepted in self.registrations:
            sent = status != "draft"
            rows.append(
                (
                    registration,
                    year,
                    kind,
                    status,
                    "",
                    stamp(submitted, 10) if sent else None,
                    stamp(accepted, 15) if status == "accepted" else None,
                    "Thiếu phiếu kiểm nghiệm chỉ tiêu an toàn thực phẩm." if status == "returned" else "",
                    1 if status in ("draft", "submitted") else 2,
                    stamp(submitted - datetime.timedelta(days=7)),
                    stamp(accepted if status == "accepted" else submitted, 16),
                    None,
                    index + 1,
                )
            )
        self.copy(
            "products_registration",
            [
                "id",
                "year",
                "evaluation_type",
                "status",
                "number",
                "submitted_at",
                "accepted_at",
                "return_reason",
                "revision",
                "created_at",
                "updated_at",
                "created_by_id",
                "product_id",
            ],
            rows,
        )

    def _write_evaluations(self):
        rng = self.rng
        sheet = self.one(
            """
            SELECT s.id FROM evaluations_criteriasheet s JOIN evaluations_criteriaversion v ON v.id = s.version_id
            WHERE v.code = '1048-2019' AND s.product_set_id IS NULL
            """
        )
        rows = []
        for evaluation, registration, province, year, held, star in self.evaluations:
            council = self.council_of[province, year]
            if star is None:
                rows.append(
                    (evaluation, "open", None, None, None, None, False, "", False, "", False, None, None)
                    + (stamp(self.today), council, None, None, registration, sheet)
                )
                continue
            score = f"{rng.uniform(*SCORE_BANDS[star]):.2f}"
            outcome = "recognised" if star >= 3 else "not_recognised"
            rows.append(
                (evaluation, "finalised", score, star, None, star, False, outcome, False, "", False, held)
                + (stamp(held, 17), stamp(held, 17), council, None, None, registration, sheet)
            )
        self.copy(
            "evaluations_evaluation",
            [
                "id",
                "status",
                "average_score",
                "score_star",
                "minimums_star",
                "final_star",
                "disqualified",
                "outcome",
                "spread_flagged",
                "spread_override_reason",
                "minimums_checked",
                "held_on",
                "finalised_at",
                "updated_at",
                "council_id",
                "finalised_by_id",
                "forwarded_to_id",
                "registration_id",
                "sheet_id",
            ],
            rows,
        )

    def score_sheets(self):
        """One submitted part-totals sheet per member of the council, averaging the council's score."""
        started = time.perf_counter()
        self.cursor.execute(
            """
            INSERT INTO evaluations_scoresheet
                (evaluation_id, member_id, status, part_a, part_b, part_c, total, comment, submitted_at, updated_at)
            SELECT e.id, m.id, 'submitted', round(t.total * 0.35, 2), round(t.total * 0.25, 2),
                   t.total - round(t.total * 0.35, 2) - round(t.total * 0.25, 2), t.total, '', e.finalised_at,
                   e.finalised_at
            FROM evaluations_evaluation e
            JOIN LATERAL (
                SELECT id, row_number() OVER (ORDER BY id) AS k FROM evaluations_councilmember
                WHERE council_id = e.council_id
            ) m ON true
            CROSS JOIN LATERAL (SELECT least(100, greatest(0, e.average_score + (m.k - 3) * 0.8)) AS total) t
            WHERE e.status = 'finalised'
            """
        )
        self.counts["evaluations_scoresheet"] = self.cursor.rowcount
        elapsed = time.perf_counter() - started
        print(f"  {'evaluations_scoresheet':<32} {self.cursor.rowcount:>9,} rows  {elapsed:6.1f} s (SQL)", flush=True)

    # -- surveys, commendations, plans --

    def extras(self):
        rng = self.rng
        self.copy(
            "products_surveyentry",
            ["year", "note", "product_id"],
            ((years[0], "", index + 1) for index, (_p, _n, _s, years) in enumerate(self.products)),
        )
        commended = rng.sample(range(self.scale.producers), k=self.scale.producers // 20)
        rows = []
        for producer in commended:
            year = rng.choice(YEARS)
            province = self.places.council_province(self.producer_commune[producer], year)
            rows.append(
                (year, f"{producer + 1}/QĐ-KT", datetime.date(year, 12, 15), "Thành tích Chương trình OCOP")
                + (stamp(datetime.date(year, 12, 15)), self.authority_of[province], producer + 1)
            )
        self.copy(
            "organizations_commendation",
            ["year", "decision_number", "decision_date", "reason", "updated_at", "issuer_id", "producer_id"],
            rows,
        )
        plans, targets = [], []
        indicators = [("new_3_star", 30), ("upgrade_3_4", 8), ("re_evaluated", 10), ("new_orgs", 12)]
        for province, (era, _code, name, unit_type) in sorted(self.places.provinces.items()):
            for year in YEARS:
                if (era == "old") != (year < 2025):
                    continue
                plan = len(plans) + 1
                title = f"Kế hoạch thực hiện Chương trình OCOP {label(unit_type, name)} năm {year}"
                plans.append(
                    (plan, year, title, f"{plan}/KH-UBND", datetime.date(year, 2, 15), "approved")
                    + (stamp(datetime.date(year, 2, 15)), province)
                )
                for indicator, size in indicators:
                    low = max(1, int(size * self.scale.products / 200_000 * rng.uniform(0.7, 1.3)))
                    targets.append((indicator, "", low, low + low // 2, "", province, plan))
        self.copy(
            "evaluations_yearlyplan",
            ["id", "year", "title", "decision_number", "decision_date", "status", "updated_at", "unit_id"],
            plans,
        )
        self.copy(
            "evaluations_target",
            ["indicator", "legal_form", "target_min", "target_max", "note", "unit_id", "plan_id"],
            targets,
        )

    def run(self):
        self.authorities()
        self.council_members()
        self.producers()
        self.plan_products()
        needed = self.history()
        self.councils(needed)
        self.write_products()
        self.score_sheets()
        self.extras()


# --- Orchestration -------------------------------------------------------------------------------


META_TABLE = "bench_dataset"


def dataset_info(cursor) -> dict | None:
    cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT info FROM {META_TABLE} ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    if not row:
        return None
    return json.loads(row[0]) if isinstance(row[0], str) else row[0]


def reset_sequences(cursor) -> None:
    for table in [*TABLES, "auth_user", "organizations_issuingauthority", "organizations_staffassignment"]:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 1))"
        )


def prepare(verbose: bool = True) -> None:
    """Migrate, then the reference data: units, criteria, roles (each idempotent)."""
    from django.core.management import call_command

    for command in ("migrate", "load_units", "load_criteria", "setup_roles"):
        started = time.perf_counter()
        call_command(command, verbosity=0, stdout=io.StringIO())
        if verbose:
            print(f"  {command:<32} {time.perf_counter() - started:6.1f} s", flush=True)


def generate(scale_name: str, *, seed: int = 2026, force: bool = False) -> dict:
    """The dataset of ``scale_name`` in the benchmark database, generated unless already there."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from evaluations import snapshots

    with connection.cursor() as cursor:
        info = dataset_info(cursor)
    if info and info.get("scale") == scale_name and info.get("seed") == seed and not force:
        print(f"dataset '{scale_name}' already generated on {info['generated_at']} in {info['seconds']:.0f} s")
        call_command("migrate", verbosity=0, stdout=io.StringIO())  # a kept dataset gets later migrations
        return info
    print(f"generating the '{scale_name}' dataset in {connection.settings_dict['NAME']} …", flush=True)
    started = time.perf_counter()
    prepare()
    today = timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no per-row audit or FK triggers
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (id serial PRIMARY KEY, info jsonb NOT NULL)")
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute(
            "DELETE FROM organizations_staffassignment WHERE user_id IN "
            "(SELECT id FROM auth_user WHERE username LIKE 'bench\\_%%member%%')"
        )
        cursor.execute("DELETE FROM auth_user WHERE username LIKE 'bench\\_%%member%%'")
        generator = Generator(cursor.cursor, SCALES[scale_name], seed, today)
        generator.run()
        reset_sequences(cursor)
    with connection.cursor() as cursor:
        phase = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        print(f"  {'VACUUM ANALYZE':<32} {time.perf_counter() - phase:6.1f} s", flush=True)
        seconds = time.perf_counter() - started
        info = {
            "scale": scale_name,
            "seed": seed,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "seconds": round(seconds, 1),
            "rows": generator.counts,
        }
        cursor.execute(f"INSERT INTO {META_TABLE} (info) VALUES (%s)", [json.dumps(info)])
    # The rows were written with triggers off (replica mode): stored summaries must not outlive them.
    snapshots.invalidate()
    print(f"generated in {seconds:.0f} s: " + ", ".join(f"{t.split('_', 1)[1]} {n:,}" for t, n in info["rows"].items()))
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default=os.environ.get("BENCH_SCALE", "small"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--force", action="store_true", help="generate again even if the dataset is there")
    options = parser.parse_args()
    os.environ["BENCH_SCALE"] = options.scale
    generate(options.scale, seed=options.seed, force=options.force)


if __name__ == "__main__":
    main()
