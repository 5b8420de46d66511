"""How much of an API analysis the garbage collector takes, with and without the heap held.

    python bench/bench_api_heap.py PDF [--rounds 2] [--engine pdfplumber]

Each side runs in a fresh process: `Analyzer(engine=...)` analyzes a small sample first (the
pipeline is built then), then PDF, timed. `plain` calls the undecorated method (no heap treatment,
as before analyzer/heap.py), `held` the API as shipped (heap frozen for the call, unfrozen after),
`worker` the batch workers' permanent `settle_worker_heap()`. The time inside collections is
summed from `gc.callbacks` in thread CPU time, which a busy machine disturbs far less than the
total. Prints per side: CPU seconds, seconds in the collector, its share, full collections.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import gc, sys, time
side, engine, pdf, warm = sys.argv[1:5]
import analyzer.api as api
if side == "plain":
    api.Analyzer.analyze = api.Analyzer.analyze.__wrapped__
analyzer = api.Analyzer(engine=engine, ocr="never")
analyzer.analyze(warm)
if side == "worker":
    from analyzer.nlp.pipeline import settle_worker_heap
    settle_worker_heap()
spent, full, t0 = 0.0, 0, 0.0
def watch(phase, info):
    global spent, full, t0
    if phase == "start":
        t0 = time.thread_time()
    else:
        spent += time.thread_time() - t0
        full += info["generation"] == 2
gc.callbacks.append(watch)
c = time.thread_time()
analyzer.analyze(pdf)
print(time.thread_time() - c, spent, full)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--engine", default="pdfplumber")
    args = ap.parse_args()
    if not args.pdf.is_file():
        raise SystemExit(f"{args.pdf}: no such file")
    warm = ROOT / "samples" / "recourse_plain_note.pdf"
    print(f"{'side':<7} {'CPU s':>7} {'in gc s':>8} {'gc share':>8} {'full collections':>16}")
    for _ in range(args.rounds):
        for side in ("plain", "held", "worker"):
            out = subprocess.run([sys.executable, "-c", CHILD, side, args.engine, str(args.pdf), str(warm)],
                                 capture_output=True, text=True, check=False, cwd=ROOT)
            if out.returncode != 0:
                raise SystemExit(f"{side} failed:\n{out.stderr[-1500:]}")
            total, spent, full = out.stdout.split()[-3:]
            print(f"{side:<7} {float(total):>7.2f} {float(spent):>8.3f} {float(spent) / float(total):>8.1%} {full:>16}")


if __name__ == "__main__":
    main()
