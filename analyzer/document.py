"""The Document: an agreement's clean text plus where every character came from.

Readers build it, the NLP stage reads `text`, and evidence offsets are mapped back
to pages, boxes and section headings through it. Boxes live in flat arrays so a
1,000-page PDF does not cost a Python object per word.
"""

from __future__ import annotations

import bisect
import hashlib
import io
from array import array
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    start: int  # offset of the page's first character in Document.text
    end: int  # offset just past its last character
    width: float | None = None
    height: float | None = None
    ocr: bool = False


@dataclass
class Document:
    text: str
    pages: list[Page]
    source: str = "<text>"
    format: str = "text"
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)
    # word boxes, sorted by start offset: parallel arrays
    box_start: array = field(default_factory=lambda: array("i"))  # 4 bytes: texts stay under 2**31 characters
    box_end: array = field(default_factory=lambda: array("i"))
    box_page: array = field(default_factory=lambda: array("i"))
    box_xy: array = field(default_factory=lambda: array("f"))  # x0, top, x1, bottom per box
    _sections: list[tuple[int, str]] | None = field(default=None, repr=False)
    _page_starts: list[int] | None = field(default=None, repr=False)

    def page_at(self, offset: int) -> int | None:
        """1-based page number holding `offset`."""
        if not self.pages:
            return None
        if self._page_starts is None:
            self._page_starts = [p.start for p in self.pages]
        i = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(i, 0)].number

    def boxes_for(self, start: int, end: int) -> list[tuple[int, BBox]]:
        """Boxes (page, bbox) covering text[start:end], merged into one box per line."""
        lo = bisect.bisect_right(self.box_end, start)
        out: list[tuple[int, list[float]]] = []
        for i in range(lo, len(self.box_start)):
            if self.box_start[i] >= end:
                break
            page = self.box_page[i]
            x0, top, x1, bottom = self.box_xy[4 * i : 4 * i + 4]
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


class DocumentBuilder:
    """Accumulates text page by page, recording word boxes as it goes."""

    def __init__(self, source: str = "<text>", fmt: str = "text", sha256: str | None = None) -> None:
        self.doc = Document(text="", pages=[], source=source, format=fmt, sha256=sha256)
        self._out = io.StringIO()  # not a list of word strings: one buffer, no object per word
        self._len = 0
        self._tail = ""
        self._page: Page | None = None

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
            self.doc.pages.append(self._page)
            self._page = None

    def add(self, text: str, bbox: BBox | None = None) -> None:
        """Append text; with a bbox it is a word located on the current page."""
        if not text:
            return
        if bbox is not None and self._page is not None:
            d = self.doc
            d.box_start.append(self._len)
            d.box_end.append(self._len + len(text))
            d.box_page.append(self._page.number)
            d.box_xy.extend(bbox)
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
