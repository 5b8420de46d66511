"""Regressions from hostile inputs (bench/fuzz_pdf.py, bench/pathological.py): each one a result or a typed error.

The tests pin the fixes made for what the fuzzer and bench/pathological.py found, each on an input made
here (no saved fuzz cases are replayed: none was ever committed, so that test only ever skipped).
"""

from __future__ import annotations

import random
import time
import zlib
from pathlib import Path

import pytest
from pdf_objects import pdf_from_objects

from analyzer.api import Analyzer
from analyzer.errors import AnalyzerError, NoText, ResourceLimit
from analyzer.readers import ReadOptions, read_bytes
from analyzer.readers import pdf as pdf_reader

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ENGINES = ("pdfplumber", "pdfium")
LABELS = {"recourse", "limited-recourse", "non-recourse"}
CLAUSE = b"The Borrower shall not be personally liable for the payment of the Loan."


def _pdf(content: bytes, extra: bytes = b"", page_extra: bytes = b"", box: bytes = b"0 0 612 792") -> bytes:
    """A one-page PDF with a correct xref around `content` (stream dictionary entries in `extra`)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [" + box + b"] /Resources << /Font << /F1 5 0 R >> >> "
            + page_extra + b" /Contents 4 0 R >>",
            b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_from_objects(objs)


def _text(line: bytes = CLAUSE) -> bytes:
    return b"BT /F1 11 Tf 72 720 Td (" + line + b") Tj ET"


def _outcome(data: bytes, engine: str, name: str = "case.pdf"):
    """('result', label) or ('error', code); anything else raises, which is the failure we guard against."""
    try:
        doc = read_bytes(data, name, ReadOptions(engine=engine, ocr="never"))
    except AnalyzerError as exc:
        assert exc.reason and "\n" not in exc.reason
        return "error", exc.code
    from analyzer.api import analyze_document

    r = analyze_document(doc)
    assert r.label is not None and r.label.value in LABELS
    return "result", r.label.value


# ----------------------------------------------------------------------------------------- pdfium engine


def test_pdfium_scanned_pdf_is_no_text_not_corrupt() -> None:
    """pypdfium2 5 renamed PdfObject.get_pos to get_bounds: every page of a scan failed -> 'corrupt PDF'."""
    data = (SAMPLES / "scanned_limited_cmbs_carveouts.pdf").read_bytes()
    with pytest.raises(NoText):
        read_bytes(data, "scan.pdf", ReadOptions(engine="pdfium", ocr="never"))


def test_pdfium_sparse_page_measures_images() -> None:
    doc = read_bytes((SAMPLES / "nonrecourse_note.pdf").read_bytes(), "n.pdf", ReadOptions(engine="pdfium"))
    assert not any("unreadable" in w for w in doc.warnings)


# ----------------------------------------------------------------------------------------- page numbers


def test_text_page_numbers_within_page_count() -> None:
    """Empty leading pages are dropped from a text Document but keep their numbers: `pages` counts them."""
    r = Analyzer().analyze("\f\f\fThe Borrower shall not be personally liable for the Loan.")
    assert r.evidence and all(1 <= e.page <= r.pages for e in r.evidence)
    assert r.pages == 4


# ----------------------------------------------------------------------------------------- decompression


@pytest.fixture
def small_ceiling(monkeypatch):
    from analyzer.readers import pdfminer_fence

    monkeypatch.setattr(pdfminer_fence, "MAX_STREAM_BYTES", 1 << 20)


def _bomb(megabytes: int = 8, corrupt_checksum: bool = False) -> bytes:
    z = bytearray(zlib.compress(_text() + b"\n" + b" " * (megabytes << 20), 9))
    if corrupt_checksum:
        z[-1] ^= 0xFF
    return _pdf(bytes(z), b"/Filter /FlateDecode ")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("corrupt_checksum", [False, True], ids=["bomb", "bomb_bad_checksum"])
def test_decompression_bomb_is_bounded(small_ceiling, engine: str, corrupt_checksum: bool) -> None:
    kind, code = _outcome(_bomb(8, corrupt_checksum), engine)
    assert kind == "error" and code in ("resource_limit", "corrupt")
    try:
        read_bytes(_bomb(8, corrupt_checksum), "b.pdf", ReadOptions(engine=engine, ocr="never"))
    except AnalyzerError as exc:
        assert "decompression bomb" in exc.reason


@pytest.mark.parametrize("engine", ENGINES)
def test_stream_under_the_ceiling_still_reads(small_ceiling, engine: str) -> None:
    assert _outcome(_bomb(0), engine) == ("result", "non-recourse")


def _pdfminer_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer.pdftypes.decompress_corrupted as released (20260107), minus its log line: the reference."""
    d = zlib.decompressobj()
    result_str = b""
    i = 0
    try:
        for i in range(len(data)):  # noqa: B007 - i is read after the loop, as in the original
            result_str += d.decompress(data[i:i + 1])
        i = len(data)
    except zlib.error:
        if i < len(data) - 3:
            raise
    return result_str


def test_bounded_decompress_matches_pdfminer() -> None:
    original = _pdfminer_decompress_corrupted
    rng = random.Random(11)
    for n in range(120):
        raw = bytes(rng.randrange(256) if rng.random() < 0.3 else 32 for _ in range(rng.randint(1, 6000)))
        z = bytearray(zlib.compress(raw))
        how = n % 4
        if how == 1:
            z[rng.randrange(len(z))] ^= 0xFF
        elif how == 2:
            z = z[: rng.randrange(1, len(z))]
        elif how == 3:
            z[-rng.randint(1, 4)] ^= 0x55
        results = []
        for fn in (original, pdf_reader.decompress_corrupted):
            try:
                results.append(fn(bytes(z)))
            except zlib.error:
                results.append("zlib.error")
        assert results[0] == results[1], n
        try:
            expected = zlib.decompress(bytes(z))
        except zlib.error:
            expected = "zlib.error"
        try:
            got = pdf_reader.BoundedZlib.decompress(bytes(z))
        except zlib.error:
            got = "zlib.error"
        assert got == expected, n


def test_corrupted_stream_recovery_is_linear() -> None:
    """pdfminer's decompress_corrupted is quadratic (`bytes +=` per input byte): ~minutes for 8 MB."""
    z = bytearray(zlib.compress(b" " * (8 << 20) + bytes(range(256)) * 64, 9))
    z[-1] ^= 0xFF
    t0 = time.perf_counter()
    out = pdf_reader.decompress_corrupted(bytes(z))
    assert len(out) == (8 << 20) + 256 * 64
    assert time.perf_counter() - t0 < 5


# ----------------------------------------------------------------------------------------- odd structure


@pytest.mark.parametrize("engine", ENGINES)
def test_arrays_nested_100000_deep(engine: str) -> None:
    deep = b"[" * 100_000 + b"1" + b"]" * 100_000
    data = _pdf(_text() + b"\n" + deep + b" pop\n", page_extra=b"/Deep " + deep)
    assert _outcome(data, engine)[0] in ("result", "error")


@pytest.mark.parametrize("engine", ENGINES)
def test_huge_mediabox(engine: str) -> None:
    content = b"BT /F1 11 Tf 14000 14300 Td (" + CLAUSE + b") Tj ET"
    assert _outcome(_pdf(content, box=b"0 0 14400 14400"), engine) == ("result", "non-recourse")


@pytest.mark.parametrize("engine", ENGINES)
def test_whitespace_only_pdf_is_no_text(engine: str) -> None:
    assert _outcome(_pdf(_text(b" " * 200)), engine) == ("error", "no_text")


def test_whitespace_only_text_file_is_no_text() -> None:
    """Unicode spaces and zero-width marks used to count as binary ('not a supported document format')."""
    data = " \t\n\r\n\f\u00a0\u2003\u200b\u2028".encode() * 2000
    with pytest.raises(NoText):
        read_bytes(data, "blank.txt")
    r = Analyzer().analyze(data)
    assert r.error_code == "no_text" and r.label is None


def test_text_with_nbsp_and_rtl_marks_is_text() -> None:
    data = ("\u200f\u05d0\u05d1\u00a0\u00a0" * 50 + "The Borrower shall not be personally liable.").encode()
    r = Analyzer().analyze(data)
    assert r.error is None and r.label is not None


def test_resource_limit_is_typed() -> None:
    assert issubclass(ResourceLimit, AnalyzerError)
