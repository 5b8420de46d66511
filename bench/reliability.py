"""Reliability in one table: fuzzed PDFs, pathological inputs, the shared robustness folder, kill-and-resume.

    nice -n 10 .venv/bin/python bench/reliability.py [--fuzz-cases 2000] [--skip fuzz pathological robustness
                                                      resume] [--quick] [--workers 2] [--keep DIR]

Parts (each runs in subprocesses; this process never loads spaCy or a PDF library):

    fuzz          bench/fuzz_pdf.py --cases N (mutated samples/*.pdf, per-case RLIMIT_AS and wall timeout)
    pathological  bench/pathological.py (5,000-page PDF, 50 MB texts, decompression bomb, 100,000-deep nesting,
                  huge page, giant line, whitespace only); --quick makes them small
    robustness    `analyze /work/shared/robustness -o out.jsonl --password foo --timeout 60`: every file must
                  be recorded, with a result or a clear error (skipped when the folder is absent)
    round2        issue 14's cases (bench/round_two.py): non-UTF-8 names, -o over an input, a 100 MB-image PDF
                  with --timeout 30, a 1 KB XObject bomb (pdfium), Windows-1252 and BOM-less UTF-16 inputs, a
                  size-lying DOCX, resume over a garbled line, an empty folder, -o out.xlsx and /dev/full, Ctrl-C
    resume        a batch over ~40 small documents and a PDF long enough to be split, SIGKILLed (the
                  `analyze` process only, as a crash or an OOM kill would) after a few records, resumed
                  with --resume, killed again, resumed to the end; the final output is compared with a
                  clean run (records lost, duplicated, different)

Columns: inputs tried; results (a label); clear errors (a typed, one-line reason); unclear errors (typed,
but the reason is a Python message or names internals); crashes (untyped exception, worker death,
traceback); hangs (timeouts); memory (memory ceiling hit); records lost (inputs with no record at the
end, after kill-and-resume for the resume part); inputs modified (sha256 before and after, where measured);
orphans (processes of a run's group alive 5 s after it ended); peak RSS of any one process (MB, from wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
_EXE = Path(PYTHON).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [PYTHON, "-c", "from analyzer.cli import main; main()"]
ROBUSTNESS = Path("/work/shared/robustness")
CLEAR_CODES = {"input", "unsupported_format", "corrupt", "encrypted", "no_text", "resource_limit", "error"}
_INTERNAL = ("Traceback", "object has no attribute", "NoneType", "object is not", "index out of range",
             "unhashable", "unexpected keyword", "positional argument", "internal error", "\n")


@dataclass
class Row:
    part: str
    inputs: int = 0
    results: int = 0
    clear: int = 0
    unclear: int = 0
    crashes: int = 0
    hangs: int = 0
    memory: int = 0
    lost: int | None = None
    modified: int | None = None
    orphans: int = 0
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None


def run_measured(cmd: list[str], timeout: float, env: dict | None = None, cwd: Path = ROOT, stdout=None,
                 kill_when=None) -> tuple[int | None, float, float, str]:
    """Run `cmd` in its own process group; (exit code or None if we killed it, peak RSS MB, seconds, stderr).

    `kill_when()` is polled; when it returns True the process (only the group leader) gets SIGKILL."""
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=stdout or subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        killed = False
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout or (kill_when is not None and kill_when()):
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        _reap_group(proc.pid)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    return (None if killed else proc.returncode), ru.ru_maxrss / 1024, time.monotonic() - t0, stderr


_ORPHANS: list[int] = []


def _reap_group(pgid: int, grace: float = 5.0) -> None:
    """Workers must die with their parent; if any of this group survive `grace` s, count and kill them."""
    end = time.monotonic() + grace
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    _ORPHANS.append(pgid)
    try:
        os.killpg(pgid, signal.SIGKILL)  # our own process group, started above
    except ProcessLookupError:
        pass


# ------------------------------------------------------------------------------------------------ parts


def part_fuzz(args, tmp: Path) -> Row:
    row = Row("fuzz (mutated PDFs)")
    out = tmp / "fuzz.json"
    cmd = [PYTHON, str(BENCH / "fuzz_pdf.py"), "--cases", str(args.fuzz_cases), "--seed", str(args.seed),
           "--workers", str(args.workers), "--json", str(out), "--quiet", "--engine", args.fuzz_engine,
           "--artifacts", str(tmp / "fuzz-artifacts")]
    code, rss, secs, err = run_measured(cmd, timeout=args.fuzz_cases * 30 + 600)
    row.seconds = secs
    if code != 0 or not out.exists():
        row.notes.append(f"fuzz_pdf.py failed (exit {code}): {err.strip()[-300:]}")
        return row
    s = json.loads(out.read_text())
    c = s["counts"]
    row.inputs, row.results, row.crashes, row.hangs, row.memory = (s["cases"], c["result"], c["crash"], c["hang"],
                                                                   c["memory"])
    row.unclear = s.get("unclear", 0)
    row.clear = c["error"] - row.unclear
    row.peak_rss_mb = max(rss, s.get("peak_rss_mb", 0.0))
    row.lost = 0
    for kind in ("crashes", "hangs", "memory"):
        for it in s[kind][:5]:
            row.notes.append(f"{kind[:-1] if kind != 'memory' else 'memory'}: {it['case']}: {it['reason']}")
    for x in s.get("slow_retried", [])[:5]:
        row.notes.append(f"slow, answered on retry: {x}")
    for ex in s.get("unclear_examples", [])[:3]:
        row.notes.append(f"unclear: {ex}")
    row.notes.append(f"engine {s['engine']}; error kinds: " + "; ".join(f"{k} {v}" for k, v in
                                                                       list(s["codes"].items())[:4]))
    return row


def part_pathological(args, tmp: Path) -> Row:
    row = Row("pathological inputs")
    out = tmp / "pathological.json"
    cmd = [PYTHON, str(BENCH / "pathological.py"), "--json", str(out), "--timeout", str(args.patho_timeout),
           "--memory-mb", str(args.memory_mb)]
    if args.quick:
        cmd += ["--pages", "300", "--small-pages", "30", "--text-mb", "3", "--bomb-gb", "0.5"]
    code, rss, secs, err = run_measured(cmd, timeout=4 * 3600)
    row.seconds = secs
    if code != 0 or not out.exists():
        row.notes.append(f"pathological.py failed (exit {code}): {err.strip()[-300:]}")
        return row
    rows = json.loads(out.read_text())
    row.inputs = len(rows)
    row.lost = 0
    for r in rows:
        row.peak_rss_mb = max(row.peak_rss_mb, r["peak_rss_mb"])
        if r["verdict"] == "ok":
            if r["answer"].startswith("error"):
                row.clear += 1
            else:
                row.results += 1
        elif r["verdict"] == "UNCLEAR":
            row.unclear += 1
        elif r["verdict"] == "LIMIT":
            if r["answer"].startswith("timeout"):
                row.hangs += 1
            else:
                row.memory += 1
        else:
            row.crashes += 1
        tag = "" if r["verdict"] == "ok" else f"[{r['verdict']}] "
        row.notes.append(f"{tag}{r['case']} [{r['engine']}] {r['seconds']:.1f} s {r['peak_rss_mb']:.0f} MB: "
                         f"{r['answer'][:80]}" + (f" ({r['note']})" if r.get("note") else ""))
    return row


def _records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append({"path": "<garbled line>", "error": "garbled", "error_code": "garbled"})
    return out


def _classify(records: list[dict], row: Row) -> None:
    for r in records:
        code, error = r.get("error_code"), r.get("error")
        if not error:
            row.results += 1
        elif code == "timeout":
            row.hangs += 1
        elif code in ("crash", "internal", "garbled"):
            row.crashes += 1
        elif code == "resource_limit" and "memory" in error:
            row.memory += 1
        elif code in CLEAR_CODES and not any(s in error for s in _INTERNAL):
            row.clear += 1
        else:
            row.unclear += 1


def _expected_inputs(folder: Path) -> list[str]:
    """What the batch should record for `folder`: its own discovery, run in a subprocess (no heavy imports here)."""
    code = ("import json,sys; from analyzer.batch import discover; "
            "print(json.dumps(list(discover([sys.argv[1]]))))")
    out = subprocess.run([PYTHON, "-c", code, str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    return json.loads(out.stdout) if out.returncode == 0 else []


def part_robustness(args, tmp: Path) -> Row:
    row = Row("robustness folder (CLI batch)")
    if not ROBUSTNESS.is_dir():
        row.skipped = f"{ROBUSTNESS} absent"
        return row
    out = tmp / "robustness.jsonl"
    expected = _expected_inputs(ROBUSTNESS)
    cmd = [*ANALYZE, str(ROBUSTNESS), "-o", str(out), "--password", "foo", "--timeout", "60", "--quiet",
           "--workers", str(args.workers), "--memory-mb", str(args.memory_mb)]
    code, rss, secs, err = run_measured(cmd, timeout=3600)
    row.seconds, row.peak_rss_mb = secs, rss
    records = _records(out)
    row.inputs = len(expected)
    _classify(records, row)
    recorded = Counter(r.get("path") for r in records)
    row.lost = sum(1 for p in expected if p not in recorded)
    dups = sum(n - 1 for n in recorded.values() if n > 1)
    if code not in (0, 1):
        row.notes.append(f"analyze exited {code}")
    if "Traceback" in err:
        row.crashes += 1
        row.notes.append("a traceback on stderr: " + err.strip().splitlines()[-1][:120])
    if dups:
        row.notes.append(f"{dups} duplicate records")
    codes = Counter(r.get("error_code") for r in records if r.get("error"))
    row.notes.append("errors by code: " + ", ".join(f"{k} {v}" for k, v in codes.most_common()))
    for r in records:
        e = r.get("error") or ""
        if r.get("error_code") in ("crash", "internal", "timeout") or (e and any(s in e for s in _INTERNAL)):
            row.notes.append(f"{Path(r['path']).name}: ({r.get('error_code')}) {e[:100]}")
    if args.keep:
        shutil.copy(out, args.keep / out.name)
    return row


def part_round2(args, tmp: Path) -> Row:
    sys.path.insert(0, str(BENCH))
    from round_two import run_part

    row = Row("issue 14 cases (CLI)")
    c = run_part(ANALYZE, run_measured, tmp, args.workers)
    row.inputs, row.results, row.clear, row.unclear = c["inputs"], c["results"], c["clear"], c["unclear"]
    row.crashes, row.hangs, row.memory, row.lost = c["crashes"], c["hangs"], c["memory"], c["lost"]
    row.modified, row.peak_rss_mb, row.seconds = c["modified"], c["peak"], c["seconds"]
    row.notes.extend(c["notes"])
    return row


def _split_pdf(path: Path, pages: int = 60) -> bool:
    """A plain agreement long enough for the batch to read it with page-range processes (fpdf2, if present)."""
    try:
        import fpdf
    except ImportError:
        return False
    pdf = fpdf.FPDF(format="letter")
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Times", size=11)
        pdf.set_xy(72, 72)
        text = f"Section {n}. The Borrower shall deliver the reports for period {n} to the Lender. " * 5
        if n == pages:
            text += "Borrower shall be fully and personally liable for the Debt."
        pdf.multi_cell(460, 14, text)
    pdf.output(str(path))
    return True


def _make_resume_corpus(folder: Path, n_text: int = 30) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(40)
    clauses = ["The Borrower shall not be personally liable for the payment of the Loan.",
               "Lender shall look solely to the Property for repayment.",
               "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud.",
               "Borrower shall be fully and personally liable for the Debt.",
               "Borrower's recourse liability shall not exceed 25% of the principal amount.",
               "Minutes of the garden club: tea was served."]
    for i in range(n_text):
        body = [f"PROMISSORY NOTE No. {i}", "", f"1. Borrower promises to pay Lender ${1000 + i * 37:,}.00.", ""]
        body += [f"{k + 2}. {rng.choice(clauses)}" for k in range(rng.randint(1, 4))]
        (folder / f"note_{i:02d}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    for p in sorted((ROOT / "samples").glob("*.pdf")):
        shutil.copy(p, folder / p.name)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n")
    _split_pdf(folder / "long_split.pdf")


def _key(r: dict) -> tuple:
    return (r.get("label"), r.get("error_code"), len(r.get("evidence") or []))


def part_resume(args, tmp: Path) -> Row:
    row = Row("kill-and-resume (CLI batch)")
    folder = tmp / "resume-docs"
    _make_resume_corpus(folder)
    hashes = {p.name: p.read_bytes() for p in folder.iterdir()}
    expected = _expected_inputs(folder)
    row.inputs = len(expected)
    base = [*ANALYZE, str(folder), "--quiet", "--workers", str(args.workers), "--timeout", "120"]

    clean = tmp / "clean.jsonl"
    code, rss, secs, err = run_measured([*base, "-o", str(clean)], timeout=1800)
    row.peak_rss_mb = rss
    row.seconds += secs
    clean_recs = {r["path"]: r for r in _records(clean)}
    if len(clean_recs) != len(expected):
        row.notes.append(f"clean run recorded {len(clean_recs)} of {len(expected)} (exit {code})")

    out = tmp / "killed.jsonl"
    # slower per file, so that kills land mid-run: the command run through the test hooks (tests/hooks.py)
    env = dict(os.environ, RECOURSE_TEST_HOOKS='{"delay": 0.4}')
    base = [PYTHON, str(ROOT / "tests" / "hooks.py"), *base[len(ANALYZE):]]
    kills = 0
    for kill_at in args.kill_at:
        before = len(_records(out))

        def when(k: int = kill_at, start: int = before) -> bool:
            try:
                lines = out.read_bytes().count(b"\n")
            except FileNotFoundError:
                return False
            return lines - start >= k
        cmd = [*base, "-o", str(out)] + (["--resume"] if out.exists() else [])
        code, rss, secs, err = run_measured(cmd, timeout=1800, env=env, kill_when=when)
        row.seconds += secs
        row.peak_rss_mb = max(row.peak_rss_mb, rss)
        kills += code is None
        if "Traceback" in err:
            row.crashes += 1
            row.notes.append("traceback on stderr: " + err.strip().splitlines()[-1][:120])
    code, rss, secs, err = run_measured([*base, "-o", str(out), "--resume"], timeout=1800, env=env)
    row.seconds += secs
    row.peak_rss_mb = max(row.peak_rss_mb, rss)
    if code not in (0, 1):
        row.notes.append(f"final --resume run exited {code}: {err.strip()[-200:]}")
    final = _records(out)
    _classify(final, row)
    got = Counter(r.get("path") for r in final)
    row.lost = sum(1 for p in expected if p not in got)
    dups = sum(n - 1 for n in got.values() if n > 1)
    differ = [p for p, r in clean_recs.items() if p in got and
              _key(next(x for x in final if x.get("path") == p)) != _key(r)]
    row.notes.append(f"{kills} SIGKILLs after {', '.join(map(str, args.kill_at))} new records; {len(final)} records "
                     f"at the end, {dups} duplicated, {len(differ)} different from the clean run; orphaned worker "
                     f"groups: {len(_ORPHANS)}")
    for p in differ[:5]:
        row.notes.append(f"differs: {Path(p).name}")
    row.modified = sum(1 for p in folder.iterdir() if p.name in hashes and p.read_bytes() != hashes[p.name])
    if args.keep:
        shutil.copy(out, args.keep / "resumed.jsonl")
        shutil.copy(clean, args.keep / "clean.jsonl")
    return row


# ------------------------------------------------------------------------------------------------ table


def print_table(rows: list[Row], out=sys.stdout) -> None:
    cols = ("inputs", "results", "clear errors", "unclear errors", "crashes", "hangs", "memory", "records lost",
            "inputs modified", "orphans", "peak RSS MB", "seconds")
    w = out.write
    w("\n" + f"{'part':<32}" + "".join(f"{c:>16}" for c in cols) + "\n")
    total = Row("TOTAL")
    for r in rows:
        if r.skipped:
            w(f"{r.part:<32}  skipped: {r.skipped}\n")
            continue
        vals = (r.inputs, r.results, r.clear, r.unclear, r.crashes, r.hangs, r.memory,
                "-" if r.lost is None else r.lost, "-" if r.modified is None else r.modified, r.orphans,
                f"{r.peak_rss_mb:.0f}", f"{r.seconds:.0f}")
        w(f"{r.part:<32}" + "".join(f"{v:>16}" for v in vals) + "\n")
        for k in ("inputs", "results", "clear", "unclear", "crashes", "hangs", "memory"):
            setattr(total, k, getattr(total, k) + getattr(r, k))
        total.lost = (total.lost or 0) + (r.lost or 0)
        total.modified = (total.modified or 0) + (r.modified or 0)
        total.orphans += r.orphans
        total.peak_rss_mb = max(total.peak_rss_mb, r.peak_rss_mb)
        total.seconds += r.seconds
    vals = (total.inputs, total.results, total.clear, total.unclear, total.crashes, total.hangs, total.memory,
            total.lost or 0, total.modified or 0, total.orphans, f"{total.peak_rss_mb:.0f}", f"{total.seconds:.0f}")
    w(f"{'TOTAL':<32}" + "".join(f"{v:>16}" for v in vals) + "\n")
    for r in rows:
        if r.notes:
            w(f"\n{r.part}:\n")
            for n in r.notes:
                w(f"  {n}\n")


PARTS = {"fuzz": part_fuzz, "pathological": part_pathological, "robustness": part_robustness,
         "round2": part_round2, "resume": part_resume}


def main(argv: list[str] | None = None) -> list[Row]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fuzz-cases", type=int, default=2000)
    ap.add_argument("--fuzz-engine", choices=("pdfplumber", "pdfium", "both"), default="pdfplumber")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-mb", type=int, default=2048)
    ap.add_argument("--patho-timeout", type=float, default=600.0)
    ap.add_argument("--kill-at", type=int, nargs="+", default=[3, 8, 12],
                    help="SIGKILL the batch after this many new records, once per number")
    ap.add_argument("--quick", action="store_true", help="small pathological inputs")
    ap.add_argument("--skip", nargs="*", choices=list(PARTS), default=[])
    ap.add_argument("--keep", type=Path, help="keep outputs here")
    ap.add_argument("--json", type=Path, help="write the rows here")
    args = ap.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
        for name, fn in PARTS.items():
            if name in args.skip:
                continue
            print(f"[reliability] {name} ...", file=sys.stderr, flush=True)
            orphans_before = len(_ORPHANS)
            row = fn(args, Path(tmp))
            row.orphans = len(_ORPHANS) - orphans_before
            rows.append(row)
            print(f"[reliability] {name}: {row.inputs} inputs, {row.seconds:.0f} s", file=sys.stderr, flush=True)
            if args.keep:
                for f in Path(tmp).glob("*.json"):
                    shutil.copy(f, args.keep / f.name)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return rows


if __name__ == "__main__":
    main()
