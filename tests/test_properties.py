"""Property tests of the text API: whatever Unicode or bytes come in, `analyze` answers with a valid Analysis.

Generated documents mix random text (NUL, lone surrogates, RTL and zero-width marks, form feeds, blank lines)
with recourse phrases so that clauses are really found, and check the invariants every front door relies on:
evidence text is exactly Document.text[start:end], offsets and pages are in range, the record validates
against the published JSON schema, and there is a label or an error, never both.
"""

from __future__ import annotations

import json
import random

import pytest

hypothesis = pytest.importorskip("hypothesis")
jsonschema = pytest.importorskip("jsonschema")

from hypothesis import HealthCheck, event, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.control import currently_in_test_context  # noqa: E402

from analyzer.api import Analyzer, analyze  # noqa: E402
from analyzer.errors import AnalyzerError  # noqa: E402
from analyzer.results import Analysis, json_schema  # noqa: E402

LABELS = {"recourse", "limited-recourse", "non-recourse"}
PHRASES = [
    "shall not be personally liable", "without recourse", "Notwithstanding the foregoing",
    "The Borrower shall not be personally liable for the payment of the Loan.",
    "This Note is made without recourse to the Borrower.",
    "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud.",
    "Lender shall look solely to the Property for repayment.",
    "Borrower shall be fully and personally liable for the Debt.",
    "Pay to the order of Bank, without recourse.",
    "Borrower's liability shall not exceed 25% of the principal amount.",
    "The obligations become full recourse upon a voluntary bankruptcy filing.",
]
ODD = ["\x00", "\ud800", "\udfff", "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u200c", "\u200d", "\ufeff",
       "\u2060", "\ufffd", "\ufffe", "\f", "\n\n", "\r\n", "\r", "\t", "\x0b", "\x85", "\u2028", "\u2029", "\u00ad",
       "\ufb01", "\u0301", "\u05d0\u05d1", "\u0627\u0644", "\U0001f4b0", "<PAGE>", "\n<PAGE> 3\n", "Section 9.4.",
       "ARTICLE IX", "(a)", "\u201c", "\u2014", "-\n"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

# every code point, lone surrogates included (Python strings can hold them)
any_char = st.characters(codec=None, exclude_categories=())
any_text = st.text(any_char, max_size=200)
pieces = st.one_of(any_text, st.sampled_from(PHRASES), st.sampled_from(ODD), st.just(" "))
documents = st.lists(pieces, max_size=30).map("".join)

_SCHEMA = json_schema()
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA)
_ANALYZER = Analyzer(ocr="never")


def check(source, result: Analysis) -> None:
    """The invariants, for a str or bytes source and the Analysis it gave."""
    _VALIDATOR.validate(json.loads(result.model_dump_json()))
    if currently_in_test_context():
        event(f"error: {result.error}" if result.error else "clauses found" if result.evidence else "no clause")
    if result.error is not None:
        assert result.label is None and result.error_code
        assert "\n" not in result.error and "Traceback" not in result.error
        with pytest.raises(AnalyzerError):
            _ANALYZER.read(source)
        return
    assert result.label is not None and result.label.value in LABELS
    assert 0.0 <= result.confidence <= 1.0
    doc = _ANALYZER.read(source)
    text = doc.text
    numbers = {p.number for p in doc.pages}
    assert result.pages == max(numbers) >= 1 and len(doc.pages) >= 1
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text), (e.start, e.end, len(text))
        assert e.text == text[e.start:e.end]
        assert e.page is not None and 1 <= e.page <= result.pages, (e.page, result.pages, sorted(numbers))
        assert e.page in numbers
        for box in e.boxes:
            assert box.page in numbers


@SETTINGS
@given(documents)
@example("")
@example("\x00" * 50)
@example("\ud800 shall not be personally liable \udfff")
@example("\u202eNotwithstanding the foregoing\u202c, the Borrower shall not be personally liable.\u200f")
@example("\f\f\fThe Borrower shall not be personally liable for the Loan.")
@example("<PAGE> 1\n<PAGE> 2\nPay to the order of Bank, without recourse.")
def test_text_never_raises_and_keeps_invariants(text: str) -> None:
    result = _ANALYZER.analyze(text)
    check(text, result)


@SETTINGS
@given(documents, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_bytes_never_raise_and_keep_invariants(text: str, encoding: str) -> None:
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    result = _ANALYZER.analyze(data)
    check(data, result)


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
@example(b"%PDF-")
@example(b"PK\x03\x04" + b"\x00" * 100)
@example(b"PK\x03\x04word/document.xml" + b"\x00" * 100)
@example(b"<html><body><script>alert(1)</script>without recourse</body></html>")
@example(b"\xff\xfe" + "shall not be personally liable".encode("utf-16-le"))
@example(b"\x89PNG\r\n\x1a\n")
@example(b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY a 'aaaa'>]><a>&a;</a>")
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = _ANALYZER.analyze(data)
    check(data, result)


def test_module_level_analyze_on_bytes_and_text() -> None:
    for source in ("Borrower shall not be personally liable. \x00\u200b", b"without recourse \x00\xff"):
        check(source, analyze(source, ocr="never"))


def test_one_megabyte_line() -> None:
    """A single 1 MB line (no newline at all) with a few clauses in it: found, offsets exact."""
    rng = random.Random(7)
    words = ["the", "Lender", "Property", "loan", "interest", "hereunder", "\u200b", "\u05d0", "agreement", "and"]
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        if rng.random() < 0.0005:
            piece = rng.choice(PHRASES[3:])
        else:
            piece = rng.choice(words)
        parts.append(piece)
        size += len(piece) + 1
    text = " ".join(parts)[:1_000_000]
    assert "\n" not in text and len(text) == 1_000_000
    result = _ANALYZER.analyze(text)
    check(text, result)
    assert result.evidence, "clauses inside a 1 MB line are found"
