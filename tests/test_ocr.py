"""OCR of pages without a text layer (analyzer.readers.ocr, through the PDF reader).

Tests that run Tesseract skip when the `tesseract` executable is absent; the scanned sample is
OCR'd once for the module. The missing-engine tests need no Tesseract: they hide it.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from analyzer.api import analyze
from analyzer.readers import ReadOptions, ocr, read_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCANNED = SAMPLES / "scanned_limited_cmbs_carveouts.pdf"
TYPESET = SAMPLES / "limited_cmbs_carveouts.pdf"
LABELS = {r["file"]: r for r in csv.DictReader(open(SAMPLES / "labels.csv", newline="", encoding="utf-8"))}
ROW = LABELS[SCANNED.name]

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")


def _squash(s: str) -> str:
    return " ".join(s.split()).lower()


def _holding(result, quote: str):
    q = _squash(quote)[:60]
    return [e for e in result.evidence if q in _squash(e.text)]


def _pdf_of(*parts: tuple[Path, list[int]]) -> bytes:
    """A new PDF made of (file, 0-based page indexes) parts, in order."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for path, pages in parts:
        src = pdfium.PdfDocument(str(path))
        out.import_pages(src, pages)
        src.close()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()


def _jpeg_pdf(src: Path, index: int, dpi: int = 200) -> tuple[bytes, bytes]:
    """A one-page PDF that is nothing but a JPEG of page `index` of `src` (and the JPEG itself)."""
    fpdf = pytest.importorskip("fpdf")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    page = doc[index]
    width, height = page.get_size()
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    doc.close()
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=85)
    pdf = fpdf.FPDF(unit="pt", format=(width, height))
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg.getvalue()), x=0, y=0, w=width, h=height)
    return bytes(pdf.output()), jpeg.getvalue()


@pytest.fixture(scope="module")
def typeset():
    return analyze(TYPESET)


@pytest.fixture(scope="module")
def scanned():
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr not installed")
    return analyze(SCANNED)


# --------------------------------------------------------------------------- with Tesseract


@needs_tesseract
def test_scanned_sample_gets_the_typeset_label_and_decisive_page(scanned, typeset):
    assert scanned.error is None, scanned.error
    assert scanned.label == typeset.label == ROW["label"]
    ocr_hit, text_hit = _holding(scanned, ROW["decisive_quote"]), _holding(typeset, ROW["decisive_quote"])
    assert ocr_hit and text_hit
    assert ocr_hit[0].decisive and text_hit[0].decisive
    assert ocr_hit[0].kind == text_hit[0].kind == ROW["decisive_kind"]
    assert ocr_hit[0].page == text_hit[0].page == int(ROW["decisive_page"])


@needs_tesseract
def test_scanned_sample_pages_are_flagged_and_warned(scanned):
    assert scanned.pages == 7
    assert scanned.ocr_pages == [1, 2, 3, 4, 5, 6, 7]
    assert "ocr: pages 1-7" in scanned.warnings
    assert not any(w.startswith(("no_text_layer", "ocr_unavailable")) or "OCR" in w for w in scanned.warnings)


@needs_tesseract
def test_scanned_evidence_boxes_are_where_the_typeset_text_is(scanned, typeset):
    ocr_hit = _holding(scanned, ROW["decisive_quote"])[0]
    text_hit = _holding(typeset, ROW["decisive_quote"])[0]
    assert ocr_hit.bbox is not None and ocr_hit.boxes
    assert ocr_hit.boxes[0].page == ocr_hit.page == int(ROW["decisive_page"])
    for a, b in zip(ocr_hit.bbox, text_hit.bbox, strict=True):
        assert abs(a - b) < 4.0, (ocr_hit.bbox, text_hit.bbox)  # points, on a 612 x 792 page
    for e in scanned.evidence:
        for pb in e.boxes:
            x0, top, x1, bottom = pb.bbox
            assert 1 <= pb.page <= 7 and 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 792


@needs_tesseract
def test_embedded_jpeg_page_is_read_in_page_coordinates(typeset):
    index = int(ROW["decisive_page"]) - 1
    pdf, _ = _jpeg_pdf(TYPESET, index)
    r = analyze(pdf)
    assert r.error is None and r.ocr_pages == [1]
    hit, ref = _holding(r, ROW["decisive_quote"]), _holding(typeset, ROW["decisive_quote"])[0]
    assert hit and hit[0].page == 1
    for a, b in zip(hit[0].bbox, ref.bbox, strict=True):
        assert abs(a - b) < 4.0, (hit[0].bbox, ref.bbox)


@needs_tesseract
def test_ocr_always_reads_pages_that_have_a_text_layer():
    index = int(ROW["decisive_page"]) - 1
    data = _pdf_of((TYPESET, [index]))
    doc = read_bytes(data, "one.pdf", ReadOptions(ocr="always"))
    assert doc.ocr_pages == [1] and "ocr: page 1" in doc.warnings
    assert _squash(ROW["decisive_quote"])[:60] in _squash(doc.text)
    assert read_bytes(data, "one.pdf", ReadOptions(ocr="auto")).ocr_pages == []


@needs_tesseract
def test_page_timeout_is_a_warning_naming_the_page(monkeypatch):
    monkeypatch.setattr(ocr, "TIMEOUT_S", 0.05)
    data = _pdf_of((TYPESET, [0, 1, 2]), (SCANNED, [3]))
    r = analyze(data)
    assert r.error is None
    assert "page 4 OCR timed out" in r.warnings
    assert "no_text_layer: page 4" in r.warnings and r.ocr_pages == []
    only_scan = analyze(_pdf_of((SCANNED, [0])))
    assert only_scan.error_code == "no_text" and "page 1 OCR timed out" in only_scan.error


# --------------------------------------------------------------------------- without Tesseract


@pytest.fixture
def no_tesseract(monkeypatch):
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda cmd, *a, **k: None if cmd == "tesseract" else real(cmd, *a, **k))
    assert not ocr.available()


def test_missing_engine_fully_scanned_is_a_clear_error(no_tesseract):
    r = analyze(SCANNED)
    assert r.label is None and r.error_code == "no_text"
    assert r.error == "no text layer (scanned image?); install tesseract-ocr to OCR it"


def test_missing_engine_names_the_unread_pages(no_tesseract):
    data = _pdf_of((TYPESET, [0, 1, 2]), (SCANNED, [3, 4, 5, 6]))
    r = analyze(data)
    assert r.error is None and r.ocr_pages == []
    assert "ocr_unavailable: pages 4-7 have no text layer; install tesseract-ocr to read them" in r.warnings
    assert not any(w.startswith("no_text_layer") for w in r.warnings)
    one = read_bytes(_pdf_of((TYPESET, [0]), (SCANNED, [6])), "x.pdf", ReadOptions())
    assert "ocr_unavailable: page 2 has no text layer; install tesseract-ocr to read it" in one.warnings


def test_missing_engine_ocr_page_raises(no_tesseract):
    with pytest.raises(ocr.OcrUnavailable, match="install tesseract-ocr"):
        ocr.ocr_page(SCANNED.read_bytes(), 1, ReadOptions())


def test_ocr_never_does_not_look_for_the_engine(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("OCR called with ocr='never'")

    monkeypatch.setattr(ocr, "ocr_page", boom)
    data = _pdf_of((TYPESET, [0]), (SCANNED, [1]))
    doc = read_bytes(data, "x.pdf", ReadOptions(ocr="never"))
    assert doc.ocr_pages == [] and "no_text_layer: page 2" in doc.warnings


# --------------------------------------------------------------------------- pieces


def test_parse_tsv_keeps_words_in_order_with_line_heights_in_points():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "4\t1\t1\t1\t1\t0\t100\t200\t600\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t210\t50\t30\t96.5\tThe",
        "5\t1\t1\t1\t1\t2\t160\t220\t20\t20\t95.0\ta",
        "5\t1\t1\t1\t1\t3\t190\t200\t10\t40\t12.0\tee",  # unsure, and too short to be sure of
        "5\t1\t1\t1\t1\t4\t210\t200\t10\t40\t35.0\t|",  # a speck read as a symbol
        "5\t1\t1\t1\t1\t5\t230\t200\t10\t40\t95.0\t ",  # empty
        "5\t1\t1\t1\t1\t6\t250\t205\t60\t35\t45.0\tLoan;",
        "5\t1\t1\t1\t1\t7\t320\t205\t90\t35\t0.0\tattorneys\u2019",  # Tesseract's 0 for a good word
        "4\t1\t1\t1\t2\t0\t100\t300\t100\t40\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t300\t100\t40\t91.0\t(a)",
    ]
    words = ocr.parse_tsv("\n".join([head, *rows]) + "\n", scale=0.24, dx=1.0, dy=2.0)
    assert [w[0] for w in words] == ["The", "a", "Loan;", "attorneys\u2019", "(a)"]
    assert words[0] == pytest.approx(("The", 1 + 24.0, 2 + 48.0, 1 + 36.0, 2 + 57.6))
    assert {(w[2], w[4]) for w in words[:4]} == {words[0][2:5:2]}  # one line: one top and bottom
    assert words[4][2] == pytest.approx(2 + 72.0)


def test_huge_pages_are_downscaled_in_consistent_units():
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(SCANNED))
    try:
        image = ocr.render_page(doc[0], dpi=300, max_pixels=1_000_000)
    finally:
        doc.close()
    width, height = (int(v) for v in image.data.split(b"\n", 2)[1].split())
    assert image.kind == "pgm" and width * height <= 1_010_000
    assert width * image.scale == pytest.approx(612, abs=0.5) and image.dpi == pytest.approx(72 / image.scale)
    assert len(image.data) == len(b"P5\n%d %d\n255\n" % (width, height)) + width * height


def test_embedded_jpeg_is_passed_through_and_other_pages_rendered():
    import pypdfium2 as pdfium

    pdf, jpeg = _jpeg_pdf(TYPESET, 0)
    doc = pdfium.PdfDocument(pdf)
    try:
        image = ocr.embedded_jpeg(doc[0])
    finally:
        doc.close()
    assert image is not None and image.kind == "jpeg" and image.data == jpeg
    assert image.dpi == pytest.approx(200, rel=0.01) and (image.dx, image.dy) == pytest.approx((0, 0), abs=0.5)
    scan = pdfium.PdfDocument(str(SCANNED))  # FlateDecode: rendered instead
    typeset_doc = pdfium.PdfDocument(str(TYPESET))  # text, no image
    try:
        assert ocr.embedded_jpeg(scan[0]) is None and ocr.embedded_jpeg(typeset_doc[0]) is None
    finally:
        scan.close()
        typeset_doc.close()
