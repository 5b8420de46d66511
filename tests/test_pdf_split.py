"""A large PDF read by several processes, a range of pages each, equals the sequential read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.readers import ReadOptions, read_path
from analyzer.readers.pdf_split import SPLIT_MIN_PAGES, ranges

fpdf = pytest.importorskip("fpdf")


def _long_pdf(path: Path, pages: int) -> None:
    pdf = fpdf.FPDF(format="letter")
    pdf.set_auto_page_break(False)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Times", size=9)
        pdf.text(72, 40, "LOAN AGREEMENT")  # a running header, found across all ranges
        pdf.set_font("Times", size=11)
        pdf.set_xy(72, 72)
        body = (f"Section {n}. Covenants. The Borrower shall deliver the reports for period {n} to the Lender. ")
        if n == pages - 3:
            body += "Borrower shall have no personal liability, and Lender shall look solely to the Property."
        pdf.multi_cell(460, 14, body * 3)
        pdf.text(300, 760, f"Page {n}")
    pdf.output(str(path))


def test_ranges_cover_every_page_once() -> None:
    for n in (1, 7, 40, 289):
        for parts in (1, 2, 3, 8):
            rs = ranges(n, parts)
            pages = [p for a, b in rs for p in range(a, b + 1)]
            assert pages == list(range(1, n + 1))


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_split_read_equals_sequential(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "long.pdf"
    _long_pdf(path, SPLIT_MIN_PAGES + 5)
    one = read_path(path, ReadOptions(engine=engine))
    two = read_path(path, ReadOptions(engine=engine, split_workers=2))
    assert two.text == one.text
    assert [(p.number, p.start, p.end) for p in two.pages] == [(p.number, p.start, p.end) for p in one.pages]
    assert list(two.box_start) == list(one.box_start) and list(two.box_xy) == list(one.box_xy)


def test_batch_of_one_large_pdf_uses_the_split(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    path = tmp_path / "long.pdf"
    _long_pdf(path, SPLIT_MIN_PAGES + 5)
    out = CliRunner().invoke(app, [str(path), "--format", "json", "-q", "--workers", "2"])
    record = json.loads(out.stdout)
    assert out.exit_code == 0 and record["label"] == "non-recourse"
    assert record["pages"] == SPLIT_MIN_PAGES + 5
    assert any(e["decisive"] and e["page"] == SPLIT_MIN_PAGES + 2 for e in record["evidence"])


def test_small_or_broken_pdf_with_split_falls_back_to_the_plain_reader(tmp_path: Path) -> None:
    from analyzer.errors import CorruptDocument

    small = tmp_path / "small.pdf"
    _long_pdf(small, 3)
    assert read_path(small, ReadOptions(split_workers=2)).text == read_path(small).text
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 200)
    with pytest.raises(CorruptDocument):
        read_path(broken, ReadOptions(split_workers=2))
