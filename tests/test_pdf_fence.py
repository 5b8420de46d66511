"""What analyzer/readers/pdfminer_fence.py relies on in pdfminer.six and pdfplumber still holds.

These fail loudly after an upgrade that changes a private attribute or signature the fence uses, instead of
letting a guard (bounded inflate, released pages) stop working in silence.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from analyzer.readers import pdfminer_fence as fence

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "nonrecourse_note.pdf"


@pytest.fixture(scope="module")
def sample() -> bytes:
    return SAMPLE.read_bytes()


def test_the_internals_the_fence_uses_are_there(sample: bytes) -> None:
    assert fence.internals_problems(sample) == []


def test_bounding_replaces_pdfminer_inflaters() -> None:
    from pdfminer import pdftypes

    fence.bound_pdfminer()
    assert isinstance(pdftypes.zlib, fence.BoundedZlib)
    assert pdftypes.decompress_corrupted is fence.decompress_corrupted


def test_a_read_page_is_released(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        page_obj = next(iter(fence.page_objects(pdf)))
        page = fence.make_page(pdf, page_obj, 1)
        assert page.extract_text()  # the page made one at a time reads as pdf.pages[0] does
        assert page.extract_text() == pdf.pages[0].extract_text()
        streams = [getattr(s, "objid", None) for s in page_obj.contents]
        assert any(objid in pdf.doc._cached_objs for objid in streams if objid is not None)
        fence.forget_contents(pdf, page)
        assert page_obj.contents == []
        assert not any(objid in pdf.doc._cached_objs for objid in streams if objid is not None)


def test_the_problem_list_names_a_missing_internal(sample: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself can fail: without `decompress_corrupted` it says so."""
    from pdfminer import pdftypes

    monkeypatch.delattr(pdftypes, "decompress_corrupted")
    assert any("decompress_corrupted" in p for p in fence.internals_problems(sample))
