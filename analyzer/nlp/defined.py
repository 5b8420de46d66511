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
_FIGURE_RX = re.compile(_FIGURE, re.I)
# '"Recourse Amount" means ...' up to the end of its paragraph (a definition's body)
_MEANS = re.compile(r"[\"\u201c]([A-Z][\w .&'-]{1,40}?)[\"\u201d]\s*(?:shall\s+)?"
                    r"(?:means?|is\s+defined\s+as|refers\s+to)\s*[:,]?\s*(?=([^\n]{0,400}))")  # body read, not consumed
# '$2,000,000 (the "Cap")' / '25% of the principal (the "Recourse Percentage")'
_AFTER = re.compile("(" + _FIGURE + r")(?:\s+of\s+[^()\"\u201c]{0,60}?)?\s*\(\s*(?:such\s+amount,?\s+)?(?:the\s+)?"
                    r"[\"\u201c]([A-Z][\w .&'-]{1,40}?)[\"\u201d]\s*\)")
# a term for the whole debt is no cap on it ('"Loan Amount" means $10,000,000')
_WHOLE_DEBT = re.compile(r"\b(?:loans?|notes?|debt|indebtedness|obligations|principal|commitments?|advances?|"
                         r"purchase\s+price|price|rent)\b", re.I)
_DEFINED: ContextVar[tuple[dict[str, str], re.Pattern[str]] | None] = ContextVar("defined_amounts", default=None)
_DEFINITIONS: ContextVar[dict[str, str] | None] = ContextVar("definitions", default=None)


def definitions(text: str) -> dict[str, str]:
    """Defined term (lower case) -> the body of its definition ('"X" means ...', to the end of its paragraph)."""
    out: dict[str, str] = {}
    for m in _MEANS.finditer(text[:SCAN]):
        out.setdefault(m.group(1).strip().lower(), m.group(2))
        if len(out) >= 4 * MAX_TERMS:
            break
    return out


def defined_amounts(text: str, defs: dict[str, str] | None = None) -> dict[str, str]:
    """Defined term (lower case) -> the figure it is defined as: a figure in the first sentence of its
    definition, or the figure of another defined amount it is made of ('"Recourse Amount" means the Recourse
    Percentage times the principal', '"Recourse Percentage" means 50% ...'). Terms for the whole debt are left
    out: a 'cap' equal to the loan caps nothing."""
    defs = definitions(text) if defs is None else defs
    out: dict[str, str] = {}
    for term, body in defs.items():
        m = _FIGURE_RX.search(_first_sentence(body))
        if m and not _WHOLE_DEBT.search(term):
            out[term] = m.group(0)
    for m in _AFTER.finditer(text[:SCAN]):
        term = m.group(2).strip().lower()
        if not _WHOLE_DEBT.search(term):
            out.setdefault(term, m.group(1))
    named = _terms_rx(out)  # one step of reference: an amount made of another defined amount
    for term, body in defs.items():
        if named and term not in out and not _WHOLE_DEBT.search(term):
            via = next((out[m.group(0).lower()] for m in named.finditer(_first_sentence(body))
                        if m.group(0).lower() != term), None)
            if via:
                out[term] = via
    return dict(list(out.items())[:MAX_TERMS])


def _first_sentence(body: str) -> str:
    return re.split(r"(?<=[a-z0-9)])\.\s", body, maxsplit=1)[0][:240]


def _terms_rx(terms: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern for every defined term, longest first; a whole term, not the start of a longer one ("Cap"
    in "Cap Rate")."""
    if not terms:
        return None
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alts + r")(?![\w-])(?-i:(?!\s+[A-Z]))", re.I)


@contextmanager
def document_amounts(text: str) -> Iterator[dict[str, str]]:
    """Make this document's defined amounts known to `amount_named_in` while its clauses are judged."""
    defs = definitions(text)
    found = defined_amounts(text, defs)
    rx = _terms_rx(found)
    token, dtoken = _DEFINED.set((found, rx) if rx else None), _DEFINITIONS.set(defs or None)
    try:
        yield found
    finally:
        _DEFINED.reset(token)
        _DEFINITIONS.reset(dtoken)


def definition_of(term: str) -> str | None:
    """The body of this document's definition of `term`, if it defines one."""
    defs = _DEFINITIONS.get()
    return defs.get(term.strip().lower()) if defs else None


def amount_named_in(text: str) -> str | None:
    """The figure of the first defined amount named in `text` ("up to the Recourse Amount" -> "$1,250,000")."""
    known = _DEFINED.get()
    if not known:
        return None
    found, rx = known
    m = rx.search(text)  # the earliest, compiled once per document
    return found[m.group(0).lower()] if m else None
