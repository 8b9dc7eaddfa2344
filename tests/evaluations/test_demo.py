"""``manage.py load_demo``: the Bắc Kạn → Thái Nguyên demo, built once for this module.

The demo is loaded with ``--units=bac-kan`` inside a transaction that is rolled back when the
module ends, so the other test modules never see it. It takes a while: every star in it comes
from members' score sheets through the evaluation services.
"""

import io
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from evaluations import summary
from evaluations import targets as indicators
from evaluations.models import Certificate, Council, Evaluation, ScoreSheet, YearlyPlan
from organizations.models import AdministrativeUnit, Commendation, Producer
from products.models import Product, Registration, SurveyEntry

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    tables = [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]
    return {model._meta.label: model._base_manager.count() for model in tables}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run ``load_demo`` twice: the first output, the row counts after each run, the second output."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("demo-media")
    settings = override_settings(PASSWORD_HASHERS=fast, MEDIA_ROOT=media)
    with django_db_blocker.unblock(), settings, transaction.atomic():
        first, second = io.StringIO(), io.StringIO()
        call_command("load_demo", units="bac-kan", stdout=first)
        after_first = row_counts()
        call_command("load_demo", units="bac-kan", stdout=second)
        yield {
            "first": first.getvalue(),
            "second": second.getvalue(),
            "after_first": after_first,
            "after_second": row_counts(),
        }
        transaction.set_rollback(True)


@pytest.fixture
def bac_kan(demo):
    return AdministrativeUnit.objects.get(era="old", code="06")


def test_2018_figures_are_the_source_article(bac_kan):
    figures = summary.year_summary(year=2018, unit=bac_kan)
    assert figures["surveyed"] == {"products": 124, "groups": 5, "organizations": 114}
    assert figures["registered"]["products"] == 76
    assert figures["recognised"]["4"] == {"products": 5, "organizations": 4}
    assert figures["recognised"]["3"] == {"products": 33, "organizations": 30}
    assert figures["recognised"]["5"] == {"products": 0, "organizations": 0}
    assert figures["commended_organizations"] == 7


def test_2018_stars_come_from_the_councils_sheets(demo):
    evaluations = Evaluation.objects.filter(council__year=2018)
    assert evaluations.count() == 76
    assert not evaluations.exclude(status=Evaluation.Status.FINALISED).exists()
    stars = Counter(evaluations.values_list("final_star", flat=True))
    assert stars[4] == 5 and stars[3] == 33
    assert sum(count for star, count in stars.items() if star < 3) == 38  # the other registered products
    council = Council.objects.get(year=2018, level=Council.Level.PROVINCE)
    members = council.members.order_by("role", "user__username").values_list("user__username", "role")
    assert sorted(members) == [("council_1", "chair")] + [(f"council_{n}", "member") for n in range(2, 6)]
    assert ScoreSheet.objects.filter(evaluation__council=council, status="submitted").count() == 76 * 5
    assert set(evaluations.values_list("sheet__version__code", flat=True)) == {"OCOP-BK-2018"}


def test_2018_certificates_have_the_real_dates_and_authority(demo):
    certificates = Certificate.objects.filter(decision_date__year=2018)
    assert certificates.count() == 38
    assert set(certificates.values_list("issued_on", "expires_on", "authority__name").distinct()) == {
        (date(2018, 12, 12), date(2021, 12, 12), "UBND tỉnh Bắc Kạn")
    }


def test_2018_survey_uses_five_groups_and_real_communes(demo):
    entries = SurveyEntry.objects.filter(year=2018).select_related("product__origin_commune", "group_2018")
    assert {entry.group_2018.name_vi for entry in entries} == {
        "Thực phẩm",
        "Đồ uống",
        "Thảo dược",
        "Vải và may mặc",
        "Lưu niệm – nội thất – trang trí",
    }
    districts = {entry.product.origin_commune.path.split("/")[2] for entry in entries}
    assert districts == {"058", "060", "061", "062", "063", "064", "065", "066"}
    assert not Product.objects.filter(name__iregex=r"^(product|sản phẩm) ?\d").exists()
    assert Commendation.objects.filter(year=2018).values("producer").distinct().count() == 7


def test_tai_hoan_reaches_five_stars_at_the_central_council(demo):
    product = Product.objects.get(name="Miến dong Tài Hoan")
    central = Certificate.objects.get(product=product, decision_number="2890/QĐ-BNN-VPĐP")
    assert (central.star, central.score, central.decision_date) == (5, Decimal("91.14"), date(2021, 6, 30))
    assert central.authority.name == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert central.evaluation.council.level == Council.Level.CENTRAL
    assert product.certificates.get(decision_date__year=2018).status == Certificate.Status.SUPERSEDED
    assert product.current_star == 5  # kept at the 2024 re-evaluation
    assert product.certificates.get(status=Certificate.Status.ACTIVE).decision_date.year == 2024


def test_the_2019_plan_has_six_lines_and_partial_results(bac_kan):
    plan = YearlyPlan.objects.get(year=2019, unit=bac_kan)
    assert plan.targets.count() == 6
    actual = {
        indicator: indicators.INDICATORS[indicator].selector(year=2019, unit=bac_kan).count()
        for indicator in plan.targets.values_list("indicator", flat=True)
    }
    assert actual["upgrade_3_4"] == 3  # of 16
    assert actual["upgrade_2_3"] == 3  # of 6
    assert actual["upgrade_4_5"] == 0  # of 4: Tài Hoan's came with the 2020 cycle
    assert 10 <= actual["orgs_supported"] <= 15
    assert 0 < actual["not_evaluated_before"] < 31
    assert 0 < actual["new_products"] < 30
    two_new = Certificate.objects.filter(decision_date__year=2019, expires_on=date(2023, 1, 10))
    assert {"Trà Cà gai leo Bảo Châu", "Gạo nếp Tân Sơn"} <= set(two_new.values_list("product__name", flat=True))


def test_old_records_keep_their_old_units_and_new_ones_use_thai_nguyen(demo):
    old_2018 = Product.objects.filter(surveys__year=2018)
    assert not old_2018.exclude(origin_commune__era="old").exists()
    newcomer = Producer.objects.get(name="HTX Nông nghiệp Na Rì Xanh")
    assert newcomer.commune.path.startswith("new/19/")
    certificate = Certificate.objects.get(product__name="Miến dong Na Rì Xanh")
    assert certificate.authority.name == "UBND tỉnh Thái Nguyên"
    assert certificate.number.endswith("-19-2025")


def test_2026_round_is_open_for_the_demo_accounts(demo):
    council = Council.objects.get(level=Council.Level.PROVINCE, year=2026, round=2)
    assert council.unit.path == "new/19/"
    assert set(council.members.values_list("user__username", flat=True)) == {f"council_{n}" for n in range(1, 6)}
    assert not council.members.filter(role="secretary").exists()
    scoring = Evaluation.objects.get(council=council, registration__product__name="Miến dong Côn Minh")
    assert scoring.status == Evaluation.Status.OPEN
    assert sorted(scoring.score_sheets.values_list("member__user__username", "status")) == [
        ("council_2", "submitted"),
        ("council_3", "submitted"),
        ("council_4", "draft"),
    ]
    assert scoring.sheet.version.code == "26-2026"
    registrations = Registration.objects.filter(year=2026)
    for district in ("066", "065"):
        mine = registrations.filter(product__origin_commune__path__startswith=f"old/06/{district}/")
        assert {"draft", "submitted"} <= set(mine.values_list("status", flat=True)), district
    assert registrations.filter(status="returned").exclude(return_reason="").exists()


def test_certificates_lapse_or_wait_for_their_re_evaluation(demo):
    due_2026 = Certificate.objects.filter(expires_on=date(2026, 11, 20))
    waiting = due_2026.filter(product__registrations__year=2026, status=Certificate.Status.ACTIVE)
    assert waiting.exists()  # a re-evaluation under way keeps it valid (at most 180 days)
    assert due_2026.filter(status=Certificate.Status.EXPIRED).exists()
    assert not Certificate.objects.filter(status="active", expires_on__lt=date(2026, 5, 1)).exists()


def test_second_run_changes_nothing(demo):
    assert demo["after_second"] == demo["after_first"]
    assert "không thay đổi gì" in demo["second"]
    assert "Đang dựng" not in demo["second"]


def test_the_first_run_says_where_it_is(demo):
    """The first load takes a minute or more: one line as each year of the replay begins."""
    years = [int(line.split()[2]) for line in demo["first"].splitlines() if line.startswith("  … năm ")]
    assert years == list(range(2018, 2027))
    for text in (demo["first"], demo["second"]):
        assert "124 sản phẩm điều tra thuộc 5 nhóm của 114 tổ chức" in text
        assert "4 sao: 5 sản phẩm của 4 tổ chức; 3 sao: 33 sản phẩm của 30 tổ chức" in text
        for username in ("admin", "officer", "staff_nari", "staff_chomoi", "council_1", "council_5"):
            assert f"  {username} — " in text


def test_every_year_to_2026_has_its_round(demo):
    for year in range(2018, 2027):
        assert Evaluation.objects.filter(council__year=year, status="finalised").exists(), year
        assert Certificate.objects.filter(decision_date__year=year).exists(), year
    district_era = Certificate.objects.filter(authority__level="district")
    assert set(district_era.values_list("decision_date__year", flat=True)) == {2023, 2024, 2025}
    assert not Certificate.objects.filter(authority__name="UBND tỉnh Bắc Kạn", issued_on__gt=date(2025, 6, 30)).exists()
