"""Who the borrower is in this document: the defined terms of the party that promises to pay.

A drafter may call the obligor "Borrower", "Maker", "Pledgor", "you", or by a short name ("Cedar Glen").
The lexicon knows the role words; this module adds the names a document defines for its own obligor, so
that "Cedar Glen shall not be personally liable" is read as a limit on the borrower. The names are set
for the duration of one document's analysis (a context variable: safe across threads).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

OPENING = 8_000  # the parties and the promise to pay stand at the top
_PROMISE = re.compile(r"\b(promises?|agrees?)\s+to\s+(re)?pay\b|\bshall\s+(re)?pay\s+to\b", re.I)
_DEFINED = re.compile(r"\(\s*(?:together[^()\"]{0,40},\s*)?(?:the\s+|each,?\s+an?\s+|collectively,?\s+the\s+)?"
                      r"[\"\u201c]([A-Z][\w .&'-]{1,40})[\"\u201d]")
_DOC_OBLIGORS: ContextVar[re.Pattern[str] | None] = ContextVar("doc_obligors", default=None)


def obligor_names(text: str) -> list[str]:
    """Defined terms given to the party that promises to pay, read from the opening of the document."""
    head = text[:OPENING]
    names: list[str] = []
    for m in _PROMISE.finditer(head):
        before = head[max(0, m.start() - 400):m.start()]
        if re.search(r"[.;]\s*$", before.rstrip()[-3:] or ""):
            continue
        defined = list(_DEFINED.finditer(before))
        if defined:
            name = defined[-1].group(1).strip()
            if name.lower() not in ("lender", "holder", "payee", "bank", "agent", "note", "agreement") \
                    and name not in names:
                names.append(name)
        if len(names) >= 3:
            break
    return names


@contextmanager
def document_obligors(text: str):
    """Make this document's obligor names known to `is_doc_obligor` while its clauses are judged."""
    names = obligor_names(text)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I) if names else None
    token = _DOC_OBLIGORS.set(rx)
    try:
        yield names
    finally:
        _DOC_OBLIGORS.reset(token)


def doc_obligor(text: str) -> re.Match[str] | None:
    rx = _DOC_OBLIGORS.get()
    return rx.search(text) if rx is not None else None


def doc_obligors_in(text: str) -> list[str]:
    rx = _DOC_OBLIGORS.get()
    return [m.group(0).lower() for m in rx.finditer(text)] if rx is not None else []
