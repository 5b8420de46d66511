"""`--dask local` gives the same records as the local batch (ignoring `seconds`).

One LocalCluster (2 worker processes) for the module; documents are small generated texts.
Skipped when the optional dependency (dask[distributed]) is not installed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import hooks
import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

from analyzer.batch import BatchConfig, run  # noqa: E402

TEMPLATES = [
    "LOAN AGREEMENT No. {n}\n\nBorrower promises to pay Lender the principal sum of ${n},000.00 with interest.\n\n"
    "Borrower shall have no personal liability for the payment of the Loan, and Lender shall look solely to the "
    "Property for repayment.\n",
    "PROMISSORY NOTE No. {n}\n\nBorrower promises to pay Lender the principal sum of ${n},000.00 with interest.\n\n"
    "Borrower shall be personally liable for the full amount of the Loan, and Lender may recover any deficiency "
    "from Borrower.\n",
    "NOTE No. {n}\n\n9. Exculpation. Borrower shall not be personally liable for the payment of the Loan, and "
    "Lender shall look solely to the Property. Notwithstanding the foregoing, Borrower shall be personally liable "
    "for losses arising from fraud or waste.\n",
]


def make_docs(folder: Path, n: int) -> None:
    (folder / "sub").mkdir(parents=True)
    for i in range(n):
        where = folder / "sub" if i % 3 == 2 else folder
        (where / f"doc{i:02d}.txt").write_text(TEMPLATES[i % len(TEMPLATES)].format(n=i + 1), encoding="utf-8")
    (folder / "labels.csv").write_text("file,label\n", encoding="utf-8")  # skipped by discovery, both ways


def cfg(**kw) -> BatchConfig:
    base = {"fmt": "jsonl", "workers": 2, "progress": False, "summary": False}
    return BatchConfig(**{**base, **kw})


def records(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec.pop("seconds")
        out.append(rec)
    return out


def test_dask_local_matches_the_local_batch(tmp_path):
    make_docs(tmp_path / "in", 7)
    missing = str(tmp_path / "missing.txt")
    inputs = [str(tmp_path / "in"), missing]
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert run(inputs, cfg(output=local, ordered=True)) == 1
    assert run(inputs, cfg(output=dask, ordered=True, dask="local")) == 1
    a, b = records(local), records(dask)
    assert len(a) == 8
    assert [r["path"] for r in b] == [r["path"] for r in a]  # same (input) order
    for ra, rb in zip(a, b, strict=True):
        assert rb == ra  # same records
    assert {r["label"] for r in a if r["label"]} == {"recourse", "non-recourse", "limited-recourse"}
    assert b[-1]["path"] == missing and b[-1]["error"]


def test_bad_address_is_a_clear_one_line_error(tmp_path):
    with pytest.raises(ValueError, match="--dask expects 'local' or a scheduler address"):
        run([str(tmp_path)], cfg(dask="not-an-address"))


def test_cli_dask_local_progress_and_summary(tmp_path):
    import subprocess

    make_docs(tmp_path / "in", 3)
    exe = Path(sys.executable).with_name("analyze")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]
    proc = subprocess.run([*cmd, str(tmp_path / "in"), "--dask", "local", "-f", "jsonl"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(recs) == 3 and all(r["label"] for r in recs)
    assert "analyzed 3 files" in proc.stderr and "local Dask workers" in proc.stderr


def test_dask_tasks_run_under_the_per_file_limits(tmp_path, monkeypatch):
    """--timeout is a CPU budget on Dask too: the file is read in a child of the Dask worker."""
    make_docs(tmp_path / "in", 2)
    (tmp_path / "in" / "z-spin.txt").write_text(TEMPLATES[0].format(n=9), encoding="utf-8")
    import dask

    monkeypatch.setenv("RECOURSE_TEST_HOOKS", hooks.env(spin="-spin.txt")["RECOURSE_TEST_HOOKS"])
    out = tmp_path / "dask.jsonl"
    with dask.config.set(hooks.dask_preload()):  # each Dask worker loads tests/hooks.py, which reads the variable
        assert run([str(tmp_path / "in")], cfg(output=out, dask="local", timeout=2.0)) == 1
    recs = {Path(r["path"]).name: r for r in records(out)}
    assert recs["z-spin.txt"]["error"] == "timeout: CPU time limit of 2 s reached"
    assert recs["doc00.txt"]["label"] and not recs["doc00.txt"]["warnings"]
