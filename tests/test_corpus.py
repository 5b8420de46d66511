"""Accuracy on the shared development corpus (real agreements); skipped when the corpus is absent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (CORPUS / "manifest.csv").is_file(), reason="../shared/corpus/dev not present")
def test_dev_corpus_accuracy() -> None:
    from analyzer.evaluate import evaluate

    out = io.StringIO()
    scores = evaluate(CORPUS, workers=2, out=out)
    assert scores["n"] >= 50
    assert scores["accuracy"] >= 0.85, out.getvalue()


HELDOUT = Path(__file__).resolve().parents[1] / "samples" / "heldout"


def test_heldout_agreements_accuracy() -> None:
    """Our own 24 agreements drafted without sight of the patterns (first measured blind at 21/24)."""
    from analyzer.evaluate import evaluate

    out = io.StringIO()
    scores = evaluate(HELDOUT, workers=2, out=out)
    assert scores["n"] == 24
    assert scores["accuracy"] >= 0.9, out.getvalue()
    assert scores["evidence_recall"] >= 0.9, out.getvalue()
