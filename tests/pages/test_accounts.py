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


def test_the_header_names_the_user_in_vietnamese_order(client, area):
    """Family and middle names first, then the given name: "Hoàng Thu Hà", not Django's "Hà Hoàng Thu"."""
    user = factories.user("officer", role="officer", unit_obj=area["province"], first_name="Hà", last_name="Hoàng Thu")
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert '<span class="user-name">Hoàng Thu Hà</span>' in page
    nameless = factories.user("staff", role="area_staff", unit_obj=area["na_ri"])
    client.force_login(nameless)
    assert '<span class="user-name">staff</span>' in client.get("/dashboard/").content.decode()
