"""Builders for the evaluation tests: a classification, a small real sheet, a council, a product.

The small sheet goes through the real loader (``criteria.load_versions``), so scoring tests
score on exactly what the loader writes.
"""

import datetime
import itertools

import pytest

from evaluations import criteria
from evaluations.criteria import CriterionData, OptionData, PartData, SectionData, SheetData, VersionData
from evaluations.models import Council, CouncilMember, CriteriaSheet
from organizations.models import IssuingAuthority
from products.models import Branch, ClassificationScheme, ProductGroup, ProductSet, Registration
from tests import factories

_seq = itertools.count(1)


def classification_148():
    """The 26 product sets of the 148-2023 scheme (the registry's data migration may have made them)."""
    scheme, _ = ClassificationScheme.objects.get_or_create(code="148-2023", defaults={"name": "148/QĐ-TTg"})
    branch, _ = Branch.objects.get_or_create(scheme=scheme, code="I", defaults={"name_vi": "Thực phẩm", "name_en": "F"})
    group, _ = ProductGroup.objects.get_or_create(branch=branch, code="1", defaults={"name_vi": "Nhóm", "name_en": "G"})
    for number in range(1, 27):
        if not ProductSet.objects.filter(group__branch__scheme=scheme, number=number).exists():
            ProductSet.objects.create(group=group, number=number, name_vi=f"Bộ {number}", name_en=f"Set {number}")
    return {ps.number: ps for ps in ProductSet.objects.filter(group__branch__scheme=scheme)}


def options(*points, marks=None):
    marks = marks or {}
    return [OptionData(f"Phương án {p} điểm", p, marks.get(p)) for p in points]


def small_sheet(name="Bộ sản phẩm: thử nghiệm") -> SheetData:
    """A 100-point sheet: 1.1 (30), 1.2 (10, *** at 5, **** at 8), 4.1 (25), 6.1 (35); one disqualifier."""
    return SheetData(
        set_number=1,
        name=name,
        parts=[
            PartData(
                "A",
                "Sản phẩm và sức mạnh cộng đồng",
                40,
                [
                    SectionData(
                        "1",
                        "Tổ chức sản xuất",
                        40,
                        [
                            CriterionData("1.1", "Nguồn gốc", 30, options=options(0, 10, 20, 30)),
                            CriterionData("1.2", "Liên kết", 10, options=options(0, 5, 8, 10, marks={5: 3, 8: 4})),
                        ],
                    )
                ],
            ),
            PartData(
                "B",
                "Khả năng tiếp thị",
                25,
                [
                    SectionData(
                        "4",
                        "Tiếp thị",
                        25,
                        [CriterionData("4.1", "Phân phối", 25, options=options(0, 5, 10, 15, 20, 25))],
                    )
                ],
            ),
            PartData(
                "C",
                "Chất lượng",
                35,
                [
                    SectionData(
                        "6",
                        "Cảm quan",
                        35,
                        [CriterionData("6.1", "Cảm quan", 35, options=options(0, 5, 10, 15, 20, 25, 30, 35))],
                    )
                ],
            ),
        ],
        disqualifiers=["Giả mạo hồ sơ"],
    )


def load_small_version(code="TEST-2026", sheet=None) -> CriteriaSheet:
    classification_148()
    version = VersionData(
        code, f"Bộ thử {code}", "thử", datetime.date(2000, 1, 1), (40, 25, 35), False, [sheet or small_sheet()]
    )
    criteria.load_versions([version])
    return CriteriaSheet.objects.get(version__code=code)


def load_legacy_version(code="TEST-PARTS") -> CriteriaSheet:
    version = VersionData(
        code,
        "Phiếu tổng điểm thử",
        "thử",
        datetime.date(2018, 1, 1),
        (35, 25, 40),
        True,
        [criteria.legacy_sheet("Tổng điểm phần", (35, 25, 40))],
    )
    criteria.load_versions([version])
    return CriteriaSheet.objects.get(version__code=code)


def choices_for(sheet, points_by_code):
    """{criterion_id: option_id} choosing, per criterion code, the option worth the given points."""
    chosen = {}
    for part in sheet.parts.prefetch_related("sections__criteria__options"):
        for section in part.sections.all():
            for criterion in section.criteria.all():
                option = next(o for o in criterion.options.all() if o.points == points_by_code[criterion.code])
                chosen[criterion.pk] = option.pk
    return chosen


def make_council(*, era=Council.Era.RULES_2025, level=Council.Level.PROVINCE, members=3, unit=None, **fields):
    """A council with a chair and ``members - 1`` members, each a user of their own."""
    unit = unit or factories.bac_kan_tree()["province"]
    authority, _ = IssuingAuthority.objects.get_or_create(name="UBND tỉnh Bắc Kạn", defaults={"level": "province"})
    from evaluations import rules

    council = Council.objects.create(
        name=f"Hội đồng {next(_seq)}",
        level=level,
        era=era,
        unit=unit,
        authority=authority,
        year=fields.pop("year", 2026),
        round=next(_seq),
        recognisable_stars=fields.pop("recognisable_stars", rules.recognisable_stars(era, level)),
        **fields,
    )
    for index in range(members):
        CouncilMember.objects.create(
            council=council,
            user=factories.user(),
            full_name=f"Thành viên {index}",
            role=CouncilMember.Role.CHAIR if index == 0 else CouncilMember.Role.MEMBER,
        )
    return council


def accepted_registration(product_set=None, **product_fields):
    tree = factories.bac_kan_tree()
    product = factories.product(factories.producer(tree["con_minh"]), product_set=product_set, **product_fields)
    return factories.registration(product, status=Registration.Status.ACCEPTED)


@pytest.fixture
def officer(db):
    return factories.user(is_superuser=True, is_staff=True)


@pytest.fixture
def small(db):
    return load_small_version()


@pytest.fixture
def legacy(db):
    return load_legacy_version()
