"""The Document: an agreement's clean text plus where every character came from.

Readers build it, the NLP stage reads `text`, and evidence offsets are mapped back
to pages, boxes and section headings through it. Word boxes live in two flat arrays,
8 bytes of coordinates and 4 of offset per word, so a 1,000-page PDF costs ~10 MB
of boxes rather than a Python object per word.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left

_QMAX = 65535  # coordinates are kept as 16-bit steps of a per-page grid (~0.012 pt on a letter page)
_MAX_PAGE = 14400.0  # points: the largest page PDF allows, for pages of unknown size
_SPACE = re.compile(r"\s")


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    start: int  # offset of the page's first character in Document.text
    end: int  # offset just past its last character
    width: float | None = None
    height: float | None = None
    ocr: bool = False
    grid: tuple[float, float] = (0.0, 1.0)  # origin and step of the page's box coordinates


@dataclass
class Document:
    text: str
    pages: list[Page]
    source: str = "<text>"
    format: str = "text"
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)
    # located words, sorted by start offset; a word's page is the page holding its start, and it
    # ends at the next space or the next word, whichever comes first
    box_start: array = field(default_factory=lambda: array("i"))  # 4 bytes: texts stay under 2**31 characters
    box_xy: array = field(default_factory=lambda: array("H"))  # x0, top, x1, bottom per word, on the page's grid
    # set by a reader whose word boxes are estimates: re-reads pages exactly on request (`exact_boxes`)
    reread: Callable[[Document, frozenset[int]], None] | None = field(default=None, repr=False, compare=False)
    _sections: list[tuple[int, str]] | None = field(default=None, repr=False)
    _page_starts: list[int] | None = field(default=None, repr=False)

    def page_at(self, offset: int) -> int | None:
        """1-based page number holding `offset`."""
        if not self.pages:
            return None
        return self.pages[self._page_index(offset)].number

    def box_end(self, i: int) -> int:
        """Offset just past word `i`."""
        m = _SPACE.search(self.text, self.box_start[i])
        end = m.start() if m else len(self.text)
        return min(end, self.box_start[i + 1]) if i + 1 < len(self.box_start) else end

    def box(self, i: int) -> tuple[int, BBox]:
        """Page and box of word `i`, in points."""
        page = self.pages[self._page_index(self.box_start[i])]
        o, step = page.grid
        q = self.box_xy[4 * i:4 * i + 4]
        return page.number, (o + q[0] * step, o + q[1] * step, o + q[2] * step, o + q[3] * step)

    def _page_index(self, offset: int) -> int:
        if self._page_starts is None:
            self._page_starts = [p.start for p in self.pages]
        return max(bisect.bisect_right(self._page_starts, offset) - 1, 0)

    def boxes_for(self, start: int, end: int) -> list[tuple[int, BBox]]:
        """Boxes (page, bbox) covering text[start:end], merged into one box per line."""
        lo = bisect.bisect_right(self.box_start, start) - 1
        if lo < 0 or self.box_end(lo) <= start:
            lo += 1
        out: list[tuple[int, list[float]]] = []
        for i in range(lo, len(self.box_start)):
            if self.box_start[i] >= end:
                break
            page, (x0, top, x1, bottom) = self.box(i)
            if out and out[-1][0] == page and abs(out[-1][1][1] - top) < 2.0:
                b = out[-1][1]
                b[0], b[1], b[2], b[3] = min(b[0], x0), min(b[1], top), max(b[2], x1), max(b[3], bottom)
            else:
                out.append((page, [x0, top, x1, bottom]))
        return [(p, (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))) for p, b in out]

    def section_at(self, offset: int) -> str | None:
        """The nearest section heading at or before `offset`."""
        if self._sections is None:
            from analyzer.sections import find_headings

            self._sections = find_headings(self.text)
        i = bisect.bisect_right(self._sections, (offset, "\uffff")) - 1
        return self._sections[i][1] if i >= 0 else None

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.ocr]


def _quantize(xy: array, width: float | None, height: float | None) -> tuple[tuple[float, float], array]:
    """Origin and step of a 16-bit grid spanning the page and the boxes on it, and the boxes on it.

    Boxes may lie off the page; garbage coordinates (a broken file's 1e30) are clamped to
    a few times the largest page PDF allows, so the step stays under 1 pt whatever the page holds.
    Non-finite coordinates go to the grid's origin.
    """
    import numpy as np  # there for spaCy already; imported here so `analyze --help` stays quick

    a = np.frombuffer(xy, dtype=np.float32).astype(np.float64)
    finite = np.isfinite(a)
    clean = finite.all()  # the common case: no mask, no copy
    seen = a if clean else a[finite]
    lo = max(min(0.0, float(seen.min())), -_MAX_PAGE) if seen.size else 0.0
    hi = max(float(width or 0.0), float(height or 0.0), float(seen.max()) if seen.size else 0.0)
    hi = min(max(hi, lo + 1.0), 2 * _MAX_PAGE)
    step = (hi - lo) / _QMAX
    q = np.clip(np.rint(((a if clean else np.where(finite, a, lo)) - lo) / step), 0, _QMAX)
    return (lo, step), array("H", q.astype(np.uint16).tobytes())


class DocumentBuilder:
    """Accumulates text page by page, recording word boxes as it goes."""

    def __init__(self, source: str = "<text>", fmt: str = "text", sha256: str | None = None) -> None:
        self.doc = Document(text="", pages=[], source=source, format=fmt, sha256=sha256)
        self._out = io.StringIO()  # not a list of word strings: one buffer, no object per word
        self._len = 0
        self._tail = ""
        self._page: Page | None = None
        self._xy = array("f")  # the current page's boxes, quantized when the page ends

    def start_page(self, number: int, width: float | None = None, height: float | None = None,
                   ocr: bool = False) -> None:
        if self._page is not None:
            self.end_page()
        if self._len and not self._tail_is_break():
            self.add("\n\n")
        self._page = Page(number=number, start=self._len, end=self._len, width=width, height=height, ocr=ocr)

    def end_page(self) -> None:
        if self._page is not None:
            self._page.end = self._len
            if self._xy:
                self._page.grid, q = _quantize(self._xy, self._page.width, self._page.height)
                self.doc.box_xy.extend(q)
                self._xy = array("f")
            self.doc.pages.append(self._page)
            self._page = None

    def add(self, text: str, bbox: BBox | None = None) -> None:
        """Append text; with a bbox it is a word located on the current page."""
        if not text:
            return
        if bbox is not None and self._page is not None:
            self.doc.box_start.append(self._len)
            self._xy.extend(bbox)
        self._out.write(text)
        self._len += len(text)
        self._tail = (self._tail + text)[-2:]

    def add_words(self, text: str, boxes: array) -> None:
        """Append words joined by single spaces, `boxes` holding x0, top, x1, bottom for each (float32).

        The same as one `add` per word and per space, without a call per word: a page of a long
        document holds ~500 words.
        """
        if not text:
            return
        if self._page is not None and boxes:
            steps = map(add, map(len, text.split(" ")), repeat(1))  # word lengths plus the space after
            starts = array("i", accumulate(steps, initial=self._len))
            del starts[-1]
            self.doc.box_start.extend(starts)
            self._xy.extend(boxes)
        self._out.write(text)
        self._len += len(text)
        self._tail = (self._tail + text)[-2:]

    def add_located(self, text: str, starts: array, boxes: array) -> None:
        """Append text holding located words: `starts` (array "i") their offsets in the Document, from
        `length` on, and `boxes` x0, top, x1, bottom for each (float32). A page's words in one call."""
        if not text:
            return
        if self._page is not None and starts:
            self.doc.box_start.extend(starts)
            self._xy.extend(boxes)
        self._out.write(text)
        self._len += len(text)
        self._tail = (self._tail + text)[-2:]

    def _tail_is_break(self) -> bool:
        return self._tail == "\n\n"

    @property
    def length(self) -> int:
        return self._len

    def build(self) -> Document:
        self.end_page()
        self.doc.text = self._out.getvalue()
        self._out.close()
        if not self.doc.pages:
            self.doc.pages.append(Page(number=1, start=0, end=len(self.doc.text)))
        return self.doc


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
