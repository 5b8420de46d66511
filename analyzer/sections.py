"""Section headings found in clean text, so that evidence can say "Section 9.4 Exculpation"."""

from __future__ import annotations

import re

_HEADING = re.compile(
    r"(?:^|\n\n)[ \t]*("
    r"(?:SECTION|Section|§)[ \t]*\d+(?:\.\d+)*[A-Za-z]?\.?(?:[ \t]+[^\n]{0,90}?)?(?=\.\s|\n|$)"
    r"|(?:ARTICLE|Article)[ \t]+[IVXLC\d]+[.:]?(?:[ \t]+[^\n]{0,80}?)?(?=\.\s|\n|$)"
    r"|\d{1,2}(?:\.\d{1,3}){1,3}\.?[ \t]+[A-Z][^\n]{0,80}?(?=\.\s|\n|$)"
    r"|\d{1,2}\.[ \t]+[A-Z][A-Za-z ,;&'/-]{2,70}\.(?=\s)"
    r"|[A-Z][A-Z0-9 ,;&'/-]{5,70}(?=\n|$)"
    r")"
)


def find_headings(text: str) -> list[tuple[int, str]]:
    """(offset, heading) pairs in document order."""
    out: list[tuple[int, str]] = []
    for m in _HEADING.finditer(text):
        head = " ".join(m.group(1).split()).rstrip(" .:")
        if len(head) < 4 or head.count(".....") or not re.search(r"[A-Za-z]{3}", head):
            continue
        out.append((m.start(1), head[:100]))
    return out
