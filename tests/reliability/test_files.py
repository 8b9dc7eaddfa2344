"""Dossier files are private and every upload either lands whole or not at all, with a clear message.

Served only through the scoped download views (pages and API), as attachments under the type
their content was found to be; no URL of the portal serves ``MEDIA_ROOT``. A full disk is
injected where the storage writes (``_save``, or the write of one chunk in the middle of a file).
"""

import errno
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

from ocop_portal import storage
from products import services
from products.models import DossierDocument, ProductPhoto, Registration
from tests import factories
from tests.api.conftest import client_for, token_for

pytestmark = pytest.mark.django_db


def pdf(name="Phiếu đăng ký.pdf"):
    return SimpleUploadedFile(name, factories.pdf_bytes(), content_type="application/pdf")


def files_under(root):
    return sorted(
        os.path.relpath(os.path.join(folder, name), root) for folder, _, names in os.walk(root) for name in names
    )


def upload_page(client, document, upload):
    return client.post(
        f"/registrations/{document.registration_id}/documents/{document.pk}/upload/",
        {"file": upload},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


# --- Private downloads ---------------------------------------------------------------------------


@pytest.fixture
def attached(draft, nari_staff):
    """Form 01 with a PDF the user had named ``.html``: the name must not decide how it is served."""
    document = draft.documents.get(kind="form_01")
    return services.document_attach(user=nari_staff, document=document, uploaded_file=pdf("Bản khai\t<x>.html"))


def test_page_download_is_an_attachment_of_the_sniffed_type(client, attached, nari_staff):
    client.force_login(nari_staff)
    response = client.get(f"/registrations/{attached.registration_id}/documents/{attached.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''B%E1%BA%A3n%20khai%3Cx%3E.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_api_download_is_the_same(attached, nari_staff):
    response = client_for(nari_staff).get(
        f"/api/v1/registrations/{attached.registration_id}/documents/{attached.pk}/file/"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_district_and_the_public_cannot_download(client, attached, chomoi_staff):
    url = f"/registrations/{attached.registration_id}/documents/{attached.pk}/file/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(chomoi_staff)
    assert client.get(url).status_code == 404
    api = f"/api/v1/registrations/{attached.registration_id}/documents/{attached.pk}/file/"
    assert client_for(chomoi_staff).get(api).status_code == 404


def test_a_guessed_document_id_of_another_registration_is_404(client, attached, nari_staff, area):
    other = factories.registration(factories.product(factories.producer(area["con_minh"])))
    client.force_login(nari_staff)
    assert client.get(f"/registrations/{other.pk}/documents/{attached.pk}/file/").status_code == 404


def test_no_url_serves_the_media_folder(attached, client, chomoi_staff):
    """Only ``/media/…`` names an upload, and it is a view with the registration's scope."""
    stored = attached.file.name
    assert stored.startswith("dossiers/2026/")
    for prefix in ("/static/", "/", "/var/media/"):
        with pytest.raises(Resolver404):
            resolve(prefix + stored)
        assert client.get(prefix + stored).status_code == 404
    assert attached.file.url == "/media/" + stored
    assert client.get(attached.file.url).status_code == 404
    client.force_login(chomoi_staff)
    assert client.get(attached.file.url).status_code == 404


# --- A full disk ---------------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.AtomicFileSystemStorage, "_save", no_space)


def test_a_full_disk_on_a_page_upload_is_a_clear_message_and_changes_nothing(client, draft, nari_staff, full_disk):
    document = draft.documents.get(kind="form_01")
    client.force_login(nari_staff)
    response = upload_page(client, document, pdf())
    assert response.status_code == 400
    assert "hết dung lượng lưu trữ" in response.json()["error"]
    document.refresh_from_db()
    assert not document.file and document.original_name == "" and document.uploaded_at is None
    assert Registration.objects.get(pk=draft.pk).revision == draft.revision


def test_a_full_disk_on_an_api_upload_is_a_clear_400(draft, nari_staff, full_disk):
    document = draft.documents.get(kind="form_01")
    response = client_for(nari_staff).post(
        f"/api/v1/registrations/{draft.pk}/documents/{document.pk}/file/", {"file": pdf()}, format="multipart"
    )
    assert response.status_code == 400
    assert "hết dung lượng lưu trữ" in response.json()["detail"]
    assert not DossierDocument.objects.get(pk=document.pk).file


def test_a_full_disk_on_a_photo_is_a_clear_message(area, nari_staff, full_disk):
    product = factories.product(factories.producer(area["con_minh"]))
    nari_staff = factories.grant(nari_staff, "products.add_productphoto")
    image = SimpleUploadedFile("anh.png", factories.image_bytes(), content_type="image/png")
    with pytest.raises(storage.StorageFull, match="hết dung lượng"):
        services.product_photo_add(user=nari_staff, product=product, image=image)
    assert not ProductPhoto.objects.filter(product=product).exists()


def test_a_disk_filling_up_in_the_middle_of_a_file_leaves_no_partial_file(settings, draft, nari_staff, monkeypatch):
    """The first chunk is written, the second finds the disk full: neither the file nor its
    temporary copy remains, and the checklist item is as it was."""

    def fill_up(target, content):
        chunks = content.chunks(chunk_size=64)
        target.write(next(chunks))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "write_chunks", fill_up)
    document = draft.documents.get(kind="form_01")
    with pytest.raises(storage.StorageFull):
        services.document_attach(user=nari_staff, document=document, uploaded_file=pdf())
    assert files_under(settings.MEDIA_ROOT) == []
    assert not DossierDocument.objects.get(pk=document.pk).file


def test_a_complete_upload_is_stored_whole_with_no_temporary_file_left(settings, draft, nari_staff):
    document = draft.documents.get(kind="form_01")
    saved = services.document_attach(user=nari_staff, document=document, uploaded_file=pdf())
    assert files_under(settings.MEDIA_ROOT) == [saved.file.name]
    with default_storage.open(saved.file.name, "rb") as stored:
        assert stored.read() == factories.pdf_bytes()
    assert oct(os.stat(default_storage.path(saved.file.name)).st_mode & 0o777) == oct(settings.FILE_UPLOAD_PERMISSIONS)


def test_two_files_of_the_same_name_both_stay(settings):
    first = default_storage.save("same/name.pdf", SimpleUploadedFile("name.pdf", b"%PDF-1 first"))
    second = default_storage.save("same/name.pdf", SimpleUploadedFile("name.pdf", b"%PDF-1 second"))
    assert first != second
    assert default_storage.open(first).read() == b"%PDF-1 first"
    assert default_storage.open(second).read() == b"%PDF-1 second"


def test_a_full_disk_when_an_import_file_is_checked_is_a_clear_message(client, area, full_disk):
    officer = factories.user("officer_import", role="officer", unit_obj=area["province"], is_staff=True)
    client.force_login(officer)
    upload = SimpleUploadedFile("chu-the.csv", "Tên chủ thể\nHTX A\n".encode(), content_type="text/csv")
    response = client.post("/transfer/producers/import/", {"file": upload})
    assert response.status_code == 400
    assert "hết dung lượng lưu trữ" in response.content.decode()


# --- Oversized and malformed uploads -------------------------------------------------------------


@pytest.fixture
def small_limit(settings):
    settings.OCOP_MAX_REQUEST_BYTES = 64 * 1024


def big_pdf(size):
    return SimpleUploadedFile("lon.pdf", factories.pdf_bytes() + b"%" * size, content_type="application/pdf")


def test_an_oversized_request_is_refused_before_it_is_read(client, draft, nari_staff, small_limit):
    document = draft.documents.get(kind="form_01")
    client.force_login(nari_staff)
    response = upload_page(client, document, big_pdf(100 * 1024))
    assert response.status_code == 413
    assert response.json() == {"ok": False, "error": response.json()["error"]}
    assert "quá lớn" in response.json()["error"]
    page = client.post(f"/registrations/{draft.pk}/documents/{document.pk}/upload/", {"file": big_pdf(100 * 1024)})
    assert page.status_code == 413 and "quá lớn" in page.content.decode()
    api = client_for(nari_staff).post(
        f"/api/v1/registrations/{draft.pk}/documents/{document.pk}/file/",
        {"file": big_pdf(100 * 1024)},
        format="multipart",
    )
    assert api.status_code == 413
    assert api.json()["type"] == "request_too_large"
    assert not DossierDocument.objects.get(pk=document.pk).file


def test_a_file_over_the_document_limit_is_refused_by_its_size(client, draft, nari_staff, monkeypatch):
    from products import uploads

    monkeypatch.setattr(uploads, "DOCUMENT_MAX_BYTES", 1024)
    document = draft.documents.get(kind="form_01")
    client.force_login(nari_staff)
    response = upload_page(client, document, big_pdf(4096))
    assert response.status_code == 400
    assert "vượt dung lượng tối đa" in response.json()["error"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.pdf", b"", "rỗng"),
        ("virus.pdf", factories.executable_bytes(), "thực chất là tệp EXE"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "Không nhận ra định dạng"),
        ("../../etc/passwd.pdf", b"root:x:0:0:root:/root:/bin/bash\n", "Không nhận ra định dạng"),
    ],
)
def test_malformed_uploads_are_refused_with_a_message(client, draft, nari_staff, settings, name, content, message):
    document = draft.documents.get(kind="form_01")
    client.force_login(nari_staff)
    response = upload_page(client, document, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_malformed_multipart_body_is_a_400_not_a_500(client, draft, nari_staff):
    document = draft.documents.get(kind="form_01")
    client.force_login(nari_staff)
    response = client.generic(
        "POST",
        f"/api/v1/registrations/{draft.pk}/documents/{document.pk}/file/",
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
        content_type="multipart/form-data; boundary=x",
        HTTP_AUTHORIZATION=f"Bearer {token_for(nari_staff)}",
    )
    assert 400 <= response.status_code < 500
