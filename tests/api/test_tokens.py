"""API tokens: hashed, shown once, expiring, read-only or read-write, revocable, last use recorded."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from ocop_portal import services
from ocop_portal.models import ApiToken
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def bearer(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_token_is_stored_as_a_digest_only(world):
    token, secret = services.api_token_create(
        user=None, owner=world.user("officer"), name="CSDL OCOP quốc gia", read_only=True, days=30
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {value for value in vars(stored).values() if isinstance(value, str)}
    assert secret.startswith(stored.key_prefix)
    assert len(secret) > 40


def test_a_valid_token_reads_as_its_user_and_records_its_use(world):
    token, secret = services.api_token_create(user=None, owner=world.user("staff_nari"), name="t", read_only=True)
    response = bearer(secret).get("/api/v1/registrations/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {world.objects["registration:nari"].pk}  # Na Rì's scope, nothing of Chợ Mới
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_many_tokens_per_user(world):
    owner = world.user("api_client")
    first, second = client_for(owner), client_for(owner, read_only=True)
    assert first.get("/api/v1/products/").status_code == 200
    assert second.get("/api/v1/products/").status_code == 200
    assert ApiToken.objects.filter(user=owner).count() == 2


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Bearer", "Bearer two words", "Bearer ocop_" + "x" * 43],
)
def test_a_bad_token_is_401_with_a_challenge(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/products/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["type"] == "authentication_failed"


def test_no_credentials_on_a_private_resource_is_401(anonymous, world):
    response = anonymous.get("/api/v1/registrations/")
    assert response.status_code == 401
    assert response.json()["type"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_an_expired_token_is_refused(world):
    token, secret = services.api_token_create(user=None, owner=world.user("officer"), name="t", read_only=True, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = bearer(secret).get("/api/v1/registrations/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Token đã hết hạn."


def test_a_token_expires_after_its_days(world):
    token, secret = services.api_token_create(user=None, owner=world.user("officer"), name="t", read_only=True, days=7)
    assert token.expires_at - timezone.now() == pytest.approx(datetime.timedelta(days=7), abs=datetime.timedelta(1))
    assert bearer(secret).get("/api/v1/registrations/").status_code == 200


def test_a_revoked_token_is_refused_from_the_next_request(world):
    token, secret = services.api_token_create(user=None, owner=world.user("officer"), name="t", read_only=False)
    client = bearer(secret)
    assert client.get("/api/v1/registrations/").status_code == 200
    services.api_token_revoke(user=world.user("superuser"), token=token)
    response = client.get("/api/v1/registrations/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Token đã bị thu hồi."


def test_a_token_of_a_deactivated_user_is_refused(world):
    owner = world.user("officer")
    secret = services.api_token_create(user=None, owner=owner, name="t", read_only=True)[1]
    owner.is_active = False
    owner.save()
    assert bearer(secret).get("/api/v1/registrations/").status_code == 401


def test_a_read_only_token_reads_but_never_writes(world):
    client = client_for(world.user("officer"), read_only=True)
    registration = world.objects["registration:nari"]
    assert client.get(f"/api/v1/registrations/{registration.pk}/").json()["allowed_actions"] == []
    response = client.post(f"/api/v1/registrations/{registration.pk}/withdraw/", {"reason": "thử"})
    assert response.status_code == 403
    assert response.json()["type"] == "permission_denied"
    assert "chỉ đọc" in response.json()["detail"]
    registration.refresh_from_db()
    assert registration.status == "draft"
    patch = client.patch(f"/api/v1/products/{world.objects['product:nari'].pk}/", {"story": "x"})
    assert patch.status_code == 403


def test_a_read_write_token_writes(world):
    client = client_for(world.user("officer"))
    registration = world.objects["registration:nari"]
    response = client.post(f"/api/v1/registrations/{registration.pk}/withdraw/", {"reason": "Chủ thể xin rút"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"


def test_only_a_superuser_makes_a_token_for_a_superuser(world):
    with pytest.raises(PermissionDenied):
        services.api_token_create(user=world.user("officer"), owner=world.user("superuser"), name="t", read_only=True)


def test_nobody_makes_a_token_for_someone_else_without_the_permission(world):
    with pytest.raises(PermissionDenied):
        services.api_token_create(user=world.user("staff_nari"), owner=world.user("officer"), name="t", read_only=True)


def test_the_command_prints_a_working_token(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "--user", "staff_066", "--read-only", "--days", "10", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(digest=hashlib.sha256(secret.encode()).hexdigest())
    assert token.read_only
    assert token.user.username == "staff_066"
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=10)).date()
    assert "chỉ đọc" in err.getvalue()
    assert bearer(secret).get("/api/v1/registrations/").status_code == 200


def test_the_command_makes_read_write_tokens_by_default(world):
    out = io.StringIO()
    call_command("create_api_token", "--user", "officer_06", stdout=out, stderr=io.StringIO())
    assert not ApiToken.objects.get(digest=hashlib.sha256(out.getvalue().strip().encode()).hexdigest()).read_only


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--user", "nobody"], "Không có người dùng 'nobody'."), (["--user", "officer_06", "--days", "0"], "Số ngày")],
)
def test_the_command_refuses_bad_input_clearly(world, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *arguments, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_admin_shows_a_new_token_once_and_revokes(world, client):
    client.force_login(world.user("superuser"))
    response = client.post(
        "/admin/ocop_portal/apitoken/add/",
        {"user": world.user("api_client").pk, "name": "Sàn TMĐT", "read_only": "on", "days": "30"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Sàn TMĐT")
    shown = [str(message) for message in response.context["messages"]]
    secret = next(message.rsplit(" ", 1)[-1] for message in shown if token.key_prefix in message)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert bearer(secret).get("/api/v1/products/").status_code == 200
    client.post(
        "/admin/ocop_portal/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(secret).get("/api/v1/products/").status_code == 401
