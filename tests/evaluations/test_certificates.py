"""Certificates: dates (Civil Code months), numbers, supersession, revocation, expiry, due list."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404

from evaluations import rules, selectors, services
from evaluations.models import Certificate, CertificateSeries, Evaluation
from ocop_portal.errors import Conflict, TransitionNotAllowed
from organizations.models import IssuingAuthority
from products.models import Product, Registration
from tests import factories
from tests.evaluations.conftest import accepted_registration, choices_for, make_council
from tests.evaluations.test_scoring import ALL_MINIMUMS_80, score_all

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 29)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin "today" so that validity and expiry do not depend on when the suite runs."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def recognised(officer, sheet, points=ALL_MINIMUMS_80, registration=None):
    council = make_council()
    registration = registration or accepted_registration(product_set=sheet.product_set)
    evaluation = services.evaluation_open(user=officer, registration=registration, council=council, sheet=sheet)
    score_all(evaluation, [points] * 3)
    return services.evaluation_finalize(user=officer, evaluation=evaluation)


def issue(officer, evaluation, issued_on, **kwargs):
    return services.certificate_issue(
        user=officer,
        evaluation=evaluation,
        decision_number=kwargs.pop("decision_number", "123/QĐ-UBND"),
        decision_date=kwargs.pop("decision_date", issued_on),
        issued_on=issued_on,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("issued", "expires"),
    [
        (D(2018, 12, 12), D(2021, 12, 12)),  # Bắc Kạn: valid "until the end of 12/12/2021"
        (D(2024, 2, 29), D(2027, 2, 28)),  # no 29/02/2027: last day of that month
        (D(2019, 1, 10), D(2022, 1, 10)),
        (D(2023, 8, 31), D(2026, 8, 31)),
    ],
)
def test_validity_is_36_months_as_the_civil_code_counts(issued, expires):
    assert rules.certificate_expiry(issued) == expires


def test_refiling_window_is_180_to_120_days_before_expiry():
    assert rules.refiling_window(D(2027, 6, 30)) == (D(2027, 1, 1), D(2027, 3, 2))


def test_issue_on_29_february_2024(officer, small):
    evaluation = recognised(officer, small)
    certificate = issue(officer, evaluation, D(2024, 2, 29))
    assert (certificate.issued_on, certificate.expires_on) == (D(2024, 2, 29), D(2027, 2, 28))
    assert certificate.number == "1/GCN-OCOP-06-2024"
    assert (certificate.star, certificate.score, certificate.status) == (4, evaluation.average_score, "active")
    assert certificate.authority.name == "UBND tỉnh Bắc Kạn"
    assert certificate.refiling_window == (D(2026, 9, 1), D(2026, 10, 31))
    product = Product.objects.get(pk=certificate.product_id)
    assert (product.current_star, product.star_valid_until, product.status) == (4, D(2027, 2, 28), "rated")


def test_numbers_follow_the_provinces_pattern_and_sequence(officer, small):
    first = issue(officer, recognised(officer, small), D(2026, 6, 1))
    second = issue(officer, recognised(officer, small), D(2026, 6, 1))
    assert (first.number, second.number) == ("1/GCN-OCOP-06-2026", "2/GCN-OCOP-06-2026")
    CertificateSeries.objects.create(province_code="06", year=2025, pattern="{seq:03d}/QĐ-OCOP-{year}")
    third = issue(officer, recognised(officer, small), D(2025, 3, 1))
    assert third.number == "001/QĐ-OCOP-2025"
    CertificateSeries.objects.filter(province_code="06", year=2025).update(last_seq=0)
    services.certificate_record(
        user=officer,
        product=factories.product(factories.producer(factories.bac_kan_tree()["con_minh"])),
        star=3,
        number="002/QĐ-OCOP-2025",
        decision_number="1/QĐ",
        decision_date=D(2025, 3, 1),
        issued_on=D(2025, 3, 1),
        authority=first.authority,
    )
    assert issue(officer, recognised(officer, small), D(2025, 3, 1)).number == "003/QĐ-OCOP-2025"  # skips a taken one


def test_upgrade_supersedes_the_previous_certificate(officer, small):
    three = recognised(officer, small, {"1.1": 20, "1.2": 5, "4.1": 20, "6.1": 15})
    old = issue(officer, three, D(2025, 1, 15))
    product = three.registration.product
    upgrade = factories.registration(product, year=2027, status=Registration.Status.ACCEPTED, evaluation_type="upgrade")
    new = issue(officer, recognised(officer, small, registration=upgrade), D(2026, 7, 1))
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == (Certificate.Status.SUPERSEDED, new)
    product.refresh_from_db()
    assert (product.current_star, product.star_valid_until) == (4, D(2029, 7, 1))
    assert list(selectors.product_recognitions(product=product)) == [new, old]  # history kept
    assert selectors.current_certificate(product=product) == new


def test_failed_upgrade_keeps_the_recognition(officer, small):
    old = issue(officer, recognised(officer, small, {"1.1": 20, "1.2": 5, "4.1": 20, "6.1": 15}), D(2025, 1, 15))
    product = old.product
    Product.objects.filter(pk=product.pk).update(status=Product.Status.UPGRADING)
    upgrade = factories.registration(product, year=2027, status=Registration.Status.ACCEPTED, evaluation_type="upgrade")
    failed = recognised(officer, small, {"1.1": 10, "1.2": 0, "4.1": 10, "6.1": 10}, registration=upgrade)
    assert failed.outcome == Evaluation.Outcome.NOT_RECOGNISED
    product.refresh_from_db()
    assert (product.status, product.current_star) == ("rated", 3)


def test_a_past_certificate_entered_today_is_stored_expired(officer, small):
    certificate = issue(officer, recognised(officer, small), D(2018, 12, 12))
    assert (certificate.expires_on, certificate.status) == (D(2021, 12, 12), Certificate.Status.EXPIRED)
    product = Product.objects.get(pk=certificate.product_id)
    assert (product.current_star, product.status) == (None, "lapsed")


def test_issue_is_refused_when_it_should_be(officer, small):
    not_recognised = recognised(officer, small, {"1.1": 10, "1.2": 0, "4.1": 10, "6.1": 10})
    with pytest.raises(TransitionNotAllowed):
        issue(officer, not_recognised, TODAY)
    evaluation = recognised(officer, small)
    with pytest.raises(ValidationError, match="trước ngày quyết định"):
        issue(officer, evaluation, D(2026, 1, 1), decision_date=D(2026, 1, 2))
    gone = IssuingAuthority.objects.create(name="UBND huyện Na Rì", level="district", valid_to=D(2025, 6, 30))
    with pytest.raises(ValidationError, match="không còn"):
        issue(officer, evaluation, D(2026, 1, 1), authority=gone)
    issue(officer, evaluation, D(2025, 6, 30), authority=gone)  # its last day is fine
    with pytest.raises(Conflict):
        issue(officer, evaluation, D(2025, 7, 1))


def test_record_a_historical_recognition(officer):
    product = factories.product(factories.producer(factories.bac_kan_tree()["con_minh"]))
    authority = IssuingAuthority.objects.create(name="Bộ NN&PTNT", level="central")
    recorded = dict(
        user=officer,
        product=product,
        number="GCN-5S-2024-01",
        decision_number="2890/QĐ-BNN-VPĐP",
        decision_date=D(2024, 6, 30),
        issued_on=D(2024, 6, 30),
        authority=authority,
    )
    with pytest.raises(ValidationError, match="3 đến 5 sao"):
        services.certificate_record(star=2, **recorded)
    certificate = services.certificate_record(star=5, **recorded)
    assert (certificate.evaluation, certificate.score, certificate.expires_on) == (None, None, D(2027, 6, 30))
    product.refresh_from_db()
    assert product.current_star == 5
    with pytest.raises(Conflict, match="đã được dùng"):
        services.certificate_record(star=5, **recorded)


def test_revoke_on_one_of_the_six_grounds(officer, small):
    certificate = issue(officer, recognised(officer, small), D(2026, 3, 1))
    assert len(Certificate.RevocationGround.choices) == 6
    with pytest.raises(ValidationError, match="Căn cứ"):
        services.certificate_revoke(
            user=officer, certificate=certificate, ground="x", decision="1/QĐ", revoked_on=TODAY
        )
    with pytest.raises(ValidationError, match="số quyết định"):
        services.certificate_revoke(
            user=officer, certificate=certificate, ground="forged", decision=" ", revoked_on=TODAY
        )
    revoked = services.certificate_revoke(
        user=officer, certificate=certificate, ground="forged", decision="99/QĐ-UBND", revoked_on=TODAY
    )
    assert (revoked.status, revoked.revocation_ground, revoked.revoked_on) == ("revoked", "forged", TODAY)
    product = Product.objects.get(pk=certificate.product_id)
    assert (product.current_star, product.status) == (None, "revoked")
    with pytest.raises(TransitionNotAllowed):
        services.certificate_revoke(user=officer, certificate=revoked, ground="forged", decision="1", revoked_on=TODAY)
    assert services.certificate_allowed_actions(user=officer, certificate=revoked) == ["print"]


def test_expire_after_the_last_valid_day(officer, small, today):
    certificate = issue(officer, recognised(officer, small), D(2023, 11, 29))  # valid through 29/11/2026 = today
    assert certificate.status == "active"
    assert services.certificates_expire() == 0  # still valid on its last day
    assert services.certificates_expire(today=D(2026, 11, 30)) == 1
    certificate.refresh_from_db()
    product = Product.objects.get(pk=certificate.product_id)
    assert (certificate.status, product.status, product.current_star) == ("expired", "lapsed", None)


def test_pending_re_evaluation_keeps_validity_up_to_180_days(officer, small):
    certificate = issue(officer, recognised(officer, small), D(2023, 11, 29))
    factories.registration(
        certificate.product, year=2027, status=Registration.Status.SUBMITTED, evaluation_type="re_evaluation"
    )
    assert services.certificates_expire(today=D(2027, 5, 28)) == 0  # 180 days after 29/11/2026
    assert services.certificates_expire(today=D(2027, 5, 29)) == 1


def test_grace_ends_with_a_negative_re_evaluation(officer, small):
    certificate = issue(officer, recognised(officer, small), D(2023, 11, 29))
    registration = factories.registration(
        certificate.product, year=2027, status=Registration.Status.ACCEPTED, evaluation_type="re_evaluation"
    )
    assert services.certificates_expire(today=D(2026, 12, 15)) == 0
    failed = recognised(officer, small, {"1.1": 10, "1.2": 0, "4.1": 10, "6.1": 10}, registration=registration)
    assert failed.outcome == Evaluation.Outcome.NOT_RECOGNISED
    assert services.certificates_expire(today=D(2026, 12, 15)) == 1


def test_certificates_due_command(officer, small):
    soon = issue(officer, recognised(officer, small), D(2024, 1, 10))  # expires 10/01/2027
    window = issue(officer, recognised(officer, small), D(2024, 6, 20))  # expires 20/06/2027, window opens 22/12/2026
    issue(officer, recognised(officer, small), D(2026, 1, 5))  # far away
    due = selectors.certificates_due(days=30, today=TODAY)
    assert [row.certificate for row in due] == [soon, window]
    assert due[1].refiling_opens_on == D(2026, 12, 22)
    out = StringIO()
    call_command("certificates_due", "--days", "30", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "2 giấy chứng nhận"
    assert soon.number in lines[0] and "10/01/2027" in lines[0]
    assert "mở nộp hồ sơ" in lines[1] and "22/12/2026–20/02/2027" in lines[1]


def test_certificate_for_print(officer, small):
    certificate = issue(officer, recognised(officer, small), D(2024, 2, 29))
    data = selectors.certificate_for_print(user=officer, pk=certificate.pk)
    assert (data.number, data.star, data.issued_on, data.expires_on) == (
        "1/GCN-OCOP-06-2024",
        4,
        "29/02/2024",
        "28/02/2027",
    )
    assert data.authority_name == "UBND tỉnh Bắc Kạn" and data.is_active
    outsider = factories.user(role="area_staff", unit_obj=factories.bac_kan_tree()["cho_moi"])
    assert selectors.certificate_for_print(user=outsider, pk=certificate.pk).number == data.number  # published
    services.certificate_revoke(
        user=officer, certificate=certificate, ground="stopped", decision="1/QĐ", revoked_on=TODAY
    )
    with pytest.raises(Http404):
        selectors.certificate_for_print(user=outsider, pk=certificate.pk)


def test_choices_helper_is_consistent(small):
    assert len(choices_for(small, ALL_MINIMUMS_80)) == 4
