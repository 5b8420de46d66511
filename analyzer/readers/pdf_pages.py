"""A PDF's pages, read by an engine, to one Document: OCR where needed, running lines removed, text laid out.

`extract_pages` is the costly part (a split PDF runs it in several processes, a range of pages each);
`assemble` makes the Document. OCR hook: pages without a text layer are handed to
`analyzer.readers.ocr.ocr_page(data: bytes, page_number: int, options: ReadOptions)` when that module
exists and `options.ocr != "never"` (every page when `"always"`); it returns words `(text, x0, top, x1,
bottom)` in reading order, in PDF points with the origin at the page's top-left corner.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from analyzer.document import Document
from analyzer.errors import AnalyzerError, CorruptDocument, InputError, NoText, ResourceLimit
from analyzer.readers.pdf_common import LOW_DENSITY_CHARS, LOW_DENSITY_COVER, MIN_TEXT_CHARS, needs_ocr, short
from analyzer.readers.pdf_layout import PageBuilder, PageLines, emit, find_running_keys, group_lines
from analyzer.readers.pdf_pdfium import pages_pdfium
from analyzer.readers.pdf_plumber import pages_pdfplumber
from analyzer.readers.registry import ReadOptions
from analyzer.readers.spool import PageSpool

# engine(data, options, state) -> pages; `state["password"]` is set to the password that opened the file
# when it differs from options.password
ENGINES: dict[str, Callable[..., Iterator[PageLines]]] = {
    "fast": pages_pdfium,  # pypdfium2 reads, pdfplumber re-reads the evidence pages (analyzer.readers.pdf_exact)
    "pdfplumber": pages_pdfplumber,
    "pdfium": pages_pdfium,
}


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
              and (options.ocr == "always" or needs_ocr(p.alnum, p.has_marks))]
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
            warnings.append(f"page {p.number} OCR failed: {short(exc)}")
            continue
        if lines:
            p.lines, p.ocr = lines, True
    done = [p.number for p in pages if p.ocr]
    if done:
        warnings.append(f"ocr: {_ranges(done)}")
    return "ran"


def _ranges(numbers: list[int]) -> str:
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
    return ("pages " if len(numbers) > 1 else "page ") + text


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
        raise CorruptDocument(f"corrupt PDF: {short(exc)}") from None


def _check_readable(pages: list[PageLines], warnings: list[str]) -> None:
    if not pages:
        raise CorruptDocument("corrupt PDF: no pages")
    broken = [p for p in pages if p.error is not None]
    if len(broken) == len(pages):
        raise CorruptDocument(f"corrupt PDF: no page could be read ({broken[0].error})")
    for p in broken:
        warnings.append(f"page {p.number} unreadable: {p.error}")


def _check_any_text(readable: list[PageLines], ocr: str | None, warnings: list[str]) -> None:
    """NoText when no page has text: a scan (something drawn, no text) or nothing at all. A few characters
    alone on a page ("Hello") are text, not a missing text layer."""
    textless = [p for p in readable if p.alnum < MIN_TEXT_CHARS]
    if len(textless) < len(readable) or not (
            any(needs_ocr(p.alnum, p.has_marks) for p in textless) or not any(p.alnum for p in textless)):
        return
    if ocr == "unavailable":
        raise NoText("no text layer (scanned image?); install tesseract-ocr to OCR it")
    if ocr == "ran":
        failed = [w for w in warnings if " OCR " in w]
        raise NoText("no text layer (scanned image?); OCR found no text" + (f" ({failed[0]})" if failed else ""))
    raise NoText("no text layer (scanned image?)")


def _text_layer_warnings(readable: list[PageLines], ocr: str | None) -> list[str]:
    """Pages without a text layer (and whether OCR could have read them), and pages of sparse text on images."""
    warnings = []
    no_layer = [p.number for p in readable if not p.ocr and needs_ocr(p.alnum, p.has_marks)]
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
    return warnings


def assemble(data: bytes, name: str, options: ReadOptions, pages: list[PageLines], state: dict) -> Document:
    """Pages to a Document: OCR where needed, running headers and footers removed, text laid out."""
    warnings: list[str] = []
    _check_readable(pages, warnings)
    if "password" in state:  # opened without the (unneeded) password given: OCR must do the same
        options = dataclasses.replace(options, password=state["password"])
    ocr = _apply_ocr(data, pages, options, warnings)
    readable = [p for p in pages if p.error is None]
    _check_any_text(readable, ocr, warnings)
    warnings.extend(_text_layer_warnings(readable, ocr))

    builder = PageBuilder(source=name, fmt="pdf")
    emit(builder, pages, find_running_keys(readable))  # strips the running lines as it goes
    doc = builder.build()
    doc.warnings.extend(warnings)
    if options.engine == "fast":
        from analyzer.readers.pdf_exact import exact_reader

        doc.reread = exact_reader(data, options)
    return doc


def read_plain(data: bytes, name: str, options: ReadOptions) -> Document:
    """A PDF read in this process, every page (or options.page_range) by the chosen engine."""
    state: dict = {}
    return assemble(data, name, options, extract_pages(data, options, state), state)
