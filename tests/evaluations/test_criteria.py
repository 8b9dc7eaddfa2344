"""Criteria as versioned data: the loader, its checks, drafts, immutability once used."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from evaluations import criteria, rules, services
from evaluations.models import CriteriaSheet, CriteriaVersion, Criterion, CriterionOption
from ocop_portal.errors import Conflict, TransitionNotAllowed
from products.models import ProductSet
from tests.evaluations.conftest import (
    accepted_registration,
    classification_148,
    load_small_version,
    make_council,
    small_sheet,
)

pytestmark = pytest.mark.django_db

DRAFTS_148 = {7, 11, 12, 13, 17, 18, 26}
DRAFTS_2026 = {4, 7, 10, 11}


@pytest.fixture
def loaded(db):
    classification_148()
    out = StringIO()
    call_command("load_criteria", stdout=out)
    return out.getvalue()


def test_load_criteria_loads_four_versions(loaded):
    assert "54 created, 0 updated, 0 unchanged" in loaded
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    assert list(versions) == ["OCOP-BK-2018", "1048-2019", "148-2023", "26-2026"]
    for code in ("OCOP-BK-2018", "1048-2019"):
        version = versions[code]
        assert version.is_legacy and (version.part_a_max, version.part_b_max, version.part_c_max) == (35, 25, 40)
        sheet = version.sheets.get()
        assert sheet.product_set is None
        assert [(p.code, p.max_points) for p in sheet.parts.all()] == [("A", 35), ("B", 25), ("C", 40)]
    for code, drafts in (("148-2023", DRAFTS_148), ("26-2026", DRAFTS_2026)):
        sheets = CriteriaSheet.objects.filter(version__code=code).select_related("product_set")
        assert sheets.count() == 26
        assert {s.product_set.number for s in sheets if s.status == CriteriaSheet.Status.DRAFT} == drafts
        assert all(s.problems for s in sheets if s.status == CriteriaSheet.Status.DRAFT)
        assert not any(s.problems for s in sheets if s.status == CriteriaSheet.Status.READY)
    assert "draft (needs an officer): 26-2026 / Bộ sản phẩm: Mật ong" in loaded


def test_ready_sheets_add_up(loaded):
    for sheet in CriteriaSheet.objects.filter(status="ready", version__is_legacy=False):
        assert criteria.sheet_problems(sheet) == [], sheet
        parts = {p.code: p.max_points for p in sheet.parts.all()}
        assert parts == {"A": 40, "B": 25, "C": 35}


def test_set_1_of_26_2026_as_the_decision_prints_it(loaded):
    sheet = CriteriaSheet.objects.get(version__code="26-2026", product_set__number=1)
    assert sheet.disqualifiers.count() == 1
    bilingual = Criterion.objects.get(section__part__sheet=sheet, code="2.4")
    assert [(o.points, o.min_star) for o in bilingual.options.all()] == [(0, None), (1, None)]  # created 0 / max
    packaging = Criterion.objects.get(section__part__sheet=sheet, code="2.2")
    pairs = [(o.points, o.min_star) for o in packaging.options.all()]
    assert pairs == [(0, None), (1, None), (2, 3), (3, None)]
    assert rules.minimum_thresholds(pairs) == {3: 2, 4: 2, 5: 2}  # *** carries up to 4★ and 5★


def test_148_sheet_is_read_from_the_csv(loaded):
    sheet = CriteriaSheet.objects.get(version__code="148-2023", product_set__number=1)
    origin = Criterion.objects.get(section__part__sheet=sheet, code="1.a")
    assert (origin.name, origin.max_points) == ("Nguồn gốc sản phẩm", 5)
    assert "100% sản phẩm" in origin.note
    # "e) Sở hữu trí tuệ****": the mark means the criterion's least option (1 point), not its maximum
    ip = Criterion.objects.get(section__part__sheet=sheet, code="3.e")
    assert [(o.points, o.min_star) for o in ip.options.all()] == [(1, 4), (2, None)]
    nutrition = Criterion.objects.get(section__part__sheet=sheet, code="7.a")
    assert nutrition.max_points == 2


def test_148_sets_with_known_problems_name_them(loaded):
    sheet = CriteriaSheet.objects.get(version__code="148-2023", product_set__number=17)
    assert any("«l» không phải là số" in problem for problem in sheet.problems)
    tea = CriteriaSheet.objects.get(version__code="148-2023", product_set__number=12)
    assert any("phần C: các nhóm cộng lại 32 điểm, phần ghi 35 điểm" in problem for problem in tea.problems)


def test_loading_again_changes_nothing(loaded):
    counts = (CriteriaSheet.objects.count(), Criterion.objects.count(), CriterionOption.objects.count())
    ids = set(CriteriaSheet.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("load_criteria", stdout=out)
    assert "0 created, 0 updated, 54 unchanged" in out.getvalue()
    assert (CriteriaSheet.objects.count(), Criterion.objects.count(), CriterionOption.objects.count()) == counts
    assert set(CriteriaSheet.objects.values_list("pk", flat=True)) == ids
    digests = dict(CriteriaSheet.objects.values_list("pk", "source_digest"))
    CriteriaSheet.objects.update(source_digest="")  # as an older loader left them: compared by content
    call_command("load_criteria", stdout=out)
    assert out.getvalue().count("0 created, 0 updated, 54 unchanged") == 2
    assert dict(CriteriaSheet.objects.values_list("pk", "source_digest")) == digests


def test_broken_sheet_is_refused_with_a_precise_message(db):
    classification_148()
    broken = small_sheet("Bộ hỏng")
    broken.parts[0].sections[0].criteria[1].max_points = 12  # its best option gives 10
    version = criteria.VersionData("BROKEN", "Hỏng", "", datetime.date(2020, 1, 1), (40, 25, 35), False, [broken])
    with pytest.raises(criteria.CriteriaError) as caught:
        criteria.load_versions([version])
    assert (
        "Phiếu «Bộ hỏng», nhóm 1, tiêu chí 1.2: điểm tối đa 12 nhưng phương án cao nhất được 10 điểm."
        in caught.value.problems
    )
    assert "Phiếu «Bộ hỏng», nhóm 1: các tiêu chí cộng lại 42 điểm, nhóm ghi 40 điểm." in caught.value.problems
    assert not CriteriaVersion.objects.filter(code="BROKEN").exists()  # all or nothing


def test_parts_must_match_the_version(db):
    classification_148()
    sheet = small_sheet("Bộ 1048")
    problems = criteria.check_sheet(sheet, (35, 25, 40))
    assert "Phiếu «Bộ 1048», phần A: điểm tối đa 40, bộ tiêu chí quy định 35." in problems
    assert "Phiếu «Bộ 1048», phần C: điểm tối đa 35, bộ tiêu chí quy định 40." in problems


def test_the_command_reports_a_missing_classification(db):
    ProductSet.objects.filter(group__branch__scheme__code="148-2023", number__gte=20).delete()
    with pytest.raises(CommandError, match="Chưa có bộ sản phẩm số 20, 21, 22, 23, 24, 25, 26"):
        call_command("load_criteria", stdout=StringIO())


def test_a_version_in_use_cannot_change(officer):
    sheet = load_small_version("TEST-USED")
    services.evaluation_open(
        user=officer,
        registration=accepted_registration(product_set=sheet.product_set),
        council=make_council(),
        sheet=sheet,
    )
    changed = small_sheet()
    changed.parts[2].sections[0].criteria[0].name = "Cảm quan (sửa)"
    with pytest.raises(criteria.CriteriaError, match="đã được dùng để chấm điểm"):
        load_small_version("TEST-USED", sheet=changed)
    load_small_version("TEST-USED")  # the same data again is fine


def test_an_officer_resolves_a_draft_sheet(loaded, officer):
    sheet = CriteriaSheet.objects.get(version__code="26-2026", product_set__number=4)
    with pytest.raises(ValidationError) as caught:
        services.criteria_sheet_mark_ready(user=officer, sheet=sheet)
    assert any("chưa có điểm" in message for message in caught.value.messages)
    blank = CriterionOption.objects.get(criterion__section__part__sheet=sheet, criterion__code="1.2", points=None)
    misprint = CriterionOption.objects.get(criterion__section__part__sheet=sheet, criterion__code="7", points=13)
    services.criterion_option_correct(user=officer, option=blank, points=0)
    services.criterion_option_correct(user=officer, option=misprint, points=3)
    sheet = services.criteria_sheet_mark_ready(user=officer, sheet=sheet)
    assert (sheet.status, sheet.problems) == ("ready", [])
    call_command("load_criteria", stdout=StringIO())  # the source did not change: the correction stays
    assert CriterionOption.objects.get(pk=misprint.pk).points == 3
    with pytest.raises(TransitionNotAllowed, match="nháp"):
        services.criterion_option_correct(user=officer, option=misprint, points=13)


def test_options_of_a_used_version_cannot_be_corrected(officer):
    sheet = load_small_version("TEST-USED2")
    services.evaluation_open(
        user=officer,
        registration=accepted_registration(product_set=sheet.product_set),
        council=make_council(),
        sheet=sheet,
    )
    CriteriaSheet.objects.filter(pk=sheet.pk).update(status="draft")
    option = CriterionOption.objects.filter(criterion__section__part__sheet=sheet).first()
    with pytest.raises(Conflict, match="đã được dùng"):
        services.criterion_option_correct(user=officer, option=option, points=1)


def test_star_minimum_rules():
    thresholds = {"1.5": rules.minimum_thresholds([(0, None), (1, None), (2, 4), (3, 5)])}
    assert thresholds["1.5"] == {4: 2, 5: 3}
    assert rules.sheet_minimums_star(thresholds, {"1.5": 3}) == 5
    assert rules.sheet_minimums_star(thresholds, {"1.5": 2}) == 4
    assert rules.sheet_minimums_star(thresholds, {"1.5": 1}) == 3  # no *** mark: 3★ needs nothing here
    assert rules.sheet_minimums_star({"x": {3: 1}}, {"x": 0}) == 2
    assert rules.council_minimums_star([5, 5, 3]) == 5
    assert rules.council_minimums_star([5, 3, 3]) == 3
    assert rules.council_minimums_star([5, 5, 3, 3]) == 3  # a tie does not meet the minimum
    assert rules.final_star(score_star=4, minimums_star=3, disqualified=False) == 3
    assert rules.final_star(score_star=2, minimums_star=5, disqualified=False) == 2
    assert rules.final_star(score_star=5, minimums_star=5, disqualified=True) is None


def test_a_sheet_loaded_by_an_older_loader_is_recognised_by_its_content(officer):
    sheet = load_small_version("TEST-OLD")
    services.evaluation_open(
        user=officer,
        registration=accepted_registration(product_set=sheet.product_set),
        council=make_council(),
        sheet=sheet,
    )
    CriteriaSheet.objects.filter(pk=sheet.pk).update(source_digest="an older fingerprint")
    load_small_version("TEST-OLD")  # in use, but the content is the same: accepted, fingerprint renewed
    assert CriteriaSheet.objects.get(pk=sheet.pk).source_digest == small_sheet().digest()
