"""Concurrency with real transactions: threads, each with its own database connection.

Every test here commits (``transaction=True``), so what one thread sees of another is what
PostgreSQL shows, with the row locks the services take.
"""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from evaluations import services
from evaluations.models import Evaluation, ScoreLine, ScoreSheet
from ocop_portal.errors import TransitionNotAllowed
from tests import factories
from tests.evaluations.conftest import accepted_registration, choices_for, load_small_version, make_council
from tests.evaluations.test_scoring import ALL_MINIMUMS_80, scorers

SEVENTY = {"1.1": 20, "1.2": 10, "4.1": 20, "6.1": 20}


def run_together(*calls):
    """Start the calls at the same moment in threads; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def scene(transactional_db):
    sheet = load_small_version("TEST-CONC")
    officer = factories.user(is_superuser=True, is_staff=True)
    council = make_council(members=2)
    registration = accepted_registration(product_set=sheet.product_set)
    evaluation = services.evaluation_open(user=officer, registration=registration, council=council, sheet=sheet)
    return officer, sheet, evaluation, scorers(council)


def save(member, evaluation, sheet, points, submit=True):
    return lambda: services.score_sheet_save(
        user=member.user, evaluation=evaluation, member=member, choices=choices_for(sheet, points), submit=submit
    )


@pytest.mark.django_db(transaction=True)
def test_two_members_saving_at_once_are_both_counted(scene):
    officer, sheet, evaluation, (chair, member) = scene
    results = run_together(save(chair, evaluation, sheet, ALL_MINIMUMS_80), save(member, evaluation, sheet, SEVENTY))
    assert all(isinstance(result, ScoreSheet) for result in results), results
    assert ScoreSheet.objects.filter(evaluation=evaluation, status="submitted").count() == 2
    evaluation = services.evaluation_finalize(user=officer, evaluation=evaluation)
    assert evaluation.average_score == Decimal("75.00")


@pytest.mark.django_db(transaction=True)
def test_finalising_twice_at_once_finalises_once(scene):
    officer, sheet, evaluation, (chair, member) = scene
    save(chair, evaluation, sheet, ALL_MINIMUMS_80)()
    save(member, evaluation, sheet, ALL_MINIMUMS_80)()
    finalize = lambda: services.evaluation_finalize(user=officer, evaluation=evaluation)  # noqa: E731
    results = run_together(finalize, finalize)
    assert sum(isinstance(result, Evaluation) for result in results) == 1, results
    assert sum(isinstance(result, TransitionNotAllowed) for result in results) == 1, results


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_the_finalisation_is_counted_or_refused(scene):
    officer, sheet, evaluation, (chair, member) = scene
    save(chair, evaluation, sheet, ALL_MINIMUMS_80)()
    save(member, evaluation, sheet, ALL_MINIMUMS_80)()
    results = run_together(
        lambda: services.evaluation_finalize(user=officer, evaluation=evaluation),
        save(member, evaluation, sheet, SEVENTY),
    )
    assert isinstance(results[0], Evaluation), results
    evaluation.refresh_from_db()
    totals = list(ScoreSheet.objects.filter(evaluation=evaluation).values_list("total", flat=True))
    assert evaluation.average_score == sum(totals) / len(totals)  # the result is the sheets as stored
    if isinstance(results[1], ScoreSheet):
        assert evaluation.average_score == Decimal("75.00")  # saved before: counted
    else:
        assert isinstance(results[1], TransitionNotAllowed)  # came after: refused, nothing changed
        assert evaluation.average_score == Decimal("80.00")


@pytest.mark.django_db(transaction=True)
def test_locked_sheets_cannot_change_through_any_interface(scene):
    officer, sheet, evaluation, (chair, member) = scene
    save(chair, evaluation, sheet, ALL_MINIMUMS_80)()
    save(member, evaluation, sheet, ALL_MINIMUMS_80)()
    services.evaluation_finalize(user=officer, evaluation=evaluation)
    with pytest.raises(TransitionNotAllowed, match="đã khóa"):
        save(member, evaluation, sheet, SEVENTY)()
    locked = ScoreSheet.objects.filter(evaluation=evaluation)
    attempts = [
        lambda: locked.update(total=Decimal(70)),
        lambda: ScoreLine.objects.filter(score_sheet__evaluation=evaluation).delete(),
        lambda: ScoreLine.objects.filter(score_sheet__evaluation=evaluation).update(points=0),
        lambda: locked.first().disqualifiers.add(sheet.disqualifiers.get()),
        lambda: ScoreSheet.objects.create(evaluation=evaluation, member=make_council(members=1).members.get()),
        lambda: Evaluation.objects.filter(pk=evaluation.pk).update(final_star=5),
        lambda: Evaluation.objects.filter(pk=evaluation.pk).update(status="open"),
    ]
    for attempt in attempts:  # raw ORM writes, as a shell or a bug would do them: the database refuses
        with pytest.raises(IntegrityError, match="locked"), transaction.atomic():
            attempt()
    assert {sheet.total for sheet in locked} == {Decimal(80)}
    Evaluation.objects.filter(pk=evaluation.pk).update(held_on="2026-06-01")  # the meeting date may be filled in
