"""Public pages: home, catalogue with its filters and diacritic-blind search, product, certificate."""

import datetime

import pytest
from django.utils import timezone

from products.models import Branch, ProductSet
from tests import factories
from tests.pages.conftest import recognise

pytestmark = pytest.mark.django_db


def test_home_shows_key_figures(client, mien_dong):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["figures"]["total"] == 1
    assert response.context["figures"]["five"] == 1
    assert "Miến dong Tài Hoan" in response.content.decode()


def test_catalogue_search_ignores_diacritics(client, mien_dong, area, authority):
    other = factories.product(factories.producer(area["nong_ha"]), name="Chè shan tuyết")
    recognise(other, star=3, authority=authority)
    response = client.get("/catalogue/", {"q": "mien dong"})
    assert response.status_code == 200
    names = [p.name for p in response.context["page"].object_list]
    assert names == ["Miến dong Tài Hoan"]


def test_catalogue_search_handles_d_with_stroke(client, mien_dong):
    response = client.get("/catalogue/", {"q": "MIEN DONG tai hoan"})
    assert [p.name for p in response.context["page"].object_list] == ["Miến dong Tài Hoan"]


def test_catalogue_with_a_nul_in_the_area_is_a_page_not_a_500(client, mien_dong):
    response = client.get("/catalogue/", {"area": "06\x00"})
    assert response.status_code == 200


def test_catalogue_lists_only_recognised_products(client, mien_dong, area, authority):
    producer = factories.producer(area["nong_ha"])
    factories.product(producer, name="Chưa đánh giá")
    two_star = factories.product(producer, name="Hai sao")
    type(two_star).objects.filter(pk=two_star.pk).update(current_star=2)
    expired = factories.product(producer, name="Hết hạn")
    recognise(expired, star=4, authority=authority, issued_on=timezone.localdate() - datetime.timedelta(days=1200))
    response = client.get("/catalogue/")
    assert [p.name for p in response.context["page"].object_list] == ["Miến dong Tài Hoan"]


def test_catalogue_filters_by_star_and_area(client, mien_dong, area, authority):
    tea = factories.product(factories.producer(area["nong_ha"]), name="Chè")
    recognise(tea, star=3, authority=authority)
    by_star = client.get("/catalogue/", {"star": 3})
    assert [p.name for p in by_star.context["page"].object_list] == ["Chè"]
    by_district = client.get("/catalogue/", {"area": area["na_ri"].code})
    assert [p.name for p in by_district.context["page"].object_list] == ["Miến dong Tài Hoan"]
    by_type = client.get("/catalogue/", {"legal_form": "household"})
    assert list(by_type.context["page"].object_list) == []


def test_catalogue_area_list_offers_the_current_provinces_and_keeps_a_unit_from_a_link(client, mien_dong, area):
    """Not every commune and district (thousands at national scale): the 34 provinces, and a unit
    named in the address (a district, an old province) as one more option, selected."""
    factories.unit("19", "Thái Nguyên", level="province", unit_type="tinh", era="new")
    factories.unit("01", "Hà Nội", level="province", unit_type="thanh_pho_tw", era="new")
    options = client.get("/catalogue/").context["filterset"].form["area"].field.widget.choices
    assert [code for code, _label in options] == ["", "01", "19"]
    by_link = client.get("/catalogue/", {"area": area["na_ri"].code})
    assert [p.name for p in by_link.context["page"].object_list] == ["Miến dong Tài Hoan"]
    assert by_link.context["filterset"].form["area"].field.widget.choices[-1] == ("066", "Huyện Na Rì")
    assert '<option value="066" selected>Huyện Na Rì</option>' in by_link.content.decode()
    old_province = client.get("/catalogue/", {"area": "06"})
    assert [p.name for p in old_province.context["page"].object_list] == ["Miến dong Tài Hoan"]


def test_catalogue_offers_the_groups_and_branches_of_recognised_products_only(client, area, authority):
    sets = list(ProductSet.objects.filter(group__branch__scheme__code="148-2023").order_by("number"))
    recognised_set = sets[0]
    other_set = next(s for s in sets if s.group.branch_id != recognised_set.group.branch_id)
    old_group = Branch.objects.filter(scheme__code="2018").order_by("code").first()
    producer = factories.producer(area["con_minh"])
    recognise(factories.product(producer, name="Có bộ", product_set=recognised_set), star=3, authority=authority)
    recognise(factories.product(producer, name="Nhóm 2018", group_2018=old_group), star=3, authority=authority)
    factories.product(producer, name="Chưa công nhận", product_set=other_set)
    form = client.get("/catalogue/").context["filterset"].form
    assert list(form.fields["group"].queryset) == [recognised_set.group]
    assert set(form.fields["branch"].queryset) == {recognised_set.group.branch, old_group}


def test_catalogue_query_count_does_not_grow_with_the_page(client, area, authority, django_assert_max_num_queries):
    producer = factories.producer(area["con_minh"])
    for n in range(30):
        recognise(factories.product(producer, name=f"Sản phẩm {n:02d}"), star=3 + n % 3, authority=authority)
    with django_assert_max_num_queries(10):
        response = client.get("/catalogue/")
    assert len(response.context["page"].object_list) == 24


def test_product_page_has_star_certificate_and_qr_code(client, mien_dong):
    response = client.get(f"/products/{mien_dong.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "GCN-OCOP" in content
    assert '<svg viewBox="' in content
    assert "5 sao" in content


def test_uncertified_product_page_is_404_for_the_public(client, area):
    product = factories.product(factories.producer(area["con_minh"]))
    assert client.get(f"/products/{product.pk}/").status_code == 404
    assert client.get("/products/999999/").status_code == 404


def test_certificate_page_prints_with_a_qr_code_of_the_product_page(client, mien_dong):
    certificate = mien_dong.certificates.get()
    response = client.get(f"/certificates/{certificate.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Miến dong Tài Hoan" in content
    assert "<svg" in content and "qrline" in content
    assert timezone.localdate().strftime("%Y") in content


def test_pages_send_a_strict_csp_and_no_inline_script(client, mien_dong):
    response = client.get(f"/products/{mien_dong.pk}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    content = response.content.decode()
    assert "<script>" not in content and " style=" not in content and "onclick" not in content


def test_english_switch(client, mien_dong):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
