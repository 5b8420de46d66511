"""The fast engine: pypdfium2 drives the analysis, pdfplumber re-reads only the evidence pages, and the
result matches a full pdfplumber analysis (label, decisive pages, quotes, boxes within 1 pt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analyzer
from analyzer.readers import pdf as pdf_reader
from analyzer.readers import pdf_plumber

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PDFS = [SAMPLES / "limited_cmbs_carveouts.pdf", SAMPLES / "nonrecourse_note.pdf",
        SAMPLES / "consumer" / "recourse_heloc_agreement.pdf"]


@pytest.fixture(scope="module")
def plumber() -> Analyzer:
    return Analyzer(engine="pdfplumber", ocr="never")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_matches_pdfplumber(path: Path, plumber: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int] = []
    original = pdf_reader.pages_pdfplumber

    def counting(*args, **kwargs):
        for page in original(*args, **kwargs):
            read.append(page.number)
            yield page

    full = plumber.analyze(path)
    monkeypatch.setattr(pdf_plumber, "pages_pdfplumber", counting)
    fast = Analyzer(engine="fast", ocr="never").analyze(path)
    assert fast.error is None and fast.label == full.label
    assert [(e.kind, e.page, e.decisive) for e in fast.evidence] == [(e.kind, e.page, e.decisive)
                                                                     for e in full.evidence]
    assert [e.text for e in fast.evidence] == [e.text for e in full.evidence]
    for a, b in zip(full.evidence, fast.evidence, strict=True):
        assert [p.page for p in a.boxes] == [p.page for p in b.boxes]
        for pa, pb in zip(a.boxes, b.boxes, strict=True):
            assert pb.bbox == pytest.approx(pa.bbox, abs=1.0)
    # pdfplumber read only the pages that hold evidence, each once
    assert len(read) == len(set(read))
    assert set(read) == {e.page for e in fast.evidence} | {p.page for e in fast.evidence for p in e.boxes}


def test_fast_engine_without_evidence_rereads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(pdf_plumber, "pages_pdfplumber", lambda *a, **k: calls.append(a) or iter(()))
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Meeting notes. The weather was fine and lunch was served at noon. " * 5)
    result = Analyzer(engine="fast", ocr="never").analyze(bytes(pdf.output()), name="notes.pdf")
    assert result.error is None and result.evidence == []
    assert calls == []


def test_failed_reread_keeps_the_pdfium_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfplumber choking on a page pdfium read keeps the record: estimated boxes and a warning that says so."""
    path = SAMPLES / "nonrecourse_note.pdf"
    expected = Analyzer(engine="pdfium", ocr="never").analyze(path)

    def broken(*args, **kwargs):
        raise RecursionError("nested too deeply")
        yield  # pragma: no cover - a generator, as the real one

    monkeypatch.setattr(pdf_plumber, "pages_pdfplumber", broken)
    result = Analyzer(engine="fast", ocr="never").analyze(path)
    assert result.error is None and result.label == expected.label
    assert "exact_boxes_failed: RecursionError" in result.warnings
    assert [e.boxes for e in result.evidence] == [e.boxes for e in expected.evidence]
