"""Builds the spaCy pipeline once per process and runs it over a Document in chunks.

Chunks end at paragraph breaks, so no sentence is cut, spaCy's max_length never
bites, and a 50 MB text costs memory for one chunk at a time.
"""

from __future__ import annotations

import gc
from functools import cache

import spacy
from spacy.language import Language

from analyzer.nlp.components import ClauseMatcher
from analyzer.nlp.frames import Finding
from analyzer.nlp.sentences import SentenceIndex
from analyzer.nlp.windows import CHUNK_CHARS, candidate_windows, chunks  # noqa: F401 - their old home


@cache
def get_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("recourse_clauses")
    return nlp


def settle_worker_heap() -> None:
    """Take everything alive now, above all the loaded pipeline's ~90K objects, out of the
    cyclic garbage collector's reach (`gc.freeze`).

    Reading a PDF allocates a dict per character, which sets off a full collection every page
    or two, and each one walks the whole heap: with the pipeline loaded that was ~8% of a PDF's
    time. Frozen objects are still freed by reference counting; only cycles among them never
    are, which is why this is for processes the analyzer owns (its batch workers), not for an
    application that embeds it.
    """
    gc.collect()
    gc.freeze()


def find_clauses(text: str, index: SentenceIndex | None = None) -> list[Finding]:
    """Judged clauses of a whole document, with offsets into `text` (`index`: its sentences, if known)."""
    matcher: ClauseMatcher = get_nlp().get_pipe("recourse_clauses")
    return matcher.doc_findings(text, index)
