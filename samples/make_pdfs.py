"""Typeset the sample loan agreements (*.txt) as PDFs and record decisive pages.

Usage (from the repository root):

    python samples/make_pdfs.py                  # samples/*.txt -> samples/*.pdf, fill labels.csv
    python samples/make_pdfs.py --scan           # same, plus an image-only scan of one sample
    python samples/make_pdfs.py SRC_DIR OUT_DIR  # typeset SRC_DIR/*.txt into OUT_DIR only

Input convention: one paragraph per line, a blank line between paragraphs, and a form
feed starts a new page. The first non-empty line is the title (running header).
Output is deterministic: identical input gives byte-identical PDFs.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import functools
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pdfplumber
import pypdfium2 as pdfium
from fpdf import FPDF

SAMPLES_DIR = Path(__file__).resolve().parent
LABELS_CSV = SAMPLES_DIR / "labels.csv"
LABEL_FIELDS = ["file", "label", "decisive_kind", "decisive_quote", "decisive_page"]
SCAN_SOURCE = "limited_cmbs_carveouts.pdf"
SCAN_NAME = "scanned_limited_cmbs_carveouts.pdf"
SCAN_DPI = 200

FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)
PAGE_W, PAGE_H = 612.0, 792.0  # US Letter in points
MARGIN = 72.0
BODY_TOP, BODY_BOTTOM = MARGIN, PAGE_H - MARGIN
BODY_W = PAGE_W - 2 * MARGIN
FONT = "Times"
BODY_SIZE, TITLE_SIZE, RUNNING_SIZE = 11.0, 14.0, 9.0
LEADING = 13.5  # baseline-to-baseline distance for body text
TITLE_LEADING = 17.0
MIN_JUSTIFY_FILL = 0.75  # lines filled less than this are set ragged, not stretched
MAX_TITLE_CHARS = 200  # a longer first line is typeset as an ordinary paragraph
NB_ALIAS = "{@total_pages@}"

# ---------------------------------------------------------------------------
# Text clean-up: core PDF fonts only cover latin-1.
# ---------------------------------------------------------------------------

_REPLACEMENTS = {
    **dict.fromkeys("\u2018\u2019\u201b\u2032\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\u2043", "-"),
    **dict.fromkeys("\u2014\u2015", "--"),
    **dict.fromkeys("\u2022\u2023\u25aa\u25cf\u00b7", "*"),
    **dict.fromkeys("\u2611\u2612", "[X]"),
    **dict.fromkeys("\u2713\u2714", "v"),
    "\u201a": ",",
    "\u2044": "/",
    "\u2026": "...",
    "\u25e6": "o",
    "\u2610": "[ ]",
    "\u20ac": "EUR",
    "\u2122": "(TM)",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "!=",
    "\u2248": "~",
    "\u00a0": " ",
    "\u00ad": "",
    "\t": " ",
}
_NEEDS_MAPPING = re.compile(r"[^\n\f\x20-\x7e\xa1-\xac\xae-\xff]")


@functools.cache
def _latin1_for(char: str) -> str:
    """Return a latin-1 (core font) stand-in for one character outside the safe set."""
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    code = ord(char)
    if 0x80 <= code <= 0x9F:  # C1 controls are usually mis-decoded cp1252 punctuation
        try:
            decoded = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return " "
        return _latin1_for(decoded) if decoded != char else " "
    category = unicodedata.category(char)
    if category == "Zs" or category in ("Zl", "Zp", "Cc"):
        return " "
    if category in ("Cf", "Mn", "Me", "Mc"):
        return ""
    parts = unicodedata.normalize("NFKD", char)
    if parts != char:
        mapped = "".join(_latin1_for(p) if _NEEDS_MAPPING.match(p) else p for p in parts)
        if mapped.strip():
            return mapped
    return "?"


def to_latin1(text: str) -> str:
    """Normalize line ends and map every character the core fonts lack to a safe stand-in."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NEEDS_MAPPING.sub(lambda m: _latin1_for(m.group()), text)


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------

_HEADING = re.compile(
    r"(?:ARTICLE|Article|SECTION|Section|EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex)"
    r"\s+[0-9IVXLC]+[0-9A-Z.()-]*(?:\s+[A-Z][^.]*)?\.?"
    r"|\d+(?:\.\d+)+\.?\s+[A-Z][^.:]{0,90}\."
)
_HAS_LETTERS = re.compile(r"[A-Z]{2}")


def is_heading(line: str) -> bool:
    """Tell whether a line is a short section/article heading or all-capitals line."""
    if len(line) > 100:
        return False
    if _HEADING.fullmatch(line):
        return True
    return line == line.upper() and bool(_HAS_LETTERS.search(line))


class Line(NamedTuple):
    """One output line: its text, natural width, space count and paragraph-end flag."""

    text: str
    width: float
    spaces: int
    last: bool


class AgreementPDF(FPDF):
    """US Letter document with the title as running header and a "Page N of M" footer."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        self.running_title = title[:MAX_TITLE_CHARS]
        self._fitted_title: str | None = None
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)  # the Typesetter breaks pages itself
        self.alias_nb_pages(NB_ALIAS)
        self.set_creation_date(FIXED_DATE)
        self.set_title(self.running_title)
        self.set_author("recourse-analyzer samples")
        self.set_creator("samples/make_pdfs.py")

    def header(self) -> None:
        """Draw the running header: the document title over a thin rule."""
        self.set_font(FONT, "I", RUNNING_SIZE)
        self.set_xy(MARGIN, 36)
        if self._fitted_title is None:
            self._fitted_title = fit_width(self, self.running_title, BODY_W)
        self.cell(BODY_W, 12, self._fitted_title, align="C")
        self.set_line_width(0.4)
        self.line(MARGIN, 51, PAGE_W - MARGIN, 51)

    def footer(self) -> None:
        """Centered "Page N of M" footer."""
        self.set_font(FONT, "", RUNNING_SIZE)
        self.set_xy(MARGIN, PAGE_H - 46)
        self.cell(BODY_W, 12, f"Page {self.page_no()} of {NB_ALIAS}", align="C")


def fit_width(pdf: FPDF, text: str, width: float) -> str:
    """Shorten text with a trailing '...' until it fits in width at the current font."""
    text = text[:400]
    if pdf.get_string_width(text) <= width:
        return text
    cut = len(text)
    while cut > 0 and pdf.get_string_width(text[:cut] + "...") > width:
        cut -= max(1, cut // 20)
    return text[: max(cut, 0)].rstrip() + "..."


class Typesetter:
    """Greedy word-wrapping paragraph writer (much faster than FPDF.multi_cell)."""

    def __init__(self, pdf: AgreementPDF) -> None:
        self.pdf = pdf
        self.y = BODY_TOP
        self.page_has_body = False
        self.gap_pending = False
        self._word_widths: dict[tuple[str, float], dict[str, float]] = {}

    def new_page(self) -> None:
        """Start a page and reset the cursor to the top of the body area."""
        self.pdf.add_page()
        self.y = BODY_TOP
        self.page_has_body = False
        self.gap_pending = False

    def blank_line(self) -> None:
        """Leave one empty line before the next paragraph (not at a page top)."""
        self.gap_pending = self.page_has_body

    def form_feed(self) -> None:
        """Continue on a fresh page unless the current one is still empty."""
        if self.page_has_body:
            self.new_page()

    def paragraph(
        self,
        text: str,
        style: str = "",
        size: float = BODY_SIZE,
        align: str = "J",
        leading: float = LEADING,
        keep_lines: int = 1,
    ) -> None:
        """Write one paragraph; keep_lines lines of room are required before it starts."""
        words = text.split()
        if not words:
            self.blank_line()
            return
        if self.gap_pending:
            self.y += leading
            self.gap_pending = False
        if self.y + keep_lines * leading > BODY_BOTTOM:
            self.new_page()
        pdf = self.pdf
        if pdf.font_family != FONT.lower() or pdf.font_style != style or pdf.font_size_pt != size:
            pdf.set_font(FONT, style, size)
        for line in self._wrap(words, style, size):
            if self.y + leading > BODY_BOTTOM:
                self.new_page()
                pdf.set_font(FONT, style, size)
            self._draw(line, size, align, leading)
            self.y += leading
        self.page_has_body = True

    def _width_table(self, style: str, size: float) -> dict[str, float]:
        key = (style, size)
        if key not in self._word_widths:
            self._word_widths[key] = {}
        return self._word_widths[key]

    def _wrap(self, words: list[str], style: str, size: float) -> list[Line]:
        cw = self.pdf.current_font.cw
        scale = size / 1000.0
        cache = self._width_table(style, size)

        def width(word: str) -> float:
            w = cache.get(word)
            if w is None:
                w = sum(map(cw.__getitem__, word)) * scale
                if len(cache) < 200_000:
                    cache[word] = w
            return w

        space = cw[" "] * scale
        lines: list[Line] = []
        current: list[str] = []
        current_w = 0.0
        for word in words:
            w = width(word)
            if w > BODY_W:  # an unbreakable token wider than the line: cut it up
                pieces = self._chop(word, cw, scale)
                if current:
                    lines.append(Line(" ".join(current), current_w, len(current) - 1, False))
                    current, current_w = [], 0.0
                lines.extend(Line(p, pw, 0, False) for p, pw in pieces[:-1])
                word, w = pieces[-1]
            if current and current_w + space + w > BODY_W + 1e-6:
                lines.append(Line(" ".join(current), current_w, len(current) - 1, False))
                current, current_w = [word], w
            else:
                current_w = current_w + space + w if current else w
                current.append(word)
        if current:
            lines.append(Line(" ".join(current), current_w, len(current) - 1, True))
        return lines

    @staticmethod
    def _chop(word: str, cw: dict[str, float], scale: float) -> list[tuple[str, float]]:
        pieces: list[tuple[str, float]] = []
        start, acc = 0, 0.0
        for i, char in enumerate(word):
            cw_char = cw[char] * scale
            if acc + cw_char > BODY_W and i > start:
                pieces.append((word[start:i], acc))
                start, acc = i, 0.0
            acc += cw_char
        pieces.append((word[start:], acc))
        return pieces

    def _draw(self, line: Line, size: float, align: str, leading: float) -> None:
        pdf = self.pdf
        baseline = self.y + 0.5 * (leading + size) - 0.15 * size
        x = MARGIN
        if align == "C":
            x += (BODY_W - line.width) / 2
        stretch = align == "J" and not line.last and line.spaces > 0 and line.width >= MIN_JUSTIFY_FILL * BODY_W
        if stretch:
            # fpdf2 has no public word-spacing call; emit the PDF "Tw" operator directly.
            pdf._out(f"{(BODY_W - line.width) / line.spaces * pdf.k:.3f} Tw")
            pdf.text(x, baseline, line.text)
            pdf._out("0 Tw")
        else:
            pdf.text(x, baseline, line.text)


def first_line(text: str) -> str:
    """Return the first non-empty line, whitespace-collapsed (the document title)."""
    for raw in re.split(r"[\n\f]", text):
        line = " ".join(raw.split())
        if line:
            return line
    return "(untitled)"


def typeset_text(text: str, out_path: Path) -> int:
    """Typeset one agreement into out_path and return its page count."""
    text = to_latin1(text)
    title = first_line(text)
    pdf = AgreementPDF(title)
    setter = Typesetter(pdf)
    setter.new_page()
    title_pending = len(title) <= MAX_TITLE_CHARS
    for raw in text.split("\n"):
        for n, chunk in enumerate(raw.split("\f")):
            if n:
                setter.form_feed()
            line = " ".join(chunk.split())
            if not line:
                if not n:
                    setter.blank_line()
                continue
            if title_pending:
                setter.paragraph(line, "B", TITLE_SIZE, "C", TITLE_LEADING)
                title_pending = False
            elif is_heading(line):
                setter.paragraph(line, "B", align="L", keep_lines=3)
            else:
                setter.paragraph(line)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out_path))
    return pdf.page_no()


def typeset_dir(src_dir: Path, out_dir: Path) -> list[tuple[Path, int]]:
    """Typeset every *.txt in src_dir into out_dir/<stem>.pdf; return (pdf, pages) pairs."""
    results = []
    for txt in sorted(src_dir.glob("*.txt")):
        pdf_path = out_dir / f"{txt.stem}.pdf"
        text = txt.read_text(encoding="utf-8", errors="replace")
        results.append((pdf_path, typeset_text(text, pdf_path)))
    return results


# ---------------------------------------------------------------------------
# Scanned (image-only) variant
# ---------------------------------------------------------------------------


def make_scan(src_pdf: Path, out_pdf: Path, dpi: int = SCAN_DPI) -> int:
    """Rasterize src_pdf to grayscale images and rebuild it as a PDF without a text layer."""
    out = FPDF(unit="pt", format="letter")
    out.set_auto_page_break(False)
    out.set_creation_date(FIXED_DATE)
    out.set_creator("samples/make_pdfs.py (scan)")
    doc = pdfium.PdfDocument(str(src_pdf))
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            out.add_page(format=(width, height))
            out.image(image, x=0, y=0, w=width, h=height)
    finally:
        doc.close()
    out.output(str(out_pdf))
    return out.page_no()


# ---------------------------------------------------------------------------
# labels.csv
# ---------------------------------------------------------------------------


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def find_quote_page(pdf_path: Path, quote: str) -> int | None:
    """1-based page on which the (whitespace-collapsed) quote starts, or None."""
    starts: list[int] = []
    texts: list[str] = []
    offset = 0
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            body = page.crop((0, BODY_TOP - 6, page.width, BODY_BOTTOM + 6))
            text = squash(body.extract_text() or "")
            page.close()
            starts.append(offset)
            texts.append(text)
            offset += len(text) + 1
    joined = " ".join(texts)
    target = squash(quote)
    index = joined.find(target)
    if index < 0:  # fall back to the first six words
        index = joined.find(" ".join(target.split()[:6]))
    return bisect.bisect_right(starts, index) if index >= 0 else None


def read_labels(path: Path) -> list[dict[str, str]]:
    """Rows of labels.csv as dictionaries."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def write_labels(path: Path, rows: Iterable[dict[str, str]]) -> None:
    """Write rows to labels.csv with the standard columns and Unix line ends."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=LABEL_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in LABEL_FIELDS} for row in rows)


def fill_label_pages(labels_csv: Path, pdf_dir: Path, scanned: bool) -> list[dict[str, str]]:
    """Fill decisive_page for every row; add or refresh the scanned sample's row."""
    rows = [row for row in read_labels(labels_csv) if row["file"] != SCAN_NAME]
    for row in rows:
        pdf_path = pdf_dir / row["file"]
        txt_path = pdf_path.with_suffix(".txt")
        if txt_path.exists():
            source_text = squash(txt_path.read_text(encoding="utf-8"))
            if squash(row["decisive_quote"]) not in source_text:
                print(f"warning: quote not in {txt_path.name}", file=sys.stderr)
        page = find_quote_page(pdf_path, row["decisive_quote"]) if pdf_path.exists() else None
        if page is None:
            print(f"warning: quote not found in {pdf_path.name}", file=sys.stderr)
        row["decisive_page"] = "" if page is None else str(page)
    if scanned or (pdf_dir / SCAN_NAME).exists():
        source = next((r for r in rows if r["file"] == SCAN_SOURCE), None)
        if source is not None:
            rows.append({**source, "file": SCAN_NAME})
    write_labels(labels_csv, rows)
    return rows


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    parser = argparse.ArgumentParser(description="Typeset *.txt agreements as PDFs.")
    parser.add_argument("src_dir", nargs="?", type=Path, help="directory of *.txt files")
    parser.add_argument("out_dir", nargs="?", type=Path, help="directory for the PDFs")
    parser.add_argument("--scan", action="store_true", help=f"also write samples/{SCAN_NAME}")
    args = parser.parse_args(argv)
    if (args.src_dir is None) != (args.out_dir is None):
        parser.error("give both SRC_DIR and OUT_DIR, or neither")
    if args.src_dir is not None and args.scan:
        parser.error("--scan only applies to the bundled samples")

    src, out = (args.src_dir, args.out_dir) if args.src_dir else (SAMPLES_DIR, SAMPLES_DIR)
    started = time.perf_counter()
    results = typeset_dir(src, out)
    elapsed = time.perf_counter() - started
    for pdf_path, pages in results:
        print(f"{pdf_path}: {pages} pages")
    print(f"typeset {len(results)} files, {sum(p for _, p in results)} pages in {elapsed:.1f} s")
    if args.src_dir is not None:
        return 0

    if args.scan:
        pages = make_scan(SAMPLES_DIR / SCAN_SOURCE, SAMPLES_DIR / SCAN_NAME)
        print(f"{SAMPLES_DIR / SCAN_NAME}: {pages} pages (image only, {SCAN_DPI} dpi)")
    if LABELS_CSV.exists():
        for row in fill_label_pages(LABELS_CSV, SAMPLES_DIR, args.scan):
            print(f"{row['file']}: page {row['decisive_page'] or '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
