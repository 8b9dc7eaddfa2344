"""Small but real PDF files for the demo dossiers (Form 01, Form 02).

A registration cannot be submitted without the files of its required items, and uploads are
judged by their content, so the demo attaches genuine one-page PDFs that any viewer opens. The
standard PDF fonts have no Vietnamese glyphs, so the page text is written without diacritics.
"""

import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile


def ascii_text(text: str) -> str:
    """ "Miến dong Tài Hoan" → "Mien dong Tai Hoan" (PDF string-safe)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.replace("\\", "/").replace("(", "[").replace(")", "]")


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, with a correct cross-reference table."""
    text = "\n".join(
        f"BT /F1 {14 if i == 0 else 11} Tf 56 {780 - 24 * i} Td ({ascii_text(line)}) Tj ET"
        for i, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def dossier_file(filename: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, pdf_bytes(lines), content_type="application/pdf")
