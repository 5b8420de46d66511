"""PDF reader: two engines (pdfplumber, pypdfium2), one layout, one Document.

Each engine turns one page at a time into words with boxes, in content-stream order,
and releases the page before reading the next, so memory stays flat on long files
(pdfplumber needs `page.close()` for that). The rest (lines, running headers and
footers, hyphenation, paragraphs) is shared: see `analyzer.readers.pdf_layout`.

Failures are typed: an encrypted file without (or with the wrong) password raises
EncryptedDocument, an unparseable one CorruptDocument, too many pages ResourceLimit,
and a file with no text on any page NoText. A page that fails mid-document only adds
a warning ("page N unreadable: reason").

The rooms: pdf_plumber.py and pdf_pdfium.py (the engines, pdfium_fast.py the latter's lines),
pdfminer_fence.py (the only code that touches pdfminer/pdfplumber internals), pdf_pages.py (pages to a
Document, OCR), pdf_layout.py (lines, running headers, paragraphs), page_lines.py (a page's lines packed
until layout), pdf_split.py (a large file read by several processes), pdf_exact.py (the fast engine's
evidence pages re-read by pdfplumber). This module registers the reader and dispatches.
"""

from __future__ import annotations

from analyzer.document import Document
from analyzer.readers.pdf_common import needs_ocr
from analyzer.readers.pdf_pages import ENGINES, assemble, extract_pages, read_plain
from analyzer.readers.pdf_pdfium import check_inflated_sizes, pdfium_words
from analyzer.readers.pdf_plumber import dedupe_chars, pages_pdfplumber
from analyzer.readers.pdf_split import read_pdf_split
from analyzer.readers.pdfminer_fence import BoundedZlib, decompress_corrupted
from analyzer.readers.registry import ReadOptions, register

# the names tests, benchmarks and other code use
__all__ = ["ENGINES", "BoundedZlib", "assemble", "check_inflated_sizes", "decompress_corrupted", "dedupe_chars",
           "extract_pages", "needs_ocr", "pages_pdfplumber", "pdfium_words", "read_pdf"]


@register("pdf", sniff=lambda head: b"%PDF-" in head[:1024], suffixes=(".pdf",))
def read_pdf(data: bytes, name: str, options: ReadOptions) -> Document:
    if options.split_workers > 1 and options.page_range is None:
        return read_pdf_split(data, name, options, options.split_workers)
    return read_plain(data, name, options)
