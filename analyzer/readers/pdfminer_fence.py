"""The only module that touches pdfminer's and pdfplumber's internals; everything else uses their public API.

Why each is needed (no public API does it):
- pdfminer.pdftypes inflates a FlateDecode stream in one call with no ceiling, so a few MB can become
  gigabytes, and its `decompress_corrupted` is quadratic: both are replaced, in that module, by bounded
  versions with the same results and errors (`bound_pdfminer`).
- pdfminer keeps every object it has parsed (`PDFDocument._cached_objs`) and each page its decoded
  content streams (`PDFPage.contents`) for the life of the file: a 1,000-page file grows without end, so
  a page's streams are dropped once it is read (`forget_contents`).
- pdfplumber's `pdf.pages` builds every page up front and keeps them all; pages are made one at a time
  from pdfminer's `PDFPage.create_pages(pdf.doc)` with `pdfplumber.page.Page(pdf, page_obj,
  page_number=...)` instead (`page_objects`, `make_page`), and the page count comes from the catalog.

`internals_problems()` lists what of this is missing in the installed versions; tests/test_pdf_fence.py
fails loudly on any, so that an upgrade of pdfminer.six or pdfplumber cannot silently undo a guard.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from analyzer.errors import ResourceLimit

MAX_STREAM_BYTES = 256 * 1024 * 1024  # one decoded stream larger than this: a decompression bomb


def too_large() -> ResourceLimit:
    return ResourceLimit(f"a compressed stream inflates past {MAX_STREAM_BYTES // (1024 * 1024)} MB "
                         "(decompression bomb?)")


class BoundedZlib:
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
            raise too_large()
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def decompress_corrupted(data: bytes) -> bytes:
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
            raise too_large()
    return bytes(out)


def bound_pdfminer() -> None:
    """Put the bounded inflaters in pdfminer.pdftypes (once per process)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, BoundedZlib):
        pdftypes.zlib = BoundedZlib()
        pdftypes.decompress_corrupted = decompress_corrupted


def forget_contents(pdf, page) -> None:
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


def declared_page_count(pdf) -> int | None:
    """The page count the file declares, read without building the page objects."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) and count >= 0 else None
    except Exception:
        return None


def page_objects(pdf) -> Iterator[object]:
    """pdfminer's page objects of an open pdfplumber PDF, made one at a time."""
    from pdfminer.pdfpage import PDFPage

    yield from PDFPage.create_pages(pdf.doc)


def make_page(pdf, page_obj, number: int):
    """A pdfplumber Page for one pdfminer page object (what `pdf.pages` makes for every page at once)."""
    from pdfplumber.page import Page

    return Page(pdf, page_obj, page_number=number)


def has_media_box(page_obj) -> bool:
    from pdfminer.pdftypes import resolve1

    return resolve1(page_obj.attrs.get("MediaBox")) is not None


def internals_problems(sample_pdf: bytes) -> list[str]:
    """What this module relies on that the installed pdfminer.six / pdfplumber no longer provide, checked
    on `sample_pdf` (a small valid PDF with text); empty when all is as expected."""
    import inspect
    import io

    import pdfplumber
    from pdfminer import pdftypes

    problems = []
    if not hasattr(pdftypes, "zlib") or not callable(getattr(pdftypes, "decompress_corrupted", None)):
        problems.append("pdfminer.pdftypes no longer has `zlib` and `decompress_corrupted` to bound")
    elif "zlib.decompress(" not in inspect.getsource(pdftypes):
        problems.append("pdfminer.pdftypes no longer inflates through its module-level `zlib`")
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        if not isinstance(getattr(pdf.doc, "_cached_objs", None), dict):
            problems.append("pdfminer PDFDocument has no `_cached_objs` dict: parsed objects cannot be dropped")
        if declared_page_count(pdf) != len(pdf.pages):
            problems.append("the catalog's /Count is no longer read through `pdf.doc.catalog`")
        objs = list(page_objects(pdf))
        if not objs or not hasattr(objs[0], "contents") or not hasattr(objs[0], "attrs"):
            problems.append("pdfminer PDFPage has no `contents`/`attrs`: pages cannot be released")
            return problems
        page = make_page(pdf, objs[0], 1)
        if page.page_obj is not objs[0] or page.page_number != 1 or not page.chars:
            problems.append("pdfplumber.page.Page(pdf, page_obj, page_number=) no longer makes a usable page")
        if not has_media_box(objs[0]):
            problems.append("the page's MediaBox is no longer in `page_obj.attrs`")
    return problems
