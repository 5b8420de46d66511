"""Generators of hostile inputs shared by the tests and bench/reliability.py (all made on the fly)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from pdf_objects import pdf_from_objects

NOTE = ("PROMISSORY NOTE\n\nBorrower (Société Générale) promises to pay Lender $10,000.00 \u2013 with interest.\n\n"
        "Borrower shall have no personal liability for the payment of the Loan, and Lender shall look solely to "
        "the Property for repayment.\n")
HTML = ("<html><head><title>Note</title></head><body><h1>PROMISSORY NOTE</h1><p>Borrower promises to pay Lender "
        "$5,000.00.</p><p>Borrower shall have no personal liability for the payment of the Loan, and Lender shall "
        "look solely to the Property for repayment.</p></body></html>")


def big_inline_image_pdf(mb: int = 100) -> bytes:
    """One page of text and an inline image of `mb` MB: slow to scan, not to write."""
    w = 1000
    h = mb * 1024 * 1024 // w
    content = (b"BT /F1 12 Tf 72 720 Td (Borrower shall have no personal liability.) Tj ET\n"
               b"q 100 0 0 100 72 72 cm BI /W %d /H %d /BPC 8 /CS /G ID\n" % (w, h) + bytes(w * h) + b"\nEI Q\n")
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def xobject_bomb_pdf() -> bytes:
    """About 1 KB: two form XObjects each drawing the other twice, so a naive renderer never stops."""
    body = b"/X1 Do /X2 Do /X1 Do /X2 Do"
    page = b"BT /F1 12 Tf 72 720 Td (Loan) Tj ET /X1 Do"
    res = b"/Resources << /XObject << /X1 5 0 R /X2 6 0 R >> >>"
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] " + res + b" /Length %d >>\nstream\n" % len(body)
            + body + b"\nendstream")
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 7 0 R >> /XObject << /X1 5 0 R /X2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
        form, form,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def size_lying_docx(path: Path, inflated_mb: int, claimed: int = 1024) -> None:
    """A DOCX whose word/document.xml inflates to `inflated_mb` MB while its zip headers claim `claimed` bytes."""
    member = "word/document.xml"
    payload = b"<w:document>" + b" " * (inflated_mb * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(member, payload)
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x03\x04")  # local headers
    while at >= 0:
        n, = struct.unpack("<H", data[at + 26:at + 28])
        if data[at + 30:at + 30 + n] == name:
            data[at + 22:at + 26] = struct.pack("<I", claimed)  # local header: uncompressed size
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n, = struct.unpack("<H", data[at + 28:at + 30])
        if data[at + 46:at + 46 + n] == name:
            data[at + 24:at + 28] = struct.pack("<I", claimed)  # central directory: uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
