"""HTML report from Jinja2 templates (autoescaped): one page per document, and an index for several.

Renders from `Analysis` records alone. Pictures of the pages that hold evidence come through one narrow
call, `page_images(path, pages, sha256) -> {page: PageImage}` (analyzer.readers.page_images by default:
the sha256 of the record keeps boxes off a file that changed since); this
module never opens a source document. Each picture is drawn at 2x, clipped around the evidence, and the
evidence lines are laid over it as highlight and box elements in PDF-point percentages, so the browser
draws them sharp at any zoom; carve-outs get a box of their own.

Written to a file (`-o report.html`), several documents give report.html (the index, with a copy sorted by
label and one by confidence in report_files/) and report_files/NNN-name.html per document. On stdout,
where no second file can go, the index and the documents share one page. Every page carries a content
security policy that allows no script and no outside resource.
"""

from __future__ import annotations

import base64
import io
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from analyzer import words
from analyzer.results import Analysis, Evidence

MAX_IMAGES = 10  # page pictures per document
MARGIN = 28.0  # points of page kept around the evidence in a clipped picture
# (path, pages, sha256 of the file that was analyzed or None) -> {page: PageImage}
PageImages = Callable[[str, list[int], str | None], dict[int, Any]]

# kind -> (highlight background, edge colour); a kind not listed gets DEFAULT_COLOURS
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
DEFAULT_COLOURS = ("#eeeeee", "#777777")
LABEL_ORDER = {"recourse": 0, "limited-recourse": 1, "non-recourse": 2, "not-a-loan": 3}


def kind_class(kind: str) -> str:
    return "k-" + re.sub(r"[^a-z0-9_-]", "_", kind.lower())


def label_class(r: Analysis) -> str:
    return "l-error" if r.error or r.label is None else "l-" + r.label.value


def _meta(r: Analysis) -> str:
    bits = [f"{r.pages} page{'s' if r.pages != 1 else ''}" if r.pages else None,
            f"format {r.format}" if r.format else None,
            f"OCR pages {', '.join(map(str, r.ocr_pages))}" if r.ocr_pages else None,
            f"sha256 {r.sha256[:16]}…" if r.sha256 else None,
            f"{r.seconds:.2f} s" if r.seconds is not None else None, f"schema {r.schema_version}"]
    return " · ".join(b for b in bits if b)


def evidence_groups(r: Analysis) -> list[tuple[str, list[tuple[int, Evidence]]]]:
    """The numbered clauses in three groups, those that decided first; numbers stay those of the record."""
    numbered = list(enumerate(r.evidence, 1))
    groups = [("Clauses that decided the label", [(n, e) for n, e in numbered if e.decisive]),
              ("Other clauses found", [(n, e) for n, e in numbered if not e.decisive and not e.note]),
              ("Read but not counted", [(n, e) for n, e in numbered if not e.decisive and e.note])]
    return [(title, items) for title, items in groups if items]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("recourse-analyzer")
    except PackageNotFoundError:
        return ""


def environment() -> Environment:
    env = Environment(loader=PackageLoader("analyzer", "render/templates"),
                      autoescape=select_autoescape(["html"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(verdict=words.verdict, plain=words.plain, where=words.where, humanize=words.humanize,
                       evidence_title=words.evidence_title, details_rows=words.details_rows, kind_class=kind_class,
                       label_class=label_class, meta=_meta, evidence_groups=evidence_groups,
                       kind_colours=[(kind_class(k), c) for k, c in KIND_COLOURS.items()], version=_version(),
                       default_colours=DEFAULT_COLOURS)
    return env


# -------------------------------------------------------------------------------------------- pictures


@dataclass
class Box:
    cls: str
    left: float
    top: float
    width: float
    height: float
    title: str


@dataclass
class Figure:
    page: int
    uri: str
    width: int
    height: int
    boxes: list[Box]
    caption: str


def _boxes_by_page(r: Analysis) -> dict[int, list[tuple[int, Evidence, tuple[float, float, float, float]]]]:
    by_page: dict[int, list] = {}
    for n, e in enumerate(r.evidence, 1):
        boxes = [(b.page, b.bbox) for b in e.boxes] or ([(e.page, e.bbox)] if e.page and e.bbox else [])
        boxes += [(b.page, b.bbox) for item in e.items for b in item.boxes]  # each listed carve-out boxed too
        for page, bbox in boxes:
            by_page.setdefault(page, []).append((n, e, bbox))
    return by_page


def pages_to_draw(r: Analysis, limit: int = MAX_IMAGES) -> list[int]:
    """Up to `limit` pages with evidence: those with decisive clauses first, then counted ones; in page order."""
    by_page = _boxes_by_page(r)
    rank = sorted(by_page, key=lambda p: (not any(e.decisive for _, e, _b in by_page[p]),
                                          all(e.note for _, e, _b in by_page[p]), p))
    return sorted(rank[:limit])


def _png_uri(img: Any) -> str:
    from PIL import Image

    buf = io.BytesIO()
    # a 64-colour palette keeps black text on white crisp at a quarter of the RGB size
    img.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def figure(page: int, picture: Any, items: list[tuple[int, Evidence, tuple]], margin: float = MARGIN) -> Figure:
    """The part of the page around its evidence, with a highlight per line and a box per carve-out line."""
    w, h = picture.width, picture.height
    x0 = max(0.0, min(b[0] for _n, _e, b in items) - margin)
    y0 = max(0.0, min(b[1] for _n, _e, b in items) - margin)
    x1 = min(w, max(b[2] for _n, _e, b in items) + margin)
    y1 = min(h, max(b[3] for _n, _e, b in items) + margin)
    img = picture.image
    sx, sy = img.width / w, img.height / h
    clip = img.crop((int(x0 * sx), int(y0 * sy), int(x1 * sx + 0.5), int(y1 * sy + 0.5)))
    cw, ch = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    boxes = []
    for n, e, (bx0, btop, bx1, bbottom) in items:
        pct = {"left": round((bx0 - 1.5 - x0) / cw * 100, 3), "top": round((btop - 1.5 - y0) / ch * 100, 3),
               "width": round((bx1 - bx0 + 3) / cw * 100, 3), "height": round((bbottom - btop + 3) / ch * 100, 3)}
        title = f"#{n} {words.evidence_title(e)}" + (" (not counted)" if e.note else "")
        boxes.append(Box(cls=f"hl {kind_class(e.kind)}", title=title, **pct))
        if e.kind == "carve_out":
            boxes.append(Box(cls=f"box {kind_class(e.kind)}" + (" dec" if e.decisive else ""), title=title, **pct))
    shown = sorted({n for n, _e, _b in items})
    caption = "clauses " + ", ".join(f"#{n}" for n in shown) if len(shown) > 1 else f"clause #{shown[0]}"
    return Figure(page=page, uri=_png_uri(clip), width=clip.width, height=clip.height, boxes=boxes,
                  caption=caption)


def figures(r: Analysis, page_images: PageImages | None, limit: int = MAX_IMAGES) -> tuple[list[Figure], str | None]:
    """Figures for the pages worth showing, and a note when some are missing."""
    by_page = _boxes_by_page(r)
    if r.error or not by_page or page_images is None or limit <= 0:
        return [], None
    wanted = pages_to_draw(r, limit)
    try:
        pictures = page_images(r.path, wanted, r.sha256)
    except Exception as exc:  # noqa: BLE001 - pictures are a convenience; the report goes on without them
        return [], f"page pictures unavailable ({type(exc).__name__})"
    out = [figure(p, pictures[p], by_page[p]) for p in wanted if p in pictures]
    if not out:
        return [], "page pictures unavailable: the file is gone, changed since it was analyzed, or not a PDF"
    left = len(by_page) - len(out)
    return out, (f"{left} more page{'s' if left != 1 else ''} with evidence not pictured" if left > 0 else None)


# ----------------------------------------------------------------------------------------------- writer


def _slug(path: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).name).strip("-.")[:60]
    return stem or "document"


def _html_path(p: str | Path) -> Path | None:
    p = Path(p)
    return p if p.suffix.lower() in (".html", ".htm") else None


def _file_target(out: TextIO) -> Path | None:
    """The report's own path when `out` is a named .html file, so that pages can be written beside it.

    Only a guess, for callers that hand over an open file; the batch says `target` (it may write through a
    temporary file that is renamed at the end)."""
    name = getattr(out, "name", None)
    if not isinstance(name, str) or name.startswith("<"):
        return None
    return _html_path(name)


SORT_KEYS = {"name": lambda r: (r.path, r.n), "label": lambda r: r.order,
             "confidence": lambda r: (r.order[1], r.order[0], r.n)}


@dataclass
class _Row:
    n: int
    path: str
    href: str
    label: str
    label_class: str
    confidence: str
    pages: str
    why: str
    order: tuple  # (rank of the label, -confidence, arrival): the by-label order


class HtmlWriter:
    """A single page for one document; index plus per-document pages for several (see the module docstring)."""

    def __init__(self, out: TextIO, page_images: PageImages | None = None, max_images: int = MAX_IMAGES,
                 target: Path | None = None) -> None:
        self.out = out
        self.page_images = page_images
        self.max_images = max_images
        self.env = environment()
        self.target = _html_path(target) if target is not None else _file_target(out)
        self.rows: list[_Row] = []
        self.first: tuple[Analysis, Markup] | None = None
        self.spool = None  # stdout with several documents: sections kept here until the index is written

    @property
    def folder(self) -> Path | None:
        return self.target.with_name(self.target.stem + "_files") if self.target else None

    def section(self, r: Analysis, anchor: str) -> Markup:
        figs, note = figures(r, self.page_images, self.max_images)
        return Markup(self.env.get_template("_document.html").render(r=r, anchor=anchor, figures=figs,
                                                                      image_note=note))

    def write(self, result: Analysis) -> None:
        n = len(self.rows) + 1
        section = self.section(result, f"doc{n}")
        self.rows.append(self._row(n, result))
        if n == 1:
            self.first = (result, section)  # alone, it becomes the whole report
            return
        if n == 2:
            first, first_section = self.first
            self._place(1, first, first_section)
        self._place(n, result, section)

    def _place(self, n: int, r: Analysis, section: Markup) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = self.rows[n - 1].href.split("/", 1)[1]
            page = self.env.get_template("document.html").render(title=f"Recourse analysis: {Path(r.path).name}",
                                                                 section=section, back=f"../{self.target.name}")
            (self.folder / name).write_text(page, encoding="utf-8")
        else:
            if self.spool is None:
                self.spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
            self.spool.write(str(section) + "\n")

    def _row(self, n: int, r: Analysis) -> _Row:
        if self.target is not None:
            href = f"{self.target.stem}_files/{n:03d}-{_slug(r.path)}.html"
        else:
            href = f"#doc{n}"
        label = "error" if r.error or r.label is None else r.label.value
        conf = f"{r.confidence:.2f}" if r.confidence is not None and not r.error else ""
        why = r.error if r.error else (words.plain(r.reasons[0]) if r.reasons else "")
        order = (LABEL_ORDER.get(label, 9), -(r.confidence or 0.0), n)
        return _Row(n, r.path, href, label, label_class(r), conf, str(r.pages or ""), why, order)

    def _sections(self) -> Iterator[Markup]:
        if self.spool is None:
            return
        self.spool.seek(0)
        for line in self.spool:
            yield Markup(line)
        self.spool.close()

    def _index(self, rows: Iterable[_Row], sorts: list, sections: Iterable[Markup], prefix: str = "") -> Iterator[str]:
        rows = [_Row(**{**r.__dict__, "href": r.href if r.href.startswith("#") else prefix + r.href}) for r in rows]
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.label] = counts.get(r.label, 0) + 1
        summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items(), key=lambda kv: LABEL_ORDER.get(kv[0], 9)))
        return self.env.get_template("index.html").generate(title="Recourse analysis", rows=rows, summary=summary,
                                                            sorts=sorts, sections=sections)

    def close(self) -> None:
        if len(self.rows) == 1:
            r, section = self.first
            self.out.write(self.env.get_template("document.html").render(
                title=f"Recourse analysis: {Path(r.path).name}", section=section, back=None))
        elif self.folder is not None:
            # the index in three orders, no script needed: the report itself, and two copies beside the pages
            stem = self.target.stem
            files = {"name": self.target.name, "label": f"{stem}_files/by-label.html",
                     "confidence": f"{stem}_files/by-confidence.html"}
            for name, where in files.items():
                up = "../" if "/" in where else ""
                sorts = [(k, None if k == name else up + f) for k, f in files.items()]
                text = "".join(self._index(sorted(self.rows, key=SORT_KEYS[name]), sorts, [], prefix=up))
                if not up:
                    self.out.write(text)
                else:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    (self.target.parent / where).write_text(text, encoding="utf-8")
        else:
            for chunk in self._index(self.rows, [], self._sections()):
                self.out.write(chunk)
        self.out.flush()


def make_writer(fmt: str, out: TextIO, options: dict | None = None, max_images: int = MAX_IMAGES,
                page_images: PageImages | None = None, target: Path | None = None, **_kw) -> HtmlWriter:
    """The HTML writer; pictures from analyzer.readers.page_images unless another `page_images` is given.
    `target` is the report's path when it goes to a file: several documents then get pages beside it."""
    if page_images is None:
        from analyzer.readers.page_images import page_images as read_pages

        password = (options or {}).get("password")

        def page_images(path: str, pages: list[int], sha256: str | None) -> dict[int, Any]:
            return read_pages(path, pages, password=password, sha256=sha256)

    return HtmlWriter(out, page_images=page_images, max_images=max_images, target=target)
