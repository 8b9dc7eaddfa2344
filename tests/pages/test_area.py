"""Area staff pages: lists of their area, the registration flow, dossier uploads, submit and resubmit.

A district user's pages never show another district's records; guessed ids answer 404.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.models import Producer
from products import services
from products.models import DossierDocument, Product, Registration
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def na_ri_staff(area):
    return factories.user("staff_nari", role="area_staff", unit_obj=area["na_ri"])


@pytest.fixture
def cho_moi_draft(area):
    product = factories.product(factories.producer(area["nong_ha"], name="HTX Chợ Mới"), name="Nháp của Chợ Mới")
    return factories.registration(product)


def pdf(name="mau.pdf"):
    return SimpleUploadedFile(name, factories.pdf_bytes(), content_type="application/pdf")


def test_registration_flow_producer_product_registration_dossier_submit(client, area, na_ri_staff):
    client.force_login(na_ri_staff)
    # Step 1: a new producer, then the flow goes on to its products.
    response = client.post(
        "/area/producers/new/?flow=register",
        {
            "name": "HTX Miến dong Côn Minh",
            "legal_form": "cooperative",
            "commune": area["con_minh"].pk,
            "status": "active",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    producer = Producer.objects.get(name="HTX Miến dong Côn Minh")
    assert response["Location"] == f"/area/register/?producer={producer.pk}"
    assert "HTX Miến dong Côn Minh" in client.get(response["Location"]).content.decode()
    # Step 2: a new product of that producer.
    response = client.post(
        f"/area/products/new/?producer={producer.pk}&flow=register",
        {
            "name": "Miến dong Côn Minh",
            "producer": producer.pk,
            "origin_commune": area["con_minh"].pk,
            "status": "developing",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    product = Product.objects.get(name="Miến dong Côn Minh")
    assert response["Location"] == f"/area/registrations/new/?product={product.pk}"
    # Step 3: the registration, with its checklist.
    response = client.post(
        "/area/registrations/new/", {"product": product.pk, "year": 2026, "evaluation_type": "first"}
    )
    registration = Registration.objects.get(product=product)
    assert response["Location"] == f"/registrations/{registration.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert len(page.context["missing"]) == 2  # Form 01 and Form 02 are required
    assert "Còn thiếu 2 tài liệu bắt buộc" in page.content.decode()
    # Submitting now is refused with the service's message; the dossier stays a draft.
    response = client.post(f"/registrations/{registration.pk}/submit/", follow=True)
    assert "còn thiếu tệp của các mục bắt buộc" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "draft"
    # Uploads: by XHR (JSON for the progress bar) and by a plain form post.
    form_01, form_02 = registration.documents.filter(required=True).order_by("id")
    response = client.post(
        f"/registrations/{registration.pk}/documents/{form_01.pk}/upload/",
        {"file": pdf()},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json() == {"ok": True}
    response = client.post(f"/registrations/{registration.pk}/documents/{form_02.pk}/upload/", {"file": pdf()})
    assert response.status_code == 302
    assert client.get(f"/registrations/{registration.pk}/").context["missing"] == []
    response = client.post(f"/registrations/{registration.pk}/submit/", follow=True)
    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert "Đã nộp hồ sơ." in response.content.decode()


def test_renamed_executable_is_refused_with_a_clear_message(client, area, na_ri_staff):
    product = factories.product(factories.producer(area["con_minh"]))
    registration = services.registration_create(user=na_ri_staff, product=product, year=2026)
    document = registration.documents.get(kind="form_01")
    client.force_login(na_ri_staff)
    bad = SimpleUploadedFile("virus.pdf", factories.executable_bytes(), content_type="application/pdf")
    response = client.post(
        f"/registrations/{registration.pk}/documents/{document.pk}/upload/",
        {"file": bad},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert response.json()["error"]
    document.refresh_from_db()
    assert not document.file


def test_returned_dossier_shows_the_reason_and_can_be_resubmitted(client, area, na_ri_staff):
    officer = factories.user(role="officer", unit_obj=area["province"])
    product = factories.product(factories.producer(area["con_minh"]))
    registration = services.registration_create(user=na_ri_staff, product=product, year=2026)
    for document in registration.documents.filter(required=True):
        services.document_attach(user=na_ri_staff, document=document, uploaded_file=pdf())
    services.registration_submit(user=na_ri_staff, registration=registration)
    client.force_login(officer)
    response = client.post(f"/registrations/{registration.pk}/return/", {"reason": "Thiếu phiếu kiểm nghiệm"})
    assert response["Location"] == "/review/"
    client.force_login(na_ri_staff)
    page = client.get(f"/registrations/{registration.pk}/").content.decode()
    assert "Thiếu phiếu kiểm nghiệm" in page
    assert "Nộp lại hồ sơ" in page
    client.post(f"/registrations/{registration.pk}/submit/")
    registration.refresh_from_db()
    assert registration.status == "resubmitted"


def test_return_without_reason_is_refused(client, area, na_ri_staff):
    officer = factories.user(role="officer", unit_obj=area["province"])
    registration = services.registration_create(
        user=na_ri_staff, product=factories.product(factories.producer(area["con_minh"])), year=2026
    )
    for document in registration.documents.filter(required=True):
        services.document_attach(user=na_ri_staff, document=document, uploaded_file=pdf())
    services.registration_submit(user=na_ri_staff, registration=registration)
    client.force_login(officer)
    response = client.post(f"/registrations/{registration.pk}/return/", {"reason": " "}, follow=True)
    assert "Phải ghi lý do trả lại hồ sơ" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_district_pages_never_show_another_districts_drafts(client, area, na_ri_staff, cho_moi_draft):
    own = factories.registration(factories.product(factories.producer(area["con_minh"]), name="Nháp của Na Rì"))
    client.force_login(na_ri_staff)
    for url in ("/area/registrations/", "/area/products/", "/area/producers/", "/dashboard/", "/area/register/"):
        content = client.get(url).content.decode()
        assert "Chợ Mới" not in content.replace("Huyện Chợ Mới", ""), url
        assert "Nháp của Chợ Mới" not in content, url
    assert "Nháp của Na Rì" in client.get("/area/registrations/").content.decode()
    assert client.get(f"/registrations/{own.pk}/").status_code == 200


def test_guessed_ids_answer_404(client, area, na_ri_staff, cho_moi_draft):
    client.force_login(na_ri_staff)
    product = cho_moi_draft.product
    document = DossierDocument.objects.create(registration=cho_moi_draft, kind="form_01", required=True)
    for url in (
        f"/registrations/{cho_moi_draft.pk}/",
        f"/area/products/{product.pk}/",
        f"/area/producers/{product.producer_id}/edit/",
        f"/registrations/{cho_moi_draft.pk}/documents/{document.pk}/file/",
        "/registrations/99999999/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/registrations/{cho_moi_draft.pk}/submit/",
        f"/registrations/{cho_moi_draft.pk}/documents/{document.pk}/upload/",
    ):
        assert client.post(url, {"file": pdf()}).status_code == 404, url
    cho_moi_draft.refresh_from_db()
    assert cho_moi_draft.status == "draft"


def test_forms_offer_only_the_users_area(client, area, na_ri_staff, cho_moi_draft):
    client.force_login(na_ri_staff)
    form = client.get("/area/producers/new/").context["form"]
    assert list(form.fields["commune"].queryset) == [area["con_minh"]]
    response = client.post(
        "/area/producers/new/",
        {"name": "HTX lạc chỗ", "legal_form": "cooperative", "commune": area["nong_ha"].pk, "status": "active"},
    )
    assert response.status_code == 200
    assert "commune" in response.context["form"].errors
    product_form = client.get("/area/products/new/").context["form"]
    assert cho_moi_draft.product.producer not in product_form.fields["producer"].queryset


def test_bad_producer_input_shows_the_services_message(client, area, na_ri_staff):
    client.force_login(na_ri_staff)
    response = client.post(
        "/area/producers/new/",
        {
            "name": "HTX",
            "legal_form": "cooperative",
            "commune": area["con_minh"].pk,
            "status": "active",
            "tax_code": "12345",
        },
    )
    assert response.status_code == 200
    assert "Mã số thuế gồm 10 chữ số" in response.content.decode()


def test_lists_pin_their_query_count(client, area, na_ri_staff, django_assert_max_num_queries):
    producer = factories.producer(area["con_minh"])
    for n in range(30):
        factories.registration(factories.product(producer, name=f"SP {n:02d}"))
    client.force_login(na_ri_staff)
    for url in ("/area/registrations/", "/area/products/", "/area/producers/"):
        client.get(url)  # warm the per-user caches (role, scope, permissions)
        with django_assert_max_num_queries(14):
            response = client.get(url)
        assert response.status_code == 200


def test_council_members_and_public_cannot_open_area_pages(client, area):
    assert client.get("/area/registrations/").status_code == 302
    client.force_login(factories.user(role="council_member", unit_obj=area["province"]))
    assert client.get("/area/registrations/").status_code == 404
    assert client.get("/review/").status_code == 404


def test_lists_export_what_the_user_sees(client, area, na_ri_staff, cho_moi_draft):
    factories.registration(factories.product(factories.producer(area["con_minh"]), name="Nháp của Na Rì"))
    client.force_login(na_ri_staff)
    page = client.get("/area/registrations/", {"year": 2026}).content.decode()
    assert "format=xlsx" in page and "year=2026" in page
    response = client.get("/area/registrations/", {"year": 2026, "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Nháp của Na Rì" in text
    assert "Nháp của Chợ Mới" not in text
    for url in ("/area/products/", "/area/producers/"):
        response = client.get(url, {"format": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize(
    "path",
    ["/area/register/?producer={}", "/area/products/new/?producer={}", "/area/registrations/new/?product={}"],
)
@pytest.mark.parametrize("value", ["abc", "%00", "1e5", "99999999999999999999", "-1"])
def test_a_hand_edited_preselection_is_a_page_without_it(client, na_ri_staff, path, value):
    client.force_login(na_ri_staff)
    assert client.get(path.format(value)).status_code == 200
