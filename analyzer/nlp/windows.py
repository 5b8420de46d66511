"""Which parts of a text the clause matcher tokenizes: chunks cut at paragraph breaks, and within them the
sentences that hold a pattern key (moved here from pipeline.py so that the matcher and the pipeline do not
import each other)."""

from __future__ import annotations

from collections.abc import Iterator

from analyzer.nlp.lexicon import prefilter
from analyzer.nlp.sentences import SentenceIndex

CHUNK_CHARS = 60_000


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
