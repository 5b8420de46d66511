"""HTML evidence view: one self-contained page a reviewer can open offline.

For each document: the label, confidence and reasons, the details (carve-outs,
springing triggers, caps, guarantors, governing law), every evidence clause
highlighted inside its paragraph (a colour per kind; decisive clauses marked;
clauses set aside dimmed, with the note that says why) and, for PDFs, images of
the pages that hold evidence with the evidence boxes drawn on them.

The writer receives only Analysis records. To show the paragraph around a clause
it re-reads the source file (when it still exists and its sha256 matches) and checks
that every clause's offsets still point at its text; otherwise the clause is shown
alone. Page images are rendered with pypdfium2 and boxes drawn with Pillow, embedded
as PNG data URIs. Several documents get an index table linking to each section.

Every string that comes from a document (text, file names, metadata, notes) goes
through `html.escape`; the page loads nothing from outside and runs no script.
"""

from __future__ import annotations

import base64
import html
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from analyzer.results import Analysis, Evidence

MAX_IMAGES = 10  # page images per document
MAX_IMAGES_TOTAL = 100  # page images per report (a folder of many PDFs stays openable)
CONTEXT_CHARS = 1200  # at most this much paragraph text either side of a clause
RESOLUTION = 100  # dpi of page images
_CUT_OUT_OF_RANGE = "\u2026"

# kind -> (highlight background, box/border colour)
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "exculpation": ("#a8e6cf", "#1b8a5a"),
    "no_personal_liability": ("#b8f0b0", "#2e8b22"),
    "deficiency_barred": ("#d4f5a0", "#6a9a10"),
    "limited_recourse": ("#a8d8ff", "#1f6fb8"),
    "recourse_cap": ("#d3c2ff", "#6a3fd0"),
    "carve_out": ("#ffe45c", "#c99700"),
    "springing_recourse": ("#ffb8dc", "#c2267a"),
    "personal_liability": ("#ffb3b3", "#c62828"),
    "deficiency_allowed": ("#ffc999", "#d2691e"),
    "promise_to_pay": ("#ffd9b8", "#b8652a"),
    "guaranty": ("#e3cfb5", "#8b5a2b"),
    "without_recourse_transfer": ("#d6d6d6", "#666666"),
    "recourse_title": ("#b3ecf5", "#00838f"),
    "governing_law": ("#dcdcf5", "#4a4a9a"),
}
_DEFAULT_COLOURS = ("#eeeeee", "#777777")
LABEL_COLOURS = {"recourse": "#c62828", "limited-recourse": "#c77800", "non-recourse": "#2e7d32"}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _css_class(kind: str) -> str:
    return "k-" + re.sub(r"[^a-z0-9_]", "_", kind.lower())


def _colours(kind: str) -> tuple[str, str]:
    return KIND_COLOURS.get(kind, _DEFAULT_COLOURS)


CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#222;
background:#f4f5f7}
main{max-width:1220px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:19px;margin:0 0 8px;word-break:break-all}
h3{font-size:15px;margin:18px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:#555}
section.doc{background:#fff;border:1px solid #dde;border-radius:8px;padding:16px 20px;margin:0 0 24px}
.label{display:inline-block;color:#fff;font-weight:700;padding:2px 10px;border-radius:12px;font-size:14px}
.conf{margin-left:8px;font-weight:600}.meta{color:#666;font-size:13px;margin:4px 0}
.error{color:#b00020;font-weight:600}.warn{color:#8a5a00}
ul.reasons{margin:4px 0 0 0;padding-left:20px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;
font-size:14px}
th{background:#f0f1f4}table.details th{width:170px}
.legend span.key{display:inline-block;margin:2px 8px 2px 0;padding:1px 6px;border-radius:3px;font-size:12px;
border:1px solid rgba(0,0,0,.15)}
.para{white-space:pre-wrap;background:#fcfcfd;border-left:3px solid #ccd;padding:8px 12px;margin:8px 0 2px;
font-family:Georgia,"Times New Roman",serif;font-size:15px}
mark{padding:1px 0;border-radius:2px;color:inherit}
mark.dec{outline:2px solid #222;outline-offset:0}
mark.aside{opacity:.45;text-decoration:line-through;text-decoration-color:rgba(0,0,0,.35)}
.tag{font:600 11px system-ui,sans-serif;padding:0 4px;border-radius:3px;margin-right:3px;vertical-align:1px;
border:1px solid rgba(0,0,0,.25);white-space:nowrap}
.tag.aside{opacity:.5}.star{color:#b00020}
ul.evmeta{margin:2px 0 10px;padding-left:20px;font-size:13px;color:#444}ul.evmeta li.aside{color:#888}
.note{font-style:italic}
.pages{display:flex;flex-wrap:wrap;gap:14px}
figure{margin:0;background:#fff;border:1px solid #ccd;padding:6px;width:560px}
figure img{width:100%;height:auto;display:block}figcaption{font-size:12px;color:#555;margin-top:4px}
a{color:#1f5fb8}.small{font-size:12px;color:#777}
"""


def _legend_css() -> str:
    rules = [f".{_css_class(k)}{{background:{bg}}}" for k, (bg, _s) in KIND_COLOURS.items()]
    rules.append(f"mark,.tag{{background:{_DEFAULT_COLOURS[0]}}}")
    # the default first, so a kind's own colour wins
    return rules[-1] + "\n" + "\n".join(rules[:-1])


# ---------------------------------------------------------------------------------------------- sources


@dataclass
class _Source:
    text: str | None = None
    pdf: Path | None = None
    note: str | None = None


def _load_source(r: Analysis, options: dict) -> _Source:
    """The document text (when it can be re-read faithfully) and the PDF path (for page images)."""
    p = Path(r.path)
    try:
        if not p.is_file():
            return _Source(note="source file not available: clauses are shown without their paragraphs")
    except OSError:
        return _Source(note="source file not available")
    pdf = p if (r.format == "pdf" or p.suffix.lower() == ".pdf") else None
    if r.ocr_pages:
        return _Source(pdf=pdf, note="OCR'd document: clauses are shown without re-reading the file")
    try:
        from analyzer.readers import ReadOptions, read_path

        opts = {k: v for k, v in (options or {}).items() if k in ("password", "engine", "ocr")}
        opts["ocr"] = "never"
        doc = read_path(p, ReadOptions(**opts))
    except Exception as exc:  # a reviewer's view never fails a batch
        return _Source(pdf=pdf, note=f"could not re-read the file ({type(exc).__name__}): clauses shown alone")
    if r.sha256 and doc.sha256 and doc.sha256 != r.sha256:
        return _Source(pdf=None, note="the file changed since it was analyzed: clauses shown alone, no page images")
    return _Source(text=doc.text, pdf=pdf)


# ------------------------------------------------------------------------------------------- paragraphs


def _bounds(text: str, start: int, end: int, limit: int) -> tuple[int, int, bool, bool]:
    """The paragraph around text[start:end], clipped to `limit` characters either side."""
    p0 = text.rfind("\n\n", 0, start)
    p0 = 0 if p0 < 0 else p0 + 2
    p1 = text.find("\n\n", end)
    p1 = len(text) if p1 < 0 else p1
    cut0 = cut1 = False
    if start - p0 > limit:
        sp = text.find(" ", start - limit, start)
        p0, cut0 = (sp + 1 if sp >= 0 else start - limit), True
    if p1 - end > limit:
        sp = text.rfind(" ", end, end + limit)
        p1, cut1 = (sp if sp >= 0 else end + limit), True
    return p0, p1, cut0, cut1


@dataclass
class _Group:
    start: int
    end: int
    cut0: bool
    cut1: bool
    items: list[tuple[int, Evidence]]


def _groups(text: str, located: list[tuple[int, Evidence]], limit: int) -> list[_Group]:
    out: list[_Group] = []
    for n, e in sorted(located, key=lambda x: (x[1].start, x[1].end)):
        p0, p1, c0, c1 = _bounds(text, e.start, e.end, limit)
        if out and p0 < out[-1].end:
            g = out[-1]
            if p1 > g.end:
                g.end, g.cut1 = p1, c1
            g.items.append((n, e))
        else:
            out.append(_Group(p0, p1, c0, c1, [(n, e)]))
    return out


def _primary(covering: list[tuple[int, Evidence]]) -> tuple[int, Evidence]:
    # decisive first, then counted over set aside, then the innermost (shortest) clause
    return min(covering, key=lambda x: (not x[1].decisive, x[1].note is not None, x[1].end - x[1].start))


def _tag(anchor: str, n: int, e: Evidence) -> str:
    cls = f"tag {_css_class(e.kind)}" + (" aside" if e.note else "")
    star = '<span class="star" title="decisive">&#9733;</span>' if e.decisive else ""
    return f'<span class="{cls}" id="{esc(anchor)}-ev{n}">#{n} {esc(e.kind)}{star}</span>'


def _mark(seg: str, covering: list[tuple[int, Evidence]]) -> str:
    _n, e = _primary(covering)
    cls = [_css_class(e.kind)]
    if any(x.decisive for _, x in covering):
        cls.append("dec")
    if all(x.note for _, x in covering):
        cls.append("aside")
    title = "; ".join(f"#{n} {x.kind} ({x.polarity})" + (" decisive" if x.decisive else "")
                      + (f" set aside: {x.note}" if x.note else "") for n, x in covering)
    return f'<mark class="{" ".join(cls)}" title="{esc(title)}">{esc(seg)}</mark>'


def _render_paragraph(text: str, g: _Group, anchor: str) -> str:
    points = {g.start, g.end}
    for _n, e in g.items:
        points.add(max(g.start, min(e.start, g.end)))
        points.add(max(g.start, min(e.end, g.end)))
    cuts = sorted(points)
    parts = [_CUT_OUT_OF_RANGE + " " if g.cut0 else ""]
    for a, b in zip(cuts, cuts[1:], strict=False):
        for n, e in g.items:
            if e.start == a:
                parts.append(_tag(anchor, n, e))
        covering = [(n, e) for n, e in g.items if e.start <= a and b <= e.end]
        seg = text[a:b]
        parts.append(_mark(seg, covering) if covering else esc(seg))
    if g.cut1:
        parts.append(" " + _CUT_OUT_OF_RANGE)
    return '<div class="para">' + "".join(parts) + "</div>"


def _alone(anchor: str, n: int, e: Evidence) -> str:
    return f'<div class="para">{_tag(anchor, n, e)}{_mark(e.text, [(n, e)])}</div>'


def _evmeta(items: list[tuple[int, Evidence]]) -> str:
    lis = []
    for n, e in items:
        bits = [f"<b>#{n}</b> {esc(e.kind)}" + (' <b class="star">decisive</b>' if e.decisive else ""),
                esc(e.polarity)]
        if e.page:
            bits.append(f"p. {esc(e.page)}")
        if e.section:
            bits.append(esc(e.section))
        if e.cue:
            bits.append(f"cue &ldquo;{esc(e.cue)}&rdquo;")
        if e.scope:
            bits.append(f"scope {esc(e.scope)}" + (f" (&ldquo;{esc(e.scope_cue)}&rdquo;)" if e.scope_cue else ""))
        if e.categories:
            bits.append("categories: " + esc(", ".join(e.categories)))
        if e.triggers:
            bits.append("triggers: " + esc(", ".join(e.triggers)))
        if e.protected_parties:
            bits.append("protects: " + esc(", ".join(e.protected_parties)))
        bits.append(f'<span class="small">rule {esc(e.rule)}, score {e.score:.2f}</span>')
        line = " &middot; ".join(bits)
        if e.note:
            line += f' &mdash; <span class="note">set aside: {esc(e.note)}</span>'
        lis.append(f'<li{" class=aside" if e.note else ""}>{line}</li>')
    return '<ul class="evmeta">' + "".join(lis) + "</ul>"


def render_evidence(r: Analysis, src: _Source, anchor: str, limit: int = CONTEXT_CHARS) -> str:
    numbered = list(enumerate(r.evidence, 1))
    text = src.text
    located = [(n, e) for n, e in numbered
               if text is not None and 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text]
    ids = {n for n, _ in located}
    alone = [(n, e) for n, e in numbered if n not in ids]
    blocks: list[tuple[int, str]] = []
    for g in _groups(text, located, limit) if text is not None else []:
        blocks.append((g.start, _render_paragraph(text, g, anchor) + _evmeta(g.items)))
    for n, e in alone:
        blocks.append((e.start, _alone(anchor, n, e) + _evmeta([(n, e)])))
    blocks.sort(key=lambda b: b[0])
    return "\n".join(b for _, b in blocks)


# ------------------------------------------------------------------------------------------ page images


def _pages_to_draw(r: Analysis, limit: int) -> dict[int, list[tuple[int, Evidence, tuple]]]:
    by_page: dict[int, list[tuple[int, Evidence, tuple]]] = {}
    for n, e in enumerate(r.evidence, 1):
        boxes = [(b.page, b.bbox) for b in e.boxes] or ([(e.page, e.bbox)] if e.page and e.bbox else [])
        for page, bbox in boxes:
            by_page.setdefault(page, []).append((n, e, bbox))
    rank = sorted(by_page, key=lambda p: (not any(e.decisive for _, e, _b in by_page[p]),
                                          all(e.note for _, e, _b in by_page[p]), p))
    keep = sorted(rank[:limit])
    return {p: by_page[p] for p in keep}


def _png_data_uri(img) -> str:
    from PIL import Image

    buf = io.BytesIO()
    # a 64-colour palette: 4x smaller than RGB and, with the fast octree, quicker to encode
    img.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _hex(c: str, alpha: int) -> tuple[int, int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16), alpha


def _draw(img, page_w: float, page_h: float, items: list[tuple[int, Evidence, tuple]]):
    from PIL import Image, ImageDraw, ImageFont

    img = img.convert("RGBA")
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    sx, sy = img.width / page_w, img.height / page_h
    try:
        font = ImageFont.load_default(size=11)  # scalable when Pillow has FreeType
    except (TypeError, OSError, ImportError):
        font = ImageFont.load_default()
    labelled: set[int] = set()
    for n, e, (x0, top, x1, bottom) in items:
        _bg, stroke = _colours(e.kind)
        alpha_fill, alpha_line = (30, 110) if e.note else (70, 255)
        rect = (x0 * sx - 2, top * sy - 2, x1 * sx + 2, bottom * sy + 2)
        draw.rectangle(rect, fill=_hex(stroke, alpha_fill), outline=_hex(stroke, alpha_line),
                       width=3 if e.decisive else 2)
        if n not in labelled:
            labelled.add(n)
            tx = max(1, rect[0] - 24)
            draw.rectangle((tx, rect[1], tx + 20, rect[1] + 14), fill=_hex(stroke, alpha_line))
            draw.text((tx + 10, rect[1] + 7), f"{n}", fill=(255, 255, 255, 255), font=font, anchor="mm")
    return Image.alpha_composite(img, overlay)


def render_page_images(pdf: Path, r: Analysis, options: dict, limit: int) -> tuple[list[str], str | None]:
    """<figure> elements for up to `limit` pages that hold evidence, and a note when some were left out."""
    pages = _pages_to_draw(r, limit)
    if not pages:
        return [], None
    total = len({b.page for e in r.evidence for b in e.boxes})
    note = f"{total - len(pages)} more page(s) with evidence not shown" if total > len(pages) else None
    import pypdfium2 as pdfium

    figures = []
    pdfdoc = pdfium.PdfDocument(str(pdf), password=(options or {}).get("password"))
    try:
        for number, items in pages.items():
            if not 1 <= number <= len(pdfdoc):
                continue
            page = pdfdoc[number - 1]
            try:
                w, h = page.get_size()
                img = page.render(scale=RESOLUTION / 72).to_pil()
            finally:
                page.close()
            uri = _png_data_uri(_draw(img, w, h, items))
            clauses = sorted({n for n, _e, _b in items})
            caption = f"Page {number}: clause(s) " + ", ".join(f"#{n}" for n in clauses)
            figures.append(f'<figure><img src="{uri}" alt="page {number} with evidence boxes" '
                           f'width="{img.width}" height="{img.height}"><figcaption>{esc(caption)}</figcaption>'
                           "</figure>")
    finally:
        pdfdoc.close()
    return figures, note


# -------------------------------------------------------------------------------------------- documents


def _label_badge(r: Analysis) -> str:
    if r.label is None:
        return '<span class="label" style="background:#777">ERROR</span>'
    value = r.label.value
    badge = f'<span class="label" style="background:{LABEL_COLOURS.get(value, "#555")}">{esc(value.upper())}</span>'
    if r.confidence is not None:
        badge += f'<span class="conf">confidence {r.confidence:.2f}</span>'
    return badge


def _details(r: Analysis) -> str:
    d = r.details
    rows = []

    def row(name: str, values: list[str] | str | None) -> None:
        if values:
            shown = values if isinstance(values, str) else ", ".join(values)
            rows.append(f"<tr><th>{esc(name)}</th><td>{esc(shown)}</td></tr>")

    row("Carve-outs", d.carve_outs)
    row("Springing recourse on", d.springing_triggers)
    row("Caps", [" / ".join(x for x in (c.amount, f"{c.percent:g}%" if c.percent is not None else None) if x)
                 for c in d.caps])
    row("Guarantors", d.guarantors)
    row("Governing law", d.governing_law)
    row("Protected parties", d.protected_parties)
    if not rows:
        return '<p class="meta">No carve-outs, springing triggers, caps, guarantors or governing law found.</p>'
    return '<table class="details">' + "".join(rows) + "</table>"


def _legend(r: Analysis) -> str:
    kinds = sorted({e.kind for e in r.evidence})
    keys = "".join(f'<span class="key {_css_class(k)}">{esc(k)}</span>' for k in kinds)
    return (f'<div class="legend">{keys}<span class="key" style="background:#fff;outline:2px solid #222">'
            'decisive &#9733;</span><span class="key" style="background:#eee;opacity:.5;'
            'text-decoration:line-through">set aside</span></div>')


def render_document(r: Analysis, anchor: str, options: dict | None = None, max_images: int = MAX_IMAGES,
                    limit: int = CONTEXT_CHARS) -> tuple[str, int]:
    """One document's <section>, and how many page images it holds."""
    out = [f'<section class="doc" id="{esc(anchor)}">', f"<h2>{esc(r.path)}</h2>", f"<div>{_label_badge(r)}</div>"]
    meta = [f"format {esc(r.format)}" if r.format else None, f"{r.pages} page(s)" if r.pages else None,
            f"sha256 {esc(r.sha256[:16])}&hellip;" if r.sha256 else None,
            f"OCR pages {esc(', '.join(map(str, r.ocr_pages)))}" if r.ocr_pages else None,
            f"{r.seconds:.2f} s" if r.seconds is not None else None, f"schema {esc(r.schema_version)}"]
    out.append('<p class="meta">' + " &middot; ".join(m for m in meta if m) + "</p>")
    if r.error:
        code = f" ({esc(r.error_code)})" if r.error_code else ""
        out.append(f'<p class="error">Error{code}: {esc(r.error)}</p>')
    for w in r.warnings:
        out.append(f'<p class="warn">warning: {esc(w)}</p>')
    if r.error:
        out.append("</section>")
        return "\n".join(out), 0
    out.append("<h3>Reasons</h3><ul class=reasons>" + "".join(f"<li>{esc(x)}</li>" for x in r.reasons) + "</ul>")
    decisive = [(n, e) for n, e in enumerate(r.evidence, 1) if e.decisive]
    if decisive:
        out.append('<p class="meta">Decisive clauses: ' + ", ".join(
            f'<a href="#{esc(anchor)}-ev{n}">#{n} {esc(e.kind)}' + (f" p. {e.page}" if e.page else "") + "</a>"
            for n, e in decisive) + "</p>")
    out.append("<h3>Details</h3>" + _details(r))
    images = 0
    if r.evidence:
        src = _load_source(r, options or {})
        out.append("<h3>Evidence in context</h3>" + _legend(r))
        if src.note:
            out.append(f'<p class="meta">{esc(src.note)}</p>')
        out.append(render_evidence(r, src, anchor, limit))
        if src.pdf is not None and max_images > 0:
            try:
                figures, note = render_page_images(src.pdf, r, options or {}, max_images)
            except Exception as exc:  # page images are a convenience; never fail the report
                figures, note = [], f"page images unavailable ({type(exc).__name__})"
            if figures or note:
                out.append("<h3>Pages with evidence</h3>")
            if note:
                out.append(f'<p class="meta">{esc(note)}</p>')
            if figures:
                out.append('<div class="pages">' + "".join(figures) + "</div>")
            images = len(figures)
    else:
        out.append('<p class="meta">No clause about recourse was found.</p>')
    out.append("</section>")
    return "\n".join(out), images


# ----------------------------------------------------------------------------------------------- writer


class HtmlWriter:
    """Collects document sections (spooled to a temporary file) and writes the page on close."""

    def __init__(self, out: TextIO, options: dict | None = None, max_images: int = MAX_IMAGES,
                 max_images_total: int = MAX_IMAGES_TOTAL, context_chars: int = CONTEXT_CHARS) -> None:
        self.out = out
        self.options = options or {}
        self.max_images = max_images
        self.images_left = max_images_total
        self.context_chars = context_chars
        self.rows: list[str] = []
        self.counts: dict[str, int] = {}
        self.first: Analysis | None = None
        self.body = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8")

    def write(self, result: Analysis) -> None:
        n = len(self.rows) + 1
        anchor = f"doc{n}"
        section, used = render_document(result, anchor, self.options, min(self.max_images, self.images_left),
                                        self.context_chars)
        self.images_left -= used
        self.body.write(section + "\n")
        if self.first is None:
            self.first = result
        key = "error" if result.error or result.label is None else result.label.value
        self.counts[key] = self.counts.get(key, 0) + 1
        if result.error:
            label, conf, top = '<span class="error">error</span>', "", esc(result.error)
        else:
            colour = LABEL_COLOURS.get(result.label.value, "#555")
            label = f'<b style="color:{colour}">{esc(result.label.value)}</b>'
            conf = f"{result.confidence:.2f}" if result.confidence is not None else ""
            top = esc(result.reasons[0]) if result.reasons else ""
        self.rows.append(f'<tr><td>{n}</td><td><a href="#{anchor}">{esc(result.path)}</a></td><td>{label}</td>'
                         f"<td>{conf}</td><td>{esc(result.pages or '')}</td><td>{top}</td></tr>")

    def close(self) -> None:
        many = len(self.rows) != 1
        title = "Recourse analysis" + ("" if many or self.first is None else f": {Path(self.first.path).name}")
        self.out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                       '<meta name="viewport" content="width=device-width, initial-scale=1">'
                       f"<title>{esc(title)}</title><style>{CSS}{_legend_css()}</style></head><body><main>\n"
                       f"<h1>{esc(title)}</h1>\n")
        if many:
            summary = ", ".join(f"{v} {esc(k)}" for k, v in sorted(self.counts.items()))
            self.out.write(f'<p class="meta">{len(self.rows)} document(s){": " + summary if summary else ""}</p>\n'
                           "<table class=index><tr><th>#</th><th>document</th><th>label</th><th>confidence</th>"
                           "<th>pages</th><th>top reason</th></tr>\n" + "\n".join(self.rows) + "</table>\n<br>\n")
        self.body.seek(0)
        shutil.copyfileobj(self.body, self.out)
        self.body.close()
        self.out.write('<p class="small">recourse-analyzer: self-contained report, no external resources.</p>'
                       "</main></body></html>\n")
        self.out.flush()


def make_writer(fmt: str, out: TextIO, options: dict | None = None, max_images: int = MAX_IMAGES, **_kw) -> HtmlWriter:
    return HtmlWriter(out, options=options, max_images=max_images)
