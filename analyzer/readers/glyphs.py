"""Repair of unknown-glyph marks (U+FFFD) that OCR'd or badly encoded text leaves inside words.

"lial\ufffdility" or "n\ufffdpersonal" hide exactly the words the clause patterns need. A
word holding such a mark is replaced by the vocabulary word (or two words) it can
only be; anything ambiguous keeps the mark as a space. The vocabulary is the set
of words our own patterns and cue lists use, so repair is aimed where it matters.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import resources

_MARKED = re.compile(r"[A-Za-z\ufffd]*\ufffd[A-Za-z\ufffd]*")
_CORE = """shall not no nor any the to of and or for upon look solely only property mortgaged note holder
lender borrower impose personal personally liability liable deficiency judgment recourse except provided
expressly security instrument indebtedness seek obtain will with without against payment default event""".split()


@cache
def vocabulary() -> frozenset[str]:
    words = set(_CORE)
    folder = resources.files("analyzer.nlp").joinpath("patterns")
    for entry in folder.iterdir():
        if entry.name.endswith((".json", ".jsonl")):
            words.update(re.findall(r"[a-z]{2,}", entry.read_text("utf-8").lower()))
    return frozenset(words)


def _best(piece: str, vocab: frozenset[str], allow_prefix: bool) -> str | None:
    if piece in vocab:
        return piece
    if allow_prefix and 1 <= len(piece) <= 3:
        grown = sorted(w for w in vocab if w.startswith(piece) and len(w) - len(piece) <= 2)
        if grown:
            return min(grown, key=len)
    close = difflib.get_close_matches(piece, [w for w in vocab if abs(len(w) - len(piece)) <= 2], n=1,
                                      cutoff=0.8)
    return close[0] if close and len(piece) >= 3 else None


def _repair_word(token: str, vocab: frozenset[str]) -> str:
    low = token.lower()
    pattern = re.compile("^" + re.escape(low).replace("\ufffd", "[a-z]{0,2}") + "$")
    hits = [w for w in vocab if pattern.match(w)]
    if len(hits) == 1:
        return _case_like(token, hits[0])
    parts = [p for p in low.split("\ufffd") if p]
    if len(parts) == 2 and min(map(len, parts)) <= 3:  # "n\ufffdpersonal": a short word lost its end and the space
        a, b = _best(parts[0], vocab, True), _best(parts[1], vocab, True)
        if a and b:
            return _case_like(token, f"{a} {b}")
    joined = _best(low.replace("\ufffd", ""), vocab, allow_prefix=False)
    if joined:
        return _case_like(token, joined)
    return token.replace("\ufffd", " ")


def _case_like(token: str, word: str) -> str:
    return word.capitalize() if token[:1].isupper() else word


# "?" glued to letters ("pro?id?d", "?iability") is a lost glyph too: a real question mark is followed by a space
_QUESTION_GLYPH = re.compile(r"(?<=[A-Za-z])\?(?=[A-Za-z])|(?<![A-Za-z?])\?(?=[a-z]{3,})")


def repair_unknown_glyphs(text: str) -> str:
    if "?" in text:
        text = _QUESTION_GLYPH.sub("\ufffd", text)
    if "\ufffd" not in text:
        return text
    vocab = vocabulary()
    return _MARKED.sub(lambda m: _repair_word(m.group(0), vocab), text)
