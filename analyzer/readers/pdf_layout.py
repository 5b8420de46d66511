"""Engine-independent PDF page layout: words -> lines -> paragraphs, with the word map kept.

Both PDF engines (pdfplumber, pypdfium2) reduce a page to words in content-stream
("flow") order, each with a box in points, origin top-left. Everything after that
lives here, so the two engines produce the same Document.text:

- `group_lines`: consecutive words that share a baseline become a Line; a page's lines are
  held packed in one blob (`PageLines`), spooled to a temporary file for long documents, so
  holding every page until running headers are known costs no memory that grows with length;
- `strip_lines`: running headers/footers and page numbers are dropped (by `emit`, as it unpacks each page);
- `emit`: lines are joined into paragraphs (hyphenation joined, hard breaks inside a
  paragraph become spaces, real paragraph breaks and headings become blank lines) and
  written, word by word with their boxes, into a DocumentBuilder.
"""

from __future__ import annotations

import math
import re
import statistics
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add

from analyzer.document import DocumentBuilder, Page
from analyzer.readers.clean import normalize_chars
from analyzer.readers.page_lines import (
    MARGIN_ZONE,
    Line,
    PageLines,
    Word,
    count_alnum,
    is_page_number,
    line_key,
)

REPEAT_SHARE = 0.5  # running lines repeat on at least this share of the pages
MIN_PAGES_FOR_REPEATS = 3

# characters an engine uses to mark a hyphen that breaks a word at the end of a line
_SOFT_HYPHENS = "\ufffe\u00ad\u0002"
_alnum = count_alnum  # the name the tests know


def clean_box(raw: str, x0: float, top: float, x1: float, bottom: float
              ) -> tuple[list[str], float, float, float, float] | None:
    """One extracted word cleaned, with its box put the right way round (engines report some mirrored);
    None for a word that cleans to nothing."""
    parts = clean_word(raw)
    if not parts:
        return None
    return parts, min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom)


def clean_word(text: str) -> list[str]:
    """Normalize one extracted word; an engine's end-of-line hyphen marker becomes '-'."""
    if text and text[-1] in _SOFT_HYPHENS:
        text = text.rstrip(_SOFT_HYPHENS) + "-"
    text = normalize_chars(text)
    return text.split() if text else []


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Group words, in flow order, into lines: a new line starts when a word no longer
    shares the vertical extent of the line being built."""
    lines: list[Line] = []
    texts: list[str] = []
    boxes = array("f")
    lx0 = ltop = lx1 = lbot = 0.0

    def flush() -> None:
        if not texts:
            return
        if any(boxes[4 * k] < boxes[4 * k - 4] - 1.0 for k in range(1, len(texts))):
            # drawn out of order (table cells, text placed right to left): read the line left to right,
            # as pdfium does, so both engines agree
            order = sorted(range(len(texts)), key=lambda k: boxes[4 * k])
            texts[:] = [texts[k] for k in order]
            boxes[:] = array("f", [v for k in order for v in boxes[4 * k:4 * k + 4]])
        lines.append(Line(" ".join(texts), boxes, lx0, ltop, lx1, lbot))

    for raw, x0, top, x1, bottom in words:
        word = clean_box(raw, x0, top, x1, bottom)
        if word is None:
            continue
        parts, x0, top, x1, bottom = word
        same = False
        if texts:
            overlap = min(lbot, bottom) - max(ltop, top)
            same = overlap > 0.5 * max(min(lbot - ltop, bottom - top), 0.1)
        if same:
            gap = x0 - boxes[-2]
            shifted = abs(top - boxes[-3]) > 1.0 or abs(bottom - boxes[-1]) > 1.0
            if shifted and -0.5 <= gap <= 0.05 * (lbot - ltop) and len(parts) == 1:
                # raised or lowered and touching the previous word (a superscript "5th", a footnote
                # mark): one word, as pdfium has it
                texts[-1] += parts[0]
                boxes[-4], boxes[-3] = min(boxes[-4], x0), min(boxes[-3], top)
                boxes[-2], boxes[-1] = max(boxes[-2], x1), max(boxes[-1], bottom)
                lx0, ltop, lx1, lbot = min(lx0, x0), min(ltop, top), max(lx1, x1), max(lbot, bottom)
                continue
            lx0, ltop, lx1, lbot = min(lx0, x0), min(ltop, top), max(lx1, x1), max(lbot, bottom)
        else:
            flush()
            texts = []
            boxes = array("f")
            lx0, ltop, lx1, lbot = x0, top, x1, bottom
        for part in parts:
            texts.append(part)
            boxes.extend((x0, top, x1, bottom))
    flush()
    return lines


# ---------------------------------------------------------------- running headers, footers, page numbers

def find_running_keys(pages: list[PageLines]) -> set[str]:
    """Digit-normalized texts of lines in the top/bottom margins repeating on >= half the pages."""
    live = [p for p in pages if p.line_count]
    if len(live) < MIN_PAGES_FOR_REPEATS:
        return set()
    counts: Counter[str] = Counter()
    for p in live:
        counts.update(p.margin_keys)
    need = max(2, math.ceil(REPEAT_SHARE * len(live)))
    return {k for k, n in counts.items() if n >= need}


def _pitch(lines: list[Line]) -> float | None:
    """The usual distance between the baselines of consecutive lines on a page.

    With fewer than three measurable steps (a short page) it is not estimated from them
    but taken as 1.2 line heights, the common leading, or the smallest step if tighter.
    """
    if len(lines) < 2:
        return None
    heights = [h for h in [ln.bottom - ln.top for ln in lines] if h > 0]
    if not heights:
        return None
    h = statistics.median(heights)
    bottoms = [ln.bottom for ln in lines]
    low, high = 0.5 * h, 3 * h
    deltas = [d for d in [b - a for a, b in zip(bottoms, bottoms[1:], strict=False)] if low < d < high]
    if len(deltas) >= 3:
        return statistics.median(deltas)
    return min([*deltas, 1.2 * h])


def strip_running_lines(page: PageLines, running: set[str]) -> int:
    """Remove running headers/footers and lone page numbers from `page`; returns how many."""
    lines = page.lines
    keep = strip_lines(lines, page.height, running)
    removed = len(lines) - len(keep)
    if removed:
        page.lines = keep
    return removed


def strip_lines(lines: list[Line], height: float | None, running: set[str]) -> list[Line]:
    """The lines of a page `height` points high without its running headers/footers and lone page numbers."""
    if not lines:
        return lines
    if height:
        low, high = MARGIN_ZONE * height, (1 - MARGIN_ZONE) * height
        keep = [ln for ln in lines if not ((ln.bottom <= low or ln.top >= high)
                                           and (line_key(ln.text) in running or is_page_number(ln.text)))]
    else:
        keep = list(lines)
    # a page number just outside the margin zone (reduced page images, big margins): only when it
    # is the topmost or bottommost line left and stands apart from the text next to it
    if len(keep) >= 2:
        by_pos = sorted(keep, key=lambda ln: ln.bottom)
        first, second = by_pos[0], by_pos[1]
        last, before = by_pos[-1], by_pos[-2]
        last_number, first_number = is_page_number(last.text), is_page_number(first.text)
        if not (last_number or first_number):  # the common case: no pitch needed
            return keep
        pitch = _pitch(by_pos) or 1.5 * statistics.median(ln.height for ln in by_pos)
        drop = set()
        if last_number and last.bottom - before.bottom > 1.2 * pitch:
            drop.add(id(last))
        if first_number and second.bottom - first.bottom > 1.2 * pitch:
            drop.add(id(first))
        if drop:
            keep = [ln for ln in keep if id(ln) not in drop]
    return keep


# ---------------------------------------------------------------- paragraphs

_SENTENCE_END = re.compile(r"[.:;!?][\"')\]]*$")
_CLAUSE_END = re.compile(r"[.:;!?,\"')\]]$")
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_BLOCK_START = re.compile(
    r"^(?:\(?[a-zA-Z0-9]{1,4}\)|[0-9]{1,3}(?:\.[0-9]{1,3})*\.?\s|[a-zA-Z]\.\s|[ivxlc]{1,6}\.\s|"
    r"(?:section|article|exhibit|schedule|annex|appendix)\s+[0-9ivxlcdm]|\u00a7|\u2022|[-*]\s)",
    re.I,
)
_HEADING = re.compile(
    r"^(?:(?:section|article|part|exhibit|schedule|annex|appendix)\s+[0-9IVXLCDM]+[0-9A-Za-z.()-]*"
    r"|[0-9]{1,3}(?:\.[0-9]{1,3})*\.?\s+[A-Z])",
    re.I,
)
# prefixes whose hyphen is part of the word ("non-recourse" split after "non-")
_KEEP_HYPHEN = frozenset({"non", "self", "quasi"})


def _is_caps_heading(text: str) -> bool:
    return text.upper() == text and sum(map(str.isalpha, text)) >= 4 and not is_page_number(text)


@dataclass(slots=True)
class _PageShape:
    pitch: float | None
    width: float  # usual width of a full line


def _shape(lines: list[Line]) -> _PageShape:
    widths = sorted(ln.x1 - ln.x0 for ln in lines)
    if not widths:
        full = 0.0
    elif len(widths) < 4:  # too few lines for a percentile: the longest is the full measure
        full = widths[-1]
    else:
        full = widths[int(0.75 * (len(widths) - 1))]
    return _PageShape(_pitch(lines), full)


def _starts_upper(text: str) -> bool:
    c = text.lstrip("\"'([")[:1]
    return c.isupper() or c.isdigit()


_LEADING_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def hyphenated_compounds(pages: list[PageLines]) -> frozenset[str]:
    """Hyphenated words written inside lines ("carve-outs"), lowercased: a line-end hyphen that
    would rebuild one of them is kept ("carve-" + "outs"), any other is dropped ("obliga-" + "tion")."""
    return frozenset().union(*(p.compounds for p in pages))


def join_kind(prev: str, nxt: str, compounds: frozenset[str] = frozenset()) -> str:
    """Join two lines of one paragraph: " ", "-" (drop the line-end hyphen, no space) or "" (keep it)."""
    last = prev.rsplit(" ", 1)[-1]
    if _HYPHENATED.search(last):
        first = nxt[:1]
        if first.islower():
            stem = last[:-1].lower()  # "carve", or "self-in" in "self-in-" + "sured"
            piece = stem.rsplit("-", 1)[-1]
            m = _LEADING_WORD.match(nxt.lower())
            rest = m.group() if m else ""
            if piece in _KEEP_HYPHEN or f"{stem}-{rest}" in compounds or f"{piece}-{rest}" in compounds:
                return ""
            return "-"
        if first.isalnum():
            return ""
    return " "


def continues_across(prev: Line, nxt: Line, compounds: frozenset[str] = frozenset()) -> str | None:
    """Separator joining the last line of a page to the first of the next, or None for a paragraph break."""
    if _SENTENCE_END.search(prev.text) or _is_caps_heading(prev.text):
        return None
    if not nxt.text[:1].islower():
        return None
    return join_kind(prev.text, nxt.text, compounds)


def page_joins(lines: list[Line], compounds: frozenset[str] = frozenset()) -> list[str]:
    """How each line of a page follows the one before it: "\n\n", " ", "" (hyphen kept) or "-" (hyphen
    dropped). Whether a line ends a sentence or reads as a heading is asked once per line, not per pair."""
    if len(lines) < 2:
        return []
    shape = _shape(lines)
    pitch, full = shape.pitch, shape.width
    texts = [ln.text for ln in lines]
    ends = [_SENTENCE_END.search(t) is not None for t in texts]
    heads: list[bool | None] = [None] * len(lines)

    def heading(i: int) -> bool:
        h = heads[i]
        if h is None:
            h = heads[i] = bool(_HEADING.match(texts[i])) or _is_caps_heading(texts[i])
        return h

    out = []
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        ends_sentence = ends[i]
        short = full > 0 and (a.x1 - a.x0) < 0.7 * full
        # vertical gap clearly larger than the usual line spacing
        if pitch:
            delta = b.bottom - a.bottom  # baselines: engines agree on descents more than on ascents
            if delta > 1.45 * pitch and delta > pitch + 0.4 * max(a.bottom - a.top, 1.0):
                out.append("\n\n")
                continue
        # a heading on its own line stays its own paragraph, and so does one that follows a short line
        if short and heading(i) and (ends_sentence or not _CLAUSE_END.search(a.text)) and _starts_upper(b.text):
            out.append("\n\n")
            continue
        if (ends_sentence or short) and (((b.x1 - b.x0) < 0.7 * full and heading(i + 1))
                                         or _BLOCK_START.match(b.text)):
            out.append("\n\n")
            continue
        # a new sentence on a new paragraph: after a short line, or indented
        if ends_sentence and _starts_upper(b.text) and (short or b.x0 > a.x0 + max(a.bottom - a.top, 6.0)):
            out.append("\n\n")
            continue
        out.append(join_kind(a.text, b.text, compounds) if a.text[-1:] == "-" else " ")  # only a hyphen joins else
    return out


class PageBuilder(DocumentBuilder):
    """DocumentBuilder that can continue a paragraph across a page break."""

    def start_page_continuing(self, number: int, sep: str, width: float | None = None,
                              height: float | None = None, ocr: bool = False) -> None:
        """Start a page without the blank line: `sep` (a space, or nothing) joins it to the last page."""
        self.end_page()
        self.add(sep)
        self._page = Page(number=number, start=self.length, end=self.length, width=width, height=height, ocr=ocr)


_SEPARATOR = {"\n\n": "\n\n", " ": " "}  # a join as written: "" and "-" write nothing


def _emit_page(b: DocumentBuilder, lines: list[Line], joins: list[str], tail: str | None) -> None:
    """A page's lines, joined as `joins` say (and the last as `tail` says), in one write to the builder.

    The same text and boxes as one `add_words` per line and one `add` per join: a line-end hyphen
    dropped ("-") leaves the line's text without it. The word offsets are those of the spaces, found for
    the whole page at once; a hyphen standing alone as the dropped word, or a line without text or
    boxes (none is made so), goes line by line (`_emit_lines`)."""
    texts = [ln.text for ln in lines]
    for i in [i for i, j in enumerate(joins) if j == "-"] + ([len(lines) - 1] if tail == "-" else []):
        if texts[i].endswith(" -") or len(texts[i]) < 2:
            _emit_lines(b, lines, joins, tail)
            return
        texts[i] = texts[i][:-1]
    import numpy as np

    seps = [_SEPARATOR.get(j, "") for j in joins]
    parts = [""] * (2 * len(texts) - 1)
    parts[0::2], parts[1::2] = texts, seps
    at = b.length
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    in_text = np.cumsum(lengths) - lengths  # where each line starts in the lines' text alone
    shift = np.zeros(len(texts), dtype=np.int64)  # ... and what the joins before it add, plus `at`
    np.cumsum(np.fromiter(map(len, seps), dtype=np.int64, count=len(seps)), out=shift[1:])
    shift += at
    spaces = np.flatnonzero(np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
                            == 32) + 1
    line = np.searchsorted(in_text, spaces - 1, side="right") - 1  # the line holding the space
    starts = np.sort(np.concatenate((in_text + shift, spaces + shift[line])))
    boxes = array("f")
    for ln in lines:
        boxes.extend(ln.boxes)
    if len(starts) != len(boxes) // 4 or not all(texts) or not all(ln.boxes for ln in lines):
        _emit_lines(b, lines, joins, tail)
        return
    b.add_located("".join(parts), array("i", starts.astype(np.int32).tobytes()), boxes)


def _emit_lines(b: DocumentBuilder, lines: list[Line], joins: list[str], tail: str | None) -> None:
    """`_emit_page` a line at a time, whatever the lines hold."""
    parts: list[str] = []
    starts = array("i")
    boxes = array("f")
    at = b.length
    for i, line in enumerate(lines):
        after = joins[i] if i < len(joins) else tail
        text, bx = line.text, line.boxes
        gap = ""
        if after == "-":
            if text.endswith(" -"):
                text, bx, gap = text[:-2], bx[:-4], " "
            else:
                text = text[:-1]
        if text:
            if bx:
                starts.extend(accumulate(map(add, map(len, text.split(" ")), repeat(1)), initial=at))
                starts.pop()
                boxes.extend(bx)
            parts.append(text)
            at += len(text)
        if i < len(joins):
            gap += _SEPARATOR.get(joins[i], "")
        if gap:
            parts.append(gap)
            at += len(gap)
    b.add_located("".join(parts), starts, boxes)


def emit(b: PageBuilder, pages: list[PageLines], running: set[str] | None = None) -> None:
    """Write the pages' lines into the builder as paragraphs, page after page.

    Each page is unpacked once and released once laid out, so the pages and the growing
    Document never both hold the whole text. With `running` (find_running_keys), each page's
    running lines are stripped as it is unpacked rather than in a pass (and a repacking) of their own;
    a page where a stripped line may hold a hyphenated compound is stripped first, since the compounds
    that decide line-end hyphens are those of the lines kept.
    """
    done: set[int] = set()
    if running is not None:
        for i, p in enumerate(pages):
            if p.strippable_compounds:
                strip_running_lines(p, running)
                done.add(i)
    compounds = hyphenated_compounds(pages)

    def load(i: int) -> list[Line]:
        page = pages[i]
        lines = page.lines
        return lines if running is None or i in done else strip_lines(lines, page.height, running)

    prev_last: Line | None = None
    nxt = load(0) if pages else []
    for idx, page in enumerate(pages):
        lines = nxt
        nxt = load(idx + 1) if idx + 1 < len(pages) else []
        nxt_first = nxt[0] if nxt else None
        sep = continues_across(prev_last, lines[0], compounds) if prev_last is not None and lines else None
        if sep is None:
            b.start_page(page.number, page.width, page.height, ocr=page.ocr)
        else:
            b.start_page_continuing(page.number, "" if sep in ("-", "") else " ",
                                    page.width, page.height, ocr=page.ocr)
        page.release()
        if not lines:
            prev_last = None
            continue
        joins = page_joins(lines, compounds)
        tail = continues_across(lines[-1], nxt_first, compounds) if nxt_first is not None else None
        _emit_page(b, lines, joins, tail)
        prev_last = lines[-1]
