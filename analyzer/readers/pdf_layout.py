"""Engine-independent PDF page layout: words -> lines -> paragraphs, with the word map kept.

Both PDF engines (pdfplumber, pypdfium2) reduce a page to words in content-stream
("flow") order, each with a box in points, origin top-left. Everything after that
lives here, so the two engines produce the same Document.text:

- `group_lines`: consecutive words that share a baseline become a Line; a page's lines are
  held packed in one blob (`PageLines`), spooled to a temporary file for long documents, so
  holding every page until running headers are known costs no memory that grows with length;
- `strip_running_lines`: running headers/footers and page numbers are dropped;
- `emit`: lines are joined into paragraphs (hyphenation joined, hard breaks inside a
  paragraph become spaces, real paragraph breaks and headings become blank lines) and
  written, word by word with their boxes, into a DocumentBuilder.
"""

from __future__ import annotations

import math
import re
import statistics
import struct
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.document import DocumentBuilder, Page
from analyzer.readers.clean import normalize_chars
from analyzer.readers.spool import PageSpool

Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom (points, origin top-left)

MARGIN_ZONE = 0.08  # running headers/footers live within this fraction of the page height
REPEAT_SHARE = 0.5  # ... and repeat on at least this share of the pages
MIN_PAGES_FOR_REPEATS = 3

# characters an engine uses to mark a hyphen that breaks a word at the end of a line
_SOFT_HYPHENS = "\ufffe\u00ad\u0002"


@dataclass(slots=True)
class Line:
    text: str  # normalized words joined by single spaces (a word never holds a space)
    boxes: array  # x0, top, x1, bottom per word, as float32
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")

    @property
    def height(self) -> float:
        return self.bottom - self.top


_HEAD = struct.Struct("<III")  # lines, words, bytes of text


def _pack(lines: list[Line]) -> bytes:
    text = "\n".join(ln.text for ln in lines).encode("utf-8", "surrogatepass")
    extents = array("d", [v for ln in lines for v in (ln.x0, ln.top, ln.x1, ln.bottom)])
    boxes = array("f")
    for ln in lines:
        boxes.extend(ln.boxes)
    return b"".join((_HEAD.pack(len(lines), len(boxes) // 4, len(text)), text, extents.tobytes(), boxes.tobytes()))


def _unpack(blob: bytes, first_only: bool = False) -> list[Line]:
    n_lines, n_words, n_text = _HEAD.unpack_from(blob)
    if not n_lines:
        return []
    at = _HEAD.size
    texts = blob[at:at + n_text].decode("utf-8", "surrogatepass").split("\n")
    at += n_text
    extents = array("d", blob[at:at + 32 * n_lines])
    at += 32 * n_lines
    boxes = array("f", blob[at:at + 16 * n_words])
    out: list[Line] = []
    k = 0
    for i, text in enumerate(texts[:1] if first_only else texts):
        n = 4 * (text.count(" ") + 1)
        out.append(Line(text, boxes[k:k + n], *extents[4 * i:4 * i + 4]))
        k += n
    return out


@dataclass(slots=True, eq=False)
class PageLines:
    """One page's lines, packed into one blob between extraction and layout, with the few facts
    about them that are needed for every page at once (letters, margin lines, compounds).

    `lines` unpacks on reading and packs on assignment; `spill` moves the blob to a PageSpool,
    so a long document's pages wait on disk rather than in memory.
    """

    number: int  # 1-based
    width: float | None = None
    height: float | None = None
    image_cover: float = 0.0  # share of the page area covered by images (0 when unknown)
    has_marks: bool = True  # anything drawn on the page (False: a blank page; checked only when text is scarce)
    ocr: bool = False
    error: str | None = None  # set when the page could not be read
    line_count: int = 0
    alnum: int = 0  # letters and digits on the page
    margin_keys: frozenset[str] = frozenset()  # keys of the lines in the top and bottom margins
    compounds: frozenset[str] = frozenset()  # hyphenated words written inside its lines
    _blob: bytes = b""
    _spool: PageSpool | None = None
    _ref: tuple[int, int] | None = None

    def _bytes(self) -> bytes:
        return self._spool.get(self._ref) if self._ref is not None and self._spool is not None else self._blob

    @property
    def lines(self) -> list[Line]:
        return _unpack(self._bytes()) if self.line_count else []

    @lines.setter
    def lines(self, lines: list[Line]) -> None:
        self.line_count = len(lines)
        self.alnum = _alnum("".join(ln.text for ln in lines))
        self.margin_keys = frozenset(_key(ln.text) for ln in lines if _in_zone(ln, self.height))
        self.compounds = frozenset(w.lower() for ln in lines if "-" in ln.text for w in _COMPOUND.findall(ln.text))
        self._ref, self._blob = None, _pack(lines) if lines else b""
        self._store()

    @property
    def first_line(self) -> Line | None:
        return _unpack(self._bytes(), first_only=True)[0] if self.line_count else None

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    def spill(self, spool: PageSpool) -> None:
        """Keep the lines (now and after any change) in `spool` rather than in memory."""
        self._spool = spool
        self._store()

    def _store(self) -> None:
        if self._spool is None or not self._blob:
            return
        try:
            self._ref, self._blob = self._spool.put(self._blob), b""
        except OSError:  # no room for a temporary file: the page stays in memory, the read goes on
            pass


_ASCII_ALNUM = b"".join(bytes([c]) for c in range(128) if chr(c).isalnum())


def _alnum(text: str) -> int:
    if text.isascii():  # the common case, counted in C: bytes.translate deletes the letters and digits
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_ALNUM))
    return sum(map(str.isalnum, text))


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

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-\u2013\u2014\[(]?\s*"
    r"(?:\d{1,4}|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|[a-z]{1,2}-\d{1,3})"
    r"\s*[-\u2013\u2014\])]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.I,
)


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip())) and not re.fullmatch(r"\(\s*[ivxlcdm]+\s*\)", text.strip(), re.I)


def _in_zone(line: Line, height: float | None) -> bool:
    if not height:
        return False
    return line.bottom <= MARGIN_ZONE * height or line.top >= (1 - MARGIN_ZONE) * height


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
    heights = [ln.height for ln in lines if ln.height > 0]
    if len(lines) < 2 or not heights:
        return None
    h = statistics.median(heights)
    deltas = [b.bottom - a.bottom for a, b in zip(lines, lines[1:], strict=False)
              if 0.5 * h < b.bottom - a.bottom < 3 * h]
    if len(deltas) >= 3:
        return statistics.median(deltas)
    return min([*deltas, 1.2 * h])


def strip_running_lines(page: PageLines, running: set[str]) -> int:
    """Remove running headers/footers and lone page numbers from `page`; returns how many."""
    lines = page.lines
    if not lines:
        return 0
    keep = [
        ln for ln in lines
        if not (_in_zone(ln, page.height) and (_key(ln.text) in running or is_page_number(ln.text)))
    ]
    # a page number just outside the margin zone (reduced page images, big margins): only when it
    # is the topmost or bottommost line left and stands apart from the text next to it
    if len(keep) >= 2:
        by_pos = sorted(keep, key=lambda ln: ln.bottom)
        pitch = _pitch(by_pos) or 1.5 * statistics.median(ln.height for ln in by_pos)
        drop = set()
        first, second = by_pos[0], by_pos[1]
        last, before = by_pos[-1], by_pos[-2]
        if is_page_number(last.text) and last.bottom - before.bottom > 1.2 * pitch:
            drop.add(id(last))
        if is_page_number(first.text) and second.bottom - first.bottom > 1.2 * pitch:
            drop.add(id(first))
        if drop:
            keep = [ln for ln in keep if id(ln) not in drop]
    removed = len(lines) - len(keep)
    if removed:
        page.lines = keep
    return removed


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


def _line_break(a: Line, b: Line, shape: _PageShape, compounds: frozenset[str] = frozenset()) -> str:
    """How line `b` follows line `a` on the same page: "\\n\\n", " ", "" (hyphen kept) or "-" (hyphen dropped)."""
    short = shape.width > 0 and (a.x1 - a.x0) < 0.7 * shape.width
    ends_sentence = bool(_SENTENCE_END.search(a.text))
    b_block = bool(_BLOCK_START.match(b.text))
    # vertical gap clearly larger than the usual line spacing
    if shape.pitch:
        delta = b.bottom - a.bottom  # baselines: engines agree on descents more than on ascents
        if delta > 1.45 * shape.pitch and delta > shape.pitch + 0.4 * max(a.height, 1.0):
            return "\n\n"
    # a heading on its own line stays its own paragraph
    a_heading = short and (bool(_HEADING.match(a.text)) or _is_caps_heading(a.text))
    if a_heading and (ends_sentence or not _CLAUSE_END.search(a.text)) and _starts_upper(b.text):
        return "\n\n"
    b_heading = (_HEADING.match(b.text) or _is_caps_heading(b.text)) and (b.x1 - b.x0) < 0.7 * shape.width
    if b_heading and (ends_sentence or short):
        return "\n\n"
    if b_block and (ends_sentence or short):
        return "\n\n"
    if ends_sentence and _starts_upper(b.text):
        if short:
            return "\n\n"
        if b.x0 > a.x0 + max(a.height, 6.0):  # first-line indent of a new paragraph
            return "\n\n"
    return join_kind(a.text, b.text, compounds)


_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
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
    """Separator between each pair of consecutive lines of a page."""
    if len(lines) < 2:
        return []
    shape = _shape(lines)
    return [_line_break(a, b, shape, compounds) for a, b in zip(lines, lines[1:], strict=False)]


class PageBuilder(DocumentBuilder):
    """DocumentBuilder that can continue a paragraph across a page break."""

    def start_page_continuing(self, number: int, sep: str, width: float | None = None,
                              height: float | None = None, ocr: bool = False) -> None:
        """Start a page without the blank line: `sep` (a space, or nothing) joins it to the last page."""
        self.end_page()
        self.add(sep)
        self._page = Page(number=number, start=self.length, end=self.length, width=width, height=height, ocr=ocr)


def _emit_line(b: DocumentBuilder, line: Line, drop_last_hyphen: bool) -> None:
    text = line.text
    if drop_last_hyphen:
        if text.endswith(" -"):  # the hyphen is a word of its own: dropping it leaves an empty word
            words = line.words
            bx = line.boxes
            b.add_words(" ".join(words[:-1]), bx[:-4])
            b.add(" ")
            return
        text = text[:-1]
    b.add_words(text, line.boxes)


def emit(b: PageBuilder, pages: list[PageLines]) -> None:
    """Write the pages' lines into the builder as paragraphs, page after page.

    Each page is unpacked once and released once laid out, so the pages and the growing
    Document never both hold the whole text.
    """
    prev_last: Line | None = None
    compounds = hyphenated_compounds(pages)
    for idx, page in enumerate(pages):
        lines = page.lines
        nxt_first = pages[idx + 1].first_line if idx + 1 < len(pages) else None
        sep = continues_across(prev_last, lines[0], compounds) if prev_last is not None and lines else None
        if sep is None:
            b.start_page(page.number, page.width, page.height, ocr=page.ocr)
        else:
            b.start_page_continuing(page.number, "" if sep in ("-", "") else " ",
                                    page.width, page.height, ocr=page.ocr)
        page.lines = []
        if not lines:
            prev_last = None
            continue
        joins = page_joins(lines, compounds)
        tail = continues_across(lines[-1], nxt_first, compounds) if nxt_first is not None else None
        for i, line in enumerate(lines):
            after = joins[i] if i < len(joins) else tail
            _emit_line(b, line, drop_last_hyphen=after == "-")
            if i < len(joins):
                j = joins[i]
                b.add("\n\n" if j == "\n\n" else (" " if j == " " else ""))
        prev_last = lines[-1]
