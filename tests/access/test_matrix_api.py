"""The permission matrix (``tests/access/matrix.py``) through the REST API, each role with its own token.

How the API answers each outcome:

- ``list``: ``GET /api/v1/<resource>/`` answers 200 with the record (ALLOW) or without it
  (HIDDEN); 401 (anonymous) or 403 (a role without the view permission) is DENY.
- ``view``: the record's URL answers 200 (ALLOW), 404 (HIDDEN), 401/403 (DENY).
- ``add``: ``POST`` of a new record attached to the world record's parent answers 201 (ALLOW);
  401, 403 (no add permission) or 400 with the service's "outside your area" refusal is DENY.
- ``change``: a ``PATCH`` that changes nothing answers 200 (ALLOW), 404 (HIDDEN), 401/403 (DENY).
- ``delete`` (products, plans, target lines, support activities): 204, or 409 when history hangs on
  the record (ALLOW: permission and scope passed, the history rule refused); 404 (HIDDEN); 401/403 (DENY).
- a workflow step (``submit``, ``withdraw``, ``accept``, ``return``, ``evaluation.finalize``,
  ``certificate.issue``, ``certificate.revoke``, ``plan.manage`` as the plan's ``close``): the record
  is first put in the state the step applies to; the ``POST`` answers 200/201 (ALLOW), 404 (HIDDEN),
  401/403 (DENY).

The permission is asked before the record is looked up (as in the access runner), so a role that
may never change a kind of record gets 403 even for a record it cannot see.

Not judged: what the API does not offer (dossier documents have no resource of their own, survey
entries, council members, score sheets one by one, authorities and accounts; producers are not
deleted; ``evaluation.score`` is not an API action).
"""

import pytest
from rest_framework.test import APIClient

from evaluations import services as evaluation_services
from evaluations.models import Evaluation, YearlyPlan
from ocop_portal import services
from products.models import Registration
from tests.access.matrix import ALLOW, DENY, HIDDEN, ROWS

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "producer": "producers",
    "product": "products",
    "registration": "registrations",
    "commendation": "commendations",
    "council": "councils",
    "evaluation": "evaluations",
    "certificate": "certificates",
    "plan": "plans",
    "target": "targets",
    "support": "support-activities",
    "unit": "admin-units",
}
PLANNING = {"plan", "target", "support"}
ADDABLE = {"producer", "product", "registration"} | PLANNING
CHANGEABLE = {"producer", "product"} | PLANNING
DELETABLE = {"product"} | PLANNING
REGISTRATION_STEPS = {
    "registration.submit": ("draft", "submit", {}),
    "registration.withdraw": ("draft", "withdraw", {}),
    "registration.accept": ("submitted", "accept", {}),
    "registration.return": ("submitted", "return", {"reason": "Thiếu phiếu kiểm nghiệm"}),
}
EVALUATION_STEPS = {"evaluation.finalize", "certificate.issue", "certificate.revoke"}
PLAN_STEPS = {"plan.manage"}


def judged(row) -> bool:
    if row.family == "scoresheet":
        return row.action in ("list", "view")
    if row.family not in ENDPOINTS:
        return False
    return (
        row.action in ("list", "view")
        or (row.action == "add" and row.family in ADDABLE)
        or (row.action == "change" and row.family in CHANGEABLE)
        or (row.action == "delete" and row.family in DELETABLE)
        or row.action in REGISTRATION_STEPS
        or row.action in EVALUATION_STEPS
        or row.action in PLAN_STEPS
    )


JUDGED = [row for row in ROWS if judged(row)]


def client_of(world, role):
    user = world.user(role)
    client = APIClient()
    if user is not None:
        _, secret = services.api_token_create(user=None, owner=user, name="matrix", read_only=False)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def by_status(response, allowed=(200,)) -> str:
    if response.status_code in allowed:
        return ALLOW
    if response.status_code == 404:
        return HIDDEN
    assert response.status_code in (401, 403), (response.status_code, response.content)
    return DENY


def listed(client, row, obj) -> str:
    if row.family == "scoresheet":
        response = client.get(f"/api/v1/evaluations/{obj.evaluation_id}/score-sheets/")
        if response.status_code != 200:
            return by_status(response)
        return ALLOW if obj.pk in {sheet["id"] for sheet in response.json()} else HIDDEN
    response = client.get(f"/api/v1/{ENDPOINTS[row.family]}/", {"page_size": 200})
    if response.status_code != 200:
        return by_status(response)
    return ALLOW if obj.pk in {item["id"] for item in response.json()["results"]} else HIDDEN


def added(client, row, obj) -> str:
    if row.family == "producer":
        payload = {"name": "HTX mới (ma trận)", "legal_form": "cooperative", "commune_id": obj.commune_id}
    elif row.family == "product":
        payload = {"name": "Sản phẩm mới (ma trận)", "producer_id": obj.producer_id}
        payload["origin_commune_id"] = obj.producer.commune_id
    elif row.family == "plan":
        payload = {"unit_id": obj.unit_id, "year": obj.year + 1, "title": "Kế hoạch mới (ma trận)"}
    elif row.family == "target":
        payload = {"plan_id": obj.plan_id, "indicator": "upgrade_3_4", "unit_id": obj.unit_id, "target_min": 1}
    elif row.family == "support":
        payload = {"producer_id": obj.producer_id, "year": obj.year, "kind": "trade_fair"}
    else:
        payload = {"product_id": obj.product_id, "year": 2027}
    response = client.post(f"/api/v1/{ENDPOINTS[row.family]}/", payload, format="json")
    if response.status_code == 400:
        assert "ngoài địa bàn" in str(response.json()), response.json()
        return DENY
    return by_status(response, allowed=(201,))


def stepped(client, row, world, obj) -> str:
    if row.action in REGISTRATION_STEPS:
        status, path, payload = REGISTRATION_STEPS[row.action]
        Registration.objects.filter(pk=obj.pk).update(status=status)
        response = client.post(f"/api/v1/registrations/{obj.pk}/{path}/", payload, format="json")
        return by_status(response)
    if row.action == "plan.manage":
        YearlyPlan.objects.filter(pk=obj.pk).update(status=YearlyPlan.Status.APPROVED)
        return by_status(client.post(f"/api/v1/plans/{obj.pk}/close/"))
    if row.action == "certificate.revoke":
        payload = {"ground": "mark_misuse", "decision": "9/QĐ-UBND", "revoked_on": obj.issued_on.isoformat()}
        return by_status(client.post(f"/api/v1/certificates/{obj.pk}/revoke/", payload, format="json"))
    # The council's evaluation with both sheets submitted (and, to issue, finalised).
    for role, key in (("council_chair", "scoresheet:chair"), ("council_member", "scoresheet:member")):
        evaluation_services.score_sheet_save(
            user=world.user(role), evaluation=obj, member=world.objects[key].member, parts=(30, 20, 30), submit=True
        )
    if row.action == "evaluation.finalize":
        return by_status(client.post(f"/api/v1/evaluations/{obj.pk}/finalize/"))
    evaluation_services.evaluation_finalize(user=None, evaluation=obj)
    assert Evaluation.objects.get(pk=obj.pk).outcome == Evaluation.Outcome.RECOGNISED
    payload = {"decision_number": "8/QĐ-UBND", "decision_date": "2026-11-20", "issued_on": "2026-11-20"}
    return by_status(client.post(f"/api/v1/evaluations/{obj.pk}/issue/", payload, format="json"), allowed=(201,))


def outcome(row, world) -> str:
    client = client_of(world, row.role)
    obj = world.objects[row.resource]
    if row.action == "list":
        return listed(client, row, obj)
    if row.action == "view":
        if row.family == "scoresheet":
            return listed(client, row, obj)
        return by_status(client.get(f"/api/v1/{ENDPOINTS[row.family]}/{obj.pk}/"))
    if row.action == "add":
        return added(client, row, obj)
    if row.action == "change":
        return by_status(client.patch(f"/api/v1/{ENDPOINTS[row.family]}/{obj.pk}/", {}, format="json"))
    if row.action == "delete":
        return by_status(client.delete(f"/api/v1/{ENDPOINTS[row.family]}/{obj.pk}/"), allowed=(204, 409))
    return stepped(client, row, world, obj)


@pytest.mark.parametrize("row", JUDGED, ids=[row.id for row in JUDGED])
def test_the_api_follows_the_matrix(row, world):
    assert outcome(row, world) == row.expected
