"""Builds the spaCy pipeline once per process and runs it over a Document in chunks.

Chunks end at paragraph breaks, so no sentence is cut, spaCy's max_length never
bites, and a 50 MB text costs memory for one chunk at a time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language

from analyzer.nlp.components import ClauseMatcher
from analyzer.nlp.frames import Finding
from analyzer.nlp.lexicon import prefilter
from analyzer.nlp.sentences import SentenceIndex

CHUNK_CHARS = 60_000


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


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, cut at paragraph breaks where possible."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(pos + size, n)
        if end < n:
            cut = text.rfind("\n\n", pos + size // 2, end)
            if cut >= 0:
                cut += 2  # the next chunk starts with its paragraph
            else:
                cut = text.rfind(". ", pos + size // 2, end)
                cut = cut + 2 if cut >= 0 else end
            end = cut
        yield pos, text[pos:end]
        pos = end


def candidate_windows(text: str) -> list[tuple[int, int]]:
    """Sentences that hold a pattern key, merged where they touch; only these are tokenized."""
    hits = [(m.start(), m.end()) for m in prefilter().finditer(text.lower())]
    if not hits:
        return []
    index = SentenceIndex(text)
    # a key can run past its first sentence ("Limited Liability. Its liability ... is limited to"):
    # every sentence it touches is a candidate
    spans = sorted({index.around(a) for a, _ in hits} | {index.around(b - 1) for _, b in hits})
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s - merged[-1][1] <= 2:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def find_clauses(text: str) -> list[Finding]:
    """Judged clauses of a whole document, with offsets into `text`."""
    matcher: ClauseMatcher = get_nlp().get_pipe("recourse_clauses")
    return matcher.doc_findings(text)
