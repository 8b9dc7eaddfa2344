"""The evaluation admin: lists without N+1, read-only criteria, actions that call the services."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.models import Certificate, Council, Evaluation
from tests import factories
from tests.evaluations.test_certificates import issue, recognised
from tests.evaluations.test_scoring import ALL_MINIMUMS_80, open_evaluation, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, officer):
    client.force_login(officer)
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(context)


@pytest.mark.parametrize(
    "name", ["evaluation", "certificate", "council", "criteriasheet", "criteriaversion", "criterionoption"]
)
def test_lists_do_not_grow_with_the_rows(admin_client, officer, small, name):
    url = reverse(f"admin:evaluations_{name}_changelist")
    issue(officer, recognised(officer, small), datetime.date(2026, 3, 1))
    few = queries(admin_client, url)
    for _ in range(3):
        issue(officer, recognised(officer, small), datetime.date(2026, 3, 1))
    assert queries(admin_client, url) == few


def test_change_pages_open(admin_client, officer, small):
    certificate = issue(officer, recognised(officer, small), datetime.date(2026, 3, 1))
    for url in [
        reverse("admin:evaluations_evaluation_change", args=[certificate.evaluation_id]),
        reverse("admin:evaluations_certificate_change", args=[certificate.pk]),
        reverse("admin:evaluations_criteriasheet_change", args=[small.pk]),
        reverse("admin:evaluations_council_change", args=[certificate.evaluation.council_id]),
        reverse("admin:evaluations_evaluation_add"),
        reverse("admin:evaluations_certificate_add"),
    ]:
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get(reverse("admin:evaluations_criteriasheet_change", args=[small.pk])).content.decode()
    assert "1.2 Liên kết" in page and "Phương án 8 điểm — 8 ****" in page


def test_finalize_action_asks_for_a_reason_then_calls_the_service(admin_client, officer, small):
    evaluation = open_evaluation(officer, small)
    score_all(evaluation, [ALL_MINIMUMS_80] * 3)
    url = reverse("admin:evaluations_evaluation_changelist")
    selection = {"action": "finalize", "_selected_action": [evaluation.pk]}
    page = admin_client.post(url, selection)
    assert page.status_code == 200 and "Lý do chấp nhận chênh lệch" in page.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == "open"
    response = admin_client.post(url, {**selection, "spread_override_reason": "", "apply": "1"}, follow=True)
    assert "Đã hoàn tất" in response.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.final_star) == ("finalised", 4)
    response = admin_client.post(url, {**selection, "apply": "1"}, follow=True)  # a second time: refused, shown
    assert "đã hoàn tất" in response.content.decode()


def test_issue_and_revoke_actions(admin_client, officer, small):
    evaluation = recognised(officer, small)
    url = reverse("admin:evaluations_evaluation_changelist")
    admin_client.post(
        url,
        {
            "action": "issue_certificate",
            "_selected_action": [evaluation.pk],
            "decision_number": "12/QĐ-UBND",
            "decision_date": "01/03/2026",
            "issued_on": "01/03/2026",
            "apply": "1",
        },
    )
    certificate = Certificate.objects.get(evaluation=evaluation)
    assert (certificate.number, certificate.expires_on) == ("1/GCN-OCOP-06-2026", datetime.date(2029, 3, 1))
    admin_client.post(
        reverse("admin:evaluations_certificate_changelist"),
        {
            "action": "revoke",
            "_selected_action": [certificate.pk],
            "ground": "mark_misuse",
            "decision": "5/QĐ-UBND",
            "revoked_on": "02/03/2026",
            "apply": "1",
        },
    )
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_ground) == ("revoked", "mark_misuse")


def test_add_evaluation_goes_through_the_service(admin_client, officer, small):
    from tests.evaluations.conftest import accepted_registration, make_council

    registration = accepted_registration(product_set=small.product_set)
    council = make_council()
    response = admin_client.post(
        reverse("admin:evaluations_evaluation_add"),
        {"registration": registration.pk, "council": council.pk, "sheet": ""},
    )
    assert response.status_code == 302
    assert Evaluation.objects.get(registration=registration).sheet == small  # the service chose the sheet


def test_criteria_are_read_only_and_a_new_council_gets_its_eras_stars(admin_client, small):
    version = small.version
    assert admin_client.get(reverse("admin:evaluations_criteriaversion_add")).status_code == 403
    response = admin_client.post(reverse("admin:evaluations_criteriaversion_change", args=[version.pk]), {"name": "x"})
    assert response.status_code == 403
    unit = factories.bac_kan_tree()["na_ri"]
    response = admin_client.post(
        reverse("admin:evaluations_council_add"),
        {
            "name": "Hội đồng huyện Na Rì 2024",
            "level": "district",
            "era": "148",
            "unit": unit.pk,
            "year": 2024,
            "round": 1,
            "quorum_percent": 75,
            "max_spread": "10",
            "recognisable_stars": "",
            "members-TOTAL_FORMS": 0,
            "members-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Council.objects.get(name="Hội đồng huyện Na Rì 2024").recognisable_stars == [3]
