"""The published JSON schema (`analyze --schema`) validates what `analyze` really prints: records of
generated documents, of the samples and of the shared dev corpus when present, and error records."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_path

jsonschema = pytest.importorskip("jsonschema")

from analyzer.api import analyze  # noqa: E402
from analyzer.render import writer  # noqa: E402
from analyzer.results import SCHEMA_VERSION, json_schema  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEV = shared_path("corpus", "dev")
SMALL = 100 * 1024
_EXE = Path(sys.executable).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]

GENERATED = {
    "limited.txt": "PROMISSORY NOTE\n\n9. Exculpation. Borrower shall not be personally liable for the payment of "
                   "the Loan, and Lender shall look solely to the Property. Notwithstanding the foregoing, Borrower "
                   "shall be personally liable for losses arising from fraud or waste.\n",
    "capped.txt": "LOAN AGREEMENT\n\nBorrower's recourse liability shall not exceed twenty-five percent (25%) of the "
                  "original principal amount of the Loan. This Agreement is governed by the laws of the State of "
                  "New York. Guarantor: Jane Roe.\n",
    "non.txt": "NOTE\n\nBorrower shall have no personal liability for the payment of the Loan, and Lender shall "
               "look solely to the Property for repayment.\n",
    "plain.txt": "PROMISSORY NOTE\n\nBorrower promises to pay Lender $5,000.00. Borrower shall be personally liable "
                 "for the full amount of the Loan.\n",
    "nothing.txt": "Minutes of the meeting of the garden club. Tea was served.\n",
    "unicode.txt": "CONVENTION DE PRÊT \u2014 \u201cNon-Recourse\u201d\n\nL'Emprunteur n'a aucune responsabilité.\n"
                   "Borrower shall have no personal liability for the Loan. \U0001f4b0\n",
}


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _small(paths) -> list[Path]:
    return [p for p in sorted(paths) if p.is_file() and p.stat().st_size < SMALL]


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _check(validator, rec: dict) -> None:
    errors = sorted(validator.iter_errors(rec), key=lambda e: list(e.path))
    assert not errors, f"{rec.get('path')}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_cli_prints_the_schema(validator):
    proc = subprocess.run([*ANALYZE, "--schema"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    printed = json.loads(proc.stdout)
    assert printed == json_schema()
    assert printed["$id"].endswith(f"analysis-{SCHEMA_VERSION}.json")
    for key in ("path", "sha256", "label", "confidence", "reasons", "evidence", "pages", "warnings", "error"):
        assert key in printed["properties"], key


def test_generated_documents_validate(validator, tmp_path):
    for name, text in GENERATED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    missing = tmp_path / "no-such-file.pdf"
    proc = subprocess.run([*ANALYZE, str(tmp_path), str(missing), "-f", "jsonl", "-q", "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # one failure: the missing file
    recs = {Path(r["path"]).name: r for r in _records(proc.stdout)}
    assert set(recs) == {*GENERATED, missing.name}
    for rec in recs.values():
        _check(validator, rec)
        assert rec["schema_version"] == SCHEMA_VERSION
    err = recs[missing.name]
    assert err["error"] and err["label"] is None and err["confidence"] is None
    assert recs["limited.txt"]["label"] == "limited-recourse"
    assert all(recs[n]["label"] for n in GENERATED)


def test_error_records_validate(validator, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    for source in (tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "image.png"):
        r = analyze(source)
        assert r.error and r.label is None
        _check(validator, json.loads(r.model_dump_json()))


def test_single_json_object_validates(validator):
    out = io.StringIO()
    w = writer("json", out)
    w.write(analyze(GENERATED["capped.txt"]))
    w.close()
    rec = json.loads(out.getvalue())
    _check(validator, rec)
    assert rec["details"]["caps"]


def _run_files(files: list[Path]) -> list[dict]:
    proc = subprocess.run([*ANALYZE, *map(str, files), "-f", "jsonl", "-q", "--workers", "2"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    recs = _records(proc.stdout)
    assert len(recs) == len(files)
    return recs


def test_samples_validate(validator):
    files = _small(SAMPLES.glob("*.txt"))
    pdfs = _small(p for p in SAMPLES.glob("*.pdf") if not p.name.startswith("scanned"))
    if not files and not pdfs:
        pytest.skip("no samples")
    for rec in _run_files(files + pdfs[:1]):  # one PDF: pages, boxes and bbox in the records
        _check(validator, rec)
        assert rec["label"], rec


def test_dev_corpus_validates(validator, shared):
    files = _small(shared("corpus", "dev").glob("*.txt"))
    if not files:
        pytest.skip(f"{DEV} holds no small .txt files")
    for rec in _run_files(files):
        _check(validator, rec)
