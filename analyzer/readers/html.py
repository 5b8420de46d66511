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

`Flow` is the shared block-to-Document assembler; the Word reader uses it too.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from analyzer.document import Document, DocumentBuilder, Page
from analyzer.errors import CorruptDocument, NoText, ResourceLimit
from analyzer.readers.clean import join_lines, normalize_chars
from analyzer.readers.encoding import bom_encoding, decode_text, utf16_without_bom
from analyzer.readers.registry import ReadOptions, register

# --------------------------------------------------------------------------- the shared flow

PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*(?:[A-Z]{1,2}-)?(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-\u2013\u2014]?"
    r"(?:\s+of\s+\d{1,4})?",
    re.I,
)
_MARK = "\f"  # page boundary inside a paragraph buffer
_ENUMERATOR = re.compile(
    r"\(?(?:\d{1,3}|[a-z]{1,2}|[ivxlcdm]{1,6})\)|(?:\d{1,3}|[a-z]|[ivxlcdm]{1,6})\.|\d{1,3}(?:\.\d{1,3})+\.?"
    r"|(?:section|article|\u00a7)\s*[\divxlc]+(?:\.\d+)*\.?",
    re.I,
)
_ENDS_SENTENCE = re.compile(r"[.:;!?\"')\]]$")
_WS = re.compile(r"\s+")
_INLINE_WS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.fullmatch(text.strip()))


@dataclass
class Break:
    """A page boundary; `sep` is set when a paragraph continues across it (" " or "")."""

    sep: str | None = None


class Flow:
    """Collects text as paragraphs and page breaks, then builds a Document.

    `text` appends inline text, `line` a hard line break, `end_para` closes a paragraph,
    `page` marks a page boundary (possibly inside a paragraph), `row` adds a table row.
    """

    def __init__(self) -> None:
        self.items: list[str | Break] = []
        self._buf: list[str] = []
        self._label = ""

    # -- writing
    def text(self, s: str) -> None:
        if s:
            if self._label and not s.isspace():
                self._buf.append(self._label)
                self._label = ""
            self._buf.append(s)

    def label(self, s: str) -> None:
        """A list label ("a. ") for the next text, wherever its paragraph starts."""
        self._label = s

    def line(self) -> None:
        self._buf.append("\n")

    def page(self) -> None:
        self._buf.append(_MARK)

    def end_para(self, heading: bool = False) -> None:
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf.clear()
        parts = raw.split(_MARK)
        texts = [_paragraphs(p, heading) for p in parts]
        filled = [i for i, t in enumerate(texts) if t]
        first, last = (filled[0], filled[-1]) if filled else (len(parts), len(parts))
        for i, paras in enumerate(texts):
            if i:
                if first < i <= last:  # a boundary with text on both sides: the paragraph goes on
                    left, right = parts[i - 1], parts[i]
                    sep = " " if (left[-1:].isspace() or right[:1].isspace()) else ""
                    self._append_break(Break(sep))
                else:
                    self._append_break(Break())
            self.items.extend(paras)

    def row(self, cells: list[str]) -> None:
        self.end_para()
        cells = [c for c in (_WS.sub(" ", normalize_chars(c)).strip() for c in cells) if c]
        if len(cells) == 2 and _ENUMERATOR.fullmatch(cells[0]):  # hanging indent: "(a)" | "Borrower shall ..."
            self.items.append(f"{cells[0]} {cells[1]}")
        elif cells:
            self.items.append(" | ".join(cells))

    def extend(self, items: list[str | Break]) -> None:
        self.end_para()
        for it in items:
            if isinstance(it, Break):
                self._append_break(Break(it.sep))
            else:
                self.items.append(it)

    def paragraphs(self) -> list[str]:
        self.end_para()
        return [it for it in self.items if isinstance(it, str)]

    def _append_break(self, brk: Break) -> None:
        if brk.sep is None:
            while self.items and isinstance(self.items[-1], str) and is_page_number(self.items[-1]):
                self.items.pop()
        self.items.append(brk)

    # -- building
    def document(self, name: str, fmt: str, options: ReadOptions | None = None, heal: bool = False) -> Document:
        """The Document: one page per run of paragraphs between breaks (empty pages skipped)."""
        self.end_para()
        while self.items and isinstance(self.items[-1], str) and is_page_number(self.items[-1]):
            self.items.pop()
        pages: list[tuple[list[str], str | None]] = []
        cur: list[str] = []
        sep: str | None = None
        for it in self.items:
            if isinstance(it, Break):
                if cur:
                    pages.append((cur, sep))
                    cur, sep = [], it.sep
                elif pages and sep is None:
                    sep = it.sep  # consecutive breaks: the page still starts once
                continue
            cur.append(it)
        if cur:
            pages.append((cur, sep))
        limit = options.max_pages if options else None
        if limit and len(pages) > limit:
            raise ResourceLimit(f"more than {limit} pages")
        b = FlowBuilder(source=name, fmt=fmt)
        for number, (paras, sep) in enumerate(pages, start=1):
            if number > 1 and sep is None and heal and _continues(pages[number - 2][0][-1], paras[0]):
                sep = " "
            if number == 1 or sep is None:
                b.start_page(number)
            else:
                b.start_page_continuing(number, sep)
            for i, p in enumerate(paras):
                if i:
                    b.add("\n\n")
                b.add(p)
        return b.build()


class FlowBuilder(DocumentBuilder):
    def start_page_continuing(self, number: int, sep: str) -> None:
        """Start a page without the blank line: `sep` joins it to the paragraph the last page ended in."""
        self.end_page()
        self.add(sep)
        self._page = Page(number=number, start=self.length, end=self.length)


def _paragraphs(raw: str, heading: bool = False) -> list[str]:
    if not raw or raw.isspace():
        return []
    text = normalize_chars(raw)
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    if heading:
        one = " ".join(ln for ln in lines if ln)
        return [one] if one else []
    if len(lines) == 1:
        return [lines[0]] if lines[0] else []
    return [p for p in join_lines(lines).split("\n\n") if p]


def _continues(prev: str, nxt: str) -> bool:
    """A sentence cut by a page boundary: no closing punctuation before, lower case after."""
    return not _ENDS_SENTENCE.search(prev) and nxt[:1].islower() and not is_page_number(prev)


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
_LAYOUT_CELL_CHARS = 250

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


def _roman(n: int) -> str:
    out = []
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                 (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def list_label(n: int, kind: str) -> str:
    if kind == "a":
        return _letters(n)
    if kind == "A":
        return _letters(n).upper()
    if kind == "i":
        return _roman(n)
    if kind == "I":
        return _roman(n).upper()
    return str(n)


class HtmlWalker:
    """Walks an lxml.html tree into a Flow without recursion (EDGAR files nest deeply)."""

    def __init__(self, css_breaks: bool) -> None:
        self.hr_is_page = not css_breaks

    def walk(self, root, flow: Flow, table_depth: int = 0) -> None:
        stack: list[tuple[object, int]] = [(root, 0)]  # state 0: open, 1: close
        pre = 0
        lists: list[list] = []  # [counter, kind] per open <ol>/<ul>
        while stack:
            el, state = stack.pop()
            tag = _local(el.tag)
            if state == 1:
                if tag == "pre":
                    pre -= 1
                if tag in ("ol", "ul") and lists:
                    lists.pop()
                elif tag == "li":
                    flow.label("")
                if tag in _BLOCK:
                    flow.end_para(heading=tag in _HEADINGS)
                style = el.get("style")
                if style and any(m.group(1).lower() == "after" for m in _BREAK_CSS.finditer(style)):
                    flow.end_para()
                    flow.page()
                self._tail(el, flow, pre)
                continue
            if not tag:  # comment or processing instruction
                self._tail(el, flow, pre)
                continue
            style = el.get("style")
            if tag in _SKIP or (style and _HIDDEN_CSS.search(style)) or el.get("hidden") is not None:
                self._tail(el, flow, pre)
                continue
            if style and any(m.group(1).lower() == "before" for m in _BREAK_CSS.finditer(style)):
                flow.end_para()
                flow.page()
            if tag == "page":
                flow.end_para()
                flow.page()
            elif tag == "br":
                flow.line()
            elif tag == "hr":
                flow.end_para()
                if self.hr_is_page:
                    flow.page()
            elif tag == "tr" and table_depth < _MAX_TABLE_DEPTH:
                self._row(el, flow, table_depth)
                self._after(el, flow, pre)
                continue
            elif tag in _BLOCK:
                flow.end_para()
            if tag == "pre":
                pre += 1
            elif tag in ("ol", "ul"):
                start = el.get("start", "1")
                lists.append([int(start) - 1 if start.strip().lstrip("-").isdigit() else 0,
                              el.get("type", "1") if tag == "ol" else None])
            elif tag == "li" and lists and lists[-1][1] is not None:
                value = el.get("value", "")
                lists[-1][0] = int(value) if value.strip().isdigit() else lists[-1][0] + 1
                flow.label(f"{list_label(lists[-1][0], lists[-1][1])}. ")
            if el.text:
                self._text(el.text, flow, pre)
            stack.append((el, 1))
            stack.extend((child, 0) for child in reversed(el))

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
            flow.text(s.translate(_INLINE_WS))
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
            loose.text(tr.text.translate(_INLINE_WS))
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
                loose.text(child.tail.translate(_INLINE_WS))
        if loose.paragraphs():
            cells.insert(0, loose)
        emit_row(flow, [c.items for c in cells])


def emit_row(flow: Flow, cells: list[list[str | Break]]) -> None:
    """A table row: one " | " line, or (a layout table) the cells' paragraphs in order."""
    broken = any(isinstance(it, Break) for c in cells for it in c)
    layout = broken and any(sum(1 for it in c if isinstance(it, str)) > 1 for c in cells)
    for c in cells:
        paras = [it for it in c if isinstance(it, str)]
        if len(paras) > 1 and sum(map(len, paras)) > _LAYOUT_CELL_CHARS:
            layout = True
    if layout:
        flow.end_para()
        for c in cells:
            flow.extend(c)
        return
    if broken:
        flow.end_para()
        flow.page()
    flow.row([" ".join(it for it in c if isinstance(it, str)) for c in cells])


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
