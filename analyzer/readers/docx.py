"""Word (.docx, .docm, .dotx, .dotm): body, tables, headers/footers, notes and text boxes in reading order.

python-docx opens the package (parts, relationships; its lxml parser does not resolve
entities and never touches the network); the XML is walked here directly so that paragraphs
and tables interleave as in the body, and page breaks inside runs are seen. Nothing in the
file is executed: macros (.docm) are an ignored binary part.

- Pages: Word has no fixed pages, so the author's breaks are used: `w:br w:type="page"`,
  `w:lastRenderedPageBreak` (where Word last laid out a page), `w:pageBreakBefore`, and
  section breaks other than "continuous". A paragraph cut by a break continues across it.
  No breaks at all: one page.
- Paragraphs: one per `w:p`; list numbering (numbering.xml) is rendered ("5.1", "(a)") since
  legal documents number sections that way; headings (style Heading N / Title or an outline
  level) are one paragraph even if they contain line breaks. Tracked deletions and hidden
  text are skipped; insertions are read.
- Tables: one line per row, cells joined with " | " (a layout table whose cells hold long
  multi-paragraph text is read as paragraphs instead).
- Headers/footers: each distinct one once, at the start (headers) or end (footers) of its
  section; page-number-only footers are dropped. Footnotes/endnotes and text boxes follow
  the paragraph that anchors them.

Limits: a package that expands to more than 200 MB or has more than 10,000 members raises
ResourceLimit before anything is parsed; the size is counted while inflating each part, not taken
from the zip headers (which a hostile file can misstate); a part whose headers misstate its size is
corrupt. A parser that runs out of memory is reported as such, not as malformed XML. A broken zip
raises CorruptDocument.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from analyzer.document import Document
from analyzer.errors import AnalyzerError, CorruptDocument, EncryptedDocument, NoText, ResourceLimit, UnsupportedFormat
from analyzer.readers.clean import clean_text
from analyzer.readers.docx_xml import (
    Numbering,
    Styles,
    alternate,
    is_on,
    local_name,
    part_element,
    related_part,
    to_int,
    xml_attr,
    xml_child,
)
from analyzer.readers.flow import Flow, emit_row, is_page_number
from analyzer.readers.html import decode_html, flow_from_html
from analyzer.readers.registry import ReadOptions, register

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_NESTING = 24  # tables in tables, text boxes in text boxes

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LINE = object()
_PAGE = object()


def sniff_docx(head: bytes) -> bool:
    if head.startswith(_OLE_MAGIC):
        return True  # legacy Office or password-protected OOXML: the reader says which
    return head.startswith(_ZIP_MAGIC) and any(m in head for m in (b"word/", b"[Content_Types].xml", b"_rels/.rels"))


# --------------------------------------------------------------------------- the walk


class _WordText:
    def __init__(self, pkg) -> None:
        self.main = next((r.target_part for r in pkg.rels.values()
                          if not r.is_external and r.reltype.endswith("/officeDocument")), None)
        if self.main is None:
            raise UnsupportedFormat("an Office package without a Word document")
        self.root = part_element(self.main)
        self.body = xml_child(self.root, "body")
        if self.body is None:
            raise CorruptDocument("corrupt Word file: no document body")
        styles = related_part(self.main, "styles")
        numbering = related_part(self.main, "numbering")
        self.styles = Styles(part_element(styles) if styles is not None else None)
        self.numbering = Numbering(part_element(numbering) if numbering is not None else None, self.styles)
        self.notes: dict[str, dict[str, object]] = {}
        self.warnings: list[str] = []
        self.flow = Flow()
        self.sections = [s for s in self.body.iter() if local_name(s.tag) == "sectPr"
                         and local_name(s.getparent().tag) in ("pPr", "body")
                         and (local_name(s.getparent().tag) == "body"
                              or local_name(s.getparent().getparent().tag) == "p")]
        self.section = 0
        self.seen_hf: set[tuple[str, ...]] = set()
        self.depth = 0

    def read(self) -> Flow:
        self._headers_footers(self.section, "headerReference")
        self.blocks(self.body, self.flow, self.main)
        self._headers_footers(self.section, "footerReference")
        self.flow.end_para()
        return self.flow

    # -- block level
    def blocks(self, parent, flow: Flow, part) -> None:
        for child in parent:
            tag = local_name(child.tag)
            if tag == "p":
                self.paragraph(child, flow, part)
            elif tag == "tbl":
                self.table(child, flow, part)
            elif tag == "sdt":
                content = xml_child(child, "sdtContent")
                if content is not None:
                    self.blocks(content, flow, part)
            elif tag in ("customXml", "ins", "moveTo", "smartTag"):
                self.blocks(child, flow, part)
            elif tag == "AlternateContent":
                alt = alternate(child)
                if alt is not None:
                    self.blocks(alt, flow, part)
            elif tag == "altChunk":
                self.alt_chunk(child, flow, part)

    def paragraph(self, p, flow: Flow, part) -> None:
        ppr = xml_child(p, "pPr")
        ps = xml_child(ppr, "pStyle")
        sid = xml_attr(ps, "val") if ps is not None else None
        if is_on(xml_child(ppr, "pageBreakBefore")) or (xml_child(ppr, "pageBreakBefore") is None
                                                   and is_on(self.styles.ppr(sid, "pageBreakBefore"))):
            flow.end_para()
            flow.page()
        heading = self.styles.is_heading(sid)
        if not heading:
            lvl = xml_child(ppr, "outlineLvl")
            heading = lvl is not None and to_int(xml_attr(lvl, "val"), 9) < 9
        label = self.numbering.label(ppr, sid)
        events: list = []
        deferred: list = []
        self.inline(p, events, deferred)
        first = next((i for i, e in enumerate(events) if isinstance(e, str) and e.strip()), None)
        flow.end_para()
        for i, e in enumerate(events):
            if e is _LINE:
                flow.line()
            elif e is _PAGE:
                flow.page()
            else:
                if i == first:
                    flow.text(label)
                flow.text(e)
        flow.end_para(heading=heading)
        for kind, arg in deferred:
            if kind == "box" and self.depth < MAX_NESTING:
                self.depth += 1
                self.blocks(arg, flow, part)
                self.depth -= 1
            elif kind in ("footnote", "endnote"):
                self.note(kind, arg, flow)
        sect = xml_child(ppr, "sectPr")
        if sect is not None and flow is self.flow:
            self._section_break()

    def table(self, tbl, flow: Flow, part) -> None:
        if self.depth >= MAX_NESTING:
            return
        self.depth += 1
        for row in self._rows(tbl):
            cells = []
            for tc in self._cells(row):
                sub = Flow()
                self.blocks(tc, sub, part)
                sub.end_para()
                cells.append(sub.items)
            emit_row(flow, cells)
        self.depth -= 1

    def _rows(self, tbl):
        return self._within(tbl, "tr")

    def _cells(self, tr):
        return self._within(tr, "tc")

    def _within(self, el, want: str):
        """Children tagged `want`, looking through content controls and custom XML wrappers."""
        for c in el:
            tag = local_name(c.tag)
            if tag == want:
                yield c
            elif tag in ("sdt", "customXml", "sdtContent"):
                inner = c if tag != "sdt" else xml_child(c, "sdtContent")
                if inner is not None:
                    yield from self._within(inner, want)

    # -- inline level
    def inline(self, el, out: list, deferred: list) -> None:
        for c in el:
            tag = local_name(c.tag)
            if tag == "r":
                self.run(c, out, deferred)
            elif tag in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo",
                         "sdtContent"):
                self.inline(c, out, deferred)
            elif tag == "sdt":
                content = xml_child(c, "sdtContent")
                if content is not None:
                    self.inline(content, out, deferred)
            elif tag == "AlternateContent":
                alt = alternate(c)
                if alt is not None:
                    self.inline(alt, out, deferred)
            elif tag in ("oMath", "oMathPara"):
                out.append(" ".join(t.text or "" for t in c.iter() if local_name(t.tag) == "t"))

    def run(self, r, out: list, deferred: list) -> None:
        rpr = xml_child(r, "rPr")
        hidden = is_on(xml_child(rpr, "vanish"))
        for x in r:
            tag = local_name(x.tag)
            if tag == "t":
                if not hidden and x.text:
                    out.append(x.text)
            elif tag in ("tab", "ptab"):
                out.append(" ")
            elif tag == "br":
                kind = xml_attr(x, "type")
                out.append(_PAGE if kind == "page" else " " if kind == "column" else _LINE)
            elif tag == "cr":
                out.append(_LINE)
            elif tag == "lastRenderedPageBreak":
                out.append(_PAGE)
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag in ("footnoteReference", "endnoteReference"):
                deferred.append((tag[: -len("Reference")], xml_attr(x, "id")))
            elif tag in ("drawing", "pict", "object", "AlternateContent"):
                deferred.extend(("box", box) for box in _text_boxes(x))

    # -- around the body
    def _section_break(self) -> None:
        self._headers_footers(self.section, "footerReference")
        self.section += 1
        if self.section < len(self.sections):
            kind = xml_child(self.sections[self.section], "type")
            if (xml_attr(kind, "val") if kind is not None else "nextPage") != "continuous":
                self.flow.end_para()
                self.flow.page()
            self._headers_footers(self.section, "headerReference")

    def _headers_footers(self, index: int, ref: str) -> None:
        if index >= len(self.sections):
            return
        sect = self.sections[index]
        refs = {(xml_attr(r, "type") or "default"): xml_attr(r, "id") for r in sect if local_name(r.tag) == ref}
        order = (["first"] if is_on(xml_child(sect, "titlePg")) else []) + ["default", "even"]
        for kind in order:
            rid = refs.get(kind)
            if not rid:
                continue
            try:
                part = self.main.related_parts[rid]
                root = part_element(part)
            except (KeyError, AnalyzerError, ValueError):
                continue
            sub = Flow()
            self.blocks(root, sub, part)
            paras = tuple(p for p in sub.paragraphs() if not is_page_number(p))
            if paras and paras not in self.seen_hf:
                self.seen_hf.add(paras)
                self.flow.extend(list(paras))

    def note(self, kind: str, note_id: str | None, flow: Flow) -> None:
        notes = self.notes.get(kind)
        if notes is None:
            notes = self.notes[kind] = {}
            part = related_part(self.main, kind + "s")
            root = part_element(part) if part is not None else None
            for n in root if root is not None else ():
                if local_name(n.tag) == kind and (xml_attr(n, "type") or "normal") == "normal":
                    notes[xml_attr(n, "id") or ""] = n
        el = notes.pop(note_id or "", None)  # each note once
        if el is not None and self.depth < MAX_NESTING:
            self.depth += 1
            self.blocks(el, flow, self.main)
            self.depth -= 1

    def alt_chunk(self, el, flow: Flow, part) -> None:
        """Content imported from another format (`w:altChunk`): HTML and plain text are read."""
        try:
            chunk = part.related_parts[xml_attr(el, "id") or ""]
        except KeyError:
            return
        ct = chunk.content_type or ""
        if "html" in ct:
            flow.end_para()
            flow_from_html(decode_html(chunk.blob), flow)
        elif ct.startswith("text/plain"):
            from analyzer.readers.text import decode

            for para in clean_text(decode(chunk.blob)).split("\n\n"):
                flow.text(para)
                flow.end_para()
        else:
            self.warnings.append(f"embedded {ct or 'content'} not read")


def _text_boxes(el):
    """The w:txbxContent elements under `el`, each once (VML fallbacks and nested boxes skipped)."""
    if local_name(el.tag) == "AlternateContent":
        el = alternate(el)
    stack = [el] if el is not None else []
    while stack:
        node = stack.pop()
        for c in reversed(node):
            tag = local_name(c.tag)
            if tag == "txbxContent":
                yield c
            elif tag == "AlternateContent":
                alt = alternate(c)
                if alt is not None:
                    stack.append(alt)
            elif tag:
                stack.append(c)


# --------------------------------------------------------------------------- entry point


def _short(exc: BaseException, limit: int = 80) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


def _out_of_memory(exc) -> bool:
    """libxml2 reports a failed allocation as a syntax error ("unknown error", code ERR_NO_MEMORY)."""
    from lxml import etree

    no_memory = int(etree.ErrorTypes.ERR_NO_MEMORY)
    if getattr(exc, "code", None) == no_memory:
        return True
    return any(e.type == no_memory for e in getattr(exc, "error_log", ()) or ())


def _ole(data: bytes) -> None:
    if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000] or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in data:
        raise EncryptedDocument("password-protected Word file: remove the password or save as PDF")
    raise UnsupportedFormat("a legacy Office binary file (.doc/.xls/.ppt): save it as .docx or PDF")


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptDocument(f"corrupt Word file: {_short(exc)}") from None
    if len(infos) > MAX_MEMBERS:
        raise ResourceLimit(f"Word file has too many parts ({len(infos)} > {MAX_MEMBERS})")
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise ResourceLimit(f"Word file expands to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB")
    if any(i.flag_bits & 0x1 for i in infos):
        raise EncryptedDocument("encrypted zip entries in Word file")
    _count_inflated(data, infos)
    names = {i.filename for i in infos}
    if not any(n.startswith("word/") for n in names):
        if "xl/workbook.xml" in names:
            raise UnsupportedFormat("a spreadsheet (.xlsx), not a document")
        if "ppt/presentation.xml" in names:
            raise UnsupportedFormat("a presentation (.pptx), not a document")
        if "[Content_Types].xml" not in names:
            raise UnsupportedFormat("an archive, not a document")
    return zf


def _count_inflated(data: bytes, infos: list[zipfile.ZipInfo]) -> None:
    """Inflate every part a megabyte at a time, counting what comes out: the headers may lie."""
    budget = MAX_UNCOMPRESSED
    for info in infos:
        start = info.header_offset
        if data[start:start + 4] != b"PK\x03\x04":
            raise CorruptDocument(f"corrupt Word file: no local header for {info.filename[:60]}")
        name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
        at = start + 30 + name_len + extra_len
        if info.compress_type == zipfile.ZIP_STORED:
            size = info.compress_size
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            size = _inflate_count(memoryview(data)[at:], budget, info)
        else:
            raise CorruptDocument(f"corrupt Word file: unusual compression in {info.filename[:60]}")
        if size > budget:
            raise ResourceLimit(f"Word file expands to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB (counted "
                                f"while inflating; its zip headers claim {_mb(sum(i.file_size for i in infos))})")
        if size != info.file_size:
            raise CorruptDocument(f"corrupt Word file: zip headers misstate the size of {info.filename[:60]} "
                                  f"({_mb(info.file_size)} claimed, {_mb(size)} inflated)")
        budget -= size


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _inflate_count(raw: memoryview, budget: int, info: zipfile.ZipInfo) -> int:
    """Bytes the raw deflate stream in `raw` inflates to, stopping once past `budget`."""
    d = zlib.decompressobj(-15)
    total, pos, step = 0, 0, 1 << 16
    try:
        while not d.eof and total <= budget:
            if d.unconsumed_tail:
                chunk = d.unconsumed_tail
            elif pos < len(raw):
                chunk = raw[pos:pos + step]
                pos += step
            else:
                raise CorruptDocument(f"corrupt Word file: {info.filename[:60]} is cut short")
            total += len(d.decompress(chunk, 1 << 20))
    except zlib.error as exc:
        raise CorruptDocument(f"corrupt Word file: {info.filename[:60]}: {_short(exc, 60)}") from None
    return total


@register("docx", sniff=sniff_docx, suffixes=(".docx", ".docm", ".dotx", ".dotm"))
def read_docx(data: bytes, name: str, options: ReadOptions) -> Document:
    if data.startswith(_OLE_MAGIC):
        _ole(data)
    _check_zip(data)
    from docx.package import Package

    try:
        reader = _WordText(Package.open(io.BytesIO(data)))
        flow = reader.read()
    except AnalyzerError:
        raise
    except RecursionError:
        raise ResourceLimit("Word file nested too deeply") from None
    except MemoryError:
        raise ResourceLimit("Word file too large to read") from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise CorruptDocument(f"corrupt Word file: {_short(exc)}") from None
    except Exception as exc:  # python-docx and lxml raise many types on damaged packages
        from lxml import etree

        if isinstance(exc, etree.XMLSyntaxError) and _out_of_memory(exc):
            raise ResourceLimit("Word file too large to read: the XML parser ran out of memory") from None
        if isinstance(exc, etree.XMLSyntaxError):
            raise CorruptDocument(f"corrupt Word file: malformed XML ({_short(exc, 60)})") from None
        raise CorruptDocument("corrupt Word file: damaged package structure") from None
    doc = flow.document(name, "docx", options)
    doc.warnings.extend(reader.warnings)
    if not doc.text.strip():
        raise NoText("no text in document")
    return doc
