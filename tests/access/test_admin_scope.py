"""The admin keeps a district user inside their district: URLs, choices, autocompletes, re-pointing."""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from organizations.models import Producer
from products import services
from products.models import Product
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(bac_kan):
    nari = factories.producer(bac_kan["con_minh"], name="HTX Côn Minh")
    chomoi = factories.producer(bac_kan["nong_ha"], name="HTX Nông Hạ")
    return {
        "nari_producer": nari,
        "chomoi_producer": chomoi,
        "nari_product": factories.product(nari, name="Miến dong Côn Minh"),
        "chomoi_registration": factories.registration(factories.product(chomoi, name="Gạo nếp Nông Hạ")),
    }


def test_guessing_another_districts_registration_url_answers_404_like_a_missing_one(client, staff_nari, records):
    client.force_login(staff_nari)
    other = records["chomoi_registration"]
    for path in (
        reverse("admin:products_registration_change", args=[other.pk]),
        reverse("admin:products_registration_change", args=[other.pk + 10_000]),  # does not exist
        reverse("admin:products_registration_history", args=[other.pk]),
        reverse("admin:products_registration_delete", args=[other.pk]),
    ):
        assert client.get(path).status_code == 404, path
    changelist = client.get(reverse("admin:products_registration_changelist"))
    assert other.pk not in {row.pk for row in changelist.context["cl"].result_list}


def test_a_district_user_cannot_choose_another_districts_commune(client, staff_nari, records, bac_kan):
    client.force_login(staff_nari)
    page = client.get(reverse("admin:organizations_producer_add"))
    communes = page.context["adminform"].form.fields["commune"].queryset
    assert bac_kan["con_minh"] in communes
    assert bac_kan["nong_ha"] not in communes

    response = client.post(
        reverse("admin:organizations_producer_add"),
        {"name": "HTX Lấn Sân", "legal_form": "cooperative", "status": "active", "commune": bac_kan["nong_ha"].pk},
    )
    assert response.status_code == 200
    assert "commune" in response.context["adminform"].form.errors
    assert not Producer.objects.filter(name="HTX Lấn Sân").exists()


def test_autocompletes_offer_only_what_the_user_may_pick(client, staff_nari, records, bac_kan):
    """The published neighbour is visible to Na Rì staff, yet not theirs to attach a product to."""
    client.force_login(staff_nari)

    def autocomplete(app_label, model_name, field_name):
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""},
        )
        assert response.status_code == 200
        return {result["text"] for result in response.json()["results"]}

    assert autocomplete("products", "product", "producer") == {"HTX Côn Minh"}
    assert "Xã Nông Hạ" not in autocomplete("organizations", "producer", "commune")
    assert "Xã Côn Minh" in autocomplete("organizations", "producer", "commune")


def test_a_product_cannot_be_repointed_to_another_districts_producer_in_the_admin(client, staff_nari, records):
    client.force_login(staff_nari)
    product = records["nari_product"]
    url = reverse("admin:products_product_change", args=[product.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    assert records["chomoi_producer"] not in form.fields["producer"].queryset
    data = {name: form[name].value() or "" for name in ("name", "origin_commune", "status")}
    data.update(
        producer=records["chomoi_producer"].pk,
        **{"photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0, "registrations-TOTAL_FORMS": 0},
        **{"registrations-INITIAL_FORMS": 0},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "producer" in response.context["adminform"].form.errors
    product.refresh_from_db()
    assert product.producer == records["nari_producer"]


def test_a_product_cannot_be_repointed_to_another_districts_producer_by_the_service(staff_nari, records):
    product = records["nari_product"]
    with pytest.raises((ValidationError, PermissionDenied)) as refused:
        services.product_update(user=staff_nari, product=product, producer=records["chomoi_producer"])
    assert "HTX Nông Hạ" in " ".join(getattr(refused.value, "messages", [str(refused.value)]))
    product.refresh_from_db()
    assert product.producer == records["nari_producer"]  # rolled back


def test_relation_list_filters_list_only_related_rows_the_user_sees(staff_nari):
    request = RequestFactory().get("/")
    request.user = staff_nari
    filters = admin.site._registry[Product].get_list_filter(request)
    assert ("product_set", admin.RelatedOnlyFieldListFilter) in filters
