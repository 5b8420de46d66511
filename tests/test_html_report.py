"""The HTML report: templates with autoescaping, a page per document plus an index for several, page
pictures at 2x clipped around the evidence with highlights and carve-out boxes, and nothing read from the
source document by the renderer (pictures come through the `page_images` interface)."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer.api import analyze
from analyzer.readers.page_images import page_images
from analyzer.render import writer
from analyzer.render.html import MAX_IMAGES, pages_to_draw
from analyzer.results import Analysis, Details, DocumentKind, Evidence, Label, PageBox

LIMITED = (
    "PROMISSORY NOTE\n\n1. Payment. Borrower promises to pay to the order of Lender the principal sum of "
    "$1,000,000.\n\n9. Exculpation. Borrower shall not be personally liable for the payment of the indebtedness "
    "evidenced by this Note, and Lender shall look solely to the Property for repayment. Notwithstanding the "
    "foregoing, Borrower shall be personally liable for losses arising from fraud, intentional misrepresentation "
    "or waste.\n\n12. Governing Law. This Note shall be governed by the laws of the State of New York.\n"
)
CARVE_OUT = "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud"
EVIL = "<script>alert(1)</script>"


def render(*results: Analysis, out: io.StringIO | None = None, **kw) -> str:
    out = out or io.StringIO()
    w = writer("html", out, **kw)
    for r in results:
        w.write(r)
    w.close()
    return out.getvalue() if isinstance(out, io.StringIO) else ""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return [(t, dict(a)) for t, a in parser.tags]


def assert_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    found = tags(page)
    names = {t for t, _a in found}
    assert not names & {"script", "link", "iframe", "object", "embed", "base", "form"}, names
    for tag, attrs in found:
        for key, value in attrs.items():
            assert not key.startswith("on"), (tag, key)
            if key in ("src", "href"):
                v = value or ""
                local_page = v.endswith(".html") and ":" not in v and not v.startswith("/")
                assert v.startswith(("#", "data:image/png;base64,")) or local_page, (tag, key, value)
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
    ev = Evidence(kind=f"carve_out{bad}", polarity="asserted", text=f"Borrower {bad} liable", start=0, end=10,
                  page=1, section=f"Section {bad}", rule=f"rule{bad}", score=0.5, cue=bad, scope="override",
                  scope_cue=bad, protected_parties=[bad], decisive=True, note=f"note {bad}", categories=[bad],
                  triggers=[bad])
    r = Analysis(path=f"/nowhere/{bad}.txt", sha256="ab" * 32, format=bad, label=Label.limited_recourse,
                 confidence=0.8, reasons=[f"reason {bad}"], evidence=[ev], warnings=[f"warn {bad}"],
                 details=Details(carve_outs=[bad], springing_triggers=[bad], guarantors=[bad], governing_law=bad,
                                 protected_parties=[bad]))
    failed = Analysis(path=f"{bad}.pdf", error=f"corrupt {bad}", error_code=bad)
    for page in (render(r), render(r, failed)):
        assert_self_contained(page)
        assert "<img src=x" not in page and "onerror=\"" not in page
        assert page.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") >= 8


def test_limited_recourse_report_highlights_and_boxes_the_carve_out(tmp_path):
    src = tmp_path / "limited.txt"
    src.write_text(LIMITED, encoding="utf-8")
    r = analyze(src)
    assert r.label == Label.limited_recourse
    page = render(r)
    assert_self_contained(page)
    assert "LIMITED-RECOURSE — confidence 0." in page
    assert "New York" in page and "Carve-outs" in page  # details table
    m = re.search(r'<li id="doc1-ev\d+" class="ev k-carve_out item carve">.*?<mark class="k-carve_out">([^<]*)</mark>',
                  page, re.S)
    assert m and m.group(1).startswith(CARVE_OUT)
    assert re.search(r'<span class="item carve">fraud</span>', page)  # each carve-out category boxed
    assert "decided the label" in page and "Carve-out: fraud" in page


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
    assert re.search(r'<li id="doc1-ev\d+" class="ev k-\w+ aside">', page)
    assert "Not counted: " + aside[0].note.replace("'", "&#39;") in page


def test_not_a_loan_and_deficiency_law_are_shown():
    class WithLaw(Analysis):
        deficiency_law: dict | None = None

    law = {"jurisdiction": "California", "rule": "anti-deficiency", "citation": "Cal. Civ. Proc. Code § 580b",
           "outcome": "deficiency_barred", "note": "purchase-money loan on a dwelling",
           "conditions": [{"name": "purchase_money", "status": "met", "evidence": "to buy the home"}]}
    r = WithLaw(path="x.pdf", label=Label.non_recourse, confidence=0.7, deficiency_law=law)
    page = render(r)
    assert "California — anti-deficiency (Cal. Civ. Proc. Code § 580b)" in page
    assert "outcome: deficiency barred" in page and "purchase money: met" in page
    lease = Analysis(path="lease.pdf", label=Label.not_a_loan, document_kind=DocumentKind.lease, confidence=0.9)
    assert "NOT A LOAN AGREEMENT — a lease" in render(lease)


def test_several_documents_on_one_stream_share_one_page(tmp_path):
    (tmp_path / "a.txt").write_text(LIMITED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("NOTE\n\nBorrower shall be personally liable for the full amount of the Loan.\n",
                                    encoding="utf-8")
    results = [analyze(tmp_path / "a.txt"), analyze(tmp_path / "b.txt"), analyze(tmp_path / "c.txt")]
    page = render(*results)
    assert_self_contained(page)
    assert '<table class="index">' in page and "3 documents" in page
    for n in (1, 2, 3):
        assert f'href="#doc{n}"' in page and f'id="doc{n}"' in page
    assert "limited-recourse" in page and "no such file" in page


def test_a_folder_to_a_file_gives_an_index_and_a_page_per_document(tmp_path):
    results = [Analysis(path=f"in/{name}.txt", label=label, confidence=conf) for name, label, conf in
               (("b", Label.recourse, 0.6), ("a", Label.non_recourse, 0.9), ("c", Label.limited_recourse, 0.75))]
    results.append(Analysis(path="in/d.pdf", error="corrupt PDF", error_code="corrupt"))
    target = tmp_path / "report.html"
    with open(target, "w", encoding="utf-8") as out:
        render(*results, out=out)
    index = target.read_text(encoding="utf-8")
    assert_self_contained(index)
    folder = tmp_path / "report_files"
    pages = sorted(p.name for p in folder.glob("0*.html"))
    assert len(pages) == 4
    hrefs = [a["href"] for t, a in tags(index) if t == "a"]
    for name in pages:
        assert f"report_files/{name}" in hrefs
    doc_page = (folder / pages[0]).read_text(encoding="utf-8")
    assert_self_contained(doc_page)
    assert 'href="../report.html"' in doc_page
    # sorted copies: by label (recourse, limited, non-recourse, error) and by confidence (highest first)
    def order(html: str) -> list[str]:
        return re.findall(r'<a href="[^"]*\d{3}-([a-z])\.(?:txt|pdf)\.html"', html)

    assert order(index) == ["a", "b", "c", "d"]
    assert order((folder / "by-label.html").read_text(encoding="utf-8")) == ["b", "c", "a", "d"]
    assert order((folder / "by-confidence.html").read_text(encoding="utf-8")) == ["a", "c", "b", "d"]
    by_label = (folder / "by-label.html").read_text(encoding="utf-8")
    assert_self_contained(by_label)
    assert 'href="../report.html"' in by_label  # links from the copies go back up


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


def _figures(page: str) -> list[tuple[bytes, list[dict]]]:
    """Each picture's PNG bytes and the style of its overlay elements."""
    out = []
    for fig in page.split('<div class="clip">')[1:]:
        fig = fig.split("</div>")[0]
        png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', fig).group(1))
        spans = [{"cls": c, **{k: float(v) for k, v in re.findall(r"(left|top|width|height):([\d.-]+)%", s)}}
                 for c, s in re.findall(r'<span class="([^"]+)" style="([^"]+)"', fig)]
        out.append((png, spans))
    return out


def test_pdf_report_has_clipped_2x_pictures_with_highlights_and_boxes(tmp_path):
    from PIL import Image

    src = tmp_path / "limited.pdf"
    _make_pdf(src)
    r = analyze(src)
    assert r.label == Label.limited_recourse and r.format == "pdf"
    carve = next(e for e in r.evidence if e.kind == "carve_out")
    assert carve.page == 2 and carve.boxes
    asked = []

    def pictures(path, pages, sha):
        asked.append((path, list(pages), sha))
        return page_images(path, pages, sha256=sha)

    src_bytes = src.read_bytes()
    page = render(r, page_images=pictures)
    assert src.read_bytes() == src_bytes and asked == [(str(src), pages_to_draw(r), r.sha256)]
    assert_self_contained(page)
    figs = _figures(page)
    assert 1 <= len(figs) <= MAX_IMAGES and "Page 2:" in page
    png, spans = figs[-1]
    img = Image.open(io.BytesIO(png))
    assert img.width < 612 * 2 and img.height < 792 * 2  # clipped ...
    x0s = [b.bbox[0] for e in r.evidence for b in e.boxes if b.page == 2]
    x1s = [b.bbox[2] for e in r.evidence for b in e.boxes if b.page == 2]
    assert abs(img.width - 2 * (min(612, max(x1s) + 28) - max(0, min(x0s) - 28))) <= 2  # ... at 2x
    assert any(s["cls"].startswith("hl k-carve_out") for s in spans)
    boxes = [s for s in spans if s["cls"].startswith("box k-carve_out")]
    assert len(boxes) == len([b for b in carve.boxes if b.page == 2])
    for s in spans:
        assert 0 <= s["left"] < 100 and 0 <= s["top"] < 100 and s["left"] + s["width"] <= 101


def test_renderer_never_reads_the_source(tmp_path):
    """Pictures come only through `page_images`; the record alone gives the rest."""
    src = tmp_path / "limited.pdf"
    _make_pdf(src)
    r = analyze(src)
    src.unlink()
    page = render(r, page_images=lambda path, pages, sha: {})
    assert CARVE_OUT in page and "page pictures unavailable" in page


def test_changed_pdf_gets_no_pictures(tmp_path):
    src = tmp_path / "limited.pdf"
    _make_pdf(src)
    r = analyze(src)
    assert page_images(src, [2], sha256=r.sha256)
    src.write_bytes(src.read_bytes() + b"\n% changed\n")
    assert page_images(src, [2], sha256=r.sha256) == {}
    page = render(r)
    assert "data:image/png" not in page and "changed since it was analyzed" in page


def test_cli_writes_html_by_suffix(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(LIMITED, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(LIMITED.replace("fraud", "waste"), encoding="utf-8")
    out = tmp_path / "report.html"
    exe = Path(sys.executable).with_name("analyze")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]
    proc = subprocess.run([*cmd, str(tmp_path / "in"), "-o", str(out), "-q", "--workers", "1"],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    index = out.read_text(encoding="utf-8")
    assert_self_contained(index)
    pages = list((tmp_path / "report_files").glob("0*.html"))
    assert len(pages) == 2
    assert any(CARVE_OUT in p.read_text(encoding="utf-8") for p in pages)


def test_at_most_max_images_pages_preferring_decisive():
    def ev(page: int, decisive: bool) -> Evidence:
        return Evidence(kind="carve_out", polarity="asserted", text="x", start=page, end=page + 1, page=page,
                        bbox=(1, 1, 2, 2), boxes=[PageBox(page=page, bbox=(1, 1, 2, 2))], rule="r", score=0.5,
                        decisive=decisive)

    r = Analysis(path="x.pdf", evidence=[ev(p, p in (14, 15)) for p in range(1, 16)])
    pages = pages_to_draw(r, MAX_IMAGES)
    assert len(pages) == MAX_IMAGES and {14, 15} <= set(pages) and pages == sorted(pages)


def test_target_says_where_the_pages_go_when_out_has_no_name(tmp_path):
    """The batch may write through a temporary file renamed at the end: `target` names the report."""
    out = io.StringIO()
    results = [Analysis(path=f"{n}.txt", label=Label.recourse, confidence=0.5) for n in "ab"]
    index = render(*results, out=out, target=tmp_path / "final.html")
    assert index == out.getvalue() and 'href="final_files/001-a.txt.html"' in index
    assert (tmp_path / "final_files" / "002-b.txt.html").is_file()
