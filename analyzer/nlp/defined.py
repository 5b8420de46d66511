"""Amounts a document defines by name: '"Recourse Amount" means $1,250,000', '$2,000,000 (the "Cap")'.

A cap is often written against a defined term ("liable only up to the Recourse Amount"); the clause then
names no figure. The definitions are read once per document and made known to `cap_in` while its clauses
are judged (a context variable, as roles.py does for the obligor's names: safe across threads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SCAN = 200_000  # definitions stand in the opening articles; a long tail is not read for them
MAX_TERMS = 40

_FIGURE = (r"(?:\$\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion))?|\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)|"
           r"(?:one|two|three|four|five)[-\s](?:half|third|quarter|fourth|fifth)s?)")
# '"Recourse Amount" means $1,250,000' / 'shall mean an amount equal to 20% of ...' / 'is $500,000'
_MEANS = re.compile(r"[\"\u201c]([A-Z][\w .&'-]{1,40}?)[\"\u201d]\s*(?:shall\s+)?(?:means?|is|refers\s+to)\s+"
                    r"(?:(?:an?|the)\s+)?(?:(?:amount|sum|aggregate\s+amount)\s+(?:equal\s+to|of)\s+)?"
                    r"(?:the\s+(?:lesser|greater)\s+of\s+(?:\([a-z0-9]+\)\s*)?)?(" + _FIGURE + ")")
# '$2,000,000 (the "Cap")' / '25% of the principal (the "Recourse Percentage")'
_AFTER = re.compile("(" + _FIGURE + r")(?:\s+of\s+[^()\"\u201c]{0,60}?)?\s*\(\s*(?:such\s+amount,?\s+)?(?:the\s+)?"
                    r"[\"\u201c]([A-Z][\w .&'-]{1,40}?)[\"\u201d]\s*\)")
_DEFINED: ContextVar[dict[str, str] | None] = ContextVar("defined_amounts", default=None)


def defined_amounts(text: str) -> dict[str, str]:
    """Defined term (lower case) -> the figure it is defined as, for terms defined as an amount or a share."""
    out: dict[str, str] = {}
    head = text[:SCAN]
    for m in _MEANS.finditer(head):
        out.setdefault(m.group(1).strip().lower(), m.group(2))
    for m in _AFTER.finditer(head):
        out.setdefault(m.group(2).strip().lower(), m.group(1))
    return dict(list(out.items())[:MAX_TERMS])


@contextmanager
def document_amounts(text: str) -> Iterator[dict[str, str]]:
    """Make this document's defined amounts known to `amount_named_in` while its clauses are judged."""
    found = defined_amounts(text)
    token = _DEFINED.set(found or None)
    try:
        yield found
    finally:
        _DEFINED.reset(token)


def amount_named_in(text: str) -> str | None:
    """The figure of the first defined amount named in `text` ("up to the Recourse Amount" -> "$1,250,000")."""
    terms = _DEFINED.get()
    if not terms:
        return None
    low = text.lower()
    best: tuple[int, str] | None = None
    for term, figure in terms.items():
        at = re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", low)
        if at and (best is None or at.start() < best[0]):
            best = (at.start(), figure)
    return best[1] if best else None
