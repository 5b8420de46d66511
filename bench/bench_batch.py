"""Batch throughput: 2 worker processes against 1, on 40 copies of a ~20-page agreement PDF.

    .venv/bin/python bench/bench_batch.py [--files 40] [--pages 20] [--rounds 1] [--workers 2]

Typesets one agreement with fpdf2 from samples/*.txt (generated text if there are none), copies it
--files times into a temp folder, then times `analyzer.batch.run` over the folder with 1 worker and
with N workers, side by side in each round (alternating which goes first). Wall time includes worker
start-up (each worker loads the spaCy pipeline once), as a user of `analyze DIR` sees it. Prints
files/s, pages/s and the ratio (target >= 1.8 for 2 workers on 2 cores); asserts nothing. This
process never imports spaCy itself, so workers start cold as in a real run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FILLER = ("Borrower promises to pay to the order of Lender the principal sum stated above, with interest on the "
          "unpaid balance at the rate set forth in Section 2. Notwithstanding anything to the contrary, Lender "
          "shall look solely to the Property and Borrower shall have no personal liability for the Debt, except "
          "that Borrower shall be liable for losses arising from fraud, misapplication of rents or waste.")


def paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))]
    paras = [line.strip() for t in texts for line in t.replace("\f", "\n").splitlines() if line.strip()]
    return paras or [f"{i}. {FILLER}" for i in range(1, 400)]


def make_pdf(path: Path, pages: int) -> int:
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Times", size=11)
    paras = paragraphs()
    i = 0
    while True:
        text = paras[i % len(paras)].encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, text)
        pdf.ln(2)
        i += 1
        if pdf.page_no() >= pages and pdf.get_y() > 200:
            break
    pdf.output(str(path))
    return pdf.page_no()


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def one_run(folder: Path, workers: int, out: Path, engine: str) -> tuple[float, float, int, int, int]:
    """Wall seconds, CPU seconds (this process + its reaped workers), records, pages, failures."""
    from analyzer.batch import BatchConfig, run

    cfg = BatchConfig(fmt="jsonl", output=out, workers=workers, progress=False, summary=False,
                      options={"engine": engine})
    c0, t0 = _cpu(), time.perf_counter()
    failures = run([str(folder)], cfg)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    return elapsed, cpu, len(recs), sum(r.get("pages") or 0 for r in recs), failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="pdfplumber", help="PDF text engine: pdfplumber or pdfium")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        folder = tmp / "in"
        folder.mkdir()
        master = tmp / "agreement.pdf"
        pages = make_pdf(master, args.pages)
        for i in range(args.files):
            shutil.copyfile(master, folder / f"agreement_{i:03d}.pdf")
        print(f"{args.files} files x {pages} pages ({master.stat().st_size // 1024} KB each); "
              f"{os.cpu_count()} CPUs; load average before: {os.getloadavg()[0]:.2f}")
        times: dict[int, list[float]] = {1: [], args.workers: []}
        cpus: dict[int, list[float]] = {1: [], args.workers: []}
        for r in range(args.rounds):
            order = (1, args.workers) if r % 2 == 0 else (args.workers, 1)
            for w in order:
                elapsed, cpu, n, npages, failures = one_run(folder, w, tmp / f"out_{w}.jsonl", args.engine)
                times[w].append(elapsed)
                cpus[w].append(cpu)
                print(f"  round {r + 1}: {w} worker{'s' if w > 1 else ' '}  {elapsed:7.2f} s  "
                      f"{n / elapsed:6.2f} files/s  {npages / elapsed:7.1f} pages/s  cpu {cpu:7.1f} s "
                      f"(used {cpu / elapsed / w:4.0%} of {w} core{'s' if w > 1 else ''})  "
                      f"({n} records, {failures} failures)  load {os.getloadavg()[0]:.1f}")
        t1, tn = statistics.median(times[1]), statistics.median(times[args.workers])
        c1, cn = statistics.median(cpus[1]), statistics.median(cpus[args.workers])
        print(f"throughput {args.workers} workers / 1 worker: {t1 / tn:.2f}x  (median of {args.rounds} round(s); "
              f"target >= 1.8); load average after: {os.getloadavg()[0]:.2f}")
        print(f"cpu per file {args.workers} workers / 1 worker: {cn / c1:.2f}x (parallel overhead; 1.00 = none). "
              f"A wall ratio far below 1.8 with 'used' well under 100% means other processes held the cores.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
