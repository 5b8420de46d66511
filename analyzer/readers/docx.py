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
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from analyzer.document import Document
from analyzer.errors import AnalyzerError, CorruptDocument, EncryptedDocument, NoText, ResourceLimit, UnsupportedFormat
from analyzer.readers.clean import clean_text
from analyzer.readers.html import Flow, decode_html, emit_row, flow_from_html, is_page_number, list_label
from analyzer.readers.registry import ReadOptions, register

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_NESTING = 24  # tables in tables, text boxes in text boxes

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LINE = object()
_PAGE = object()
_OFF = ("0", "false", "off", "none")
_HEADING_NAME = re.compile(r"(heading\s*\d|title)$", re.I)


def sniff_docx(head: bytes) -> bool:
    if head.startswith(_OLE_MAGIC):
        return True  # legacy Office or password-protected OOXML: the reader says which
    return head.startswith(_ZIP_MAGIC) and any(m in head for m in (b"word/", b"[Content_Types].xml", b"_rels/.rels"))


# --------------------------------------------------------------------------- XML helpers


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _get(el, name: str) -> str | None:
    """An attribute by local name (transitional `w:` first, then any namespace, e.g. strict OOXML)."""
    v = el.get(_W + name)
    if v is None:
        suffix = "}" + name
        for k, val in el.attrib.items():
            if k.endswith(suffix) or k == name:
                return val
    return v


def _child(el, name: str):
    if el is None:
        return None
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _on(el) -> bool:
    """A toggle property (`<w:vanish/>`, `<w:pageBreakBefore w:val="0"/>`)."""
    return el is not None and (_get(el, "val") or "1").lower() not in _OFF


def _int(s: str | None, default: int = 0) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _alternate(el):
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    fallback = None
    for c in el:
        name = _local(c.tag)
        if name == "Choice":
            return c
        if name == "Fallback":
            fallback = c
    return fallback


def _element(part):
    from docx.opc.part import XmlPart
    from docx.oxml.parser import parse_xml

    if isinstance(part, XmlPart):
        return part.element
    return parse_xml(part.blob)


def _related(part, kind: str):
    """The part related to `part` by a relationship type ending in `/kind`, or None."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] == kind:
            return rel.target_part
    return None


# --------------------------------------------------------------------------- styles and numbering


class _Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, tuple[str, str | None, object]] = {}
        self.default: str | None = None
        for st in root if root is not None else ():
            if _local(st.tag) != "style" or _get(st, "type") not in (None, "paragraph"):
                continue
            sid = _get(st, "styleId") or ""
            name_el, based = _child(st, "name"), _child(st, "basedOn")
            name = (_get(name_el, "val") or "") if name_el is not None else ""
            self.by_id[sid] = (name, _get(based, "val") if based is not None else None, _child(st, "pPr"))
            if (_get(st, "default") or "").lower() in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None):
        sid = sid or self.default
        for _ in range(16):
            rec = self.by_id.get(sid or "")
            if rec is None:
                return
            yield sid, rec
            sid = rec[1]

    def is_heading(self, sid: str | None) -> bool:
        for style_id, (name, _, ppr) in self.chain(sid):
            if _HEADING_NAME.match(name) or _HEADING_NAME.match(style_id or ""):
                return True
            lvl = _child(ppr, "outlineLvl")
            if lvl is not None and _int(_get(lvl, "val"), 9) < 9:
                return True
        return False

    def ppr(self, sid: str | None, name: str):
        for _, (_, _, ppr) in self.chain(sid):
            el = _child(ppr, name)
            if el is not None:
                return el
        return None


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: list_label(n, "a"),
    "upperLetter": lambda n: list_label(n, "A"),
    "lowerRoman": lambda n: list_label(n, "i"),
    "upperRoman": lambda n: list_label(n, "I"),
    "ordinal": lambda n: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}",
}


class _Numbering:
    """Renders list numbers ("5.1", "(a)") as Word shows them, counting as it goes."""

    def __init__(self, root, styles: _Styles) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, tuple[int, str, str, str, bool]]] = {}
        self.links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        for el in root if root is not None else ():
            name = _local(el.tag)
            if name == "abstractNum":
                aid = _get(el, "abstractNumId") or ""
                levels = self.levels.setdefault(aid, {})
                for lvl in el:
                    n = _local(lvl.tag)
                    if n == "lvl":
                        levels[_int(_get(lvl, "ilvl"))] = self._level(lvl)
                    elif n == "numStyleLink":
                        self.links[aid] = _get(lvl, "val") or ""
            elif name == "num":
                aid_el = _child(el, "abstractNumId")
                overrides = {}
                for ov in el:
                    if _local(ov.tag) == "lvlOverride":
                        so = _child(ov, "startOverride")
                        if so is not None:
                            overrides[_int(_get(ov, "ilvl"))] = _int(_get(so, "val"), 1)
                self.nums[_get(el, "numId") or ""] = (_get(aid_el, "val") or "" if aid_el is not None else "",
                                                      overrides)

    @staticmethod
    def _level(lvl) -> tuple[int, str, str, str, bool]:
        def val(name: str, default: str = "") -> str:
            el = _child(lvl, name)
            v = _get(el, "val") if el is not None else None
            return default if v is None else v

        return (_int(val("start", "1"), 1), val("numFmt", "decimal"), val("lvlText"), val("suff", "tab"),
                _on(_child(lvl, "isLgl")))

    def _num_pr(self, ppr, sid: str | None) -> tuple[str | None, int]:
        num_pr = _child(ppr, "numPr")
        num_id = ilvl = None
        if num_pr is not None:
            n, i = _child(num_pr, "numId"), _child(num_pr, "ilvl")
            num_id = _get(n, "val") if n is not None else None
            ilvl = _get(i, "val") if i is not None else None
        if num_id is None:
            style_pr = self.styles.ppr(sid, "numPr")
            if style_pr is not None:
                n, i = _child(style_pr, "numId"), _child(style_pr, "ilvl")
                num_id = _get(n, "val") if n is not None else None
                ilvl = ilvl if ilvl is not None else (_get(i, "val") if i is not None else None)
        return num_id, max(0, min(_int(ilvl), 8))

    def _abstract(self, num_id: str) -> tuple[str, dict[int, int]]:
        aid, overrides = self.nums.get(num_id, ("", {}))
        link = self.links.get(aid)
        if link and not self.levels.get(aid, {}).get(0):
            style_pr = self.styles.ppr(link, "numPr")
            n = _child(style_pr, "numId")
            if n is not None:
                aid = self.nums.get(_get(n, "val") or "", (aid, {}))[0]
        return aid, overrides

    def label(self, ppr, sid: str | None) -> str:
        num_id, ilvl = self._num_pr(ppr, sid)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self._abstract(num_id)
        levels = self.levels.get(aid, {})
        key = f"n{num_id}" if overrides else f"a{aid}"
        counts = self.counters.setdefault(key, [None] * 9)

        def start(i: int) -> int:
            return overrides.get(i, levels[i][0] if i in levels else 1)

        c = counts[ilvl]
        counts[ilvl] = start(ilvl) if c is None else c + 1
        for j in range(ilvl + 1, 9):
            counts[j] = None
        lvl = levels.get(ilvl)
        if lvl is None or lvl[1] == "bullet" or not lvl[2]:
            return ""
        legal = lvl[4]

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i < 9:
                return ""
            n = counts[i] if counts[i] is not None else start(i)
            fmt = "decimal" if legal else (levels[i][1] if i in levels else "decimal")
            if fmt == "none":
                return ""
            return _FORMATS.get(fmt, str)(n)

        text = re.sub(r"%(\d)", number, lvl[2]).strip()
        return f"{text}{'' if lvl[3] == 'nothing' else ' '}" if text else ""


# --------------------------------------------------------------------------- the walk


class _WordText:
    def __init__(self, pkg) -> None:
        self.main = next((r.target_part for r in pkg.rels.values()
                          if not r.is_external and r.reltype.endswith("/officeDocument")), None)
        if self.main is None:
            raise UnsupportedFormat("an Office package without a Word document")
        self.root = _element(self.main)
        self.body = _child(self.root, "body")
        if self.body is None:
            raise CorruptDocument("corrupt Word file: no document body")
        styles = _related(self.main, "styles")
        numbering = _related(self.main, "numbering")
        self.styles = _Styles(_element(styles) if styles is not None else None)
        self.numbering = _Numbering(_element(numbering) if numbering is not None else None, self.styles)
        self.notes: dict[str, dict[str, object]] = {}
        self.warnings: list[str] = []
        self.flow = Flow()
        self.sections = [s for s in self.body.iter() if _local(s.tag) == "sectPr"
                         and _local(s.getparent().tag) in ("pPr", "body")
                         and (_local(s.getparent().tag) == "body" or _local(s.getparent().getparent().tag) == "p")]
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
            tag = _local(child.tag)
            if tag == "p":
                self.paragraph(child, flow, part)
            elif tag == "tbl":
                self.table(child, flow, part)
            elif tag == "sdt":
                content = _child(child, "sdtContent")
                if content is not None:
                    self.blocks(content, flow, part)
            elif tag in ("customXml", "ins", "moveTo", "smartTag"):
                self.blocks(child, flow, part)
            elif tag == "AlternateContent":
                alt = _alternate(child)
                if alt is not None:
                    self.blocks(alt, flow, part)
            elif tag == "altChunk":
                self.alt_chunk(child, flow, part)

    def paragraph(self, p, flow: Flow, part) -> None:
        ppr = _child(p, "pPr")
        ps = _child(ppr, "pStyle")
        sid = _get(ps, "val") if ps is not None else None
        if _on(_child(ppr, "pageBreakBefore")) or (_child(ppr, "pageBreakBefore") is None
                                                   and _on(self.styles.ppr(sid, "pageBreakBefore"))):
            flow.end_para()
            flow.page()
        heading = self.styles.is_heading(sid)
        if not heading:
            lvl = _child(ppr, "outlineLvl")
            heading = lvl is not None and _int(_get(lvl, "val"), 9) < 9
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
        sect = _child(ppr, "sectPr")
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
            tag = _local(c.tag)
            if tag == want:
                yield c
            elif tag in ("sdt", "customXml", "sdtContent"):
                inner = c if tag != "sdt" else _child(c, "sdtContent")
                if inner is not None:
                    yield from self._within(inner, want)

    # -- inline level
    def inline(self, el, out: list, deferred: list) -> None:
        for c in el:
            tag = _local(c.tag)
            if tag == "r":
                self.run(c, out, deferred)
            elif tag in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo",
                         "sdtContent"):
                self.inline(c, out, deferred)
            elif tag == "sdt":
                content = _child(c, "sdtContent")
                if content is not None:
                    self.inline(content, out, deferred)
            elif tag == "AlternateContent":
                alt = _alternate(c)
                if alt is not None:
                    self.inline(alt, out, deferred)
            elif tag in ("oMath", "oMathPara"):
                out.append(" ".join(t.text or "" for t in c.iter() if _local(t.tag) == "t"))

    def run(self, r, out: list, deferred: list) -> None:
        rpr = _child(r, "rPr")
        hidden = _on(_child(rpr, "vanish"))
        for x in r:
            tag = _local(x.tag)
            if tag == "t":
                if not hidden and x.text:
                    out.append(x.text)
            elif tag in ("tab", "ptab"):
                out.append(" ")
            elif tag == "br":
                kind = _get(x, "type")
                out.append(_PAGE if kind == "page" else " " if kind == "column" else _LINE)
            elif tag == "cr":
                out.append(_LINE)
            elif tag == "lastRenderedPageBreak":
                out.append(_PAGE)
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag in ("footnoteReference", "endnoteReference"):
                deferred.append((tag[: -len("Reference")], _get(x, "id")))
            elif tag in ("drawing", "pict", "object", "AlternateContent"):
                deferred.extend(("box", box) for box in _text_boxes(x))

    # -- around the body
    def _section_break(self) -> None:
        self._headers_footers(self.section, "footerReference")
        self.section += 1
        if self.section < len(self.sections):
            kind = _child(self.sections[self.section], "type")
            if (_get(kind, "val") if kind is not None else "nextPage") != "continuous":
                self.flow.end_para()
                self.flow.page()
            self._headers_footers(self.section, "headerReference")

    def _headers_footers(self, index: int, ref: str) -> None:
        if index >= len(self.sections):
            return
        sect = self.sections[index]
        refs = {(_get(r, "type") or "default"): _get(r, "id") for r in sect if _local(r.tag) == ref}
        order = (["first"] if _on(_child(sect, "titlePg")) else []) + ["default", "even"]
        for kind in order:
            rid = refs.get(kind)
            if not rid:
                continue
            try:
                part = self.main.related_parts[rid]
                root = _element(part)
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
            part = _related(self.main, kind + "s")
            root = _element(part) if part is not None else None
            for n in root if root is not None else ():
                if _local(n.tag) == kind and (_get(n, "type") or "normal") == "normal":
                    notes[_get(n, "id") or ""] = n
        el = notes.pop(note_id or "", None)  # each note once
        if el is not None and self.depth < MAX_NESTING:
            self.depth += 1
            self.blocks(el, flow, self.main)
            self.depth -= 1

    def alt_chunk(self, el, flow: Flow, part) -> None:
        """Content imported from another format (`w:altChunk`): HTML and plain text are read."""
        try:
            chunk = part.related_parts[_get(el, "id") or ""]
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
    if _local(el.tag) == "AlternateContent":
        el = _alternate(el)
    stack = [el] if el is not None else []
    while stack:
        node = stack.pop()
        for c in reversed(node):
            tag = _local(c.tag)
            if tag == "txbxContent":
                yield c
            elif tag == "AlternateContent":
                alt = _alternate(c)
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
