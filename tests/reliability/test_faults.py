"""A failure in the middle of a write leaves nothing half-written.

Each test commits for real (``transaction=True``): the service's transaction is the outermost one,
as in production. The fault is injected at a late step, after the service has already written
rows — a bug (an exception from a callee) or the database connection cut by the server
(``pg_terminate_backend``, what a PostgreSQL restart does) — and every table of the database is
compared before and after (row counts and checksums).
"""

from decimal import Decimal

import pytest
from django.db import Error, connection
from django.utils import timezone

from evaluations import services as evaluation_services
from evaluations.models import Certificate, CertificateSeries, Evaluation
from ocop_portal import importer
from ocop_portal.reliability.fingerprints import differences, table_fingerprints
from organizations import services as organization_services
from organizations.transfer import PRODUCERS
from products.models import Product
from tests import factories
from tests.evaluations.conftest import accepted_registration, load_small_version, make_council
from tests.evaluations.test_scoring import ALL_MINIMUMS_80, score_all
from tests.transfer.conftest import run, xlsx

pytestmark = pytest.mark.django_db(transaction=True)

LOW = {"1.1": 10, "1.2": 0, "4.1": 10, "6.1": 10}  # 30 points: 2★, not recognised


class InjectedFault(Exception):
    """The bug a test plants in a callee."""


def cut_the_connection(*args, **kwargs):
    """What a restart of PostgreSQL does to an open session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")


def fail(*args, **kwargs):
    raise InjectedFault("injected")


FAULTS = {"exception": (fail, InjectedFault), "connection_cut": (cut_the_connection, Error)}


@pytest.fixture
def restore_connection():
    yield
    connection.close()  # a cut connection is replaced for the checks and the teardown


@pytest.fixture
def officer():
    return factories.user(is_superuser=True, is_staff=True)


def open_scored(officer, points):
    sheet = load_small_version("TEST-FAULT")
    evaluation = evaluation_services.evaluation_open(
        user=officer,
        registration=accepted_registration(product_set=sheet.product_set),
        council=make_council(),
        sheet=sheet,
    )
    score_all(evaluation, [points] * 3)
    return evaluation


@pytest.mark.parametrize("fault", FAULTS)
def test_finalisation_failing_after_it_wrote_the_result_leaves_the_evaluation_open(
    officer, monkeypatch, restore_connection, fault
):
    evaluation = open_scored(officer, LOW)
    before = table_fingerprints()
    inject, expected = FAULTS[fault]
    # The last step of a refusal: the product goes back to the recognition it holds (after the
    # evaluation row was saved as finalised).
    monkeypatch.setattr(evaluation_services, "_product_after_refusal", inject)
    with pytest.raises(expected):
        evaluation_services.evaluation_finalize(user=officer, evaluation=evaluation)
    connection.close()
    assert differences(before, table_fingerprints()) == {}
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert (evaluation.status, evaluation.average_score) == (Evaluation.Status.OPEN, None)
    monkeypatch.undo()
    finalised = evaluation_services.evaluation_finalize(user=officer, evaluation=evaluation)  # and it can be redone
    assert finalised.average_score == Decimal("30.00")


@pytest.mark.parametrize("fault", FAULTS)
def test_certificate_issue_failing_at_its_last_step_draws_no_number(officer, monkeypatch, restore_connection, fault):
    evaluation = open_scored(officer, ALL_MINIMUMS_80)
    evaluation = evaluation_services.evaluation_finalize(user=officer, evaluation=evaluation)
    today = timezone.localdate()
    issue = dict(
        user=officer, evaluation=evaluation, decision_number="12/QĐ-UBND", decision_date=today, issued_on=today
    )
    before = table_fingerprints()
    inject, expected = FAULTS[fault]
    # The last write of the issue: the product's current star (after the certificate row and the
    # certificate number were written).
    monkeypatch.setattr(evaluation_services, "_save_product", inject)
    with pytest.raises(expected):
        evaluation_services.certificate_issue(**issue)
    connection.close()
    assert differences(before, table_fingerprints()) == {}
    assert not Certificate.objects.exists()
    assert Product.objects.get(pk=evaluation.registration.product_id).current_star is None
    monkeypatch.undo()
    certificate = evaluation_services.certificate_issue(**issue)
    assert certificate.number == f"1/GCN-OCOP-06-{today.year}"  # the failed attempt used no number
    assert CertificateSeries.objects.get().last_seq == 1


HEADINGS = ["Tên chủ thể *", "Loại hình *", "Mã số thuế", "Tỉnh/thành phố", "Quận/huyện", "Xã/phường *"]


@pytest.mark.parametrize("fault", FAULTS)
def test_an_import_failing_in_a_late_batch_writes_nothing(monkeypatch, restore_connection, fault):
    area = factories.bac_kan_tree()
    officer = factories.user("officer_fault", role="officer", unit_obj=area["province"], is_staff=True)
    factories.producer(area["con_minh"], name="HTX có sẵn")
    monkeypatch.setattr(importer, "BATCH_SIZE", 5)  # several batches are written before the failure
    rows = [[f"HTX số {n}", "Hợp tác xã", None, "Bắc Kạn", "Na Rì", "Côn Minh"] for n in range(1, 24)]
    before = table_fingerprints()
    inject, expected = FAULTS[fault]
    real_create = organization_services.producer_create
    calls = []

    def create_until_the_twentieth(**kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 20:
            inject()
        return real_create(**kwargs)

    monkeypatch.setattr(organization_services, "producer_create", create_until_the_twentieth)
    real_create_many = organization_services.producers_create_many

    def create_many_until_the_twentieth(*, user, rows):  # new rows of a batch are created together
        for fields in rows:
            calls.append(fields["name"])
            if len(calls) == 20:
                inject()
        return real_create_many(user=user, rows=rows)

    monkeypatch.setattr(organization_services, "producers_create_many", create_many_until_the_twentieth)
    try:
        result = run(PRODUCERS, xlsx(HEADINGS, rows), officer)
    except expected:
        result = None
    connection.close()
    assert len(calls) >= 20
    if result is not None:  # a cut connection may also come back as row errors of a rolled-back import
        assert not result.committed and result.errors
    assert differences(before, table_fingerprints()) == {}
    monkeypatch.undo()
    assert run(PRODUCERS, xlsx(HEADINGS, rows), officer).committed  # the same file goes in whole afterwards
