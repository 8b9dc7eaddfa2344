"""Scoring through the services: sheets in, average, star, minimums, disqualifiers, outcome out."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations import rules, services
from evaluations.models import Council, CouncilMember, Evaluation, ScoreSheet
from ocop_portal.errors import Conflict, TransitionNotAllowed
from products.models import Registration
from tests import factories
from tests.evaluations.conftest import accepted_registration, choices_for, make_council

pytestmark = pytest.mark.django_db

ALL_MINIMUMS_80 = {"1.1": 30, "1.2": 10, "4.1": 20, "6.1": 20}  # 80 points, every minimum met


def scorers(council):
    return list(council.members.exclude(role=CouncilMember.Role.SECRETARY).order_by("id"))


def score_all(evaluation, sheet_points, *, disqualify=None, sheet=None):
    """Every scoring member submits; ``sheet_points`` is one {code: points} (or part tuple) per member."""
    members = scorers(evaluation.council)
    for member, points in zip(members, sheet_points, strict=True):
        kwargs = {"parts": points} if isinstance(points, tuple) else {"choices": choices_for(evaluation.sheet, points)}
        services.score_sheet_save(
            user=member.user,
            evaluation=evaluation,
            member=member,
            disqualifier_ids=[d.pk for d in evaluation.sheet.disqualifiers.all()] if member == disqualify else (),
            submit=True,
            **kwargs,
        )


def open_evaluation(officer, sheet, *, members=3, **council_fields):
    council = make_council(members=members, **council_fields)
    registration = accepted_registration(product_set=sheet.product_set)
    return services.evaluation_open(user=officer, registration=registration, council=council, sheet=sheet)


# --- Bands at their edges -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "star"),
    [("29.99", 1), ("30", 2), ("49.99", 2), ("50", 3), ("69.99", 3), ("70", 4), ("89.99", 4), ("90", 5), ("100", 5)],
)
def test_bands_at_their_edges_through_a_legacy_council(officer, legacy, score, star):
    """One-member council on the part-totals sheet: the average is exactly the member's total."""
    evaluation = open_evaluation(
        officer, legacy, members=1, era=Council.Era.BK_2018, recognisable_stars=[1, 2, 3, 4, 5]
    )
    total = Decimal(score)
    a = min(total, Decimal(35))
    b = min(total - a, Decimal(25))
    score_all(evaluation, [(a, b, total - a - b)])
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert evaluation.average_score == total
    assert evaluation.score_star == star
    assert evaluation.final_star == star
    assert evaluation.minimums_checked is False  # legacy sheets cannot check minimums, and say so
    assert evaluation.minimums_star is None


def test_average_is_rounded_half_up_to_two_decimals():
    assert rules.mean_score([Decimal("91"), Decimal("91"), Decimal("91.43")]) == Decimal("91.14")
    assert rules.mean_score([Decimal("70.005")]) == Decimal("70.01")
    assert rules.mean_score([Decimal("89.99"), Decimal("90")]) == Decimal("90.00")  # 89.995 → 90.00 → 5★


# --- Minimums, disqualifiers, outcome -------------------------------------------------------


def test_75_points_missing_a_four_star_minimum_gets_three_stars(officer, small):
    evaluation = open_evaluation(officer, small)
    missing_4 = {"1.1": 30, "1.2": 5, "4.1": 20, "6.1": 20}  # 75, 1.2 reaches *** (5) but not **** (8)
    score_all(evaluation, [missing_4] * 3)
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert evaluation.average_score == Decimal("75.00")
    assert (evaluation.score_star, evaluation.minimums_star, evaluation.final_star) == (4, 3, 3)
    assert evaluation.minimums_checked is True
    assert evaluation.outcome == Evaluation.Outcome.RECOGNISED


def test_missing_a_three_star_minimum_leaves_two_stars(officer, small):
    evaluation = open_evaluation(officer, small)
    score_all(evaluation, [{"1.1": 30, "1.2": 0, "4.1": 25, "6.1": 10}] * 3)  # 65 points, 1.2 below ***
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert (evaluation.score_star, evaluation.final_star) == (3, 2)
    assert evaluation.outcome == Evaluation.Outcome.NOT_RECOGNISED


def test_a_minimum_counts_when_most_members_sheets_meet_it(officer, small):
    """Decision (ocop.md §12.3): majority of sheets. 2 of 3 meet ****: met; 1 of 3: not met."""
    evaluation = open_evaluation(officer, small)
    score_all(evaluation, [ALL_MINIMUMS_80, ALL_MINIMUMS_80, {"1.1": 30, "1.2": 5, "4.1": 20, "6.1": 25}])
    assert services.evaluation_finalize(user=officer, evaluation=evaluation).final_star == 4

    evaluation = open_evaluation(officer, small)
    score_all(
        evaluation,
        [ALL_MINIMUMS_80, {"1.1": 30, "1.2": 5, "4.1": 20, "6.1": 25}, {"1.1": 30, "1.2": 5, "4.1": 20, "6.1": 25}],
    )
    assert services.evaluation_finalize(user=officer, evaluation=evaluation).final_star == 3


def test_disqualified_product_gets_no_star(officer, small):
    evaluation = open_evaluation(officer, small)
    members = scorers(evaluation.council)
    score_all(evaluation, [ALL_MINIMUMS_80] * 3, disqualify=members[2])
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert evaluation.disqualified is True
    assert evaluation.final_star is None
    assert evaluation.outcome == Evaluation.Outcome.DISQUALIFIED
    assert evaluation.average_score == Decimal("80.00")  # the score is kept, the star is not given


def test_148_district_recognises_three_stars_but_forwards_80_points(officer, small):
    district = factories.bac_kan_tree()["na_ri"]
    council_fields = {"era": Council.Era.RULES_148, "level": Council.Level.DISTRICT, "unit": district}
    assert rules.recognisable_stars("148", "district") == [3]

    three = open_evaluation(officer, small, **council_fields)
    score_all(three, [{"1.1": 20, "1.2": 5, "4.1": 20, "6.1": 15}] * 3)  # 60 points
    three = services.evaluation_finalize(user=officer, evaluation=three)
    assert (three.final_star, three.outcome) == (3, Evaluation.Outcome.RECOGNISED)

    eighty = open_evaluation(officer, small, **council_fields)
    score_all(eighty, [ALL_MINIMUMS_80] * 3)
    eighty = services.evaluation_finalize(user=officer, evaluation=eighty)
    assert (eighty.final_star, eighty.outcome) == (4, Evaluation.Outcome.FORWARDED)

    province = make_council(era=Council.Era.RULES_148, level=Council.Level.PROVINCE)
    upper = services.evaluation_open(user=officer, registration=eighty.registration, council=province, sheet=small)
    eighty.refresh_from_db()
    assert eighty.forwarded_to == upper


@pytest.mark.parametrize(
    ("era", "level", "stars"),
    [
        ("bk2018", "province", [3, 4]),
        ("1048", "district", []),
        ("1048", "province", [3, 4]),
        ("1048", "central", [5]),
        ("148", "province", [4]),
        ("148", "central", [5]),
        ("2025", "commune", []),
        ("2025", "province", [3, 4]),
        ("2025", "central", [5]),
    ],
)
def test_recognisable_stars_by_era_and_level(era, level, stars):
    assert rules.recognisable_stars(era, level) == stars


def test_outcome_rules():
    assert rules.outcome_for(5, [3, 4]) == "forwarded"
    assert rules.outcome_for(3, []) == "forwarded"  # 1048 district forwards ≥ 50
    assert rules.outcome_for(2, []) == "not_recognised"
    assert rules.outcome_for(4, [5]) == "not_recognised"  # central result below 90
    assert rules.outcome_for(None, [3, 4]) == "disqualified"


def test_council_create_fills_the_eras_default(officer):
    unit = factories.bac_kan_tree()["province"]
    council = services.council_create(
        user=officer, name="Hội đồng tỉnh 2026", level="province", era="2025", unit=unit, year=2026
    )
    assert council.recognisable_stars == [3, 4]
    assert (council.quorum_percent, council.max_spread) == (75, 10)


# --- Spread and quorum ----------------------------------------------------------------------


def test_spread_above_the_maximum_needs_rescoring_or_a_reason(officer, small):
    evaluation = open_evaluation(officer, small)
    low = {"1.1": 20, "1.2": 10, "4.1": 20, "6.1": 20}  # 70; the others 80: spread 10 is allowed
    score_all(evaluation, [ALL_MINIMUMS_80, ALL_MINIMUMS_80, low])
    assert services.evaluation_finalize(user=officer, evaluation=evaluation).spread_flagged is False

    evaluation = open_evaluation(officer, small)
    lower = {"1.1": 20, "1.2": 10, "4.1": 15, "6.1": 20}  # 65: spread 15
    score_all(evaluation, [ALL_MINIMUMS_80, ALL_MINIMUMS_80, lower])
    with pytest.raises(ValidationError, match="chênh nhau 15"):
        services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.OPEN
    evaluation = services.evaluation_finalize(
        user=officer, evaluation=evaluation, spread_override_reason="Hội đồng thảo luận, giữ nguyên điểm"
    )
    assert evaluation.spread_flagged is True
    assert evaluation.average_score == Decimal("75.00")
    assert evaluation.spread_override_reason == "Hội đồng thảo luận, giữ nguyên điểm"


def test_quorum_needs_three_quarters_and_the_chair(officer, small):
    evaluation = open_evaluation(officer, small, members=4)
    chair, *others = scorers(evaluation.council)
    for member in others:  # 3 of 4 = 75%, but without the chair
        services.score_sheet_save(
            user=member.user,
            evaluation=evaluation,
            member=member,
            choices=choices_for(small, ALL_MINIMUMS_80),
            submit=True,
        )
    with pytest.raises(ValidationError, match="3/4"):
        services.evaluation_finalize(user=officer, evaluation=evaluation)
    services.score_sheet_save(
        user=others[0].user, evaluation=evaluation, member=others[0], choices=choices_for(small, ALL_MINIMUMS_80)
    )  # back to draft: 2 of 4 submitted
    services.score_sheet_save(
        user=chair.user, evaluation=evaluation, member=chair, choices=choices_for(small, ALL_MINIMUMS_80), submit=True
    )
    services.score_sheet_save(
        user=others[0].user,
        evaluation=evaluation,
        member=others[0],
        choices=choices_for(small, ALL_MINIMUMS_80),
        submit=True,
    )
    assert services.evaluation_finalize(user=officer, evaluation=evaluation).final_star == 4


def test_quorum_rule():
    assert rules.quorum_met(scoring_members=4, present=3, chair_present=True, percent=75)
    assert not rules.quorum_met(scoring_members=5, present=3, chair_present=True, percent=75)
    assert not rules.quorum_met(scoring_members=4, present=4, chair_present=False, percent=75)


def test_secretary_does_not_count_for_quorum_nor_score(officer, small):
    evaluation = open_evaluation(officer, small, members=1)
    secretary = CouncilMember.objects.create(
        council=evaluation.council, user=factories.user(), full_name="Thư ký", role=CouncilMember.Role.SECRETARY
    )
    with pytest.raises(ValidationError, match="Thư ký"):
        services.score_sheet_save(user=secretary.user, evaluation=evaluation, member=secretary, choices={})
    score_all(evaluation, [ALL_MINIMUMS_80])
    assert services.evaluation_finalize(user=officer, evaluation=evaluation).final_star == 4


# --- Sheets: exactly one option per criterion of the right sheet ----------------------------


def test_sheet_refuses_missing_foreign_and_wrong_options(officer, small):
    evaluation = open_evaluation(officer, small)
    member = scorers(evaluation.council)[0]
    choices = choices_for(small, ALL_MINIMUMS_80)
    first, second = list(choices)[:2]
    partial = {first: choices[first]}
    with pytest.raises(ValidationError, match=r"Chưa chấm các tiêu chí: 1\.2, 4\.1, 6\.1"):
        services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, choices=partial, submit=True)
    draft = services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, choices=partial)
    assert (draft.status, draft.total) == (ScoreSheet.Status.DRAFT, Decimal(30))  # a draft may be partial

    wrong = {**choices, first: choices[second]}
    with pytest.raises(ValidationError, match="không thuộc tiêu chí 1.1"):
        services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, choices=wrong, submit=True)
    with pytest.raises(ValidationError, match="không thuộc phiếu"):
        services.score_sheet_save(
            user=member.user, evaluation=evaluation, member=member, choices={**choices, 999999: 1}
        )
    with pytest.raises(ValidationError, match="không nhận tổng điểm phần"):
        services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, parts=(30, 20, 30))


def test_sheet_total_is_the_sum_of_the_chosen_options(officer, small):
    evaluation = open_evaluation(officer, small)
    member = scorers(evaluation.council)[0]
    sheet = services.score_sheet_save(
        user=member.user, evaluation=evaluation, member=member, choices=choices_for(small, ALL_MINIMUMS_80), submit=True
    )
    assert (sheet.part_a, sheet.part_b, sheet.part_c, sheet.total) == (40, 20, 20, 80)
    assert sheet.lines.count() == 4


def test_legacy_parts_must_stay_within_their_maxima(officer, legacy):
    evaluation = open_evaluation(officer, legacy, era=Council.Era.BK_2018)
    member = scorers(evaluation.council)[0]
    with pytest.raises(ValidationError, match="phần A phải từ 0 đến 35"):
        services.score_sheet_save(
            user=member.user, evaluation=evaluation, member=member, parts=(36, 20, 30), submit=True
        )
    with pytest.raises(ValidationError, match="hai chữ số thập phân"):
        services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, parts=("30.125", 20, 30))
    with pytest.raises(ValidationError, match="không phải là số"):
        services.score_sheet_save(user=member.user, evaluation=evaluation, member=member, parts=("ba mươi", 20, 30))
    sheet = services.score_sheet_save(
        user=member.user, evaluation=evaluation, member=member, parts=("30.5", 20, "39.64"), submit=True
    )
    assert sheet.total == Decimal("90.14")


def test_only_the_member_themself_scores(officer, small):
    evaluation = open_evaluation(officer, small)
    member, other = scorers(evaluation.council)[:2]
    with pytest.raises(PermissionDenied):
        services.score_sheet_save(user=other.user, evaluation=evaluation, member=member, choices={})
    outsider = make_council(members=1).members.get()
    with pytest.raises(ValidationError, match="không phải thành viên"):
        services.score_sheet_save(user=outsider.user, evaluation=evaluation, member=outsider, choices={})


def test_disqualifier_must_belong_to_the_sheet(officer, small, legacy):
    evaluation = open_evaluation(officer, legacy, era=Council.Era.BK_2018)
    member = scorers(evaluation.council)[0]
    foreign = small.disqualifiers.get()
    with pytest.raises(ValidationError, match="Điều kiện loại"):
        services.score_sheet_save(
            user=member.user, evaluation=evaluation, member=member, parts=(30, 20, 30), disqualifier_ids=[foreign.pk]
        )


# --- Opening and finalising -----------------------------------------------------------------


def test_open_needs_an_accepted_registration_and_a_ready_sheet(officer, small):
    council = make_council()
    registration = accepted_registration(product_set=small.product_set)
    registration.status = Registration.Status.SUBMITTED
    registration.save()
    with pytest.raises(TransitionNotAllowed):
        services.evaluation_open(user=officer, registration=registration, council=council, sheet=small)
    registration.status = Registration.Status.ACCEPTED
    registration.save()
    small.status = small.Status.DRAFT
    small.save()
    with pytest.raises(ValidationError, match="còn vấn đề"):
        services.evaluation_open(user=officer, registration=registration, council=council, sheet=small)
    small.status = small.Status.READY
    small.save()
    services.evaluation_open(user=officer, registration=registration, council=council, sheet=small)
    with pytest.raises(Conflict):
        services.evaluation_open(user=officer, registration=registration, council=make_council(), sheet=small)


def test_open_picks_the_sheet_of_the_era_and_product_set(officer, small, legacy):
    registration = accepted_registration(product_set=small.product_set)
    evaluation = services.evaluation_open(user=officer, registration=registration, council=make_council())
    assert evaluation.sheet == small  # 2025 era: the latest per-criterion version, the product's set


def test_finalising_twice_is_refused_and_needs_permission(officer, small):
    evaluation = open_evaluation(officer, small)
    score_all(evaluation, [ALL_MINIMUMS_80] * 3)
    with pytest.raises(PermissionDenied):
        services.evaluation_finalize(user=factories.user(), evaluation=evaluation)
    services.evaluation_finalize(user=officer, evaluation=evaluation)
    with pytest.raises(TransitionNotAllowed, match="đã hoàn tất"):
        services.evaluation_finalize(user=officer, evaluation=evaluation)


def test_allowed_actions(officer, small):
    evaluation = open_evaluation(officer, small)
    member = scorers(evaluation.council)[0]
    assert services.evaluation_allowed_actions(user=member.user, evaluation=evaluation) == ["score"]
    assert services.evaluation_allowed_actions(user=officer, evaluation=evaluation) == ["finalize"]
    score_all(evaluation, [ALL_MINIMUMS_80] * 3)
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert services.evaluation_allowed_actions(user=member.user, evaluation=evaluation) == []
    assert services.evaluation_allowed_actions(user=officer, evaluation=evaluation) == ["issue_certificate"]
