"""The HTML evidence view: self-contained, everything from a document escaped, clauses highlighted in
their paragraphs, page images with boxes for PDFs, an index for several documents."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer.api import analyze
from analyzer.render import writer
from analyzer.render.html import MAX_IMAGES, _pages_to_draw
from analyzer.results import Analysis, Details, Evidence, Label, PageBox

LIMITED = (
    "PROMISSORY NOTE\n\n1. Payment. Borrower promises to pay to the order of Lender the principal sum of "
    "$1,000,000.\n\n9. Exculpation. Borrower shall not be personally liable for the payment of the indebtedness "
    "evidenced by this Note, and Lender shall look solely to the Property for repayment. Notwithstanding the "
    "foregoing, Borrower shall be personally liable for losses arising from fraud, intentional misrepresentation "
    "or waste.\n\n12. Governing Law. This Note shall be governed by the laws of the State of New York.\n"
)
CARVE_OUT = "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud"
EVIL = "<script>alert(1)</script>"


def render(*results: Analysis, **kw) -> str:
    out = io.StringIO()
    w = writer("html", out, **kw)
    for r in results:
        w.write(r)
    w.close()
    return out.getvalue()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script", page, re.I)
    parser = _Tags()
    parser.feed(page)
    names = {t for t, _a in parser.tags}
    assert not names & {"script", "link", "iframe", "object", "embed", "base", "form"}, names
    for tag, attrs in parser.tags:
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key)
            if key in ("src", "href"):
                assert (value or "").startswith(("#", "data:image/png;base64,")), (tag, key, value)
    assert "url(" not in page and "@import" not in page


def test_script_in_the_text_renders_as_text(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text(LIMITED.replace("or waste.", f"or waste {EVIL}."), encoding="utf-8")
    page = render(analyze(src))
    assert_self_contained(page)
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_document_string_is_escaped():
    """A hand-made record with markup in every field a document can influence."""
    bad = '<img src=x onerror="alert(1)">'
    ev = Evidence(kind="carve_out", polarity="asserted", text=f"Borrower {bad} liable", start=0, end=10, page=1,
                  section=f"Section {bad}", rule=f"rule{bad}", score=0.5, cue=bad, scope="override", scope_cue=bad,
                  protected_parties=[bad], decisive=True, note=f"note {bad}", categories=[bad], triggers=[bad])
    r = Analysis(path=f"/nowhere/{bad}.txt", sha256="ab" * 32, format=bad, label=Label.limited_recourse,
                 confidence=0.8, reasons=[f"reason {bad}"], evidence=[ev], warnings=[f"warn {bad}"],
                 details=Details(carve_outs=[bad], springing_triggers=[bad], guarantors=[bad], governing_law=bad,
                                 protected_parties=[bad]))
    failed = Analysis(path=f"{bad}.pdf", error=f"corrupt {bad}", error_code=bad)
    for page in (render(r), render(r, failed)):
        assert_self_contained(page)
        assert "<img src=x" not in page and "onerror=\"" not in page
        assert page.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") >= 15


def test_limited_recourse_report_highlights_the_carve_out(tmp_path):
    src = tmp_path / "limited.txt"
    src.write_text(LIMITED, encoding="utf-8")
    r = analyze(src)
    assert r.label == Label.limited_recourse
    page = render(r)
    assert_self_contained(page)
    assert "LIMITED-RECOURSE" in page and "confidence 0." in page
    assert "fraud" in page and "Carve-outs" in page and "New York" in page  # details table
    m = re.search(r'<mark class="k-carve_out[^"]*"[^>]*>([^<]*)</mark>', page)
    assert m and m.group(1).startswith(CARVE_OUT)
    assert "dec" in m.group(0).split(">")[0]  # decisive: marked
    # the carve-out sits in its paragraph, next to the exculpation it qualifies
    para = next(p for p in page.split('<div class="para">')[1:] if CARVE_OUT in p)
    assert "k-exculpation" in para and "9. Exculpation." in para
    assert "legend" in page and 'class="key k-carve_out"' in page


def test_set_aside_clauses_are_dimmed_with_their_note(tmp_path):
    src = tmp_path / "officers.txt"
    src.write_text("PROMISSORY NOTE\n\nBorrower promises to pay Lender the principal sum of $100,000.00 with "
                   "interest. Borrower shall be personally liable for the full amount of the Loan.\n\nNo officer, "
                   "director, partner or member of Borrower shall have any personal liability for the Loan.\n",
                   encoding="utf-8")
    r = analyze(src)
    aside = [e for e in r.evidence if e.note]
    assert aside, r.evidence
    page = render(r)
    assert re.search(r'<mark class="k-\w+ aside"', page)
    assert "set aside: " + aside[0].note.replace("'", "&#x27;") in page


def test_missing_source_shows_clauses_alone(tmp_path):
    src = tmp_path / "gone.txt"
    src.write_text(LIMITED, encoding="utf-8")
    r = analyze(src)
    src.unlink()
    page = render(r)
    assert "source file not available" in page
    assert re.search(r'<mark class="k-carve_out[^"]*"[^>]*>' + re.escape(CARVE_OUT), page)


def test_changed_source_is_not_trusted(tmp_path):
    src = tmp_path / "changed.txt"
    src.write_text(LIMITED, encoding="utf-8")
    r = analyze(src)
    src.write_text("Something else entirely.\n\n" + LIMITED, encoding="utf-8")
    page = render(r)
    assert "file changed since it was analyzed" in page
    assert re.search(r'<mark class="k-carve_out[^"]*"[^>]*>' + re.escape(CARVE_OUT), page)


def test_several_documents_get_an_index(tmp_path):
    (tmp_path / "a.txt").write_text(LIMITED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("NOTE\n\nBorrower shall be personally liable for the full amount of the Loan.\n",
                                    encoding="utf-8")
    results = [analyze(tmp_path / "a.txt"), analyze(tmp_path / "b.txt"), analyze(tmp_path / "c.txt")]
    page = render(*results)
    assert_self_contained(page)
    assert "<table class=index>" in page and "3 document(s)" in page
    for n in (1, 2, 3):
        assert f'href="#doc{n}"' in page and f'id="doc{n}"' in page
    assert "limited-recourse" in page and "no such file" in page


def test_cli_writes_html_by_suffix(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(LIMITED, encoding="utf-8")
    out = tmp_path / "report.html"
    exe = Path(sys.executable).with_name("analyze")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]
    proc = subprocess.run([*cmd, str(tmp_path / "in" / "a.txt"), "-o", str(out), "-q"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert CARVE_OUT in page


def _make_pdf(path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "PROMISSORY NOTE\n\n1. Payment. Borrower promises to pay to the order of Lender the "
                   "principal sum of $1,000,000 with interest.")
    pdf.add_page()
    pdf.multi_cell(0, 6, LIMITED.split("\n\n")[2])
    pdf.output(str(path))


def test_pdf_report_has_page_images_with_boxes(tmp_path):
    from PIL import Image

    src = tmp_path / "limited.pdf"
    _make_pdf(src)
    r = analyze(src)
    assert r.label == Label.limited_recourse and r.format == "pdf"
    carve = next(e for e in r.evidence if e.kind == "carve_out")
    assert carve.page == 2 and carve.boxes
    page = render(r)
    assert_self_contained(page)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert 1 <= len(images) <= MAX_IMAGES
    assert "Page 2: clause(s)" in page
    img = Image.open(io.BytesIO(base64.b64decode(images[-1]))).convert("RGB")
    assert img.size == (850, 1100)  # letter at 100 dpi
    # the carve-out's box is drawn: its outline colour appears where its bbox says
    x0, top, x1, _bottom = carve.boxes[0].bbox
    s = 100 / 72
    row = [img.getpixel((int(x), int(top * s) - 2)) for x in range(int(x0 * s) + 20, int(x1 * s) - 20, 7)]
    tinted = [p for p in row if not (p[0] > 235 and p[1] > 235 and p[2] > 235) and max(p) - min(p) > 40]
    assert len(tinted) > len(row) // 2, row[:10]
    assert re.search(r'<mark class="k-carve_out[^"]*"[^>]*>' + re.escape(CARVE_OUT), page)


def test_at_most_max_images_pages_preferring_decisive():
    def ev(page: int, decisive: bool) -> Evidence:
        return Evidence(kind="carve_out", polarity="asserted", text="x", start=page, end=page + 1, page=page,
                        bbox=(1, 1, 2, 2), boxes=[PageBox(page=page, bbox=(1, 1, 2, 2))], rule="r", score=0.5,
                        decisive=decisive)

    r = Analysis(path="x.pdf", evidence=[ev(p, p in (14, 15)) for p in range(1, 16)])
    pages = _pages_to_draw(r, MAX_IMAGES)
    assert len(pages) == MAX_IMAGES and {14, 15} <= set(pages) and list(pages) == sorted(pages)
