"""End to end through the `analyze` command: every sample's label and decisive page, and bad input."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
LABELS = list(csv.DictReader(open(SAMPLES / "labels.csv", newline="", encoding="utf-8")))
runner = CliRunner()


def _has_tesseract() -> bool:
    from shutil import which

    return which("tesseract") is not None


def _squash(s: str) -> str:
    return " ".join(s.split()).lower()


def run_json(*args: str) -> tuple[int, dict | list]:
    result = runner.invoke(app, [*args, "--format", "json", "-q"])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("row", LABELS, ids=[r["file"] for r in LABELS])
def test_sample_pdf_label_and_decisive_page(row: dict) -> None:
    if row["file"].startswith("scanned_") and not _has_tesseract():
        pytest.skip("OCR engine (tesseract) not installed")
    code, r = run_json(str(SAMPLES / row["file"]))
    assert code == 0
    assert r["label"] == row["label"]
    decisive = [e for e in r["evidence"] if e["decisive"]]
    assert decisive, r["reasons"]
    quote = _squash(row["decisive_quote"])
    holding = [e for e in r["evidence"] if quote[:60] in _squash(e["text"])]
    assert holding, f"decisive quote not among the evidence of {row['file']}"
    assert holding[0]["page"] == int(row["decisive_page"])
    assert holding[0]["bbox"] is not None  # located on the page, not only counted


@pytest.mark.parametrize("row", [r for r in LABELS if not r["file"].startswith("scanned_")],
                         ids=lambda r: r["file"].replace(".pdf", ".txt"))
def test_sample_text_matches_pdf_label(row: dict) -> None:
    code, r = run_json(str(SAMPLES / row["file"].replace(".pdf", ".txt")))
    assert code == 0 and r["label"] == row["label"]


def test_table_view_quotes_evidence_with_page_and_section() -> None:
    result = runner.invoke(app, [str(SAMPLES / "limited_cmbs_carveouts.pdf"), "-q"])
    assert result.exit_code == 0
    out = result.stdout
    assert "LIMITED-RECOURSE" in out and "confidence" in out
    assert "p. 4" in out and "Carve-out" in out and "carve_out" not in out
    assert "“" in out  # the clause is quoted


def test_jsonl_several_files_one_record_each() -> None:
    files = [str(SAMPLES / "recourse_plain_note.txt"), str(SAMPLES / "nonrecourse_note.txt")]
    result = runner.invoke(app, [*files, "--format", "jsonl", "-q"])
    # records are written as files finish (in parallel), so in completion order
    lines = sorted((json.loads(x) for x in result.stdout.splitlines() if x.strip()), key=lambda x: x["path"])
    assert [x["label"] for x in lines] == ["non-recourse", "recourse"]
    for x in lines:
        for key in ("path", "sha256", "label", "confidence", "reasons", "evidence", "pages", "warnings",
                    "schema_version"):
            assert key in x
        for e in x["evidence"]:
            assert {"kind", "polarity", "text", "start", "end", "page", "bbox", "section", "rule"} <= set(e)


# ---------------------------------------------------------------- bad input

def _encrypted_pdf(path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Borrower promises to pay Lender the principal sum of $10,000.")
    pdf.output(str(path))


def _bad(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + os.urandom(300))
    image = tmp_path / "photo.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    encrypted = tmp_path / "locked.pdf"
    _encrypted_pdf(encrypted)
    return {
        "missing": (tmp_path / "nope.pdf", "no such file"),
        "empty": (empty, "empty file"),
        "corrupt": (corrupt, "corrupt"),
        "image": (image, "image"),
        "encrypted": (encrypted, "password required"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "corrupt", "image", "encrypted"])
def test_bad_input_one_line_error_and_record(case: str, tmp_path: Path) -> None:
    path, reason = _bad(tmp_path)[case]
    result = runner.invoke(app, [str(path), "--format", "json", "-q"])
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["label"] is None and reason in record["error"]
    err_lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(err_lines) == 1 and str(path) in err_lines[0] and reason in err_lines[0]
    assert "Traceback" not in result.stderr


def test_encrypted_pdf_opens_with_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    _encrypted_pdf(path)
    code, r = run_json(str(path), "--password", "secret")
    assert code == 0 and r["label"] == "recourse"
    code, r = run_json(str(path), "--password", "wrong")
    assert code == 1 and "wrong password" in r["error"]


def test_pdf_suffix_that_is_really_text(tmp_path: Path) -> None:
    path = tmp_path / "note.pdf"
    path.write_text("Borrower shall have no personal liability, and Lender shall look solely to the Property.")
    code, r = run_json(str(path))
    assert code == 0 and r["label"] == "non-recourse" and r["format"] == "text"


def test_mixed_batch_exit_code_and_records(tmp_path: Path) -> None:
    good = SAMPLES / "nonrecourse_note.txt"
    result = runner.invoke(app, [str(good), str(tmp_path / "gone.txt"), "--format", "jsonl", "-q"])
    records = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert result.exit_code == 1
    assert len(records) == 2 and sum(1 for r in records if r.get("error")) == 1


def test_usage_error_exit_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "analyzer.cli", "--format", "nonsense", "x.pdf"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_schema_and_help_do_not_import_spacy() -> None:
    code = ("import sys; from analyzer.cli import main; sys.argv=['analyze','--schema'];\n"
            "try:\n main()\nexcept SystemExit: pass\nassert 'spacy' not in sys.modules, 'spacy imported'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("recourse-analyzer")


def test_api_text_ending_in_a_suffix_is_text_not_a_path() -> None:
    from analyzer import analyze

    r = analyze("Borrower shall have no personal liability under the note.pdf")
    assert r.error is None and r.label.value == "non-recourse"
    assert analyze("missing-note.pdf").error == "no such file"


# ---------------------------------------------------------------- conventions

def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_version() -> None:
    from importlib.metadata import version

    proc = _cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"analyze (recourse-analyzer) {version('recourse-analyzer')}"


def test_completion_shows_and_installs(tmp_path: Path) -> None:
    shown = _cli("--show-completion", "bash")
    assert shown.returncode == 0 and "_ANALYZE_COMPLETE" in shown.stdout
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    installed = _cli("--install-completion", "bash", env=env)
    assert installed.returncode == 0, installed.stderr
    scripts = [p for p in tmp_path.rglob("*") if p.is_file() and "_ANALYZE_COMPLETE" in p.read_text()]
    assert scripts and "analyze" in (tmp_path / ".bashrc").read_text()


def test_help_has_readable_metavars_and_examples() -> None:
    out = _cli("--help").stdout
    assert "<" not in out and "list[str]" not in out
    assert "--format [table|json|jsonl|csv|html]" in out and "--workers N" in out and "Examples:" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "nonsense", "x.pdf"], "analyze: --format must be one of: table, json, jsonl, csv, html"),
    (["--ocr", "sometimes", "x.pdf"], "analyze: --ocr must be one of: auto, always, never"),
    (["x.pdf", "-o", "out.xlsx"], "analyze: -o out.xlsx: cannot tell the format from the suffix .xlsx; use .json, "
                                  ".jsonl, .csv, .html or .txt, or say --format"),
])
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    proc = _cli(*args)
    assert proc.returncode == 2 and proc.stderr.strip() == message and proc.stdout == ""


def test_unknown_suffix_is_fine_when_format_says(tmp_path: Path) -> None:
    out = tmp_path / "records.out"
    proc = _cli(str(SAMPLES / "nonrecourse_note.txt"), "-o", str(out), "--format", "JSON", "-q")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["label"] == "non-recourse"


def test_csv_has_the_new_columns_and_marks_cut_cells() -> None:
    result = runner.invoke(app, [str(SAMPLES / "limited_capped_recourse.txt"), "--format", "csv", "-q"])
    row = next(csv.DictReader(result.stdout.splitlines()))
    assert row["caps"] == "$3,000,000 / 25%" and row["document_kind"] == row["document_kind"].strip()
    for column in ("guarantors", "deficiency_law"):
        assert column in row
    from analyzer.render.csvfmt import CELL_CHARS
    from analyzer.render.csvfmt import row as csv_row
    from analyzer.results import Analysis, Evidence

    long = "Borrower shall pay. " * 60
    ev = Evidence(kind="promise_to_pay", polarity="asserted", text=long, start=0, end=len(long), rule="r",
                  score=0.5, decisive=True)
    cells = csv_row(Analysis(path="x.txt", evidence=[ev]))
    text = cells[7]
    assert text.endswith("…") and len(text) <= CELL_CHARS + 2 and long.startswith(text[:-2])
    class WithLaw(Analysis):
        deficiency_law: dict | None = None

    law = {"jurisdiction": "CA", "outcome": "deficiency barred", "citation": "Cal. Civ. Proc. Code § 580b"}
    cells = csv_row(WithLaw(path="x.txt", deficiency_law=law))
    assert cells[14] == "CA: deficiency barred [Cal. Civ. Proc. Code § 580b]"
