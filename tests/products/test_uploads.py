"""Dossier files and product photos are judged by their content and size, and stored under safe names."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop_portal.errors import TransitionNotAllowed
from products import services, uploads
from products.models import DossierDocument, Registration
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_01(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    return registration.documents.get(kind=DossierDocument.Kind.FORM_01)


def attach(user, document, name, content):
    return services.document_attach(user=user, document=document, uploaded_file=SimpleUploadedFile(name, content))


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_real_pdf_is_stored_under_a_safe_name_keeping_the_original(form_01, staff):
    document = attach(staff, form_01, "../Phiếu đăng ký (bản cuối).PDF", factories.pdf_bytes())
    assert document.original_name == "Phiếu đăng ký (bản cuối).PDF"
    assert document.file.name.endswith("/phieu-dang-ky-ban-cuoi.pdf")
    assert document.file.name.startswith(f"dossiers/2026/{form_01.registration_id}/")
    assert document.content_type == "application/pdf"
    assert document.size == len(factories.pdf_bytes())
    assert (document.uploaded_by, document.uploaded_at is not None) == (staff, True)
    assert document.file.read() == factories.pdf_bytes()
    assert Registration.objects.get(pk=form_01.registration_id).revision == 2


def test_a_renamed_executable_is_refused_with_a_clear_message(form_01, staff):
    with pytest.raises(ValidationError) as caught:
        attach(staff, form_01, "bao-cao.pdf", factories.executable_bytes())
    message = caught.value.messages[0]
    assert "“bao-cao.pdf” thực chất là tệp EXE" in message
    assert "PDF, JPG, PNG, WEBP, DOCX, XLSX, ZIP" in message
    form_01.refresh_from_db()
    assert not form_01.file


def test_a_file_of_unknown_type_is_refused(form_01, staff):
    with pytest.raises(ValidationError, match="Không nhận ra định dạng"):
        attach(staff, form_01, "ghi-chu.pdf", b"just some plain text, not a PDF")


def test_a_file_over_20_mb_is_refused(form_01, staff):
    content = factories.pdf_bytes() + b"0" * (20 * 1024 * 1024)
    with pytest.raises(ValidationError, match="vượt dung lượng tối đa 20 MB"):
        attach(staff, form_01, "lon.pdf", content)


def test_the_extension_comes_from_the_content_not_the_name(form_01, staff):
    document = attach(staff, form_01, "anh-san-pham.pdf", factories.image_bytes("PNG"))
    assert document.file.name.endswith("/anh-san-pham.png")
    assert document.content_type == "image/png"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (lambda: factories.image_bytes("JPEG"), "image/jpeg"),
        (lambda: factories.image_bytes("WEBP"), "image/webp"),
    ],
)
def test_office_and_image_formats_are_accepted(content, content_type, form_01, staff):
    assert attach(staff, form_01, "tep", content()).content_type == content_type


def test_files_are_frozen_once_submitted(form_01, staff):
    Registration.objects.filter(pk=form_01.registration_id).update(status=Registration.Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed, match="“Đã nộp”, không thể thay đổi tệp"):
        attach(staff, form_01, "mau-01.pdf", factories.pdf_bytes())


def test_staff_of_another_district_cannot_attach(form_01, other_staff):
    with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
        attach(other_staff, form_01, "mau-01.pdf", factories.pdf_bytes())
    assert not DossierDocument.objects.get(pk=form_01.pk).file


class TestPhotos:
    def test_a_real_image_is_added(self, product, staff):
        image = SimpleUploadedFile("Ảnh bìa.JPG", factories.image_bytes("JPEG"))
        photo = services.product_photo_add(user=staff, product=product, image=image, caption="Bao bì")
        assert photo.image.name == f"products/{product.pk}/anh-bia.jpg"
        assert product.photos.get() == photo

    def test_text_renamed_as_jpg_is_refused(self, product, staff):
        image = SimpleUploadedFile("anh.jpg", b"<html>not an image</html>")
        with pytest.raises(ValidationError, match="không phải là ảnh hợp lệ"):
            services.product_photo_add(user=staff, product=product, image=image)
        assert not product.photos.exists()

    def test_a_truncated_image_is_refused(self, product, staff):
        image = SimpleUploadedFile("anh.png", factories.image_bytes("PNG")[:40])
        with pytest.raises(ValidationError, match="không phải là ảnh hợp lệ"):
            services.product_photo_add(user=staff, product=product, image=image)

    def test_a_gif_is_refused(self, product, staff):
        image = SimpleUploadedFile("anh.gif", factories.image_bytes("GIF"))
        with pytest.raises(ValidationError, match="định dạng GIF"):
            services.product_photo_add(user=staff, product=product, image=image)

    def test_over_5_mb_is_refused(self, product, staff):
        content = factories.image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
        with pytest.raises(ValidationError, match="vượt dung lượng tối đa 5 MB"):
            services.product_photo_add(user=staff, product=product, image=SimpleUploadedFile("lon.png", content))

    def test_the_model_field_refuses_the_same_photos(self, product):
        from products.models import ProductPhoto

        photo = ProductPhoto(product=product, image=SimpleUploadedFile("x.jpg", b"not an image"))
        with pytest.raises(ValidationError) as caught:
            photo.full_clean()
        assert "image" in caught.value.message_dict


@pytest.mark.parametrize(
    ("original", "safe"),
    [
        ("Phiếu đăng ký.pdf", "phieu-dang-ky.pdf"),
        ("..\\..\\windows\\evil.exe.pdf", "evilexe.pdf"),
        ("   .pdf", "tep.pdf"),
        ("Đơn đề nghị.docx", "don-de-nghi.docx"),
    ],
)
def test_safe_name(original, safe):
    assert uploads.safe_name(original, safe.rsplit(".", 1)[1]) == safe
