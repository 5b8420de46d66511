"""The pdfplumber engine: words with exact boxes, a page at a time, pages released as they are read.

pdfminer/pdfplumber internals are used only through analyzer/readers/pdfminer_fence.py.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

from analyzer.errors import AnalyzerError, CorruptDocument, EncryptedDocument, ResourceLimit
from analyzer.readers.pdf_common import LOW_DENSITY_CHARS, X_TOLERANCE_RATIO, check_pages, close_quietly, cover, short
from analyzer.readers.pdf_layout import PageLines, group_lines
from analyzer.readers.pdfminer_fence import (
    bound_pdfminer,
    declared_page_count,
    forget_contents,
    has_media_box,
    make_page,
    page_objects,
)
from analyzer.readers.registry import ReadOptions


def _pdfminer_reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "PSEOF":
        return "unexpected end of file (truncated?)"
    if name == "PDFNoValidXRef":
        return "no valid cross-reference table"
    if name in ("PDFSyntaxError", "PSSyntaxError"):
        return f"syntax error ({short(exc, 60)})"
    if isinstance(exc, RecursionError):
        return "objects nested too deeply"
    if isinstance(exc, MemoryError):
        return "out of memory (too much content on one page?)"
    return short(exc)


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
        return EncryptedDocument(f"encrypted: unsupported encryption ({short(inner, 60)})")
    if isinstance(inner, MemoryError):
        return ResourceLimit("out of memory while opening the PDF")
    return CorruptDocument(f"corrupt PDF: {_pdfminer_reason(inner)}")


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


def _plumber_pages(pdf, options: ReadOptions, only: frozenset[int] | None = None) -> Iterator[tuple[int, object]]:
    """(number, pdfplumber Page, or the exception that kept one from being made), a page at a time.

    `pdf.pages` makes every page up front and keeps them all (~6 KB a page) for the life of the
    file; here each is made when its turn comes and let go after. A page whose own dictionary
    is broken (no MediaBox) costs that page, not the document. `only`: just these page numbers.
    """
    first, last = options.page_range or (1, None)
    try:
        for number, page_obj in enumerate(page_objects(pdf), start=1):
            check_pages(number, options)
            if last is not None and number > last:
                return
            if number < first or (only is not None and number not in only):
                if only is not None and number > max(only):
                    return
                continue
            try:
                page = make_page(pdf, page_obj, number)
            except Exception as exc:  # noqa: BLE001 - reported as this page's error
                yield number, (exc if has_media_box(page_obj) else ValueError("no page size (MediaBox)"))
                continue
            yield number, page
    except AnalyzerError:
        raise
    except Exception as exc:
        raise _open_error(exc, options) from None


def pages_pdfplumber(data: bytes, options: ReadOptions, state: dict | None = None,
                      only: frozenset[int] | None = None) -> Iterator[PageLines]:
    import pdfplumber
    from pdfplumber.utils import extract_words

    bound_pdfminer()
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
        declared = declared_page_count(pdf)
        if declared is not None:
            check_pages(declared, options)
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
                    out.image_cover = cover(((i["x0"], i["top"], i["x1"], i["bottom"]) for i in images),
                                             out.width, out.height)
                    # a scan is an image; vector drawing counts only on a page without any text
                    # (outlined glyphs), not around a few characters (a small table)
                    drawn = any(objs.get(k) for k in ("rect", "line", "curve"))
                    out.has_marks = bool(images) or (not out.lines and drawn)
            except Exception as exc:
                out.lines, out.error = [], _pdfminer_reason(_unwrap(exc))
            finally:
                close_quietly(page)
                forget_contents(pdf, page)
            yield out
    finally:
        # not pdf.close(): it would make every page object just to close it
        with contextlib.suppress(Exception):
            pdf.flush_cache()
