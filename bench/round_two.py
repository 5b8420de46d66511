"""Issue 14's hostile cases for bench/reliability.py: each run through the `analyze` command, in subprocesses.

Every case counts its inputs; at the end each must have a record (a label or a one-line error naming the
limit or the reason), or, for a refused command, an exit status 2 with one line on stderr. A file stopped
by its own CPU or memory limit is a clear error here: the record says which limit; a hang is a run that
did not end by itself within the bench's deadline (the bench had to kill it) or a "no progress" timeout.
Inputs modified: sha256 of every input file before and after. Orphans: processes of the run's process
group still alive 5 s after it ended (reliability.run_measured).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import (  # noqa: E402
    HTML,
    NOTE,
    big_inline_image_pdf,
    size_lying_docx,
    xobject_bomb_pdf,
)

TEXT = ("LOAN AGREEMENT No. {n}\n\nBorrower promises to pay Lender ${n},000.00 with interest.\n\nBorrower shall "
        "have no personal liability for the payment of the Loan, and Lender shall look solely to the Property.\n")


def _hashes(folder: Path) -> dict[str, str]:
    out = {}
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            p = Path(dirpath) / f
            if p.suffix in (".jsonl", ".csv", ".json", ".html", ".rejected") or p.name.startswith("."):
                continue  # outputs the cases write on purpose
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def make_inputs(tmp: Path) -> dict[str, Path]:
    """Every input of the part, generated (the 100 MB-image PDF included)."""
    d = {}
    names = tmp / "names"
    names.mkdir(parents=True)
    (names / os.fsdecode(b"caf\xe9 \xff note.txt")).write_text(TEXT.format(n=1))
    (names / "plain.txt").write_text(TEXT.format(n=2))
    d["names"] = names
    over = tmp / "over"
    over.mkdir()
    (over / "note.txt").write_text(TEXT.format(n=3))
    (over / "existing.txt").write_text(TEXT.format(n=4))
    d["over"] = over
    pdfs = tmp / "pdfs"
    pdfs.mkdir()
    (pdfs / "image100mb.pdf").write_bytes(big_inline_image_pdf(100))
    (pdfs / "xobject-bomb.pdf").write_bytes(xobject_bomb_pdf())
    d["pdfs"] = pdfs
    enc = tmp / "encodings"
    enc.mkdir()
    (enc / "cp1252.txt").write_bytes(NOTE.encode("cp1252"))
    (enc / "utf16le.html").write_bytes(HTML.encode("utf-16-le"))
    (enc / "utf16be.htm").write_bytes(HTML.encode("utf-16-be"))
    d["encodings"] = enc
    docx = tmp / "docx"
    docx.mkdir()
    size_lying_docx(docx / "lying.docx", inflated_mb=300)
    d["docx"] = docx
    resume = tmp / "resume"
    resume.mkdir()
    for i in range(6):
        (resume / f"n{i}.txt").write_text(TEXT.format(n=10 + i))
    d["resume"] = resume
    empty = tmp / "empty"
    empty.mkdir()
    (empty / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    d["empty"] = empty
    return d


def run_part(analyze: list[str], run_measured, tmp: Path, workers: int) -> dict:
    """The cases; returns counts and notes for reliability.py's Row."""
    t0 = time.monotonic()
    ins = make_inputs(tmp / "round2")
    before = _hashes(tmp / "round2")
    c = {"inputs": 0, "results": 0, "clear": 0, "unclear": 0, "crashes": 0, "hangs": 0, "memory": 0, "lost": 0,
         "peak": 0.0, "notes": []}
    base = ["--workers", str(workers), "-q"]

    def records(path: Path) -> list[dict]:
        if not path.exists():
            return []
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]

    def tally(case: str, recs: list[dict], expected: int, code, secs: float, err: str) -> None:
        c["inputs"] += expected
        c["lost"] += max(0, expected - len(recs))
        if code is None:
            c["hangs"] += 1
            c["notes"].append(f"{case}: killed by the bench deadline")
        if "Traceback" in err:
            c["crashes"] += 1
        for r in recs:
            e, k = r.get("error"), r.get("error_code")
            if not e:
                c["results"] += 1
            elif k in ("crash", "internal"):
                c["crashes"] += 1
            elif k == "timeout" and "no progress" in e:
                c["hangs"] += 1
            elif k == "resource_limit" and "memory" in e:
                c["memory"] += 1  # its own column, as in the other parts
            else:
                c["clear"] += 1
            shown = Path(r["path"]).name
            c["notes"].append(f"{case}: {shown}: {e or r.get('label')} ({secs:.0f} s)"
                              + (f" [warning: {r['warnings'][0]}]" if r.get("warnings") else ""))

    def refused(case: str, cmd: list[str], inputs: int) -> None:
        code, rss, secs, err = run_measured([*analyze, *cmd], timeout=120)
        c["peak"] = max(c["peak"], rss)
        c["inputs"] += inputs
        lines = [x for x in err.splitlines() if x.strip()]
        if code == 2 and len(lines) == 1:
            c["clear"] += inputs
        else:
            c["unclear"] += inputs
        c["notes"].append(f"{case}: exit {code} in {secs:.1f} s: {lines[0] if lines else ''}")

    def batch(case: str, cmd: list[str], out: Path, expected: int, timeout: float = 600) -> None:
        code, rss, secs, err = run_measured([*analyze, *cmd, "-o", str(out), *base], timeout=timeout)
        c["peak"] = max(c["peak"], rss)
        tally(case, records(out) if out.suffix == ".jsonl" else [], expected, code, secs, err)

    # 1 file names that are not UTF-8, in every durable and report format
    batch("1 names jsonl", [str(ins["names"])], tmp / "names.jsonl", 2)
    for fmt in ("csv", "html", "json"):
        out = tmp / f"names.{fmt}"
        code, _rss, secs, err = run_measured([*analyze, str(ins["names"]), "-o", str(out), *base], timeout=600)
        ok = code == 0 and "caf\\xe9" in out.read_text(encoding="utf-8").replace("\\\\", "\\")
        c["inputs"] += 2
        c["results" if ok else "crashes"] += 2
        c["notes"].append(f"1 names {fmt}: exit {code}, {'written' if ok else 'NOT written: ' + err[-120:]}")
    # 2 an output naming an input
    refused("2 -o the input", [str(ins["over"] / "note.txt"), "-o", str(ins["over"] / "note.txt")], 1)
    refused("2 -o a document in the folder", [str(ins["over"]), "-o", str(ins["over"] / "existing.txt"), "-f",
                                              "csv"], 2)
    # 3 a one-page PDF with a 100 MB inline image, --timeout 30, alone and in a batch
    batch("3 100 MB image", [str(ins["pdfs"] / "image100mb.pdf"), "--timeout", "30", "-f", "jsonl"],
          tmp / "image.jsonl", 1)
    # 4 a 1 KB PDF of form XObjects drawing each other, pdfium, memory ceiling 1024 MB
    batch("4 XObject bomb", [str(ins["pdfs"] / "xobject-bomb.pdf"), "--engine", "pdfium", "--memory-mb", "1024",
                             "-f", "jsonl"], tmp / "bomb.jsonl", 1)
    # 5 encodings, in a folder and named
    batch("5 encodings folder", [str(ins["encodings"])], tmp / "enc.jsonl", 3)
    batch("5 cp1252 named", [str(ins["encodings"] / "cp1252.txt"), "-f", "jsonl"], tmp / "cp.jsonl", 1)
    # 7 a size-lying DOCX
    batch("7 lying DOCX", [str(ins["docx"] / "lying.docx"), "-f", "jsonl"], tmp / "docx.jsonl", 1)
    # 8 resume over a garbled middle line
    out = tmp / "resume.jsonl"
    run_measured([*analyze, str(ins["resume"]), "-o", str(out), "--ordered", *base], timeout=600)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:30] + b"\x00}\n" + b"".join(lines[3:]))
    code, rss, secs, err = run_measured([*analyze, str(ins["resume"]), "-o", str(out), "--resume", *base],
                                        timeout=600)
    recs = records(out)
    rejected = Path(str(out) + ".rejected").exists()
    tally("8 resume garbled", recs, 6, code, secs, err)
    c["notes"].append(f"8 resume garbled: .rejected written: {rejected}; stderr: {err.strip()[:120]}")
    # 9 silent skips: a folder without documents, an unknown suffix, /dev/full
    batch("9 empty folder", [str(ins["empty"])], tmp / "empty.jsonl", 1)
    refused("9 -o out.xlsx", [str(ins["over"] / "note.txt"), "-o", str(tmp / "out.xlsx")], 1)
    if os.path.exists("/dev/full"):
        refused("9 -o /dev/full -f html", [str(ins["over"] / "note.txt"), "-o", "/dev/full", "-f", "html"], 1)
    # 11 Ctrl-C: SIGINT after 2 records, then the printed --resume command
    out = tmp / "ctrlc.jsonl"
    env = dict(os.environ, RECOURSE_TEST_HOOKS='{"delay": 0.5}')  # read by tests/hooks.py, which runs the command
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "hooks.py"), str(ins["resume"]), "-o", str(out),
                             "--workers", "1", "-q"], env=env,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 2):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1]
    said = [x for x in err.splitlines() if "interrupted" in x]
    c["notes"].append(f"11 Ctrl-C: exit {proc.returncode}: {said[0] if said else '(nothing said)'}")
    batch("11 resume after Ctrl-C", [str(ins["resume"]), "--resume"], out, 6)
    after = _hashes(tmp / "round2")
    c["modified"] = sum(1 for p, h in before.items() if after.get(p) != h)
    c["seconds"] = time.monotonic() - t0
    return c
