"""The pypdfium2 engine: fast words, split as pdfplumber splits them, a page at a time."""

from __future__ import annotations

import ctypes
import re
import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from analyzer.errors import AnalyzerError, CorruptDocument, EncryptedDocument
from analyzer.readers import pdfminer_fence
from analyzer.readers.page_lines import PageLines, Word, count_alnum
from analyzer.readers.pdf_common import (
    LOW_DENSITY_CHARS,
    X_TOLERANCE_RATIO,
    bare_c,
    check_pages,
    close_quietly,
    cover,
    short,
)
from analyzer.readers.pdfminer_fence import too_large
from analyzer.readers.registry import ReadOptions

if TYPE_CHECKING:
    from analyzer.readers.pdfium_fast import Draft

_STREAM_START = re.compile(rb"stream\r?\n")


def check_inflated_sizes(data: bytes, limit: int | None = None) -> None:
    """Raise ResourceLimit when a zlib stream in the file inflates past `limit`, without keeping the output.

    For pdfium, which inflates whatever a page needs in full: a 4 MB stream of 4 GB of spaces would
    otherwise cost 4 GB (or abort the process under a memory ceiling). Every stream is tried, since a
    stream's dictionary does not decide how pdfium uses it; encrypted or non-zlib ones fail at once."""
    limit = pdfminer_fence.MAX_STREAM_BYTES if limit is None else limit  # read now: tests lower it
    step = 1 << 20
    view = memoryview(data)  # chunks without a copy (a 1 MB slice per stream cost more than inflating it)
    for m in _STREAM_START.finditer(data):
        d = zlib.decompressobj()
        total, pos = 0, m.end()
        try:
            while not d.eof and pos < len(data):
                chunk = view[pos:pos + step]
                pos += len(chunk)
                while chunk:
                    total += len(d.decompress(chunk, step * 8))
                    if total > limit:
                        raise too_large()
                    chunk = d.unconsumed_tail
                    if d.eof:
                        break
        except zlib.error:
            continue


_TOKEN = re.compile(r"\S+")


def _pdfium_open_error(exc: BaseException, options: ReadOptions) -> AnalyzerError:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedDocument("encrypted: wrong password" if options.password else "encrypted: password required")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedDocument("encrypted: unsupported security handler")
    if code == pdfium_c.FPDF_ERR_FORMAT:
        return CorruptDocument("corrupt PDF: not a readable PDF structure")
    if code == pdfium_c.FPDF_ERR_FILE:
        return CorruptDocument("corrupt PDF: file could not be read")
    return CorruptDocument(f"corrupt PDF: {short(exc)}")


def _to_top_left(rotation: int, mb: tuple[float, float, float, float]) -> Callable[[float, float], tuple[float, float]]:
    """Map a PDF user-space point (origin bottom-left) to the displayed page, origin top-left."""
    x0, y0, x1, y1 = mb
    if rotation == 90:
        return lambda x, y: (y - y0, x - x0)
    if rotation == 180:
        return lambda x, y: (x1 - x, y - y0)
    if rotation == 270:
        return lambda x, y: (y1 - y, x1 - x)
    return lambda x, y: (x - x0, y1 - y)


def _aligned_text(textpage, n: int, text: str | None) -> str:
    """The page's text with one character per pdfium character index."""
    import pypdfium2.raw as pdfium_c

    if text is None or len(text) != n:
        text = textpage.get_text_range(0, n)
    if len(text) != n:  # inserted/excluded chars or surrogate pairs: rebuild index-aligned text
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
    return text


def _rotated_box(to_tl: Callable[[float, float], tuple[float, float]], rect) -> tuple[float, float, float, float]:
    """(x0, x1, top, bottom) of a char's box on a rotated page, in displayed top-left coordinates."""
    ax, ay = to_tl(rect.left, rect.top)
    bx, by = to_tl(rect.right, rect.bottom)
    x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
    top, bottom = (ay, by) if ay <= by else (by, ay)
    return x0, x1, top, bottom


class _WordSplitter:
    """Splits pdfium's tokens into words where a character starts a new line, jumps back or leaves a gap
    (see `pdfium_words`); one object per page, its loop inlined because it runs once per character."""

    def __init__(self, textpage, rotation: int, mb: tuple[float, float, float, float], text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self.handle = textpage.raw
        self.text = text
        self.to_tl = _to_top_left(rotation, mb)
        self.rot0 = rotation == 0
        self.mx0, self.my1 = mb[0], mb[3]
        self.rect = pdfium_c.FS_RECTF()
        self.ref = ctypes.byref(self.rect)
        self.loose = bare_c("FPDFText_GetLooseCharBox")
        self.font_size = bare_c("FPDFText_GetFontSize")
        self.words: list[Word] = []

    def emit(self, piece: str, x0: float, top: float, x1: float, bottom: float, size: float) -> None:
        if 0 < size < bottom - top <= 2 * size:
            top = bottom - size
        self.words.append((piece, x0, top, x1, bottom))

    def em(self, i: int, h: float) -> float:
        """The font size of char `i`, or an estimate from its box when pdfium reports the Tf size before the
        text matrix (1.0 for "1 Tf" scaled by Tm): the loose box spans ~1.15 em in common fonts."""
        size = self.font_size(self.handle, i)
        return size if 0.5 * h <= size <= 2 * h else h / 1.15

    def split(self, start: int, end: int) -> list[Word]:
        """The words of the tokens in [start, end)."""
        handle, rect, ref, loose, text = self.handle, self.rect, self.ref, self.loose, self.text
        rot0, mx0, my1 = self.rot0, self.mx0, self.my1
        for m in _TOKEN.finditer(text, start, end):
            self._token(m.start(), m.end(), handle, rect, ref, loose, text, rot0, mx0, my1)
        return self.words

    def _token(self, tstart: int, tend: int, handle, rect, ref, loose, text: str, rot0: bool, mx0: float,
               my1: float) -> None:
        wstart = tstart
        wx0 = wtop = wx1 = wbot = px0 = px1 = size = gap = 0.0
        have = False
        for i in range(tstart, tend):
            if not loose(handle, i, ref):
                continue
            if rot0:  # the common case, inlined
                x0, x1, top, bottom = rect.left - mx0, rect.right - mx0, my1 - rect.top, my1 - rect.bottom
            else:
                x0, x1, top, bottom = _rotated_box(self.to_tl, rect)
            if have:
                wh, h = wbot - wtop, bottom - top
                overlap = (wbot if wbot < bottom else bottom) - (wtop if wtop > top else top)
                if overlap <= 0.5 * (wh if wh < h else h) or x0 < px0 or x0 - px1 > gap:
                    self.emit(text[wstart:i], wx0, wtop, wx1, wbot, size)
                    have = False
                else:
                    wx0, wx1 = (x0 if x0 < wx0 else wx0), (x1 if x1 > wx1 else wx1)
                    wtop, wbot = (top if top < wtop else wtop), (bottom if bottom > wbot else wbot)
            if not have:
                wstart, have = i, True
                wx0, wtop, wx1, wbot = x0, top, x1, bottom
                size = self.em(i, bottom - top)
                gap = X_TOLERANCE_RATIO * (size or 10.0)
            px0, px1 = x0, x1
        if have:
            self.emit(text[wstart:tend], wx0, wtop, wx1, wbot, size)


def pdfium_words(textpage, rotation: int, mb: tuple[float, float, float, float], start: int = 0,
                 end: int | None = None, text: str | None = None) -> list[Word]:
    """Words of a pdfium text page, split like pdfplumber splits them.

    pdfium's own spaces and line breaks separate tokens; a token is split further where a
    character starts a new line, jumps back, or leaves a gap wider than X_TOLERANCE_RATIO of the
    font size (pdfium glues "EXHIBITA", "Company,Inc." on tight lines). Boxes use the char's
    loose box with its top taken from the font size: the loose box spans the font's ascent, but
    pdfplumber's box is descent to descent + size; both share the bottom, so both engines see the
    same line geometry. `start` and `end` limit the reading to a range of character indices; `text` is
    the page's index-aligned text when the caller has it already.
    """
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFText_CountChars(textpage.raw)
    if n <= 0:
        return []
    end = n if end is None else min(end, n)
    return _WordSplitter(textpage, rotation, mb, _aligned_text(textpage, n, text)).split(start, end)


_BATCH_PAGES = 32  # pages whose estimated word boxes are computed together
_BATCH_CHARS = 1 << 20  # ... as long as the padded texts stay under this many characters


def pages_pdfium(data: bytes, options: ReadOptions, state: dict | None = None) -> Iterator[PageLines]:
    import pypdfium2 as pdfium

    check_inflated_sizes(data)
    try:
        pdf = pdfium.PdfDocument(data, password=options.password or None)
    except Exception as exc:
        err = _pdfium_open_error(exc, options)
        if not (options.password and isinstance(err, EncryptedDocument) and "wrong" in err.reason):
            raise err from None
        try:  # a password given for a folder, on a file that needs none to be read (empty user password)
            pdf = pdfium.PdfDocument(data, password=None)
        except Exception:
            raise err from None
        if state is not None:
            state["password"] = None
    try:
        n = len(pdf)
        check_pages(n, options)
        first, last = options.page_range or (1, n)
        batch: list[tuple[PageLines, Draft | None]] = []
        longest = 0
        for index in range(max(first, 1) - 1, min(last, n)):
            out, draft = _read_page(pdf, index)
            size = len(draft.text) if draft is not None else 0
            if batch and (len(batch) >= _BATCH_PAGES or (len(batch) + 1) * (max(longest, size) + 1) > _BATCH_CHARS):
                yield from _finished(batch)
                batch, longest = [], 0
            batch.append((out, draft))
            longest = max(longest, size)
        yield from _finished(batch)
    finally:
        close_quietly(pdf)


def _read_page(pdf, index: int) -> tuple[PageLines, Draft | None]:
    """Page `index` read while it is open: its lines but the estimated word boxes (None when it failed)."""
    import pypdfium2.raw as pdfium_c

    from analyzer.readers.pdfium_fast import fast_draft

    out = PageLines(number=index + 1)
    page = textpage = None
    try:
        page = pdf[index]
        out.width, out.height = float(page.get_width()), float(page.get_height())
        rotation = page.get_rotation() % 360
        mb = tuple(float(v) for v in page.get_mediabox())
        textpage = page.get_textpage()
        draft = fast_draft(textpage, rotation, mb, pdfium_words)
        if count_alnum("\n".join(draft.texts)) < LOW_DENSITY_CHARS:
            images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
            boxes = []
            to_tl = _to_top_left(rotation, mb)
            for obj in images:
                # pypdfium2 >= 5 renamed get_pos to get_bounds
                left, bottom, right, top = (obj.get_bounds() if hasattr(obj, "get_bounds")
                                            else obj.get_pos())
                (ax, ay), (bx, by) = to_tl(left, top), to_tl(right, bottom)
                boxes.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
            out.image_cover = cover(boxes, out.width, out.height)
            out.has_marks = bool(images) or (not draft.texts and pdfium_c.FPDFPage_CountObjects(page.raw) > 0)
        return out, draft
    except Exception as exc:
        out.error = short(exc)
        return out, None
    finally:
        close_quietly(textpage, page)


def _finished(batch: list[tuple[PageLines, Draft | None]]) -> Iterator[PageLines]:
    """The batch's pages, their word boxes computed together (a page at a time if that fails)."""
    from analyzer.readers.pdfium_fast import finish

    drafts = [d for _, d in batch if d is not None]
    try:
        packed = iter(finish(drafts))
    except Exception:
        packed = None
    for out, draft in batch:
        if draft is not None:
            try:
                out.set_packed(*(next(packed) if packed is not None else finish([draft])[0]))
            except Exception as exc:
                out.lines, out.error = [], short(exc)
        yield out
