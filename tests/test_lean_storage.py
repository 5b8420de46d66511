"""How a long document is held: pages packed and spooled until layout, boxes on a 16-bit grid,
word ends derived from the text, and content streams dropped once a page is read."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from pdf_objects import pdf_from_objects

from analyzer.document import DocumentBuilder
from analyzer.readers import ReadOptions, read_bytes
from analyzer.readers.pdf_layout import PageLines, group_lines
from analyzer.readers.spool import PageSpool

WORDS = [
    ("Section", 72.0, 100.0, 110.5, 111.0), ("12.", 113.0, 100.0, 125.0, 111.0),
    ("Non-Recourse.", 128.0, 100.2, 190.0, 111.1),
    ("Lender", 72.0, 114.0, 101.0, 125.0), ("shall", 104.0, 114.0, 124.0, 125.0),
    ("look", 127.0, 114.0, 146.0, 125.0), ("solely", 149.0, 114.0, 176.0, 125.0),
    ("Page 3", 300.0, 770.0, 330.0, 780.0),
]


def _page(spool: PageSpool | None = None) -> PageLines:
    page = PageLines(number=3, width=612.0, height=792.0)
    if spool is not None:
        page.spill(spool)
    page.lines = group_lines(WORDS)
    return page


def _as_tuples(page: PageLines) -> list[tuple]:
    return [(ln.text, list(ln.boxes), ln.x0, ln.top, ln.x1, ln.bottom) for ln in page.lines]


def test_packed_page_gives_back_its_lines_and_summaries() -> None:
    lines = group_lines(WORDS)
    page = _page()
    assert _as_tuples(page) == [(ln.text, list(ln.boxes), ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]
    assert page.line_count == 3 and page.first_line.text == "Section 12. Non-Recourse."
    assert page.alnum == sum(ch.isalnum() for w in WORDS for ch in w[0])
    assert page.compounds == {"non-recourse"}
    assert page.margin_keys == {"page #"}  # the footer line lies in the bottom margin; the body does not
    assert page.text.splitlines()[1] == "Lender shall look solely"


def test_spilled_page_lives_in_the_spool_and_survives_changes() -> None:
    spool = PageSpool(memory=64)  # tiny: the spool goes to a temporary file at once
    page = _page(spool)
    memory_twin = _page()
    assert page._blob == b"" and page._ref is not None  # nothing held in the object itself
    assert _as_tuples(page) == _as_tuples(memory_twin)
    page.lines = page.lines[:1]  # a change (running lines stripped) is written to the spool too
    assert page._blob == b"" and [ln.text for ln in page.lines] == ["Section 12. Non-Recourse."]
    assert page.line_count == 1 and page.margin_keys == frozenset()
    page.lines = []
    assert page.lines == [] and page.first_line is None and page.alnum == 0


def test_many_pages_spool_past_memory_into_a_file() -> None:
    spool = PageSpool(memory=4096)
    pages = [_page(spool) for _ in range(50)]
    assert spool._file._rolled  # past 4 KB: on disk, not in the heap
    assert all(_as_tuples(p) == _as_tuples(pages[0]) for p in pages)


def test_a_full_disk_keeps_pages_in_memory(monkeypatch) -> None:
    spool = PageSpool(memory=64)

    def no_room(blob: bytes) -> tuple[int, int]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spool, "put", no_room)
    page = _page(spool)
    assert page._ref is None and page._blob  # held in memory instead
    assert _as_tuples(page) == _as_tuples(_page())


def _built(words: list[tuple[str, tuple[float, float, float, float]]], width=612.0, height=792.0):
    b = DocumentBuilder(source="t", fmt="pdf")
    b.start_page(1, width, height)
    for i, (w, box) in enumerate(words):
        if i:
            b.add(" ")
        b.add(w, box)
    return b.build()


def test_boxes_come_back_within_a_fiftieth_of_a_point() -> None:
    words = [(f"w{i}", (72.0 + 7.3 * i, 100.0 + 0.01 * i, 79.1 + 7.3 * i, 111.37)) for i in range(60)]
    doc = _built(words)
    assert len(doc.box_xy) == 4 * 60 and doc.box_xy.typecode == "H"  # 8 bytes a word, not 16
    for i, (_, box) in enumerate(words):
        page, got = doc.box(i)
        assert page == 1
        assert max(abs(a - b) for a, b in zip(got, box, strict=True)) < 0.02


def test_garbage_coordinates_do_not_spoil_the_other_boxes_on_the_page() -> None:
    words = [("good", (72.0, 100.0, 100.0, 111.0)), ("nan", (math.nan, 1.0, 2.0, 3.0)),
             ("huge", (1e30, -1e30, math.inf, -math.inf)), ("offpage", (80.0, 2100.0, 120.0, 2110.0)),
             ("also", (110.0, 100.0, 130.0, 111.0))]
    doc = _built(words)
    assert max(abs(a - b) for a, b in zip(doc.box(0)[1], words[0][1], strict=True)) < 1.0
    assert max(abs(a - b) for a, b in zip(doc.box(4)[1], words[4][1], strict=True)) < 1.0
    assert abs(doc.box(3)[1][1] - 2100.0) < 1.0  # text placed below the page keeps its place
    assert all(math.isfinite(v) for i in range(5) for v in doc.box(i)[1])


def test_word_ends_follow_spaces_and_glued_halves() -> None:
    b = DocumentBuilder(source="t", fmt="pdf")
    b.start_page(1, 612.0, 792.0)
    b.add("obliga", (72.0, 100.0, 110.0, 111.0))  # a word hyphenated over two lines, its hyphen dropped
    b.add("tion", (72.0, 114.0, 95.0, 125.0))
    b.add(" ")
    b.add("of", (98.0, 114.0, 108.0, 125.0))
    b.add("\n\n")
    b.add("Lender", (72.0, 140.0, 110.0, 151.0))
    doc = b.build()
    assert doc.text == "obligation of\n\nLender"
    assert [(doc.box_start[i], doc.box_end(i)) for i in range(4)] == [(0, 6), (6, 10), (11, 13), (15, 21)]
    # "obligation of" covers both halves and the next word: two lines, two boxes
    assert [p for p, _ in doc.boxes_for(0, 13)] == [1, 1]
    assert doc.boxes_for(7, 8)[0][1][0] == pytest.approx(72.0, abs=0.05)  # inside "tion": its box
    assert doc.boxes_for(13, 15) == []  # the blank line between paragraphs has no box


def test_words_keep_their_pages() -> None:
    b = DocumentBuilder(source="t", fmt="pdf")
    for n in (1, 2, 3):
        b.start_page(n, 612.0, 792.0 if n != 2 else 1008.0)
        if n != 2:  # page 2 is blank
            b.add(f"page{n}", (72.0, 900.0 if n == 3 else 100.0, 120.0, 110.0))
    doc = b.build()
    assert [doc.box(i)[0] for i in range(2)] == [1, 3]
    assert doc.box(1)[1][1] == pytest.approx(900.0, abs=0.05)


fpdf = pytest.importorskip("fpdf")


def _pdf(pages: int) -> bytes:
    pdf = fpdf.FPDF(format="letter")
    pdf.set_font("Times", size=11)
    for n in range(pages):
        pdf.add_page()
        pdf.set_xy(72, 72)
        pdf.multi_cell(460, 14, f"Page {n + 1}. The Borrower shall repay the Loan in full on the Maturity Date. " * 8)
    return bytes(pdf.output())


def test_read_pages_leave_no_decoded_content_behind(monkeypatch) -> None:
    import pdfplumber
    from pdfminer.pdftypes import PDFStream

    opened = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(real_open(*a, **k)) or opened[-1])
    doc = read_bytes(_pdf(6), "six.pdf", ReadOptions(engine="pdfplumber", ocr="never"))
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5, 6] and "Page 6. The Borrower" in doc.text
    pdf = opened[0]
    decoded = [o for o, _ in pdf.doc._cached_objs.values() if isinstance(o, PDFStream) and o.data is not None]
    assert decoded == []
    assert not hasattr(pdf, "_pages")  # pdfplumber's list of every page was never built


def _handmade_pdf(sized: list[bool]) -> bytes:
    """A PDF with one line of text a page; pages marked False have no MediaBox anywhere."""
    n = len(sized)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"]
    for i, has_size in enumerate(sized):
        box = "/MediaBox [0 0 612 792] " if has_size else ""
        objs.append(f"<< /Type /Page /Parent 2 0 R {box}/Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {5 + 2 * i} 0 R >>".encode())
        text = f"BT /F1 11 Tf 72 700 Td (Page {i + 1}. The Borrower shall repay the Loan.) Tj ET"
        objs.append(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream".encode())
    return pdf_from_objects(objs)


def test_a_page_without_a_size_costs_that_page_only() -> None:
    doc = read_bytes(_handmade_pdf([True, False, True]), "two.pdf", ReadOptions(engine="pdfplumber", ocr="never"))
    assert "Page 1. The Borrower" in doc.text and "Page 3. The Borrower" in doc.text
    assert "Page 2." not in doc.text
    assert "page 2 unreadable: no page size (MediaBox)" in doc.warnings, doc.warnings


def test_batch_workers_settle_their_heap_after_loading() -> None:
    code = ("import gc\nfrom analyzer.nlp.pipeline import get_nlp, settle_worker_heap\n"
            "get_nlp()\nbefore = gc.get_freeze_count()\nsettle_worker_heap()\n"
            "print(before, gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split())
    assert before == 0 and after > 50_000  # the loaded pipeline is out of the collector's walks


def test_empty_spool_and_pages() -> None:
    page = PageLines(number=1)
    assert page.lines == [] and page.first_line is None and page.text == ""
    page.spill(PageSpool())
    page.lines = []
    assert page._ref is None and page.lines == []
