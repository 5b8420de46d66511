"""Plain text (.txt, .md, EDGAR text exhibits): pages split on form feeds or `<PAGE>` markers."""

from __future__ import annotations

import re
import unicodedata

from analyzer.document import Document, DocumentBuilder
from analyzer.errors import NoText, UnsupportedFormat
from analyzer.readers import ReadOptions, register
from analyzer.readers.clean import clean_text

_PAGE_BREAK = re.compile(r"\f|^[ \t]*<PAGE>[ \t]*\d*[ \t]*$", re.M | re.I)


def _looks_textual(head: bytes) -> bool:
    if not head or b"\x00" in head[:4096]:
        return False
    try:
        sample = head[:4096].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head[:4096]) - 4:  # not just a character cut at the edge
            return False
        sample = head[: exc.start].decode("utf-8")
    # any whitespace (NBSP, em space, line separators) and format marks (zero-width, RTL) are text too
    printable = sum(ch.isprintable() or ch.isspace() or unicodedata.category(ch) == "Cf" for ch in sample)
    return printable >= 0.95 * max(len(sample), 1)


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def document_from_text(text: str, name: str = "<text>", fmt: str = "text") -> Document:
    b = DocumentBuilder(source=name, fmt=fmt)
    for number, chunk in enumerate(_PAGE_BREAK.split(text), start=1):
        b.start_page(number)
        b.add(clean_text(chunk))
    doc = b.build()
    # drop empty pages produced by leading markers, renumbering nothing: page numbers stay physical
    doc.pages = [p for p in doc.pages if p.end > p.start] or doc.pages[:1]
    return doc


@register("text", sniff=lambda head: False, suffixes=(".txt", ".text", ".md", ".asc", ""))
def read_text_bytes(data: bytes, name: str, options: ReadOptions) -> Document:
    if not _looks_textual(data[:8192]):
        raise UnsupportedFormat("binary content that is not a supported document format")
    doc = document_from_text(decode(data), name)
    if not doc.text.strip():
        raise NoText("no text in document")
    return doc
