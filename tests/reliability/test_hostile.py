"""Hostile input through the real URL map: protected fields, other people's scores, guessed ids,
password guessing and request floods. Each is refused (or ignored) with a clear answer, never a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from evaluations import services as evaluation_services
from evaluations.models import Evaluation, ScoreSheet
from organizations.models import Producer
from products.models import DossierDocument, Product, Registration
from tests.access.world import build_world
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


# --- Protected fields ----------------------------------------------------------------------------


def test_the_star_and_its_validity_cannot_be_written_through_the_api(world):
    staff = client_for(world.user("staff_nari"))
    product = world.objects["product:nari"]
    response = staff.patch(
        f"/api/v1/products/{product.pk}/",
        {"current_star": 5, "star_valid_until": "2031-01-01", "description": "Miến dong sạch"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert (product.current_star, product.star_valid_until, product.description) == (None, None, "Miến dong sạch")


def test_a_workflow_status_cannot_be_typed_on_a_product(world):
    product = world.objects["product:nari"]
    response = client_for(world.user("staff_nari")).patch(
        f"/api/v1/products/{product.pk}/", {"status": "rated"}, format="json"
    )
    assert response.status_code == 400
    assert "không chọn tay" in response.json()["errors"]["status"][0]
    assert Product.objects.get(pk=product.pk).status == product.status


def test_a_new_registration_ignores_the_workflow_fields_it_is_sent(world):
    product = Product.objects.create(
        name="Măng khô Côn Minh", producer=world.objects["producer:nari"], origin_commune=world.units["con_minh"]
    )
    response = client_for(world.user("staff_nari")).post(
        "/api/v1/registrations/",
        {
            "product_id": product.pk,
            "year": 2026,
            "status": "accepted",
            "revision": 99,
            "submitted_at": "2026-01-01T00:00:00Z",
            "accepted_at": "2026-01-02T00:00:00Z",
            "return_reason": "x",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    registration = Registration.objects.get(pk=response.json()["id"])
    assert (registration.status, registration.revision, registration.submitted_at, registration.accepted_at) == (
        "draft",
        1,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/registrations/{registration}/"),
        ("put", "/api/v1/registrations/{registration}/"),
        ("delete", "/api/v1/registrations/{registration}/"),
        ("post", "/api/v1/evaluations/"),
        ("patch", "/api/v1/evaluations/{evaluation}/"),
        ("post", "/api/v1/certificates/"),
        ("patch", "/api/v1/certificates/{certificate}/"),
        ("delete", "/api/v1/certificates/{certificate}/"),
    ],
)
def test_results_and_workflow_states_have_no_write_endpoint(world, method, path):
    ids = {
        "registration": world.objects["registration:council"].pk,
        "evaluation": world.objects["evaluation:council"].pk,
        "certificate": world.objects["certificate:published"].pk,
    }
    body = {"status": "accepted", "final_star": 5, "star": 5, "average_score": "99.00"}
    response = getattr(client_for(world.user("superuser")), method)(path.format(**ids), body, format="json")
    assert response.status_code == 405, response.content
    evaluation = Evaluation.objects.get(pk=ids["evaluation"])
    assert (evaluation.status, evaluation.final_star) == ("open", None)


@pytest.mark.parametrize("role", ["staff_nari", "staff_chomoi", "council_member", "api_client"])
def test_only_an_officer_finalises_or_issues(world, role):
    evaluation = world.objects["evaluation:council"]
    client = client_for(world.user(role))
    bodies = {
        "finalize": {"spread_override_reason": "đồng ý"},
        "issue": {"decision_number": "1/QĐ-UBND", "decision_date": "2026-06-01", "issued_on": "2026-06-01"},
    }
    for step, body in bodies.items():
        response = client.post(f"/api/v1/evaluations/{evaluation.pk}/{step}/", body, format="json")
        assert response.status_code in (403, 404), (step, response.status_code, response.content)
    assert Evaluation.objects.get(pk=evaluation.pk).status == "open"


def test_a_member_cannot_score_for_another_member(world):
    evaluation = world.objects["evaluation:council"]
    chair_sheet, member_sheet = world.objects["scoresheet:chair"], world.objects["scoresheet:member"]
    member_user, chair = world.user("council_member"), world.objects["member:chair"]
    with pytest.raises(PermissionDenied):
        evaluation_services.score_sheet_save(
            user=member_user, evaluation=evaluation, member=chair, parts=("30", "20", "30"), submit=True
        )
    # The page takes the member from the session, whatever the form names.
    client = Client()
    client.force_login(member_user)
    response = client.post(
        f"/evaluations/{evaluation.pk}/score/",
        {"member": chair.pk, "part_a": "30", "part_b": "20", "part_c": "30", "action": "draft"},
    )
    assert response.status_code == 302
    assert ScoreSheet.objects.get(pk=chair_sheet.pk).total == chair_sheet.total
    assert ScoreSheet.objects.get(pk=member_sheet.pk).total == 80
    # Someone outside the council has no sheet page at all.
    client.force_login(world.user("staff_nari"))
    assert client.get(f"/evaluations/{evaluation.pk}/score/").status_code == 404


# --- Guessed ids ---------------------------------------------------------------------------------

GUESSES = [
    (Producer, "/api/v1/producers/{}/"),
    (Product, "/api/v1/products/{}/"),
    (Registration, "/api/v1/registrations/{}/"),
    (Evaluation, "/api/v1/evaluations/{}/"),
    (Product, "/area/products/{}/"),
    (Registration, "/registrations/{}/"),
]


@pytest.mark.parametrize(("model", "address"), GUESSES)
def test_every_guessed_id_outside_the_area_is_404(world, model, address):
    """Na Rì staff walk every id around the existing ones: exactly the records in their view answer;
    every other id answers like an id that exists nowhere (404: a 403 would confirm that it exists)."""
    user = world.user("staff_nari")
    visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
    editable = set(model.objects.editable_by(user).values_list("pk", flat=True))
    existing = list(model.objects.order_by("pk").values_list("pk", flat=True))
    api, page = client_for(user), Client()
    page.force_login(user)
    client = api if address.startswith("/api/") else page
    expected = editable if address.startswith("/area/") else visible  # area pages list what one may change
    answered = {pk: client.get(address.format(pk)).status_code for pk in range(existing[0] - 2, existing[-1] + 3)}
    assert {pk for pk, status in answered.items() if status == 200} == expected
    missing = answered[existing[-1] + 2]  # an id that exists nowhere
    assert {status for pk, status in answered.items() if pk not in expected} == {missing}
    # 404; or 403 for every id alike when the role may not read this kind of record at all
    assert missing == 404 or (missing == 403 and not expected)


def test_a_guessed_dossier_file_of_another_district_is_404(world):
    user = world.user("staff_nari")
    client = Client()
    client.force_login(user)
    for document in DossierDocument.objects.exclude(pk__in=DossierDocument.objects.visible_to(user)):
        url = f"/registrations/{document.registration_id}/documents/{document.pk}/file/"
        assert client.get(url).status_code == 404
        upload = f"/registrations/{document.registration_id}/documents/{document.pk}/upload/"
        assert client.post(upload, {}).status_code == 404


# --- Password guessing and floods ------------------------------------------------------------------


def test_login_is_locked_after_five_wrong_passwords_with_a_vietnamese_page(db):
    get_user_model().objects.create_user("can_bo_06", password="mat-khau-dung-0123")
    here, elsewhere = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(4):
        response = here.post("/accounts/login/", {"username": "can_bo_06", "password": "sai-mat-khau"})
        assert response.status_code == 200  # the form again, with its error
    locked = here.post("/accounts/login/", {"username": "can_bo_06", "password": "sai-mat-khau"})
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert int(locked["Retry-After"]) == 15 * 60
    # Locked even with the right password now, from this address ...
    right = here.post("/accounts/login/", {"username": "can_bo_06", "password": "mat-khau-dung-0123"})
    assert right.status_code == 429
    # ... and through the admin's sign-in too; another address may still sign in.
    admin = here.post("/admin/login/", {"username": "can_bo_06", "password": "mat-khau-dung-0123"})
    assert admin.status_code == 429
    assert (
        elsewhere.post("/accounts/login/", {"username": "can_bo_06", "password": "mat-khau-dung-0123"}).status_code
        == 302
    )


def test_anonymous_api_floods_are_throttled_at_the_configured_rate(world, settings):
    """With the production rate (120 requests a minute per address), request 121 gets 429."""
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    allowed = int(rate.split("/")[0])
    client = APIClient(REMOTE_ADDR="192.0.2.44")
    statuses = [client.get("/api/v1/product-sets/", {"page_size": 1}).status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [200] * allowed
    assert statuses[allowed] == 429


# --- Sessions and CSRF ----------------------------------------------------------------------------


def test_a_session_ends_after_30_minutes_without_activity_and_with_the_browser(world, settings):
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": "officer_06", "password": "a-long-test-password"}).status_code
        == 302
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser session cookie
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.session.get_expiry_age() == 30 * 60
    assert client.get("/dashboard/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=timezone.now())
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/logout/", "/registrations/{registration}/submit/", "/area/producers/new/"],
)
def test_forms_refuse_a_post_without_the_csrf_token(world, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("staff_nari"))
    response = client.post(url.format(registration=world.objects["registration:nari"].pk), {"name": "x"})
    assert response.status_code == 403
    assert Registration.objects.get(pk=world.objects["registration:nari"].pk).status == "draft"
