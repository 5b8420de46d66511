"""The HTML report in a real browser (headless Chromium, skipped where it is not installed): the highlights
and the carve-out boxes are laid out on the page pictures, and no script runs, neither one a document
smuggles in as text nor one written into the page itself (the content security policy forbids it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from analyzer.api import analyze
from analyzer.render import writer

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")

TEXT = ("PROMISSORY NOTE\n\n9. Exculpation. Borrower shall not be personally liable for the payment of the "
        "indebtedness evidenced by this Note, and Lender shall look solely to the Property for repayment. "
        "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud "
        "<script>document.documentElement.setAttribute('data-ran','text')</script> or waste.")
# the probe: marks the page's root element, which only a running script can do
PROBE = ("<script>document.documentElement.setAttribute('data-ran','page')</script>")


def _pdf(path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, TEXT.replace("<", "(").replace(">", ")"))
    pdf.output(str(path))


def script_ran(dom: str) -> bool:
    return re.search(r"<html[^>]*\bdata-ran=", dom) is not None


def dump_dom(page: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-background-networking", f"--user-data-dir={profile}", "--dump-dom",
                               page.resolve().as_uri()], capture_output=True, text=True, timeout=120,
                              env={"HOME": profile, "PATH": "/usr/bin:/bin"})
    if proc.returncode != 0 or "<html" not in proc.stdout:
        pytest.skip(f"chromium could not run here (exit {proc.returncode}): {proc.stderr[-300:]}")
    return proc.stdout


def test_report_in_chromium_has_highlights_boxes_and_runs_no_script(tmp_path):
    pdf, txt = tmp_path / "note.pdf", tmp_path / "note.txt"
    _pdf(pdf)
    txt.write_text(TEXT, encoding="utf-8")
    results = [analyze(pdf), analyze(txt)]
    assert all(r.label is not None and r.label.value == "limited-recourse" for r in results)
    report = tmp_path / "report.html"
    with open(report, "w", encoding="utf-8") as out:
        w = writer("html", out)
        for r in results:
            w.write(r)
        w.close()
    pages = sorted((tmp_path / "report_files").glob("0*.html"))
    assert len(pages) == 2
    index = dump_dom(report)
    assert len(re.findall(r"<a href=\"report_files/\d{3}-note", index)) == 2
    for page in pages:
        dom = dump_dom(page)
        assert not script_ran(dom)  # the clause's <script> stayed text
        assert "&lt;script&gt;" in dom or "(script)" in dom
        assert re.search(r'<mark class="k-carve_out">', dom)
    pdf_dom = dump_dom(next(p for p in pages if "note.pdf" in p.name))
    assert re.search(r'<img src="data:image/png;base64,', pdf_dom)
    assert len(re.findall(r'<span class="hl k-', pdf_dom)) >= 2
    assert len(re.findall(r'<span class="box k-carve_out', pdf_dom)) >= 1
    # a script written into the page itself is blocked too: the content security policy allows none
    probed = tmp_path / "probed.html"
    probed.write_text(pages[0].read_text(encoding="utf-8").replace("</main>", PROBE + "</main>"), encoding="utf-8")
    dom = dump_dom(probed)
    assert PROBE in probed.read_text(encoding="utf-8") and not script_ran(dom)


def test_the_probe_would_see_a_script_run(tmp_path):
    """The check above can fail: without the policy, the same probe does run."""
    page = tmp_path / "plain.html"
    page.write_text(f"<!DOCTYPE html><html><head></head><body>{PROBE}</body></html>", encoding="utf-8")
    assert script_ran(dump_dom(page))
