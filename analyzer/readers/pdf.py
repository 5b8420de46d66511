"""PDF reader: two engines (pdfplumber, pypdfium2), one layout, one Document.

Each engine turns one page at a time into words with boxes, in content-stream order,
and releases the page before reading the next, so memory stays flat on long files
(pdfplumber needs `page.close()` for that). The rest (lines, running headers and
footers, hyphenation, paragraphs) is shared: see `analyzer.readers.pdf_layout`.

Failures are typed: an encrypted file without (or with the wrong) password raises
EncryptedDocument, an unparseable one CorruptDocument, too many pages ResourceLimit,
and a file with no text on any page NoText. A page that fails mid-document only adds
a warning ("page N unreadable: reason").

OCR hook: pages without a text layer are handed to
`analyzer.readers.ocr.ocr_page(data: bytes, page_number: int, options: ReadOptions)`
when that module exists and `options.ocr != "never"` (every page when `"always"`).
It returns an iterable of words `(text, x0, top, x1, bottom)` in reading order, in PDF
points with the origin at the page's top-left corner.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import io
import re
import zlib
from collections.abc import Callable, Iterable, Iterator

from analyzer.document import Document
from analyzer.errors import (
    AnalyzerError,
    CorruptDocument,
    EncryptedDocument,
    InputError,
    NoText,
    ResourceLimit,
)
from analyzer.readers import ReadOptions, register
from analyzer.readers.pdf_layout import PageBuilder, PageLines, Word, emit, find_running_keys, group_lines
from analyzer.readers.pdf_layout import strip_running_lines as _strip
from analyzer.readers.spool import PageSpool

# A new word starts where the gap between two characters exceeds this share of the font size (both
# engines). pdfplumber's default (3 pt flat) glues the words of tightly justified lines
# ("noGroupMemberhas", 2.7 pt gaps at 10 pt); word gaps as tight as 0.126 em occur ("June 21",
# "EXHIBIT A" in corpus 029.pdf), kerning inside words stays well under 0.1 em.
X_TOLERANCE_RATIO = 0.12
MIN_TEXT_CHARS = 10  # fewer letters/digits than this on a page: no text layer
LOW_DENSITY_CHARS = 100  # fewer than this, over images covering LOW_DENSITY_COVER of the page
LOW_DENSITY_COVER = 0.25
MAX_STREAM_BYTES = 256 * 1024 * 1024  # one decoded stream larger than this: a decompression bomb


def _needs_ocr(alnum: int, has_marks: bool = True) -> bool:
    """True when a page with `alnum` letters and digits has (practically) no text layer but
    something is drawn on it.

    `has_marks` is False for a page with nothing at all on it (a blank page is not a scan).
    """
    return has_marks and alnum < MIN_TEXT_CHARS


def _short(exc: BaseException, limit: int = 90) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


def _cover(boxes: Iterable[tuple[float, float, float, float]], width: float, height: float) -> float:
    """Share of the page area covered by boxes (overlaps counted twice, capped at 1)."""
    area = 0.0
    for x0, top, x1, bottom in boxes:
        w = min(x1, width) - max(x0, 0.0)
        h = min(bottom, height) - max(top, 0.0)
        if w > 0 and h > 0:
            area += w * h
    return min(area / (width * height), 1.0) if width > 0 and height > 0 else 0.0


# --------------------------------------------------------------------------- bounded inflate (pdfminer)


def _too_large() -> ResourceLimit:
    return ResourceLimit(f"a compressed stream inflates past {MAX_STREAM_BYTES // (1024 * 1024)} MB "
                         "(decompression bomb?)")


class _BoundedZlib:
    """Stands in for `zlib` inside pdfminer.pdftypes, whose FlateDecode inflates a whole stream at once with
    no ceiling: a few MB can become gigabytes. Same results and errors as zlib.decompress, up to the ceiling."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        d = zlib.decompressobj(wbits)
        out = d.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES:
            raise _too_large()
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` (keep what inflates when only the checksum at the very end is bad),
    bounded, and linear: the original feeds one byte at a time into `bytes +=`, quadratic in the output."""
    d = zlib.decompressobj()
    out = bytearray()
    step = 4096
    for i in range(0, len(data), step):
        chunk = data[i:i + step]
        saved = d.copy()
        try:
            out += d.decompress(chunk)
        except zlib.error:
            d = saved  # replay this chunk byte by byte to find the failing byte, as the original does
            for j in range(len(chunk)):
                try:
                    out += d.decompress(chunk[j:j + 1])
                except zlib.error:
                    if i + j < len(data) - 3:
                        raise
                    return bytes(out)
        if len(out) > MAX_STREAM_BYTES:
            raise _too_large()
    return bytes(out)


_STREAM_START = re.compile(rb"stream\r?\n")


def check_inflated_sizes(data: bytes, limit: int | None = None) -> None:
    """Raise ResourceLimit when a zlib stream in the file inflates past `limit`, without keeping the output.

    For pdfium, which inflates whatever a page needs in full: a 4 MB stream of 4 GB of spaces would
    otherwise cost 4 GB (or abort the process under a memory ceiling). Every stream is tried, since a
    stream's dictionary does not decide how pdfium uses it; encrypted or non-zlib ones fail at once."""
    limit = MAX_STREAM_BYTES if limit is None else limit
    step = 1 << 20
    for m in _STREAM_START.finditer(data):
        d = zlib.decompressobj()
        total, pos = 0, m.end()
        try:
            while not d.eof and pos < len(data):
                chunk = data[pos:pos + step]
                pos += len(chunk)
                while chunk:
                    total += len(d.decompress(chunk, step * 8))
                    if total > limit:
                        raise _too_large()
                    chunk = d.unconsumed_tail
                    if d.eof:
                        break
        except zlib.error:
            continue


def _bound_pdfminer() -> None:
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()
        pdftypes.decompress_corrupted = _decompress_corrupted


# --------------------------------------------------------------------------- pdfplumber


def _pdfminer_reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "PSEOF":
        return "unexpected end of file (truncated?)"
    if name == "PDFNoValidXRef":
        return "no valid cross-reference table"
    if name in ("PDFSyntaxError", "PSSyntaxError"):
        return f"syntax error ({_short(exc, 60)})"
    if isinstance(exc, RecursionError):
        return "objects nested too deeply"
    if isinstance(exc, MemoryError):
        return "out of memory (too much content on one page?)"
    return _short(exc)


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's exceptions in PdfminerException(original)
    while type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _open_error(exc: BaseException, options: ReadOptions) -> AnalyzerError:
    inner = _unwrap(exc)
    if isinstance(inner, AnalyzerError):  # e.g. a decompression bomb in an object stream
        return inner
    name = type(inner).__name__
    if name == "PDFPasswordIncorrect":
        return EncryptedDocument("encrypted: wrong password" if options.password else "encrypted: password required")
    if name in ("PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in name.lower():
        return EncryptedDocument(f"encrypted: unsupported encryption ({_short(inner, 60)})")
    if isinstance(inner, MemoryError):
        return ResourceLimit("out of memory while opening the PDF")
    return CorruptDocument(f"corrupt PDF: {_pdfminer_reason(inner)}")


def _check_pages(n: int, options: ReadOptions) -> None:
    if n > options.max_pages:
        raise ResourceLimit(f"PDF has {n} pages; the limit is {options.max_pages}")


def _plumber_page_count(pdf) -> int | None:
    """The page count the file declares, read without building the page objects."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) and count >= 0 else None
    except Exception:
        return None


def dedupe_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop duplicate characters (same text, font and size drawn again within `tolerance` points:
    fake bold, shadows), keeping the first in content-stream order.

    Same rule as pdfplumber's `dedupe_chars`, but O(n log n): pdfplumber's ends with
    `sorted(..., key=chars.index)`, quadratic (~0.6 s for a 3,500-character page).
    """
    n = len(chars)
    rows = sorted(zip([c["text"] for c in chars], [c["x0"] for c in chars], [c["top"] for c in chars],
                      range(n), strict=True))
    drop: set[int] = set()
    for j in range(1, n):
        text, x0, top, i = rows[j]
        k = j - 1
        while k >= 0:
            text2, x2, top2, i2 = rows[k]
            if text2 != text or x0 - x2 > tolerance:
                break
            if abs(top - top2) <= tolerance:
                a, b = chars[i], chars[i2]
                if (a.get("fontname") == b.get("fontname") and a.get("size") == b.get("size")
                        and a.get("upright") == b.get("upright")):
                    drop.add(max(i, i2))
            k -= 1
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def _close_quietly(*objs) -> None:
    """Release engine objects; a failure to close a broken page must not hide the page's own result."""
    for obj in objs:
        if obj is not None:
            try:
                obj.close()
            except Exception:  # noqa: BLE001, S110
                pass


def _forget_contents(pdf, page) -> None:
    """Let go of a read page's decoded content streams (~6 KB a page of text).

    pdfminer keeps every object it parses, and the page keeps its streams, for the life of
    the file: across 1,000 pages that is most of the reader's growth. Nothing reads a page's
    content twice, so both references are dropped once the page is done.
    """
    try:
        cache = getattr(pdf.doc, "_cached_objs", None)
        contents = page.page_obj.contents
        page.page_obj.contents = []
        if isinstance(cache, dict):
            for stream in contents:
                objid = getattr(stream, "objid", None)
                if objid is not None:
                    cache.pop(objid, None)
    except Exception:  # noqa: BLE001 - a saving, never a reason to fail
        pass


def _plumber_pages(pdf, options: ReadOptions, only: frozenset[int] | None = None) -> Iterator[tuple[int, object]]:
    """(number, pdfplumber Page, or the exception that kept one from being made), a page at a time.

    `pdf.pages` makes every page up front and keeps them all (~6 KB a page) for the life of the
    file; here each is made when its turn comes and let go after. A page whose own dictionary
    is broken (no MediaBox) costs that page, not the document. `only`: just these page numbers.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page

    first, last = options.page_range or (1, None)
    try:
        for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            _check_pages(number, options)
            if last is not None and number > last:
                return
            if number < first or (only is not None and number not in only):
                if only is not None and number > max(only):
                    return
                continue
            try:
                page = Page(pdf, page_obj, page_number=number)
            except Exception as exc:  # noqa: BLE001 - reported as this page's error
                sized = resolve1(page_obj.attrs.get("MediaBox")) is not None
                yield number, (exc if sized else ValueError("no page size (MediaBox)"))
                continue
            yield number, page
    except AnalyzerError:
        raise
    except Exception as exc:
        raise _open_error(exc, options) from None


def _pages_pdfplumber(data: bytes, options: ReadOptions, state: dict | None = None,
                      only: frozenset[int] | None = None) -> Iterator[PageLines]:
    import pdfplumber
    from pdfplumber.utils import extract_words

    _bound_pdfminer()
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=options.password or "")
    except Exception as exc:
        err = _open_error(exc, options)
        if not (options.password and isinstance(err, EncryptedDocument) and "wrong" in err.reason):
            raise err from None
        try:  # a password given for a folder, on a file that needs none to be read (empty user password)
            pdf = pdfplumber.open(io.BytesIO(data), password="")
        except Exception:
            raise err from None
        if state is not None:
            state["password"] = None
    try:
        declared = _plumber_page_count(pdf)
        if declared is not None:
            _check_pages(declared, options)
        for number, page in _plumber_pages(pdf, options, only):
            out = PageLines(number=number)
            if isinstance(page, Exception):
                out.error = _pdfminer_reason(_unwrap(page))
                yield out
                continue
            try:
                out.width, out.height = float(page.width), float(page.height)
                chars = dedupe_chars(page.chars)
                words = extract_words(chars, use_text_flow=True, keep_blank_chars=False,
                                      x_tolerance_ratio=X_TOLERANCE_RATIO)
                out.lines = group_lines((w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in words)
                del chars, words
                if out.alnum < LOW_DENSITY_CHARS:
                    objs = page.objects
                    images = objs.get("image", [])
                    out.image_cover = _cover(((i["x0"], i["top"], i["x1"], i["bottom"]) for i in images),
                                             out.width, out.height)
                    # a scan is an image; vector drawing counts only on a page without any text
                    # (outlined glyphs), not around a few characters (a small table)
                    drawn = any(objs.get(k) for k in ("rect", "line", "curve"))
                    out.has_marks = bool(images) or (not out.lines and drawn)
            except Exception as exc:
                out.lines, out.error = [], _pdfminer_reason(_unwrap(exc))
            finally:
                _close_quietly(page)
                _forget_contents(pdf, page)
            yield out
    finally:
        # not pdf.close(): it would make every page object just to close it
        with contextlib.suppress(Exception):
            pdf.flush_cache()


# --------------------------------------------------------------------------- pypdfium2

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
    return CorruptDocument(f"corrupt PDF: {_short(exc)}")


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


def _pdfium_words(textpage, rotation: int, mb: tuple[float, float, float, float], start: int = 0,
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

    handle = textpage.raw
    n = pdfium_c.FPDFText_CountChars(handle)
    if n <= 0:
        return []
    end = n if end is None else min(end, n)
    if text is None or len(text) != n:
        text = textpage.get_text_range(0, n)
    if len(text) != n:  # inserted/excluded chars or surrogate pairs: rebuild index-aligned text
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 32) for i in range(n))
    to_tl = _to_top_left(rotation, mb)
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose = pdfium_c.FPDFText_GetLooseCharBox
    font_size = pdfium_c.FPDFText_GetFontSize
    ratio = X_TOLERANCE_RATIO
    words: list[Word] = []

    def emit(piece: str, x0: float, top: float, x1: float, bottom: float, size: float) -> None:
        if 0 < size < bottom - top <= 2 * size:
            top = bottom - size
        words.append((piece, x0, top, x1, bottom))

    rot0 = rotation == 0
    mx0, my1 = mb[0], mb[3]
    for m in _TOKEN.finditer(text, start, end):
        tstart, tend = m.span()
        wstart = tstart
        wx0 = wtop = wx1 = wbot = px0 = px1 = size = gap = 0.0
        have = False
        for i in range(tstart, tend):
            if not loose(handle, i, ref):
                continue
            if rot0:  # the common case, inlined: this loop runs once per character
                x0, x1, top, bottom = rect.left - mx0, rect.right - mx0, my1 - rect.top, my1 - rect.bottom
            else:
                ax, ay = to_tl(rect.left, rect.top)
                bx, by = to_tl(rect.right, rect.bottom)
                x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
                top, bottom = (ay, by) if ay <= by else (by, ay)
            if have:
                h = bottom - top
                wh = wbot - wtop
                overlap = (wbot if wbot < bottom else bottom) - (wtop if wtop > top else top)
                if overlap <= 0.5 * (wh if wh < h else h) or x0 < px0 or x0 - px1 > gap:
                    emit(text[wstart:i], wx0, wtop, wx1, wbot, size)
                    have = False
                else:
                    if x0 < wx0:
                        wx0 = x0
                    if x1 > wx1:
                        wx1 = x1
                    if top < wtop:
                        wtop = top
                    if bottom > wbot:
                        wbot = bottom
            if not have:
                wstart, have = i, True
                wx0, wtop, wx1, wbot = x0, top, x1, bottom
                h = bottom - top
                size = font_size(handle, i)
                if not 0.5 * h <= size <= 2 * h:
                    # pdfium reports the Tf size before the text matrix (1.0 for "1 Tf" scaled by Tm):
                    # estimate the em from the loose box, which spans ~1.15 em in common fonts
                    size = h / 1.15
                gap = ratio * (size or 10.0)
            px0, px1 = x0, x1
        if have:
            emit(text[wstart:tend], wx0, wtop, wx1, wbot, size)
    return words


def _pages_pdfium(data: bytes, options: ReadOptions, state: dict | None = None) -> Iterator[PageLines]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from analyzer.readers.pdfium_fast import fast_lines

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
        _check_pages(n, options)
        first, last = options.page_range or (1, n)
        for index in range(max(first, 1) - 1, min(last, n)):
            out = PageLines(number=index + 1)
            page = textpage = None
            try:
                page = pdf[index]
                out.width, out.height = float(page.get_width()), float(page.get_height())
                rotation = page.get_rotation() % 360
                mb = tuple(float(v) for v in page.get_mediabox())
                textpage = page.get_textpage()
                out.lines = fast_lines(textpage, rotation, mb, _pdfium_words)
                if out.alnum < LOW_DENSITY_CHARS:
                    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
                    boxes = []
                    to_tl = _to_top_left(rotation, mb)
                    for obj in images:
                        # pypdfium2 >= 5 renamed get_pos to get_bounds
                        left, bottom, right, top = (obj.get_bounds() if hasattr(obj, "get_bounds")
                                                    else obj.get_pos())
                        (ax, ay), (bx, by) = to_tl(left, top), to_tl(right, bottom)
                        boxes.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
                    out.image_cover = _cover(boxes, out.width, out.height)
                    out.has_marks = bool(images) or (not out.lines and pdfium_c.FPDFPage_CountObjects(page.raw) > 0)
            except Exception as exc:
                out.lines, out.error = [], _short(exc)
            finally:
                _close_quietly(textpage, page)
            yield out
    finally:
        _close_quietly(pdf)


# engine(data, options, state) -> pages; `state["password"]` is set to the password that opened the file
# when it differs from options.password
ENGINES: dict[str, Callable[..., Iterator[PageLines]]] = {
    "fast": _pages_pdfium,  # pypdfium2 reads, pdfplumber re-reads the evidence pages (analyzer.readers.pdf_exact)
    "pdfplumber": _pages_pdfplumber,
    "pdfium": _pages_pdfium,
}


# --------------------------------------------------------------------------- OCR hook


def _ocr_function(options: ReadOptions):
    """`ocr_page` from analyzer.readers.ocr, or None when OCR is off or not installed."""
    if options.ocr == "never":
        return None
    try:
        from analyzer.readers.ocr import ocr_page  # type: ignore[import-not-found]
    except ImportError:
        return None
    return ocr_page


def _apply_ocr(data: bytes, pages: list[PageLines], options: ReadOptions, warnings: list[str]) -> str | None:
    """OCR the pages that need it (every page with ocr="always").

    Returns None when no OCR was attempted (nothing to OCR, `--ocr never`, no OCR module),
    "unavailable" when the OCR engine is not installed, else "ran".
    """
    wanted = [p for p in pages if p.error is None
              and (options.ocr == "always" or _needs_ocr(p.alnum, p.has_marks))]
    if not wanted:
        return None
    ocr_page = _ocr_function(options)
    if ocr_page is None:
        return None
    from analyzer.progress import status
    from analyzer.readers.ocr import OcrUnavailable

    for i, p in enumerate(wanted, 1):
        status(f"OCR page {i} of {len(wanted)}")
        try:
            lines = group_lines(ocr_page(data, p.number, options))
        except AnalyzerError:
            raise
        except OcrUnavailable:
            return "unavailable"
        except TimeoutError:
            warnings.append(f"page {p.number} OCR timed out")
            continue
        except Exception as exc:
            warnings.append(f"page {p.number} OCR failed: {_short(exc)}")
            continue
        if lines:
            p.lines, p.ocr = lines, True
    done = [p.number for p in pages if p.ocr]
    if done:
        warnings.append(f"ocr: {_ranges(done)}")
    return "ran"


# --------------------------------------------------------------------------- the reader


def _ranges(numbers: list[int]) -> str:
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
    return ("pages " if len(numbers) > 1 else "page ") + text


@register("pdf", sniff=lambda head: b"%PDF-" in head[:1024], suffixes=(".pdf",))
def read_pdf(data: bytes, name: str, options: ReadOptions) -> Document:
    if options.split_workers > 1 and options.page_range is None:
        from analyzer.readers.pdf_split import read_pdf_split

        return read_pdf_split(data, name, options, options.split_workers)
    state: dict = {}
    return assemble(data, name, options, extract_pages(data, options, state), state)


def extract_pages(data: bytes, options: ReadOptions, state: dict, spool: bool = True) -> list[PageLines]:
    """Every page (or those of options.page_range) as lines of located words; the costly part.

    With `spool`, each page's lines go to a PageSpool as soon as it is read, so memory does not
    grow with the page count (pages sent to another process are not spooled: they are pickled).
    """
    engine = ENGINES.get(options.engine)
    if engine is None:
        raise InputError(f"unknown PDF engine {options.engine!r} (use one of: {', '.join(ENGINES)})")
    from analyzer.progress import status

    store = PageSpool() if spool else None
    pages: list[PageLines] = []
    try:
        for page in engine(data, options, state):
            if store is not None:
                page.spill(store)
            pages.append(page)
            status(f"{len(pages)} page{'s' if len(pages) != 1 else ''} read")
        return pages
    except AnalyzerError:
        raise
    except MemoryError:
        raise ResourceLimit("out of memory while reading the PDF") from None
    except RecursionError:
        raise CorruptDocument("corrupt PDF: objects nested too deeply") from None
    except Exception as exc:  # an engine failing outside a page: the file itself is broken
        raise CorruptDocument(f"corrupt PDF: {_short(exc)}") from None


def assemble(data: bytes, name: str, options: ReadOptions, pages: list[PageLines], state: dict) -> Document:
    """Pages to a Document: OCR where needed, running headers and footers removed, text laid out."""
    warnings: list[str] = []
    if not pages:
        raise CorruptDocument("corrupt PDF: no pages")
    broken = [p for p in pages if p.error is not None]
    if len(broken) == len(pages):
        raise CorruptDocument(f"corrupt PDF: no page could be read ({broken[0].error})")
    for p in broken:
        warnings.append(f"page {p.number} unreadable: {p.error}")

    if "password" in state:  # opened without the (unneeded) password given: OCR must do the same
        options = dataclasses.replace(options, password=state["password"])
    ocr = _apply_ocr(data, pages, options, warnings)

    readable = [p for p in pages if p.error is None]
    textless = [p for p in readable if p.alnum < MIN_TEXT_CHARS]
    # no page with text: a scan (something drawn, no text) or nothing at all. A few characters
    # alone on a page ("Hello") are text, not a missing text layer.
    if len(textless) == len(readable) and (
            any(_needs_ocr(p.alnum, p.has_marks) for p in textless) or not any(p.alnum for p in textless)):
        if ocr == "unavailable":
            raise NoText("no text layer (scanned image?); install tesseract-ocr to OCR it")
        if ocr == "ran":
            failed = [w for w in warnings if " OCR " in w]
            raise NoText("no text layer (scanned image?); OCR found no text" + (f" ({failed[0]})" if failed else ""))
        raise NoText("no text layer (scanned image?)")
    no_layer = [p.number for p in readable if not p.ocr and _needs_ocr(p.alnum, p.has_marks)]
    if no_layer and ocr == "unavailable":
        verb, obj = ("have", "them") if len(no_layer) > 1 else ("has", "it")
        warnings.append(f"ocr_unavailable: {_ranges(no_layer)} {verb} no text layer; "
                        f"install tesseract-ocr to read {obj}")
    elif no_layer:
        warnings.append(f"no_text_layer: {_ranges(no_layer)}")
    elif ocr == "unavailable":  # --ocr always on pages that have a text layer
        warnings.append("ocr_unavailable: install tesseract-ocr to OCR the pages; their text layer was read")
    sparse = [p.number for p in readable if not p.ocr and MIN_TEXT_CHARS <= p.alnum < LOW_DENSITY_CHARS
              and p.image_cover >= LOW_DENSITY_COVER]
    if sparse:
        warnings.append(f"low_text_density: {_ranges(sparse)}")

    running = find_running_keys(readable)
    for p in readable:
        _strip(p, running)

    builder = PageBuilder(source=name, fmt="pdf")
    emit(builder, pages)
    doc = builder.build()
    doc.warnings.extend(warnings)
    if options.engine == "fast":
        from analyzer.readers.pdf_exact import exact_reader

        doc.reread = exact_reader(data, options)
    return doc
