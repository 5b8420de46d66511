"""EDGAR full-submission text files: read the loan document(s), not the SGML wrapper.

A submission (`<SEC-DOCUMENT>` / `<SEC-HEADER>` followed by `<DOCUMENT>` blocks, each with
`<TYPE>`, `<FILENAME>` and `<TEXT>`) bundles the filing, its exhibits, graphics and XBRL.
Chosen for analysis, in filing order:

1. exhibits of type EX-10.* / EX-4.* that use loan words ("borrower", "lender", "promissory",
   "credit agreement", "loan agreement", "recourse");
2. else the largest document using loan words (including "note");
3. else every EX-10.* / EX-4.* exhibit, else the largest readable document.

Graphics, uuencoded/base64 payloads, PDFs, zips, spreadsheets, XBRL/XML and JSON are never
read. Each chosen document's `<TEXT>` is HTML (read by the HTML reader) or plain text (the
text reader, after removing the SGML table tags `<S>`, `<C>`, `<TABLE>`, `<CAPTION>`, `<FN>`);
chosen documents are joined with a page boundary, and a warning names what was analyzed.
Everything works on the raw bytes with offsets, so a 300 MB submission is not copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.document import Document, DocumentBuilder
from analyzer.errors import NoText, ResourceLimit
from analyzer.readers.html import document_from_html, is_edgar_wrapper, sniff_html
from analyzer.readers.registry import ReadOptions, register
from analyzer.readers.text import decode, document_from_text

_DOC_OPEN = re.compile(rb"<DOCUMENT>", re.I)
_DOC_CLOSE = re.compile(rb"</DOCUMENT>", re.I)
_FIELD = re.compile(rb"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\r\n<]*)", re.I)
_TEXT_OPEN = re.compile(rb"<TEXT>", re.I)
_TEXT_CLOSE = re.compile(rb"</TEXT>", re.I)
_EXHIBIT = re.compile(r"EX-(?:10|4)(?:\.|$|[A-Z\s])", re.I)
_STRONG = re.compile(rb"\b(?:borrowers?|lenders?|promissory|credit\s+agreement|loan\s+agreement|recourse)\b", re.I)
_WEAK = re.compile(rb"\b(?:notes?|loans?)\b", re.I)
_SKIP_TYPES = re.compile(r"^(?:GRAPHIC|ZIP|EXCEL|PDF|XML|JSON|XBRL|EX-101|EX-27|EX-100)", re.I)
_SKIP_NAMES = re.compile(r"\.(?:jpe?g|gif|png|bmp|tiff?|pdf|zip|xlsx?|xsd|xml|json|js|css)$", re.I)
_BINARY_START = re.compile(rb"^\s*(?:begin [0-7]{3} |<PDF>|<XBRL>\s*<\?xml(?![^>]*>\s*<html)|<XML>|<JSON>)", re.I)
_XBRL_WRAP = re.compile(rb"^\s*<XBRL>|</XBRL>\s*$", re.I)
_SGML_TABLE_TAGS = re.compile(r"</?(?:TABLE|CAPTION|S|C|FN)>", re.I)
_PAGE_NUMBER_BEFORE_MARK = re.compile(
    r"^[ \t]*(?:page[ \t]+)?[-\u2013\u2014]?[ \t]*(?:[A-Z]{1,2}-)?\d{1,4}[ \t]*[-\u2013\u2014]?[ \t]*\n"
    r"(?=(?:[ \t]*\n)*[ \t]*(?:<PAGE>|\f))",
    re.I | re.M,
)
_HEADER = re.compile(r"<(SEC|IMS)-HEADER>.*?(?:</\1-HEADER>|\Z)", re.S | re.I)
_WRAPPER_TAGS = re.compile(r"</?(?:SEC-DOCUMENT|IMS-DOCUMENT|SEC-HEADER|IMS-HEADER)>[^\n]*", re.I)
_SCAN = 2_000_000  # bytes of a document searched for loan words


def sniff_edgar(head: bytes) -> bool:
    return is_edgar_wrapper(head)


@dataclass
class _Part:
    type: str
    filename: str
    description: str
    start: int  # the <TEXT> body within the submission
    end: int

    @property
    def label(self) -> str:
        return f"{self.type} ({self.filename})" if self.filename else self.type


def _documents(data: bytes) -> list[_Part]:
    out: list[_Part] = []
    opens = [m.end() for m in _DOC_OPEN.finditer(data)]
    for i, start in enumerate(opens):
        limit = opens[i + 1] if i + 1 < len(opens) else len(data)
        close = _DOC_CLOSE.search(data, start, limit)
        end = close.start() if close else limit
        t_open = _TEXT_OPEN.search(data, start, end)
        header_end = t_open.start() if t_open else end
        fields = {m.group(1).upper().decode(): m.group(2).strip().decode("latin-1")
                  for m in _FIELD.finditer(data, start, min(header_end, start + 8192))}
        if t_open:
            t_close = _TEXT_CLOSE.search(data, t_open.end(), end)
            body = (t_open.end(), t_close.start() if t_close else end)
        else:
            body = (header_end, end)
        out.append(_Part(fields.get("TYPE", ""), fields.get("FILENAME", ""), fields.get("DESCRIPTION", ""), *body))
    return out


def _readable(data: bytes, part: _Part) -> bool:
    if part.end <= part.start or _SKIP_TYPES.match(part.type) or _SKIP_NAMES.search(part.filename):
        return False
    return not _BINARY_START.match(data[part.start:part.start + 512])


def _choose(data: bytes, parts: list[_Part]) -> list[_Part]:
    readable = [p for p in parts if _readable(data, p)]
    if not readable:
        return []
    strong = {id(p) for p in readable if _STRONG.search(data, p.start, min(p.end, p.start + _SCAN))}
    exhibits = [p for p in readable if _EXHIBIT.match(p.type)]
    chosen = [p for p in exhibits if id(p) in strong]
    if chosen:
        return chosen
    loanish = [p for p in readable if id(p) in strong] or [
        p for p in readable if _WEAK.search(data, p.start, min(p.end, p.start + _SCAN))]
    if loanish:
        return [max(loanish, key=lambda p: p.end - p.start)]
    return exhibits or [max(readable, key=lambda p: p.end - p.start)]


def _read_part(data: bytes, part: _Part, name: str, options: ReadOptions) -> Document:
    raw = _XBRL_WRAP.sub(b"", data[part.start:part.end])
    if sniff_html(raw[:8192]):
        from analyzer.readers.html import decode_html

        return document_from_html(decode_html(raw), name, "edgar", options)
    text = _SGML_TABLE_TAGS.sub(lambda m: " " * len(m.group(0)), decode(raw))
    text = _PAGE_NUMBER_BEFORE_MARK.sub("", text.replace("\r\n", "\n"))
    return document_from_text(text, name, "edgar")


def _join(docs: list[Document], name: str, options: ReadOptions) -> Document:
    b = DocumentBuilder(source=name, fmt="edgar")
    number = 0
    for d in docs:
        for p in d.pages:
            chunk = d.text[p.start:p.end]
            if not chunk.strip():
                continue
            number += 1
            if number > options.max_pages:
                raise ResourceLimit(f"more than {options.max_pages} pages")
            b.start_page(number)
            b.add(chunk)
    doc = b.build()
    for d in docs:
        doc.warnings.extend(d.warnings)
    return doc


@register("edgar", sniff=sniff_edgar, suffixes=(".nc", ".sgml"))
def read_edgar(data: bytes, name: str, options: ReadOptions) -> Document:
    parts = _documents(data)
    if not parts:  # markers without <DOCUMENT> blocks: read what is outside the header as text
        text = _WRAPPER_TAGS.sub(" ", _HEADER.sub(" ", decode(data)))
        doc = document_from_text(text, name, "edgar")
        if not doc.text.strip():
            raise NoText("EDGAR submission holds no documents")
        return doc
    chosen = _choose(data, parts)
    if not chosen:
        raise NoText("EDGAR submission holds no readable text document (only graphics or data files)")
    docs = []
    for p in chosen:
        try:
            docs.append(_read_part(data, p, name, options))
        except NoText:
            continue
    doc = _join(docs, name, options)
    if not doc.text.strip():
        raise NoText("no text in the EDGAR documents analyzed")
    skipped = len(parts) - len(chosen)
    note = f"EDGAR submission: analyzed {', '.join(p.label for p in chosen)}"
    doc.warnings.insert(0, note + (f"; {skipped} other document(s) not analyzed" if skipped else ""))
    return doc
