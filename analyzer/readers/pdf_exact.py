"""The "fast" PDF engine's second half: pdfplumber re-reads only the pages that hold evidence.

pypdfium2 reads every page (`analyzer.readers.pdfium_fast`: the text exact, word boxes estimated)
and drives the analysis; afterwards the pages the evidence lies on are read again with pdfplumber,
the same layout is applied to each, and its words are aligned with the Document's words of that
page. Aligned words take pdfplumber's boxes, so evidence boxes are what a full pdfplumber reading
gives; a quote is taken from pdfplumber's page text when the two readings spell it differently.
pdfplumber costs ~20-80 ms a page against ~4 for pdfium, so on a long agreement whose evidence sits
on a few pages the analysis costs a fraction of a full pdfplumber reading.

It runs in the process that analyzed the document (a batch worker, under its limits), and a page
that pdfplumber cannot read keeps pdfium's estimates.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import functools
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING

from analyzer.document import Document
from analyzer.readers.registry import ReadOptions

if TYPE_CHECKING:
    from analyzer.results import Analysis

_QMAX = 65535


def exact_reader(data: bytes, options: ReadOptions) -> Callable[[Document, frozenset[int]], None]:
    """What a Document read by the fast engine keeps as `reread` (a partial: it pickles)."""
    return functools.partial(reread_exact, data, dataclasses.replace(options, page_range=None, split_workers=1))


def _words(doc: Document, lo: int, hi: int) -> list[str]:
    return [doc.text[doc.box_start[i]:doc.box_end(i)].rstrip("-") for i in range(lo, hi)]


@dataclasses.dataclass
class _Exact:
    """One re-read page: pdfplumber's Document of it and, per Document word of the page, its word there."""

    mini: Document
    lo: int  # index of the page's first word in the Document
    match: list[int]  # mini word index, or -1


def reread_exact(data: bytes, options: ReadOptions, doc: Document, pages: frozenset[int]) -> None:
    """Give the words of `pages` pdfplumber's boxes where both readings have the same word."""
    from analyzer.readers.pdf_layout import PageBuilder, emit
    from analyzer.readers.pdf_plumber import pages_pdfplumber

    done: dict[int, _Exact | None] = doc.__dict__.setdefault("_exact", {})
    wanted = frozenset(p for p in pages if p not in done)
    if not wanted:
        return
    by_number = {p.number: p for p in doc.pages}
    try:
        for page_lines in pages_pdfplumber(data, options, None, only=wanted):
            done[page_lines.number] = None
            page = by_number.get(page_lines.number)
            if page is None or page_lines.error is not None or not page_lines.line_count:
                continue
            builder = PageBuilder(source=doc.source, fmt="pdf")
            emit(builder, [page_lines])
            done[page.number] = _transfer(doc, page, builder.build())
    except Exception as exc:  # noqa: BLE001 - the pdfium reading stands; say why the boxes stay estimates
        doc.warnings.append(f"exact_boxes_failed: {type(exc).__name__}")
    for p in wanted:
        done.setdefault(p, None)


def _transfer(doc: Document, page, mini: Document) -> _Exact:
    lo = bisect.bisect_left(doc.box_start, page.start)
    hi = bisect.bisect_left(doc.box_start, page.end)
    ours, theirs = _words(doc, lo, hi), _words(mini, 0, len(mini.box_start))
    match = [-1] * (hi - lo)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                match[i1 + k] = j1 + k
    o, step = page.grid
    for k, j in enumerate(match):
        if j < 0:
            continue
        _, box = mini.box(j)
        q = [min(max(round((v - o) / step), 0), _QMAX) for v in box]
        i = 4 * (lo + k)
        doc.box_xy[i:i + 4] = array("H", q)
    return _Exact(mini, lo, match)


def _quote(doc: Document, start: int, end: int) -> str | None:
    """The span as pdfplumber's page text has it, when the span lies on one re-read page."""
    exact: dict[int, _Exact | None] = doc.__dict__.get("_exact", {})
    first = bisect.bisect_right(doc.box_start, start) - 1
    last = bisect.bisect_left(doc.box_start, end) - 1
    if first < 0 or last < first or doc.page_at(start) != doc.page_at(max(end - 1, start)):
        return None
    page = exact.get(doc.page_at(start) or 0)
    if page is None:
        return None
    a, b = first - page.lo, last - page.lo
    if not (0 <= a < len(page.match) and 0 <= b < len(page.match)) or page.match[a] < 0 or page.match[b] < 0:
        return None
    mini = page.mini
    ja, jb = page.match[a], page.match[b]
    ms = mini.box_start[ja] + max(start - doc.box_start[first], 0)
    me = min(mini.box_start[jb] + (end - doc.box_start[last]), mini.box_end(jb))
    return mini.text[ms:me] if me > ms else None


def refine_evidence(doc: Document, result: Analysis) -> None:
    """Re-read the evidence pages of a fast-engine Document with pdfplumber; boxes and quotes from there."""
    if doc.reread is None or not result.evidence or not doc.pages:
        return
    from analyzer.results import PageBox

    index = {p.number: k for k, p in enumerate(doc.pages)}
    pages: set[int] = set()
    for e in result.evidence:
        a, b = doc.page_at(e.start), doc.page_at(max(e.end - 1, e.start))
        if a is None or b is None:
            continue
        pages.update(p.number for p in doc.pages[index[a]:index[b] + 1])
    known = len(doc.warnings)
    doc.reread(doc, frozenset(pages))
    result.warnings.extend(doc.warnings[known:])  # the record was made before the re-read
    for e in result.evidence:
        boxes = doc.boxes_for(e.start, e.end) if len(doc.box_start) else []
        if boxes:
            e.boxes = [PageBox(page=p, bbox=bb) for p, bb in boxes]
            e.bbox = boxes[0][1]
            e.page = boxes[0][0]
        quote = _quote(doc, e.start, e.end)
        if quote is not None and quote != e.text:
            e.text = quote
