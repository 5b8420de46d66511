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
