"""The items of a carve-out or springing-recourse list, each with its own offsets, so that evidence can quote
every item on its own page and box instead of only the lead-in sentence.

Two shapes: a list set out after the lead-in ("... arising out of any of the following:" then "(a) fraud ...",
"(b) waste ..." on their own lines), and a list run into the sentence ("if (i) ..., (ii) ... or (iii) ...").
Items are found by their enumerators, and only in sequence: after "(a)" the next item is "(b)", after "2." it is
"3.", bullets follow bullets. So "(i) rents, (ii) proceeds" inside item (c) stays in item (c), and "8. Notices"
after item "4." is the next section, not a fifth item.
"""

from __future__ import annotations

import re

_ENUM = re.compile(r"(?:(?<=\s)|^)(?:\((?P<paren>[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)"
                   r"|(?P<dot>[a-z]|[ivxl]{1,6}|\d{1,2})[.)](?=\s)|(?P<bullet>[-\u2022\u25aa\u25cf*]))(?=\s)", re.I)
_LEADS_TO_LIST = re.compile(r"(?:following|as\s+follows|:)\W*$", re.I)
_ROMANS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx"
_ROMAN = {r: n for n, r in enumerate(_ROMANS.split(), 1)}
MAX_ITEMS = 40
MAX_LIST = 12_000  # characters of a set-out list read after its lead-in


def _key(m: re.Match[str], roman: bool) -> tuple[str, int]:
    """(style, ordinal) of an enumerator; `roman` says whether "(i)" counts as one or as the ninth letter."""
    if m.group("bullet"):
        return "bullet:" + m.group("bullet"), 0
    tok = (m.group("paren") or m.group("dot")).lower()
    shape = "paren" if m.group("paren") else "dot"
    if tok.isdigit():
        return shape + ":n", int(tok)
    if roman and tok in _ROMAN:
        return shape + ":r", _ROMAN[tok]
    if len(tok) == 1:
        return shape + ":a", ord(tok) - 96
    return shape + ":?", -1


def _follows(prev: tuple[str, int], cur: tuple[str, int]) -> bool:
    return cur[0] == prev[0] and (cur[0].startswith("bullet") or cur[1] == prev[1] + 1)


def _sequence(text: str, start: int, end: int, first_at: int | None) -> list[int]:
    """Starts of the enumerated items in text[start:end] that follow one another; `first_at`, when given, is
    where the first item must stand."""
    found = list(_ENUM.finditer(text, start, end))
    if not found or (first_at is not None and found[0].start() != first_at):
        return []
    first = found[0]
    roman = (first.group("paren") or first.group("dot") or "").lower() == "i"
    keys = [_key(first, roman)]
    starts = [first.start()]
    for m in found[1:]:
        k = _key(m, roman)
        if _follows(keys[-1], k):
            keys.append(k)
            starts.append(m.start())
            if len(starts) == MAX_ITEMS:
                break
    return starts


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    b = len(text[a:b].rstrip(" \t\n;,")) + a
    for tail in (" and", " or", ";", ","):
        if text[a:b].endswith(tail):
            return _trim(text, a, b - len(tail))
    return a, b


def _last_end(text: str, start: int, limit: int) -> int:
    """Where the last item of a set-out list ends: a blank line, or a line break after a full stop."""
    ends = [i for i in (text.find("\n\n", start, limit), text.find(".\n", start, limit)) if i != -1]
    return min(ends) + (1 if ends and text[min(ends)] == "." else 0) if ends else limit


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the items of the list a clause at text[start:end] announces or contains; [] when none."""
    if _LEADS_TO_LIST.search(text[start:end]):
        limit = min(len(text), end + MAX_LIST)
        first = len(text[end:limit]) - len(text[end:limit].lstrip()) + end
        starts = _sequence(text, first, limit, first)
        if starts:
            return [_trim(text, a, b) for a, b in zip(starts, [*starts[1:], _last_end(text, starts[-1], limit)],
                                                        strict=True)]
    starts = _sequence(text, start, end, None)
    if len(starts) < 2:
        return []
    return [_trim(text, a, b) for a, b in zip(starts, [*starts[1:], end], strict=True)]
