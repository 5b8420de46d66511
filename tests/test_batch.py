"""The batch runner: discovery, worker pool, ordered output, durable output + resume, isolation, summary.

Documents are small generated texts; nothing here reads /work/shared. The pipeline is loaded once in the
test process so that forked workers start warm.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import hooks
import pytest
from cli_child import fork_cli  # noqa: E402

import analyzer.cli  # noqa: F401 - loaded here so that forked runs of the command start at once
from analyzer import batch
from analyzer.batch import BatchConfig, Emitter, Progress, Stats, discover, run
from analyzer.batch import plan as plan_module
from analyzer.results import Analysis, Label

TEMPLATES = [
    ("non-recourse", "LOAN AGREEMENT No. {n}\n\nBorrower promises to pay Lender the principal sum of ${n},000.00 "
     "with interest.\n\nBorrower shall have no personal liability for the payment of the Loan, and Lender shall "
     "look solely to the Property for repayment.\n"),
    ("recourse", "PROMISSORY NOTE No. {n}\n\nBorrower promises to pay Lender the principal sum of ${n},000.00 "
     "with interest.\n\nBorrower shall be personally liable for the full amount of the Loan, and Lender may "
     "recover any deficiency from Borrower.\n"),
]
_EXE = Path(sys.executable).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    from analyzer.nlp.pipeline import get_nlp

    get_nlp()


def make_docs(folder: Path, n: int, prefix: str = "doc") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        _label, text = TEMPLATES[i % len(TEMPLATES)]
        p = folder / f"{prefix}{i:03d}.txt"
        p.write_text(text.format(n=i + 1), encoding="utf-8")
        paths.append(p)
    return paths


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def key_set(recs: list[dict]) -> Counter:
    return Counter((r["path"], r["sha256"], r["label"], r["error"]) for r in recs)


def cfg(**kw) -> BatchConfig:
    base = {"fmt": "jsonl", "workers": 2, "progress": False, "summary": False, "timeout": 60.0}
    base.update(kw)
    return BatchConfig(**base)


# ------------------------------------------------------------------------------------------- discovery


def test_discovery_skips_non_documents_recurses_and_survives_loops(tmp_path):
    root = tmp_path / "in"
    docs = make_docs(root, 3)
    sub = make_docs(root / "b_sub" / "deeper", 2, prefix="s")
    (root / "manifest.csv").write_text("path,label\na.pdf,recourse\n")
    (root / "README.md").write_text("Loan files received from the seller. The Borrower promises to pay.\n")
    (root / "b_sub" / "LICENSE").write_text("Permission is hereby granted to copy these files.\n")
    (root / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (root / "bundle.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 64)
    (root / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (root / "broken.pdf").write_bytes(b"\x00\x01garbage, not a pdf")  # .pdf: attempted anyway
    (root / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (root / ".hidden.txt").write_text("Borrower promises to pay.")
    (root / "b_sub" / "loop").symlink_to(root)  # a folder loop
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "alias.txt").symlink_to(docs[0])  # the same file twice: once

    skipped: Counter = Counter()
    found = list(discover([str(root)], skipped))
    expected = [str(root / "alias.txt"), str(root / "b_sub" / "deeper" / "s000.txt"),
                str(root / "b_sub" / "deeper" / "s001.txt"), str(root / "broken.pdf"),
                str(docs[1]), str(docs[2]), str(root / "truncated.pdf")]
    assert found == expected
    assert {str(p) for p in sub} <= set(found)
    assert skipped["manifest or listing"] == 1 and skipped["image"] == 2 and skipped["archive"] == 1
    assert skipped["folder notes (README, LICENSE...)"] == 2
    assert list(discover([str(root / "README.md")])) == [str(root / "README.md")]  # named: attempted
    assert skipped["hidden"] == 1 and skipped["broken symlink"] == 1
    assert skipped["folder already visited (symlink)"] == 1 and skipped["same file seen before (link)"] == 1
    assert skipped["unresolvable symlink"] == 1
    assert sum(v for k, v in skipped.items() if "not a document" in k or "binary" in k) == 1  # junk.bin
    assert list(discover([str(root)])) == found  # deterministic


@pytest.mark.parametrize("fmt", ["jsonl", "html"])
def test_output_inside_the_scanned_folder_is_not_an_input(tmp_path, capsys, fmt):
    """`analyze DIR -o DIR/out.jsonl`: the run's own output (a report's temporary file and its folder of
    pages too) is skipped silently, neither analyzed nor counted as 'same file seen before (link)'."""
    make_docs(tmp_path / "in", 3)
    out = tmp_path / "in" / f"results.{fmt}"
    for _ in range(2):  # the second run finds the first run's output in the folder
        assert run([str(tmp_path / "in")], cfg(output=out, fmt=fmt, summary=True)) == 0
        err = capsys.readouterr().err
        assert "analyzed 3 files" in err and "seen before" not in err and "hidden" not in err, err
    if fmt == "jsonl":
        assert sorted(Path(r["path"]).name for r in records(out)) == ["doc000.txt", "doc001.txt", "doc002.txt"]


def test_explicit_files_are_always_attempted_and_missing_ones_recorded(tmp_path, capsys):
    img = tmp_path / "scan.png"
    img.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "out.jsonl"
    failures = run([str(img), str(tmp_path / "nope.pdf"), str(tmp_path / "x*.pdf")], cfg(output=out))
    recs = records(out)
    assert failures == 3 and len(recs) == 3
    by_path = {r["path"]: r for r in recs}
    assert "image" in by_path[str(img)]["error"]
    assert by_path[str(tmp_path / "nope.pdf")]["error"] == "no such file or folder"
    assert by_path[str(tmp_path / "x*.pdf")]["error"] == "no file matches this pattern"
    err = capsys.readouterr().err
    assert f"analyze: {tmp_path / 'nope.pdf'}: no such file or folder\n" in err
    assert "Traceback" not in err


def test_file_vanishing_after_discovery_is_an_error_record(tmp_path, monkeypatch):
    docs = make_docs(tmp_path / "in", 4)
    real = batch.discover

    def discover_then_delete(*a, **kw):
        yield from real(*a, **kw)
        docs[2].unlink()

    monkeypatch.setattr(plan_module, "discover", discover_then_delete)
    out = tmp_path / "out.jsonl"
    assert run([str(tmp_path / "in")], cfg(output=out)) == 1
    recs = {r["path"]: r for r in records(out)}
    assert len(recs) == 4 and recs[str(docs[2])]["error"] and recs[str(docs[0])]["label"]


# ------------------------------------------------------------------------------------------- parallel run


def _strip(recs: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k != "seconds"} for r in recs), key=lambda r: r["path"])


def test_two_workers_give_the_same_records_as_one(tmp_path):
    make_docs(tmp_path / "in", 12)
    (tmp_path / "in" / "corrupt.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj garbage")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    f1 = run([str(tmp_path / "in")], cfg(output=one, workers=1))
    f2 = run([str(tmp_path / "in")], cfg(output=two, workers=2))
    assert f1 == f2 == 1  # the corrupt PDF, recorded
    assert _strip(records(one)) == _strip(records(two))
    labels = Counter(r["label"] for r in records(two))
    assert labels == {"non-recourse": 6, "recourse": 6, None: 1}


def test_ordered_keeps_input_order(tmp_path, monkeypatch):
    docs = make_docs(tmp_path / "in", 10)
    hooks.install(monkeypatch, delay=0.02)
    out = tmp_path / "out.jsonl"
    inputs = [str(p) for p in reversed(docs)]
    run(inputs, cfg(output=out, ordered=True))
    assert [r["path"] for r in records(out)] == inputs


def test_stdin_is_analyzed_in_the_parent(tmp_path, monkeypatch):
    text = TEMPLATES[0][1].format(n=7).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    out = tmp_path / "out.jsonl"
    assert run(["-"], cfg(output=out)) == 0
    (rec,) = records(out)
    assert rec["path"] == "<stdin>" and rec["label"] == "non-recourse"


# ------------------------------------------------------------------------------------------- isolation


def test_hung_and_crashing_documents_become_error_records(tmp_path, monkeypatch, capsys):
    make_docs(tmp_path / "in", 6)
    (tmp_path / "in" / "zz-hang.txt").write_text(TEMPLATES[0][1].format(n=99))
    (tmp_path / "in" / "aa-crash.txt").write_text(TEMPLATES[1][1].format(n=98))
    hooks.install(monkeypatch, hang="-hang.txt", crash="-crash.txt")
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    failures = run([str(tmp_path / "in")], cfg(output=out, timeout=1.0, summary=True))
    assert time.monotonic() - t0 < 20
    recs = {Path(r["path"]).name: r for r in records(out)}
    assert failures == 2 and len(recs) == 8
    hang = recs["zz-hang.txt"]["error"]  # it sleeps: no CPU used for a whole budget
    assert hang.startswith("timeout: no progress for 1 s") and recs["zz-hang.txt"]["label"] is None
    assert recs["aa-crash.txt"]["error"] == "worker crashed (signal 9)"
    assert recs["zz-hang.txt"]["sha256"]  # known, so --resume will not retry it
    assert all(r["label"] for name, r in recs.items() if name.startswith("doc"))
    err = capsys.readouterr().err
    assert "failed: 2" in err and "timeout: no progress for 1 s" in err and "non-recourse: 3" in err
    assert "Traceback" not in err


def test_memory_ceiling_kills_the_worker_and_records_it(tmp_path, monkeypatch):
    docs = make_docs(tmp_path / "in", 1)
    hooks.install(monkeypatch, delay=0.8)  # long enough for the parent to look at its RSS
    out = tmp_path / "out.jsonl"
    assert run([str(docs[0])], cfg(output=out, memory_mb=40)) == 1  # a warm worker alone is ~100 MB
    (rec,) = records(out)
    assert rec["error"] == "memory limit exceeded" and rec["error_code"] == "resource_limit"


def test_dask_bad_address_is_a_clear_one_line_error(tmp_path):
    with pytest.raises(ValueError, match="--dask expects 'local' or a scheduler address"):
        run([str(tmp_path)], cfg(dask="nowhere"))


# ------------------------------------------------------------------------------------------- output + resume


def test_resume_after_a_truncated_last_line(tmp_path):
    make_docs(tmp_path / "in", 10)
    clean = tmp_path / "clean.jsonl"
    run([str(tmp_path / "in")], cfg(output=clean, ordered=True))
    lines = clean.read_bytes().splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(b"".join(lines[:4]) + lines[4][: len(lines[4]) // 2])  # killed mid-record
    assert run([str(tmp_path / "in")], cfg(output=partial, resume=True)) == 0
    text = partial.read_text()
    assert text.endswith("\n")
    recs = records(partial)  # every line parses
    assert key_set(recs) == key_set(records(clean)) and max(key_set(recs).values()) == 1
    # nothing left to do: a second resume appends nothing
    run([str(tmp_path / "in")], cfg(output=partial, resume=True))
    assert partial.read_text() == text


def test_resume_gives_each_copy_of_a_file_its_own_record(tmp_path):
    docs = make_docs(tmp_path / "in", 3)
    (tmp_path / "in" / "copy.txt").write_bytes(docs[0].read_bytes())
    out = tmp_path / "out.jsonl"
    run([str(docs[0])], cfg(output=out))
    run([str(tmp_path / "in")], cfg(output=out, resume=True))
    assert sorted(Path(r["path"]).name for r in records(out)) == ["copy.txt", "doc000.txt", "doc001.txt",
                                                                   "doc002.txt"]


def test_csv_output_neutralizes_formulas_and_resumes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = ["=HYPERLINK(1).txt", "+SUM(2).txt", "@cmd.txt", "-3+4.txt", "plain.txt"]
    for i, name in enumerate(names):
        Path(name).write_text(TEMPLATES[i % 2][1].format(n=i))
    out = tmp_path / "out.csv"
    run(names, cfg(output=out, fmt="csv"))
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["path"] for r in rows].count("'=HYPERLINK(1).txt") == 1
    assert {r["path"] for r in rows} == {"'=HYPERLINK(1).txt", "'+SUM(2).txt", "'@cmd.txt", "'-3+4.txt",
                                         "plain.txt"}
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    # cut the file inside its last record, then resume: the header is kept, the partial row replaced
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 30])
    run(names, cfg(output=out, fmt="csv", resume=True))
    with open(out, newline="") as f:
        again = list(csv.reader(f))
    assert again[0][0] == "path" and sum(1 for r in again if r[0] == "path") == 1
    assert sorted(r[0] for r in again[1:]) == sorted(r["path"] for r in rows)


def _fork_cli(args: list[str]) -> int:
    return fork_cli(args, new_group=False)


def test_sigkill_at_any_moment_then_resume_matches_a_clean_run(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    make_docs(folder, 30)
    clean = tmp_path / "clean.jsonl"
    run([str(folder)], cfg(output=clean))
    out = tmp_path / "out.jsonl"
    hooks.install(monkeypatch, delay=0.05)  # ~0.8 s of work for two workers
    args = [str(folder), "-o", str(out), "--workers", "2", "-q"]

    def count() -> int:
        return out.read_bytes().count(b"\n") if out.exists() else 0

    seen = []
    # SIGKILL once the run has added this many records, plus this many seconds (load-independent points:
    # at start-up, right after a write, between writes)
    for i, (new, extra) in enumerate(((0, 0.0), (2, 0.0), (1, 0.07), (3, 0.0), (1, 0.13), (0, 0.05))):
        before = count()
        pid = _fork_cli(args + (["--resume"] if i else []))
        deadline, ended = time.monotonic() + 20, False
        while count() < before + new and time.monotonic() < deadline and not ended:
            ended = os.waitpid(pid, os.WNOHANG)[0] != 0
            time.sleep(0.005)
        time.sleep(extra)
        if not ended:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        seen.append(count())
    assert 0 < seen[-1] < 30, seen  # the kills did interrupt the batch
    # finish with the installed command (one worker: a cheaper start, and resume must not care)
    args[args.index("--workers") + 1] = "1"
    proc = subprocess.run([*ANALYZE, *args, "--resume"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr[-500:]
    recs = records(out)  # every line parses: no half record anywhere
    assert key_set(recs) == key_set(records(clean))
    assert max(key_set(recs).values()) == 1 and len(recs) == 30


# ------------------------------------------------------------------------------------------- progress, summary


def test_progress_line_and_summary():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    p = Progress(10, enabled=True, stream=stream)
    p.done, p.failed = 3, 1
    p.update(force=True)
    assert "3/10\x1b[0m files" in stream.getvalue() and "1 failed" in stream.getvalue() and "ETA" in stream.getvalue()
    p.clear()
    assert stream.getvalue().endswith("\x1b[2K")  # the line is erased
    quiet = io.StringIO()
    Progress(10, enabled=False, stream=quiet).update(force=True)
    assert quiet.getvalue() == ""
    stats = batch.Stats(labels=Counter({"recourse": 2}), failures=Counter({"timeout after 5 s": 1}),
                        skipped=Counter({"image": 2}), files=3, pages=7, workers=2)
    text = batch.summary_text(stats, 2.0)
    assert "1.50 files/s" in text and "3.5 pages/s" in text and "recourse: 2" in text
    assert "timeout after 5 s" in text and "2 image" in text


def test_pipe_with_workers_matches_the_sequential_pipe(tmp_path):
    """Analyzer.pipe(workers=2) runs on the same pool as the batch and keeps input order."""
    from analyzer import Analyzer

    docs = make_docs(tmp_path / "in", 3)
    sources = [str(docs[0]), docs[1], TEMPLATES[1][1].format(n=5), docs[2].read_bytes()]
    one = [(r.label, r.path) for r in Analyzer().pipe(sources)]
    two = [(r.label, r.path) for r in Analyzer().pipe(sources, workers=2)]
    assert two == one and [lab.value for lab, _ in two] == ["non-recourse", "recourse", "recourse", "non-recourse"]


class _CtrlCAfterWrite:
    """An output that takes the record and then receives Ctrl-C, before the caller can count it."""

    def __init__(self) -> None:
        self.held: list[Analysis] = []

    def write(self, r: Analysis) -> None:
        self.held.append(r)
        signal.raise_signal(signal.SIGINT)


def test_ctrl_c_arriving_mid_write_still_counts_the_record_written() -> None:
    out, stats = _CtrlCAfterWrite(), Stats()
    emitter = Emitter(out, stats, Progress(3, enabled=False), ordered=False, shas={})  # type: ignore[arg-type]
    for i in range(3):
        with pytest.raises(KeyboardInterrupt):
            emitter.add(i, Analysis(path=f"n{i}.txt", label=Label.recourse, confidence=0.9, pages=1))
        assert stats.files == len(out.held) == i + 1  # the note on Ctrl-C tells what the file holds
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
