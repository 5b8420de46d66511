"""Plain text (.txt, .md, EDGAR text exhibits): pages split on form feeds or `<PAGE>` markers."""

from __future__ import annotations

import re

from analyzer.document import Document, DocumentBuilder
from analyzer.errors import NoText, UnsupportedFormat
from analyzer.readers.clean import clean_text
from analyzer.readers.encoding import decode_text, looks_textual
from analyzer.readers.registry import ReadOptions, register

_PAGE_BREAK = re.compile(r"\f|^[ \t]*<PAGE>[ \t]*\d*[ \t]*$", re.M | re.I)


def _looks_textual(head: bytes) -> bool:
    return looks_textual(head)


def decode(data: bytes) -> str:
    return decode_text(data)[0]


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
    text, _enc, warning = decode_text(data)
    doc = document_from_text(text, name)
    if not doc.text.strip():
        raise NoText("no text in document")
    if warning:
        doc.warnings.append(warning)
    return doc
