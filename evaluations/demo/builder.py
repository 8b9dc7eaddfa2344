"""The demo's hands: each step calls the service an officer, a district officer or a member would.

``Demo`` keeps what the steps share (the acting accounts, units, authorities, councils, the
products by name) and turns one row of the data tables into service calls: a producer, a product,
a registration with its dossier files sent and accepted, an evaluation scored by every member and
finalised, a certificate. Stars and statuses always come out of the services.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from evaluations import rules
from evaluations import services as evaluation_services
from evaluations.demo import data_2018, data_story
from evaluations.demo.documents import dossier_file
from evaluations.demo.scoring import CriteriaForm, legacy_parts, member_totals
from evaluations.models import Certificate, Council, CouncilMember, CriteriaSheet, Evaluation, ScoreLine, ScoreSheet
from organizations import accounts
from organizations import services as producer_services
from organizations.models import AdministrativeUnit, IssuingAuthority, Producer
from products import services as product_services
from products.models import DossierDocument, Product, Registration, RegistrationTransition, SurveyEntry

User = get_user_model()
FILLED_MODELS = [
    Producer,
    Product,
    SurveyEntry,
    Registration,
    RegistrationTransition,
    DossierDocument,
    Council,
    CouncilMember,
    Evaluation,
    ScoreSheet,
    ScoreLine,
    Certificate,
]


def refresh_statistics() -> None:
    """Update the query planner's statistics of the tables the demo fills, counting this transaction's rows.

    The demo writes thousands of rows in a few transactions; until autovacuum runs, PostgreSQL
    plans for the empty tables it last saw, and a scope check that should read one row by its key
    (``access.is_editable``) turns into nested scans that take seconds each. ``ANALYZE`` counts
    the current transaction's own new rows, so it helps inside an open transaction too.
    """
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in FILLED_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


# Members of the councils other than the demo's provincial council (council_1 … council_5). They
# never sign in: their accounts have no usable password and exist so that their sheets have an author.
DISTRICT_MEMBER_TITLES = [
    "Phó Chủ tịch UBND, Chủ tịch Hội đồng",
    "Trưởng phòng Nông nghiệp và PTNT",
    "Trưởng phòng Kinh tế – Hạ tầng",
]
FAMILY_NAMES = ["Hoàng Văn", "Nông Thị", "Ma Văn", "Lục Văn", "Hà Thị", "Triệu Văn", "Dương Văn", "Bế Thị", "Lý Văn"]
GIVEN_NAMES = ["Dũng", "Hường", "Tuấn", "Thắng", "Lan", "Hùng", "Phúc", "Yến", "Long", "Hòa", "Minh", "Thảo", "Quý"]
CENTRAL_MEMBER_NAMES = [
    ("Trần Văn", "Quang", "Lãnh đạo Bộ, Chủ tịch Hội đồng"),
    ("Nguyễn Thị", "Lan", "Văn phòng Điều phối nông thôn mới Trung ương"),
    ("Lê Minh", "Tuấn", "Cục Chế biến và Phát triển thị trường nông sản"),
    ("Phạm Thu", "Hà", "Bộ Công Thương"),
    ("Vũ Đức", "Thắng", "Bộ Khoa học và Công nghệ"),
]
PROVINCE_MEMBER_TITLES = [
    "Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng",
    "Giám đốc Sở Nông nghiệp, Phó Chủ tịch Hội đồng",
    "Phó Giám đốc Sở Công Thương",
    "Phó Giám đốc Sở Khoa học và Công nghệ",
    "Chánh Văn phòng Điều phối nông thôn mới tỉnh",
]


class Demo:
    """What the steps share, and one method per kind of service call a step makes."""

    def __init__(self, *, accounts: dict):
        self.officer = accounts["officer"]
        self.accounts = accounts
        self.area_staff = {"066": accounts["staff_nari"], "065": accounts["staff_chomoi"]}
        self.units = {
            (unit.era, unit.code): unit
            for unit in AdministrativeUnit.objects.filter(level__in=("province", "district"))
        }
        self.producers = {}
        self.products = {product.name: product for product in Product.objects.select_related("origin_commune")}
        self.councils = {}
        self.forms = {}

    # --- Places and authorities ----------------------------------------------------------------

    def commune(self, era: str, code: str) -> AdministrativeUnit:
        return AdministrativeUnit.objects.get(era=era, code=code, level=AdministrativeUnit.Level.COMMUNE)

    def district_code(self, product: Product) -> str | None:
        """The pre-2025 district of a product (its commune's parent), or None on a new commune."""
        parts = product.origin_commune.path.strip("/").split("/")
        return parts[2] if parts[0] == AdministrativeUnit.Era.OLD else None

    def authority(self, name: str) -> IssuingAuthority:
        return IssuingAuthority.objects.get(name=name)

    def district_authority(self, district_code: str) -> IssuingAuthority:
        return self.authority(data_story.DISTRICT_AUTHORITY_NAMES[district_code])

    @staticmethod
    def ensure_authority(name, level, unit=None, valid_from=None, valid_to=None) -> IssuingAuthority:
        authority = IssuingAuthority.objects.filter(name=name).first()
        if authority is None:
            authority = IssuingAuthority(name=name, level=level, unit=unit, valid_from=valid_from, valid_to=valid_to)
            authority.full_clean()
            authority.save()
        return authority

    # --- Registry ------------------------------------------------------------------------------

    def actor_for(self, product: Product):
        """Who enters a product's dossier: the district's staff where the demo has one, else the officer."""
        parts = product.origin_commune.path.strip("/").split("/")
        for code, account in self.area_staff.items():
            if code in parts or self._succeeds_district(product, code):
                return account
        return self.officer

    def _succeeds_district(self, product, district_code) -> bool:
        if product.origin_commune.era != AdministrativeUnit.Era.NEW:
            return False
        return product.origin_commune.predecessions.filter(
            predecessor__path__startswith=f"old/06/{district_code}/"
        ).exists()

    def producer_by_key(self, key: str):
        """A producer of the data tables, made in this run or an earlier one (names are unique in the demo)."""
        if key not in self.producers:
            row = next(row for row in [*data_2018.PRODUCERS, *data_story.PRODUCERS] if row.key == key)
            self.producers[key] = Producer.objects.get(name=row.name)
        return self.producers[key]

    def producer(self, row, commune: AdministrativeUnit):
        fields = {
            "name": row.name,
            "legal_form": row.legal_form,
            "enterprise_kind": row.enterprise_kind,
            "commune": commune,
            "address": ", ".join(str(unit) for unit in (commune, commune.parent, commune.parent.parent) if unit),
            "representative_name": row.representative,
            "representative_gender": row.gender,
            "representative_ethnicity": row.ethnicity,
            "founded_on": timezone.localdate() if row.era == AdministrativeUnit.Era.NEW else None,
        }
        producer = producer_services.producer_create(user=None, **fields)
        self.producers[row.key] = producer
        return producer

    def product(self, *, producer, name: str, product_set, group_2018=None, **details) -> Product:
        product = product_services.product_create(
            user=None,
            name=name,
            producer=producer,
            origin_commune=producer.commune,
            product_set=product_set,
            group_2018=group_2018,
            **data_2018.DETAILS.get(name, {}),
            **details,
        )
        product.origin_commune = producer.commune
        self.products[name] = product
        return product

    def update_product(self, name: str, **fields) -> Product:
        product = product_services.product_update(user=None, product=self.products[name], **fields)
        self.products[name] = product
        return product

    def register(self, product: Product, *, year: int, kind: str, submit: bool = True) -> Registration:
        """A registration with Forms 01 and 02 attached and, unless told otherwise, submitted."""
        product = Product.objects.select_related("origin_commune", "producer").get(pk=product.pk)  # current star
        actor = self.actor_for(product)
        registration = product_services.registration_create(
            user=actor, product=product, year=year, evaluation_type=kind
        )
        documents = DossierDocument.objects.filter(registration=registration, required=True).order_by("kind")
        for document in documents:
            title = document.get_kind_display()
            upload = dossier_file(
                f"{title}.pdf",
                [
                    f"OCOP {year} - {title}",
                    product.name,
                    str(product.producer),
                    registration.get_evaluation_type_display(),
                ],
            )
            product_services.document_attach(user=actor, document=document, uploaded_file=upload)
        if submit:
            registration = product_services.registration_submit(user=actor, registration=registration)
        return registration

    def accept(self, registration: Registration) -> Registration:
        return product_services.registration_accept(user=self.officer, registration=registration)

    # --- Councils ------------------------------------------------------------------------------

    def council(
        self, *, level, era, unit, year, round_number, authority, name, decision_number="", secretary=False
    ) -> Council:
        """The council of a level, area and round, made on first use with its members.

        A provincial council is the demo's council_1 … council_5 (council_1 chairs); with
        ``secretary`` council_5 keeps the minutes and does not score, as in most rounds.
        """
        key = (level, unit.pk, year, round_number)
        council = (
            self.councils.get(key)
            or Council.objects.filter(level=level, unit=unit, year=year, round=round_number).first()
        )
        if council is None:
            council = evaluation_services.council_create(
                user=self.officer,
                name=name,
                level=level,
                era=era,
                unit=unit,
                authority=authority,
                year=year,
                round=round_number,
                decision_number=decision_number,
            )
            self._add_members(council, secretary=secretary)
        self.councils[key] = council
        return council

    def _add_members(self, council: Council, *, secretary: bool) -> None:
        if council.level == Council.Level.PROVINCE:
            people = [(self.accounts[f"council_{n}"], title) for n, title in enumerate(PROVINCE_MEMBER_TITLES, start=1)]
        elif council.level == Council.Level.CENTRAL:
            people = [
                (self._member_account("tw", n, names), names[2]) for n, names in enumerate(CENTRAL_MEMBER_NAMES, 1)
            ]
        else:
            seed = int(council.unit.code) * len(DISTRICT_MEMBER_TITLES)
            people = [
                (
                    self._member_account(
                        f"hd{council.unit.code}",
                        n,
                        (FAMILY_NAMES[(seed + n) % len(FAMILY_NAMES)], GIVEN_NAMES[(seed + 2 * n) % len(GIVEN_NAMES)]),
                    ),
                    title,
                )
                for n, title in enumerate(DISTRICT_MEMBER_TITLES, 1)
            ]
        roles = [CouncilMember.Role.CHAIR] + [CouncilMember.Role.MEMBER] * (len(people) - 1)
        if secretary:
            roles[-1] = CouncilMember.Role.SECRETARY
        for (account, title), role in zip(people, roles, strict=True):
            member = CouncilMember(
                council=council, user=account, full_name=accounts.display_name(account), title=title, role=role
            )
            member.full_clean()
            member.save()

    def _member_account(self, prefix: str, number: int, names) -> User:
        username = f"{prefix}_{number}"
        account = User.objects.filter(username=username).first()
        if account is None:
            account = User(username=username, last_name=names[0], first_name=names[1])
            account.set_unusable_password()
            account.full_clean()
            account.save()
        return account

    # --- Evaluation ----------------------------------------------------------------------------

    def open(self, registration: Registration, council: Council, sheet: CriteriaSheet | None = None) -> Evaluation:
        return evaluation_services.evaluation_open(
            user=self.officer, registration=registration, council=council, sheet=sheet
        )

    def score(self, evaluation: Evaluation, average: Decimal, *, absent: int = 0) -> None:
        """The scoring members present submit a sheet each; their totals average ``average``.

        ``absent`` members (never the chair, a different one each time) miss the meeting, as
        happens: the quorum rule (75 % of the scoring members, the chair among them) still holds.
        """
        members = [m for m in evaluation.council.members.select_related("user") if m.scores]
        for _ in range(absent):
            members.pop(1 + evaluation.pk % (len(members) - 1))
        star = rules.star_for_score(average)
        for index, (member, total) in enumerate(zip(members, member_totals(average, len(members)), strict=True)):
            self.score_sheet(evaluation, member, total, star=star, variant=index, submit=True)

    def score_some(self, evaluation: Evaluation, sheets: dict) -> None:
        """Only some members have scored yet: ``{username: (total, submitted?)}``."""
        for index, member in enumerate(evaluation.council.members.select_related("user")):
            if member.user.username in sheets:
                total, submit = sheets[member.user.username]
                self.score_sheet(
                    evaluation, member, total, star=rules.star_for_score(total), variant=index, submit=submit
                )

    def score_sheet(self, evaluation, member, total: Decimal, *, star: int, variant: int, submit: bool) -> None:
        sheet = evaluation.sheet
        if sheet.version.is_legacy:
            maxima = (sheet.version.part_a_max, sheet.version.part_b_max, sheet.version.part_c_max)
            evaluation_services.score_sheet_save(
                user=member.user, evaluation=evaluation, member=member, parts=legacy_parts(total, maxima), submit=submit
            )
        else:
            if sheet.pk not in self.forms:
                self.forms[sheet.pk] = CriteriaForm(sheet)
            evaluation_services.score_sheet_save(
                user=member.user,
                evaluation=evaluation,
                member=member,
                choices=self.forms[sheet.pk].choices(total, star, variant=variant),
                submit=submit,
            )

    def finalize(self, evaluation: Evaluation) -> Evaluation:
        return evaluation_services.evaluation_finalize(user=self.officer, evaluation=evaluation)

    def certify(self, evaluation: Evaluation, decision, *, decision_number: str | None = None):
        return evaluation_services.certificate_issue(
            user=self.officer,
            evaluation=evaluation,
            decision_number=decision_number or decision.number,
            decision_date=decision.decided_on,
            issued_on=decision.issued_on,
        )

    def record(self, product: Product, *, star: int, authority: IssuingAuthority, decision, decision_number: str):
        """A recognition entered from its decision, as the officer enters an imported one."""
        return evaluation_services.certificate_record(
            user=self.officer,
            product=product,
            star=star,
            number=None,
            decision_number=decision_number,
            decision_date=decision.decided_on,
            issued_on=decision.issued_on,
            authority=authority,
        )
