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
_PROMISE = re.compile(r"\b(promises?|agrees?)\s+to\s+(re)?pay\b|\b(?:shall|will|must)\s+(?:re)?pay\s+(?:to\b|the\s+"
                      r"(?:loan|principal|note|debt|indebtedness|obligations|advances?)\b|this\s+note\b)", re.I)
_DEFINED = re.compile(r"\(\s*(?:together[^()\"]{0,40},\s*)?(?:the\s+|each,?\s+an?\s+|collectively,?\s+the\s+)?"
                      r"[\"\u201c]([A-Z][\w .&'-]{1,40})[\"\u201d]")
_DOC_OBLIGORS: ContextVar[re.Pattern[str] | None] = ContextVar("doc_obligors", default=None)
_YOU_ARE_CREDITOR: ContextVar[bool] = ContextVar("you_are_creditor", default=False)
# "I promise to pay you": the borrower speaks, so "you" is the lender (consumer notes written both ways)
_SPEAKER_PROMISES = re.compile(r"\b(?:I|We)\s+(?:\w+\s+){0,3}?(?:promise|agree)s?\s+to\s+(?:re)?pay\s+(?:to\s+)?you\b")


_SUBJECT = re.compile(r"(?:[\"\u201d]\s*\)|\b((?:[A-Z][\w&'-]*\s+){0,2}[A-Z][\w&'-]*))\s*,?\s*"
                      r"(?:(?i:hereby|each|jointly\s+and\s+severally|unconditionally|absolutely|and|for\s+value\s+received"
                      r"|acknowledges?\s+(?:itself|themselves)\s+(?:to\s+be\s+)?indebted)"
                      r"\s*,?\s*){0,4}$")
_NOT_OBLIGOR = {"lender", "holder", "payee", "bank", "agent", "note", "agreement", "bonds", "loan", "value",
                "received", "for", "the"}


# a cover block of parties, lines perhaps joined: 'Borrower: PECAN GROVE L.P., a partnership ("Pecan Grove")'
_ROLE_LINE = re.compile(r"(?<![\w-])(?i:borrowers?|makers?|obligors?|debtors?|mortgagors?|trustors?|grantors?)[ \t]*:"
                        r"[^\n]{0,240}?\(\s*(?:the\s+)?[\"\u201c]([A-Z][\w .&'-]{1,40})[\"\u201d]")


def obligor_names(text: str) -> list[str]:
    """Defined terms of the party that promises to pay, read from the opening of the document: the term
    defined just before the promise ('ACME LLC ("Acme") promises to pay') or the subject of the promise
    ('and the Pledgor hereby promises to pay')."""
    head = text[:OPENING]
    names: list[str] = []
    for m in _PROMISE.finditer(head):
        before = head[max(0, m.start() - 400):m.start()]
        subj = _SUBJECT.search(before)
        name = None
        if subj and subj.group(1) is None:  # a parenthetical definition right before the verb
            defined = list(_DEFINED.finditer(before))
            name = defined[-1].group(1).strip() if defined else None
        elif subj:
            name = subj.group(1).strip()
        if name and name.lower() not in _NOT_OBLIGOR and not name.isupper() and name not in names:
            names.append(name)
        if len(names) >= 3:
            break
    for m in _ROLE_LINE.finditer(head):
        name = m.group(1).strip()
        if name.lower() not in _NOT_OBLIGOR and not name.isupper() and name not in names and len(names) < 4:
            names.append(name)
    return names


@contextmanager
def document_obligors(text: str):
    """Make this document's obligor names known to `is_doc_obligor` while its clauses are judged."""
    names = obligor_names(text)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I) if names else None
    token = _DOC_OBLIGORS.set(rx)
    you = _YOU_ARE_CREDITOR.set(bool(_SPEAKER_PROMISES.search(text[:OPENING])))
    try:
        yield names
    finally:
        _DOC_OBLIGORS.reset(token)
        _YOU_ARE_CREDITOR.reset(you)


def you_are_creditor() -> bool:
    """In this document the borrower speaks ("I promise to pay you"): "you" names the lender."""
    return _YOU_ARE_CREDITOR.get()


def has_doc_obligors() -> bool:
    return _DOC_OBLIGORS.get() is not None


def doc_obligor(text: str) -> re.Match[str] | None:
    rx = _DOC_OBLIGORS.get()
    return rx.search(text) if rx is not None else None


def doc_obligors_in(text: str) -> list[str]:
    """This document's obligor names standing in `text` as a party, not as the owner of another
    ("the officers of Developer", "Developer's members")."""
    rx = _DOC_OBLIGORS.get()
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        before, after = text[max(0, m.start() - 24):m.start()], text[m.end():m.end() + 2]
        if _OWNED_BY.search(before) or after.startswith(("'s", "\u2019s")):
            continue
        out.append(m.group(0).lower())
    return out


_OWNED_BY = re.compile(r"\b(?:of|for|by|under|with)\s+(?:the\s+|such\s+|any\s+|each\s+)?$", re.I)
