"""The shared block-to-Document assembler of the HTML and Word readers: paragraphs, table rows, list labels
and page breaks collected in order (`Flow`), then laid out as a Document.

A paragraph that is only a page number ("12", "- 12 -", "Page 12") right before a boundary is dropped, and
a sentence cut by a boundary (no closing punctuation, next page starting in lower case) is joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.document import Document, DocumentBuilder, Page
from analyzer.errors import ResourceLimit
from analyzer.readers.clean import join_lines, normalize_chars
from analyzer.readers.registry import ReadOptions

LAYOUT_CELL_CHARS = 250  # a cell with several paragraphs longer than this together: a layout table

PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*(?:[A-Z]{1,2}-)?(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-\u2013\u2014]?"
    r"(?:\s+of\s+\d{1,4})?",
    re.I,
)
_MARK = "\f"  # page boundary inside a paragraph buffer
_ENUMERATOR = re.compile(
    r"\(?(?:\d{1,3}|[a-z]{1,2}|[ivxlcdm]{1,6})\)|(?:\d{1,3}|[a-z]|[ivxlcdm]{1,6})\.|\d{1,3}(?:\.\d{1,3})+\.?"
    r"|(?:section|article|\u00a7)\s*[\divxlc]+(?:\.\d+)*\.?",
    re.I,
)
_ENDS_SENTENCE = re.compile(r"[.:;!?\"')\]]$")
_WS = re.compile(r"\s+")
INLINE_WS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.fullmatch(text.strip()))


@dataclass
class Break:
    """A page boundary; `sep` is set when a paragraph continues across it (" " or "")."""

    sep: str | None = None


class Flow:
    """Collects text as paragraphs and page breaks, then builds a Document.

    `text` appends inline text, `line` a hard line break, `end_para` closes a paragraph,
    `page` marks a page boundary (possibly inside a paragraph), `row` adds a table row.
    """

    def __init__(self) -> None:
        self.items: list[str | Break] = []
        self._buf: list[str] = []
        self._label = ""

    # -- writing
    def text(self, s: str) -> None:
        if s:
            if self._label and not s.isspace():
                self._buf.append(self._label)
                self._label = ""
            self._buf.append(s)

    def label(self, s: str) -> None:
        """A list label ("a. ") for the next text, wherever its paragraph starts."""
        self._label = s

    def line(self) -> None:
        self._buf.append("\n")

    def page(self) -> None:
        self._buf.append(_MARK)

    def end_para(self, heading: bool = False) -> None:
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf.clear()
        parts = raw.split(_MARK)
        texts = [_paragraphs(p, heading) for p in parts]
        filled = [i for i, t in enumerate(texts) if t]
        first, last = (filled[0], filled[-1]) if filled else (len(parts), len(parts))
        for i, paras in enumerate(texts):
            if i:
                if first < i <= last:  # a boundary with text on both sides: the paragraph goes on
                    left, right = parts[i - 1], parts[i]
                    sep = " " if (left[-1:].isspace() or right[:1].isspace()) else ""
                    self._append_break(Break(sep))
                else:
                    self._append_break(Break())
            self.items.extend(paras)

    def row(self, cells: list[str]) -> None:
        self.end_para()
        cells = [c for c in (_WS.sub(" ", normalize_chars(c)).strip() for c in cells) if c]
        if len(cells) == 2 and _ENUMERATOR.fullmatch(cells[0]):  # hanging indent: "(a)" | "Borrower shall ..."
            self.items.append(f"{cells[0]} {cells[1]}")
        elif cells:
            self.items.append(" | ".join(cells))

    def extend(self, items: list[str | Break]) -> None:
        self.end_para()
        for it in items:
            if isinstance(it, Break):
                self._append_break(Break(it.sep))
            else:
                self.items.append(it)

    def paragraphs(self) -> list[str]:
        self.end_para()
        return [it for it in self.items if isinstance(it, str)]

    def _append_break(self, brk: Break) -> None:
        if brk.sep is None:
            while self.items and isinstance(self.items[-1], str) and is_page_number(self.items[-1]):
                self.items.pop()
        self.items.append(brk)

    # -- building
    def _pages(self) -> list[tuple[list[str], str | None]]:
        """(paragraphs, sep) per run of paragraphs between breaks; `sep` joins a page to the one before."""
        pages: list[tuple[list[str], str | None]] = []
        cur: list[str] = []
        sep: str | None = None
        for it in self.items:
            if isinstance(it, Break):
                if cur:
                    pages.append((cur, sep))
                    cur, sep = [], it.sep
                elif pages and sep is None:
                    sep = it.sep  # consecutive breaks: the page still starts once
                continue
            cur.append(it)
        if cur:
            pages.append((cur, sep))
        return pages

    def document(self, name: str, fmt: str, options: ReadOptions | None = None, heal: bool = False) -> Document:
        """The Document: one page per run of paragraphs between breaks (empty pages skipped)."""
        self.end_para()
        while self.items and isinstance(self.items[-1], str) and is_page_number(self.items[-1]):
            self.items.pop()
        pages = self._pages()
        limit = options.max_pages if options else None
        if limit and len(pages) > limit:
            raise ResourceLimit(f"more than {limit} pages")
        b = FlowBuilder(source=name, fmt=fmt)
        for number, (paras, sep) in enumerate(pages, start=1):
            if number > 1 and sep is None and heal and _continues(pages[number - 2][0][-1], paras[0]):
                sep = " "
            if number == 1 or sep is None:
                b.start_page(number)
            else:
                b.start_page_continuing(number, sep)
            for i, p in enumerate(paras):
                if i:
                    b.add("\n\n")
                b.add(p)
        return b.build()


class FlowBuilder(DocumentBuilder):
    def start_page_continuing(self, number: int, sep: str) -> None:
        """Start a page without the blank line: `sep` joins it to the paragraph the last page ended in."""
        self.end_page()
        self.add(sep)
        self._page = Page(number=number, start=self.length, end=self.length)


def _paragraphs(raw: str, heading: bool = False) -> list[str]:
    if not raw or raw.isspace():
        return []
    text = normalize_chars(raw)
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    if heading:
        one = " ".join(ln for ln in lines if ln)
        return [one] if one else []
    if len(lines) == 1:
        return [lines[0]] if lines[0] else []
    return [p for p in join_lines(lines).split("\n\n") if p]


def _continues(prev: str, nxt: str) -> bool:
    """A sentence cut by a page boundary: no closing punctuation before, lower case after."""
    return not _ENDS_SENTENCE.search(prev) and nxt[:1].islower() and not is_page_number(prev)


def _roman(n: int) -> str:
    out = []
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                 (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def list_label(n: int, kind: str) -> str:
    if kind == "a":
        return _letters(n)
    if kind == "A":
        return _letters(n).upper()
    if kind == "i":
        return _roman(n)
    if kind == "I":
        return _roman(n).upper()
    return str(n)


def emit_row(flow: Flow, cells: list[list[str | Break]]) -> None:
    """A table row: one " | " line, or (a layout table) the cells' paragraphs in order."""
    broken = any(isinstance(it, Break) for c in cells for it in c)
    layout = broken and any(sum(1 for it in c if isinstance(it, str)) > 1 for c in cells)
    for c in cells:
        paras = [it for it in c if isinstance(it, str)]
        if len(paras) > 1 and sum(map(len, paras)) > LAYOUT_CELL_CHARS:
            layout = True
    if layout:
        flow.end_para()
        for c in cells:
            flow.extend(c)
        return
    if broken:
        flow.end_para()
        flow.page()
    flow.row([" ".join(it for it in c if isinstance(it, str)) for c in cells])
