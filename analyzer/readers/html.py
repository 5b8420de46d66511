"""HTML (and EDGAR HTML exhibits): block structure to paragraphs, page-break conventions to pages.

Rendering rules: scripts, styles, comments, `<head>` and `display:none` content are dropped;
block elements (p, div, li, tr, h1-h6, table, section, blockquote, pre, ...) end a paragraph;
inline elements run together as a browser renders them, with source whitespace collapsed;
entities are decoded by the parser. A `<br>` is a line break inside the block and goes
through the same hard-wrap repair as plain text (`join_lines`), so a heading split by `<br>`
stays two paragraphs while a sentence wrapped with `<br>` at every line is joined again.
Table rows become one line each, cells joined with " | ", unless a cell holds several long
paragraphs (a layout table), in which case the cells are read as ordinary paragraphs.

Page boundaries follow EDGAR conventions: a `<PAGE>` marker, CSS `page-break-before/after`
(or `break-before/after: page`) in a style attribute, and `<hr>` (when the file uses no CSS
page breaks, since then `<hr>` is the page separator). A paragraph that is only a page number
("12", "- 12 -", "Page 12") right before a boundary is dropped, and a sentence cut by a
boundary (no closing punctuation, next page starting in lower case) is joined back.

`Flow` (analyzer/readers/flow.py) is the block-to-Document assembler it shares with the Word reader.
"""

from __future__ import annotations

import codecs
import re

from analyzer.document import Document
from analyzer.errors import CorruptDocument, NoText, ResourceLimit
from analyzer.readers.encoding import bom_encoding, decode_text, utf16_without_bom
from analyzer.readers.flow import INLINE_WS, Flow, emit_row, list_label
from analyzer.readers.registry import ReadOptions, register

# --------------------------------------------------------------------------- HTML

_SKIP = frozenset({
    "script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "meta", "link",
    "svg", "math", "canvas", "audio", "video", "select", "button", "input", "textarea", "map", "ix:header",
})
_BLOCK = frozenset({
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "blockquote", "pre",
    "ul", "ol", "dl", "dt", "dd", "article", "header", "footer", "center", "address", "caption", "form",
    "fieldset", "figure", "figcaption", "main", "nav", "aside", "tbody", "thead", "tfoot", "body", "html",
    "td", "th", "hgroup", "details", "summary", "legend", "listing", "xmp", "plaintext", "dir", "menu",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BREAK_CSS = re.compile(r"(?:page-)?break-(before|after)\s*:\s*(?:always|page|left|right|recto|verso)", re.I)
_HIDDEN_CSS = re.compile(r"display\s*:\s*none", re.I)
_PAGE_LINE = re.compile(r"^[ \t]*<PAGE>[ \t]*\d*[ \t]*$", re.I)
_MAX_TABLE_DEPTH = 16

_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(rb"<(?:html|body|p|div|table\s[^>]*(?:width|border|cellpadding|style)|font|span|br)[\s>/]",
                       re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_INLINE_TAGS = re.compile(
    r"</?(?:font|span|b|i|u|a|strong|em|small|big|s|strike|tt|sup|sub|ins|del|abbr|cite|code|var|kbd|mark|q|nobr|"
    r"wbr|label)\b[^>]*>", re.I)
_DIV_OPEN = re.compile(r"<div\b", re.I)
_DIV_CLOSE = re.compile(r"</div\s*>", re.I)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EDGAR_WRAPPER = re.compile(rb"<(?:SEC-DOCUMENT|IMS-DOCUMENT|SEC-HEADER)>")


def is_edgar_wrapper(head: bytes) -> bool:
    return bool(_EDGAR_WRAPPER.search(head[:4096])) or head.lstrip()[:10].upper() == b"<DOCUMENT>"


def sniff_html(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    elif wide := utf16_without_bom(head):
        head = head[: len(head) - len(head) % 2].decode(wide, "ignore").encode("utf-8", "ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n\f")[:2048]
    if not head.startswith(b"<") and b"<" not in head[:2048]:
        return False
    if is_edgar_wrapper(head):
        return False
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def decode_html(data: bytes) -> str:
    return decode_html_warn(data)[0]


def decode_html_warn(data: bytes) -> tuple[str, str | None]:
    """Decode by BOM, UTF-16 shape, the declared charset, UTF-8, then a charset-normalizer guess;
    (text, warning when the encoding was guessed)."""
    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m and not bom_encoding(data) and not utf16_without_bom(data):
        try:
            declared = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            declared = None
        if declared in ("latin-1", "iso8859-1", "ascii", "us-ascii"):
            declared = "cp1252"  # what browsers do
        if declared and declared.startswith("utf"):
            declared = None  # a UTF label on bytes that are not: let the bytes decide
        if declared:
            return data.decode(declared, "replace"), None
    text, _enc, warning = decode_text(data)
    return text, warning


def parse_html(text: str):
    """An lxml.html tree; markup nested deeper than libxml2 allows is flattened and parsed again."""
    text = _XML_DECL.sub("", text, count=1)
    text = _BAD_CHARS.sub(" ", text.replace("\f", "<page></page>"))
    if not text.strip():
        raise NoText("no text in document")
    root, too_deep = _parse(text)
    if too_deep:  # typically thousands of unclosed <font>/<div> tags: drop inline tags, make divs paragraphs
        flat = _DIV_OPEN.sub("<p", _DIV_CLOSE.sub("</p>", _INLINE_TAGS.sub("", text)))
        root, too_deep = _parse(flat)
        if too_deep:
            raise ResourceLimit("HTML nested too deeply to read")
    return root


def _parse(text: str):
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True,
                                  recover=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if any("depth" in e.message.lower() for e in parser.error_log):
            return None, True
        msg = " ".join(str(exc).split())[:90]
        if "empty" in msg.lower():
            raise NoText("no text in document") from None
        raise CorruptDocument(f"unreadable HTML: {msg}") from None
    return root, any("depth" in e.message.lower() for e in parser.error_log)


def _local(tag) -> str:
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


class HtmlWalker:
    """Walks an lxml.html tree into a Flow without recursion (EDGAR files nest deeply)."""

    def __init__(self, css_breaks: bool) -> None:
        self.hr_is_page = not css_breaks
        self.pre = 0  # depth of open <pre> elements
        self.lists: list[list] = []  # [counter, kind] per open <ol>/<ul>

    def walk(self, root, flow: Flow, table_depth: int = 0) -> None:
        saved = self.pre, self.lists  # a table cell is walked inside the walk of its table
        self.pre, self.lists = 0, []
        stack: list[tuple[object, int]] = [(root, 0)]  # state 0: open, 1: close
        try:
            while stack:
                el, state = stack.pop()
                if state == 1:
                    self._close(el, flow)
                elif self._open(el, flow, table_depth):
                    stack.append((el, 1))
                    stack.extend((child, 0) for child in reversed(el))
        finally:
            self.pre, self.lists = saved

    def _open(self, el, flow: Flow, table_depth: int) -> bool:
        """An element's start; True when its children and its end are to be walked."""
        tag = _local(el.tag)
        style = el.get("style") if tag else None
        if not tag or tag in _SKIP or (style and _HIDDEN_CSS.search(style)) or el.get("hidden") is not None:
            self._tail(el, flow, self.pre)  # a comment, a processing instruction or hidden content
            return False
        if style and any(m.group(1).lower() == "before" for m in _BREAK_CSS.finditer(style)):
            flow.end_para()
            flow.page()
        if tag == "tr" and table_depth < _MAX_TABLE_DEPTH:
            self._row(el, flow, table_depth)
            self._after(el, flow, self.pre)
            return False
        self._block_start(tag, flow)
        self._list_start(el, tag, flow)
        if el.text:
            self._text(el.text, flow, self.pre)
        return True

    def _block_start(self, tag: str, flow: Flow) -> None:
        if tag == "page":
            flow.end_para()
            flow.page()
        elif tag == "br":
            flow.line()
        elif tag == "hr":
            flow.end_para()
            if self.hr_is_page:
                flow.page()
        elif tag in _BLOCK:
            flow.end_para()

    def _list_start(self, el, tag: str, flow: Flow) -> None:
        if tag == "pre":
            self.pre += 1
        elif tag in ("ol", "ul"):
            start = el.get("start", "1")
            self.lists.append([int(start) - 1 if start.strip().lstrip("-").isdigit() else 0,
                               el.get("type", "1") if tag == "ol" else None])
        elif tag == "li" and self.lists and self.lists[-1][1] is not None:
            value = el.get("value", "")
            self.lists[-1][0] = int(value) if value.strip().isdigit() else self.lists[-1][0] + 1
            flow.label(f"{list_label(self.lists[-1][0], self.lists[-1][1])}. ")

    def _close(self, el, flow: Flow) -> None:
        tag = _local(el.tag)
        if tag == "pre":
            self.pre -= 1
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag == "li":
            flow.label("")
        if tag in _BLOCK:
            flow.end_para(heading=tag in _HEADINGS)
        style = el.get("style")
        if style and any(m.group(1).lower() == "after" for m in _BREAK_CSS.finditer(style)):
            flow.end_para()
            flow.page()
        self._tail(el, flow, self.pre)

    def _after(self, el, flow: Flow, pre: int) -> None:
        style = el.get("style")
        if style and any(m.group(1).lower() == "after" for m in _BREAK_CSS.finditer(style)):
            flow.page()
        self._tail(el, flow, pre)

    def _tail(self, el, flow: Flow, pre: int) -> None:
        if el.tail:
            self._text(el.tail, flow, pre)

    @staticmethod
    def _text(s: str, flow: Flow, pre: int) -> None:
        if not pre:
            flow.text(s.translate(INLINE_WS))
            return
        lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, ln in enumerate(lines):
            if i:
                flow.line()
            if _PAGE_LINE.match(ln):
                flow.end_para()
                flow.page()
            elif not ln.strip():
                flow.end_para()
            else:
                flow.text(ln.replace("\t", " "))

    def _row(self, tr, flow: Flow, table_depth: int) -> None:
        cells: list[Flow] = []
        loose = Flow()  # text directly inside <tr> (broken markup)
        if tr.text and tr.text.strip():
            loose.text(tr.text.translate(INLINE_WS))
        for child in tr:
            tag = _local(child.tag)
            if tag in ("td", "th"):
                style = child.get("style")
                if style and _HIDDEN_CSS.search(style):
                    continue
                sub = Flow()
                self.walk(child, sub, table_depth + 1)
                sub.end_para()
                cells.append(sub)
            elif tag and tag not in _SKIP:
                sub = Flow()
                self.walk(child, sub, table_depth + 1)
                sub.end_para()
                cells.append(sub)
            elif child.tail and child.tail.strip():
                loose.text(child.tail.translate(INLINE_WS))
        if loose.paragraphs():
            cells.insert(0, loose)
        emit_row(flow, [c.items for c in cells])


def flow_from_html(text: str, flow: Flow | None = None) -> Flow:
    root = parse_html(text)
    flow = flow or Flow()
    HtmlWalker(css_breaks=bool(_BREAK_CSS.search(text))).walk(root, flow)
    flow.end_para()
    return flow


def document_from_html(text: str, name: str = "<html>", fmt: str = "html",
                       options: ReadOptions | None = None) -> Document:
    doc = flow_from_html(text).document(name, fmt, options, heal=True)
    if not doc.text.strip():
        raise NoText("no text in document")
    return doc


@register("html", sniff=sniff_html, suffixes=(".html", ".htm", ".xhtml", ".xht"))
def read_html_bytes(data: bytes, name: str, options: ReadOptions) -> Document:
    text, warning = decode_html_warn(data)
    doc = document_from_html(text, name, "html", options)
    if warning:
        doc.warnings.append(warning)
    return doc
