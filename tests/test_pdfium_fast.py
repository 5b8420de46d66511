"""The fast pdfium reading gives the lines of the per-character reading: same text, same line geometry,
word boxes estimated within a few points."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from analyzer.document import DocumentBuilder
from analyzer.readers.pdf import pdfium_words as _pdfium_words
from analyzer.readers.pdf_layout import group_lines
from analyzer.readers.pdfium_fast import fast_lines

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.startswith("scanned_"))[:4]


def _both(path: Path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            mb = tuple(float(v) for v in page.get_mediabox())
            rot = page.get_rotation() % 360
            yield group_lines(_pdfium_words(tp, rot, mb)), fast_lines(tp, rot, mb, _pdfium_words)
            tp.close()
            page.close()
    finally:
        pdf.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_lines_match_the_exact_reading(path: Path) -> None:
    words = 0
    for exact, fast in _both(path):
        assert [ln.text for ln in fast] == [ln.text for ln in exact]
        for a, b in zip(exact, fast, strict=True):
            assert (b.x0, b.top, b.x1, b.bottom) == pytest.approx((a.x0, a.top, a.x1, a.bottom), abs=0.01)
            assert len(a.boxes) == len(b.boxes)
            for k in range(0, len(a.boxes), 4):
                assert b.boxes[k + 1] == pytest.approx(a.boxes[k + 1], abs=0.01)  # top and bottom: exact
                assert b.boxes[k + 3] == pytest.approx(a.boxes[k + 3], abs=0.01)
                assert abs(b.boxes[k] - a.boxes[k]) < 25 and abs(b.boxes[k + 2] - a.boxes[k + 2]) < 25
            words += len(a.boxes) // 4
    assert words > 200


def test_add_words_is_add_per_word() -> None:
    from array import array

    one, bulk = DocumentBuilder(), DocumentBuilder()
    for b in (one, bulk):
        b.start_page(1, 600, 800)
        b.add("Intro ")
    boxes = [(1.0, 2.0, 3.0, 4.0), (5.0, 2.0, 9.0, 4.0), (10.0, 2.0, 12.0, 4.0)]
    for i, w in enumerate(["non-recourse", "to", "Borrower"]):
        if i:
            one.add(" ")
        one.add(w, boxes[i])
    bulk.add_words("non-recourse to Borrower", array("f", [v for b in boxes for v in b]))
    a, b = one.build(), bulk.build()
    assert a.text == b.text
    assert list(a.box_start) == list(b.box_start) == [6, 19, 22]
    assert list(a.box_xy) == list(b.box_xy)
