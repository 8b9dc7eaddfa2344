"""Sign in, sign out."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_login_page_and_sign_in_then_out(client, area):
    factories.user("officer", role="officer", unit_obj=area["province"])
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "officer", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_an_error(client, area):
    factories.user("staff", role="area_staff", unit_obj=area["na_ri"])
    response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
