"""Ten council members save their sheets on one evaluation at the same moment: every sheet counts, once.

Real transactions in ten threads, each with its own connection (``transaction=True``). Run by
``make check-reliability`` (marker ``reliability``).
"""

from decimal import Decimal

import pytest

from evaluations import services
from evaluations.models import ScoreLine, ScoreSheet
from tests import factories
from tests.evaluations.conftest import accepted_registration, choices_for, load_small_version, make_council
from tests.evaluations.test_concurrency import run_together
from tests.evaluations.test_scoring import scorers

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

MEMBERS = 10
# Totals from 60 to 85 points, different members, different sheets.
POINTS = [{"1.1": 30, "1.2": 10, "4.1": 10 + 5 * (n % 3), "6.1": 10 + 5 * (n // 3)} for n in range(MEMBERS)]


def total(points):
    return sum(points.values())


@pytest.fixture
def session():
    sheet = load_small_version("TEST-TEN")
    officer = factories.user(is_superuser=True, is_staff=True)
    council = make_council(members=MEMBERS, max_spread=Decimal(40))
    registration = accepted_registration(product_set=sheet.product_set)
    evaluation = services.evaluation_open(user=officer, registration=registration, council=council, sheet=sheet)
    return officer, sheet, evaluation, scorers(council)


def save_all(sheet, evaluation, members, points, *, submit):
    return run_together(
        *[
            (
                lambda member=member, chosen=chosen: services.score_sheet_save(
                    user=member.user,
                    evaluation=evaluation,
                    member=member,
                    choices=choices_for(sheet, chosen),
                    submit=submit,
                )
            )
            for member, chosen in zip(members, points, strict=True)
        ]
    )


def test_ten_members_saving_at_once_are_each_counted_once(session):
    officer, sheet, evaluation, members = session
    assert len(members) == MEMBERS
    drafts = save_all(sheet, evaluation, members, list(reversed(POINTS)), submit=False)
    assert all(isinstance(result, ScoreSheet) for result in drafts), drafts
    results = save_all(sheet, evaluation, members, POINTS, submit=True)  # everyone changes their draft at once
    assert all(isinstance(result, ScoreSheet) for result in results), results
    sheets = ScoreSheet.objects.filter(evaluation=evaluation)
    assert sheets.count() == MEMBERS
    assert sorted(sheets.values_list("total", flat=True)) == sorted(Decimal(total(p)) for p in POINTS)
    assert set(sheets.values_list("status", flat=True)) == {"submitted"}
    assert ScoreLine.objects.filter(score_sheet__evaluation=evaluation).count() == MEMBERS * 4  # no line twice
    finalised = services.evaluation_finalize(user=officer, evaluation=evaluation)
    expected = sum(Decimal(total(p)) for p in POINTS) / MEMBERS
    assert finalised.average_score == expected.quantize(Decimal("0.01"))
