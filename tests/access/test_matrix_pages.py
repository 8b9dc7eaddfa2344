"""The permission matrix (``tests/access/matrix.py``) through the portal pages.

How the pages answer each outcome:

- ``view``: the record's page answers 200 (ALLOW), 404 (HIDDEN); DENY is a refusal — 404 (the
  pages never confirm a record's existence to someone who may not open it, so a refusal and a
  hidden record look alike) or, for anonymous users, the sign-in page. Pages: a producer's and a
  product's public page, a registration's dossier, an evaluation's results, a certificate.
- ``change``: the area edit page of a producer or product opens with its form (ALLOW); 404 or the
  sign-in page otherwise.
- a registration step (``submit``, ``withdraw``, ``accept``, ``return``): posting it from the
  state it applies to moves the registration on (ALLOW); otherwise the status does not move and
  the answer is a 404 (HIDDEN: always; DENY: a 404, the sign-in page, or the page again with the
  service's refusal).
- ``evaluation.finalize`` / ``certificate.revoke``: the evaluation's page offers the button, the
  certificate's revoke page its form (ALLOW); they are not offered, or the page is refused (DENY);
  404 (HIDDEN).

Not judged here: API clients (they use the API; ``test_matrix_api.py``), ``list``/``add``/``delete``
(the pages list by area and create through flows the area tests cover; nothing is deleted from the
pages), ``evaluation.score`` for roles outside the council (the score sheet is a member's own: an
officer holds the permission but has no sheet; a sheet row is judged on its evaluation's), and models without pages.
"""

import pytest
from django.urls import reverse

from products.models import Registration
from tests.access.matrix import ALLOW, HIDDEN, ROWS

pytestmark = pytest.mark.django_db

VIEW_PAGES = {
    "producer": "producer-detail",
    "product": "product-detail",
    "registration": "registration-detail",
    "evaluation": "evaluation-detail",
    "certificate": "certificate-print",
}
CHANGE_PAGES = {"producer": "area-producer-edit", "product": "area-product-edit"}
REGISTRATION_STEPS = {
    "registration.submit": ("draft", "submitted", {}),
    "registration.withdraw": ("draft", "withdrawn", {}),
    "registration.accept": ("submitted", "accepted", {}),
    "registration.return": ("submitted", "returned", {"reason": "Thiếu phiếu kiểm nghiệm"}),
}
OFFERED = {"evaluation.finalize", "certificate.revoke"}


def judged(row) -> bool:
    if row.role == "api_client":
        return False
    if row.action == "view":
        return row.family in VIEW_PAGES
    if row.action == "change":
        return row.family in CHANGE_PAGES
    if row.action == "evaluation.score":
        return row.family == "evaluation" and row.role in ("council_chair", "council_member")
    return row.action in REGISTRATION_STEPS or row.action in OFFERED


PAGE_ROWS = [row for row in ROWS if judged(row)]


def refused(response) -> bool:
    """404, or the sign-in page for an anonymous visitor."""
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith(reverse("login"))
    )


@pytest.fixture
def as_role(client, world):
    def sign_in(role):
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.mark.parametrize("row", PAGE_ROWS, ids=[row.id for row in PAGE_ROWS])
def test_pages_follow_the_matrix(row, world, as_role):
    obj = world.objects[row.resource]
    client = as_role(row.role)
    if row.action in ("view", "change"):
        name = (VIEW_PAGES if row.action == "view" else CHANGE_PAGES)[row.family]
        response = client.get(reverse(name, args=[obj.pk]))
        if row.expected == ALLOW:
            assert response.status_code == 200
            if row.action == "change":
                assert "form" in response.context
        elif row.expected == HIDDEN:
            assert response.status_code == 404
        else:
            assert refused(response)
    elif row.action in REGISTRATION_STEPS:
        start, end, data = REGISTRATION_STEPS[row.action]
        Registration.objects.filter(pk=obj.pk).update(status=start)
        step = row.action.split(".")[1]
        response = client.post(reverse("registration-action", args=[obj.pk, step]), data)
        status = Registration.objects.get(pk=obj.pk).status
        if row.expected == ALLOW:
            assert status == end
        else:
            assert status == start
            assert response.status_code in ((404,) if row.expected == HIDDEN else (404, 302))
    elif row.action == "evaluation.score":
        response = client.get(
            reverse("score-sheet", args=[obj.evaluation_id if row.family == "scoresheet" else obj.pk])
        )
        if row.family == "scoresheet":
            pytest.skip("a member's own sheet opens from their sessions; judged on the evaluation row")
        assert (response.status_code == 200) == (row.expected == ALLOW)
    else:
        if row.action == "evaluation.finalize":
            response = client.get(reverse("evaluation-detail", args=[obj.pk]))
            offered = response.status_code == 200 and "finalize" in response.context["actions"]
        else:
            response = client.get(reverse("certificate-revoke", args=[obj.pk]))
            offered = response.status_code == 200 and "revoke" in response.context["actions"]
        if row.expected == ALLOW:
            assert offered
        elif row.expected == HIDDEN:
            assert response.status_code == 404
        else:
            assert not offered
            assert response.status_code == 200 or refused(response)
