"""Checks on uploaded files: judged by their content, never by the name the user gave them.

A dossier file must really be one of the formats councils open (PDF, images, Word, Excel, ZIP) —
an executable renamed ``bao-cao.pdf`` is refused — and a product photo must be an image that Pillow
can decode. The stored name is rebuilt from a sanitised stem and the extension of the detected type,
so nothing the user typed decides how the file is later served.
"""

import os
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedFile:
    """What the checks found: the safe name to store under, the real type and the size."""

    name: str
    content_type: str
    size: int


def _head(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(0)
    return head


def _check_size(uploaded_file, limit):
    if uploaded_file.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” vượt dung lượng tối đa %(limit)s MB.")
            % {"name": uploaded_file.name, "limit": limit // (1024 * 1024)},
            code="file_too_large",
        )


def safe_name(original: str, extension: str) -> str:
    """ "Phiếu đăng ký (bản cuối).PDF" → "phieu-dang-ky-ban-cuoi.pdf": ASCII, no path, the real extension."""
    stem = os.path.splitext(os.path.basename(original.replace("\\", "/")))[0]
    stem = slugify(stem.replace("đ", "d").replace("Đ", "D"))[:80] or "tep"
    return get_valid_filename(f"{stem}.{extension}")


def download_name(original: str, stored: str) -> str:
    """The name a dossier file is downloaded under: what the user called it (accents kept, no path,
    no control characters) with the extension of the type its content was found to be, so a PDF the
    user had named ``bao-cao.html`` comes back as ``bao-cao.pdf``."""
    extension = os.path.splitext(stored)[1].lower()
    stem = os.path.splitext(os.path.basename((original or "").replace("\\", "/")))[0]
    stem = "".join(character for character in stem if character.isprintable()).strip(" .")[:120]
    return f"{stem or os.path.splitext(os.path.basename(stored))[0]}{extension}"


def dossier_file_response(document) -> FileResponse:
    """A dossier file as a download, never shown inline: the type found when it was uploaded (not one
    guessed from a name), ``Content-Disposition: attachment`` under :func:`download_name`; the
    ``SecurityMiddleware`` adds ``X-Content-Type-Options: nosniff``. The caller checks the scope."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_name(document.original_name, document.file.name),
        content_type=document.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def photo_response(photo, *, public: bool) -> FileResponse:
    """A product photo shown inline, typed by its stored extension (the content was checked to be that
    image type on upload). A photo the public may see is cacheable by anyone for a day; one of an
    unpublished product only by the signed-in user's browser. The caller checks the scope."""
    extension = os.path.splitext(photo.image.name)[1].lstrip(".").lower()
    kind = filetype.get_type(ext=extension)
    response = FileResponse(photo.image.open("rb"), content_type=kind.mime if kind else "application/octet-stream")
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=300"
    return response


def check_document(uploaded_file) -> CheckedFile:
    """Refuse a dossier file whose content is not an allowed type, or that is larger than 20 MB."""
    _check_size(uploaded_file, DOCUMENT_MAX_BYTES)
    allowed = ", ".join(extension.upper() for extension in DOCUMENT_TYPES)
    kind = filetype.guess(_head(uploaded_file))
    if kind is None:
        raise ValidationError(
            _("Không nhận ra định dạng của tệp “%(name)s”. Chỉ nhận các định dạng: %(allowed)s.")
            % {"name": uploaded_file.name, "allowed": allowed},
            code="file_type_unknown",
        )
    if kind.extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Tệp “%(name)s” thực chất là tệp %(kind)s, không phải định dạng được nhận (%(allowed)s).")
            % {"name": uploaded_file.name, "kind": kind.extension.upper(), "allowed": allowed},
            code="file_type_refused",
        )
    return CheckedFile(
        name=safe_name(uploaded_file.name, kind.extension),
        content_type=DOCUMENT_TYPES[kind.extension],
        size=uploaded_file.size,
    )


def check_photo(uploaded_file) -> CheckedFile:
    """Refuse a product photo that Pillow cannot decode as JPEG, PNG or WebP, or that is over 5 MB."""
    _check_size(uploaded_file, PHOTO_MAX_BYTES)
    try:
        uploaded_file.seek(0)
        with Image.open(uploaded_file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Tệp “%(name)s” không phải là ảnh hợp lệ.") % {"name": uploaded_file.name}, code="invalid_image"
        ) from None
    finally:
        uploaded_file.seek(0)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("Ảnh “%(name)s” có định dạng %(format)s; chỉ nhận JPEG, PNG hoặc WebP.")
            % {"name": uploaded_file.name, "format": image_format},
            code="image_format_refused",
        )
    extension = PHOTO_FORMATS[image_format]
    return CheckedFile(
        name=safe_name(uploaded_file.name, extension),
        content_type=filetype.get_type(ext=extension).mime,
        size=uploaded_file.size,
    )


def validate_photo(value):
    """Model-field validator, so the admin form and the service refuse the same photos."""
    if value and not getattr(value, "_committed", True):
        check_photo(value)
