"""Uploaded files are private: ``/media/…`` is a view that checks who may see the file.

Photos of a published product are shown to anyone (the catalogue); photos of any other product only
to whoever may see the product; a guessed name from another district is a 404, never the file.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluations.services import certificate_record
from organizations.models import IssuingAuthority
from products import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(product, staff):
    image = SimpleUploadedFile("Bao bì.png", factories.image_bytes("PNG"))
    return services.product_photo_add(user=staff, product=product, image=image)


def test_the_photo_url_serves_the_image_to_the_area_staff_privately(client, photo, staff):
    client.force_login(staff)
    response = client.get(photo.image.url)
    assert photo.image.url.startswith("/media/products/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == factories.image_bytes("PNG")
    assert response["Cache-Control"] == "private, max-age=300"


@pytest.mark.parametrize("who", ["anonymous", "other_staff"])
def test_a_photo_of_an_unpublished_product_is_not_found_for_others(client, photo, other_staff, who):
    if who == "other_staff":
        client.force_login(other_staff)
    assert client.get(photo.image.url).status_code == 404


def test_a_photo_of_a_published_product_is_public_and_cacheable(client, photo, officer, tree):
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=tree["province"])
    today = timezone.localdate()
    certificate_record(
        user=officer,
        product=photo.product,
        star=4,
        number="1/GCN-OCOP",
        decision_number="1/QĐ-UBND",
        decision_date=today - timedelta(days=10),
        issued_on=today - timedelta(days=10),
        authority=authority,
    )
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"
    page = client.get(f"/products/{photo.product.pk}/")
    assert page.status_code == 200
    assert photo.image.url in page.content.decode()


def test_a_dossier_file_url_checks_the_scope(client, product, staff, other_staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    document = registration.documents.first()
    document = services.document_attach(
        user=staff, document=document, uploaded_file=SimpleUploadedFile("don.pdf", factories.pdf_bytes())
    )
    assert client.get(document.file.url).status_code == 404  # signed out: nothing to see, not even a redirect
    client.force_login(other_staff)
    assert client.get(document.file.url).status_code == 404
    client.force_login(staff)
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_name_that_names_no_upload_is_not_found(client, staff):
    client.force_login(staff)
    assert client.get("/media/products/../../settings.py").status_code == 404
    assert client.get("/media/products/1/khong-co.png").status_code == 404
