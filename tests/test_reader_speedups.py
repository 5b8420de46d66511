"""The pdfium reader's shortcuts give what the plain ways give: a page written in one pass as line by line,
word boxes computed for many pages as for one, running lines stripped inside emit as in a pass of their own,
bare C calls as the typed ones, the compound pattern as the plain one."""

from __future__ import annotations

import ctypes
import random
import re
from array import array
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from analyzer.readers.page_lines import COMPOUND, Line, PageLines
from analyzer.readers.pdf_common import bare_c
from analyzer.readers.pdf_layout import (
    PageBuilder,
    _emit_lines,
    _emit_page,
    emit,
    find_running_keys,
    group_lines,
    strip_running_lines,
)
from analyzer.readers.pdf_pdfium import pdfium_words
from analyzer.readers.pdfium_fast import fast_draft, finish

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.startswith("scanned_"))


def _written(lines: list[Line], joins: list[str], tail: str | None, how) -> tuple:
    b = PageBuilder()
    b.start_page(1, 612.0, 792.0)
    b.add("Intro")
    b.add(" ")
    how(b, lines, joins, tail)
    doc = b.build()
    return doc.text, list(doc.box_start), list(doc.box_xy), [(p.start, p.end, p.grid) for p in doc.pages]


def _line(rng: random.Random, y: float) -> Line:
    words = [rng.choice(["Borrower", "shall", "obliga-", "-", "non-", "x", "(a)", "carve-outs", "12.", "\u00e9t\u00e9"])
             for _ in range(rng.randint(1, 6))]
    boxes = array("f", [v for k in range(len(words)) for v in (10.0 * k, y, 10.0 * k + 8, y + 10)])
    return Line(" ".join(words), boxes, 0.0, y, 10.0 * len(words), y + 10)


def test_one_pass_page_is_the_line_by_line_page() -> None:
    rng = random.Random(7)
    for _ in range(400):
        lines = [_line(rng, 12.0 * i) for i in range(rng.randint(1, 8))]
        joins = [rng.choice(["\n\n", " ", "", "-"]) for _ in lines[1:]]
        tail = rng.choice([None, "-", " ", ""])
        assert _written(lines, joins, tail, _emit_page) == _written(lines, joins, tail, _emit_lines)


def test_word_boxes_of_many_pages_are_those_of_each_page() -> None:
    drafts = []
    for path in PDFS[:6]:
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            drafts.append(fast_draft(tp, page.get_rotation() % 360, tuple(float(v) for v in page.get_mediabox()),
                                     pdfium_words))
            tp.close()
            page.close()
        pdf.close()
    assert sum(len(d.geo) // 6 for d in drafts) > 100  # many one-object pieces, on pages of several lengths
    assert len({len(d.text) for d in drafts}) > 3
    assert finish(drafts) == [finish([d])[0] for d in drafts]


def test_bare_calls_are_the_typed_calls() -> None:
    pdf = pdfium.PdfDocument(str(PDFS[0]))
    page = pdf[0]
    tp = page.get_textpage()
    rect, bare_rect = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    n = pdfium_c.FPDFText_CountChars(tp.raw)
    assert n > 100
    for i in range(0, n, 7):
        typed = pdfium_c.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(rect))
        bare = bare_c("FPDFText_GetLooseCharBox")(tp.raw, i, ctypes.byref(bare_rect))
        assert (typed, rect.left, rect.top, rect.right, rect.bottom) == (
            bare, bare_rect.left, bare_rect.top, bare_rect.right, bare_rect.bottom)
        assert pdfium_c.FPDFText_GetFontSize(tp.raw, i) == bare_c("FPDFText_GetFontSize")(tp.raw, i)
        assert pdfium_c.FPDFText_CountRects(tp.raw, i, 5) == bare_c("FPDFText_CountRects")(tp.raw, i, 5)
    tp.close()
    page.close()
    pdf.close()


def _pages() -> list[PageLines]:
    """Pages whose running footer holds a compound that a line-end hyphen of the body would rebuild."""
    out = []
    for n in range(1, 5):
        words = [("LOAN", 72.0, 20.0, 110.0, 31.0), ("AGREEMENT", 114.0, 20.0, 190.0, 31.0),
                 ("The", 72.0, 100.0, 90.0, 111.0), ("carve-", 94.0, 100.0, 130.0, 111.0),
                 ("outs", 72.0, 114.0, 95.0, 125.0), ("apply", 99.0, 114.0, 125.0, 125.0),
                 ("here", 129.0, 114.0, 150.0, 125.0), ("and", 154.0, 114.0, 170.0, 125.0),
                 ("Carve-outs", 72.0, 760.0, 130.0, 771.0), (str(n), 134.0, 760.0, 140.0, 771.0)]
        page = PageLines(number=n, width=612.0, height=792.0)
        page.lines = group_lines(words)
        out.append(page)
    return out


def test_emit_strips_as_a_separate_pass_did() -> None:
    separate = _pages()
    running = find_running_keys(separate)
    assert "carve-outs #" in running and "loan agreement" in running
    for p in separate:
        strip_running_lines(p, running)
    before = PageBuilder()
    emit(before, separate)
    inside = PageBuilder()
    emit(inside, _pages(), running)
    a, b = before.build(), inside.build()
    assert (a.text, list(a.box_start), list(a.box_xy)) == (b.text, list(b.box_start), list(b.box_xy))
    assert "carveouts" in a.text and "Carve-outs" not in a.text  # the footer's compound no longer counts
    kept = PageBuilder()
    emit(kept, _pages())
    assert "carve-outs" in kept.build().text  # ... where it would have, had the footer stayed


@pytest.mark.parametrize("seed", range(3))
def test_compound_pattern_finds_what_the_plain_one_finds(seed: int) -> None:
    plain = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
    rng = random.Random(seed)
    for _ in range(20000):
        text = "".join(rng.choice("ab-- 1_\u00e9-xZ,.\u00df") for _ in range(rng.randint(0, 16)))
        assert COMPOUND.findall(text) == plain.findall(text), text
