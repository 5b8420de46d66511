"""SIGKILL a batch that includes a split PDF at random moments: no process survives it, and --resume ends
with the same records as a clean run (issue 14, "Done when")."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from cli_child import fork_cli  # noqa: E402

import analyzer.cli  # noqa: F401 - loaded here so that forked runs of the command start at once
from analyzer.batch import BatchConfig, run
from analyzer.readers.pdf_split import SPLIT_MIN_PAGES

fpdf = pytest.importorskip("fpdf")
_EXE = Path(sys.executable).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]
KILLS = 10


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    from analyzer.nlp.pipeline import get_nlp

    get_nlp()


def _long_pdf(path: Path, pages: int) -> None:
    pdf = fpdf.FPDF(format="letter")
    pdf.set_auto_page_break(False)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Times", size=11)
        pdf.set_xy(72, 72)
        body = f"Section {n}. The Borrower shall deliver the reports for period {n} to the Lender. " * 4
        if n == pages - 1:
            body += "Borrower shall have no personal liability, and Lender shall look solely to the Property."
        pdf.multi_cell(460, 14, body)
    pdf.output(str(path))


def _group_alive(pgid: int) -> list[int]:
    """Processes of this process group that are still running (zombies waiting for init do not count)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                data = f.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = data[data.rfind(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry))
    return alive


def _open_files(pid: int) -> set[str]:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return set()
    out = set()
    for fd in fds:
        try:
            out.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            continue
    return out


def _fork_cli(args: list[str]) -> int:
    return fork_cli(args, new_group=True)


def _key(recs: list[dict]) -> Counter:
    return Counter((r["path"], r["sha256"], r["label"], r["error"]) for r in recs)


def test_random_sigkills_leave_no_process_and_resume_to_the_clean_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # long enough that the page readers still run when the random kills land (the readers got faster)
    _long_pdf(folder / "big.pdf", SPLIT_MIN_PAGES * 3)
    for i in range(8):
        (folder / f"note{i}.txt").write_text(
            f"PROMISSORY NOTE {i}\n\nBorrower promises to pay Lender ${i + 1},000.00.\n\n"
            + ("Borrower shall be personally liable for the Loan.\n" if i % 2 else
               "Borrower shall have no personal liability, and Lender shall look solely to the Property.\n"),
            encoding="utf-8")
    clean = tmp_path / "clean.jsonl"
    run([str(folder)], BatchConfig(output=clean, workers=2, progress=False, summary=False))
    clean_recs = [json.loads(x) for x in clean.read_text().splitlines()]
    assert len(clean_recs) == 9 and all(r["label"] for r in clean_recs)

    out = tmp_path / "out.jsonl"
    args = [str(folder), "-o", str(out), "--workers", "2", "-q"]
    rng = random.Random(14)
    survivors, split_seen, holding = [], 0, []
    for _ in range(KILLS):
        pid = _fork_cli(args + (["--resume"] if out.exists() else []))
        kill_at = time.monotonic() + rng.uniform(0.05, 2.5)
        while time.monotonic() < kill_at:  # look at the group while it works
            children = [p for p in _group_alive(pid) if p != pid]
            split_seen += len(children) > 2  # 2 workers... and page readers
            suspects = [p for p in children if str(out) in _open_files(p)]
            time.sleep(0.5 if suspects else 0.05)
            # a worker forked a moment ago closes its copy of the output first thing: only one still
            # holding it after that counts
            holding += [p for p in suspects if str(out) in _open_files(p)]
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        deadline = time.monotonic() + 10
        while _group_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors += _group_alive(pid)
        for p in _group_alive(pid):  # clean up before failing below (our own group)
            os.kill(p, signal.SIGKILL)
    assert survivors == [], f"processes outlived the killed batch: {survivors}"
    assert holding == [], f"workers held the output file open: {holding}"
    assert split_seen, "no kill landed while the split PDF's page readers ran"
    proc = subprocess.run([*ANALYZE, *args, "--resume"], capture_output=True, timeout=300)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr[-500:]
    recs = [json.loads(x) for x in out.read_text().splitlines()]  # every line parses
    assert _key(recs) == _key(clean_recs)
    assert len(recs) == 9
