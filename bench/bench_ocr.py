"""OCR speed and agreement on the scanned sample (samples/scanned_limited_cmbs_carveouts.pdf).

    .venv/bin/python bench/bench_ocr.py [--pages 2] [--rounds 1] [--skip-threads]

1. Speed: renders the first --pages pages as analyzer.readers.ocr does (300 dpi gray PGM), then runs
   Tesseract on each with one thread (OMP_THREAD_LIMIT=1, what the analyzer uses) and with Tesseract's
   default threading, side by side (alternating which goes first). Prints seconds per page, wall and
   CPU (Tesseract's user+sys), and the ratio default/one-thread. Default threading is slow on 2 cores:
   keep --pages small.
2. Agreement: analyzes the scanned sample (OCR, all pages) and its text-layer original
   samples/limited_cmbs_carveouts.pdf, and prints both labels, the pages of their decisive evidence,
   the page of the labeled decisive quote, and how closely the OCR'd words match the text layer's.

Prints, asserts nothing. Wall times depend on what else runs on the machine: the load average is
printed; CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCANNED = SAMPLES / "scanned_limited_cmbs_carveouts.pdf"
TYPESET = SAMPLES / "limited_cmbs_carveouts.pdf"


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_ocr(images, threads: int | None) -> tuple[float, float]:
    """(wall, cpu) seconds per page for Tesseract over the page images."""
    from analyzer.readers import ocr

    cpu0, t0 = child_cpu(), time.perf_counter()
    for image in images:
        ocr.ocr_image(image, timeout=600, threads=threads)
    n = max(len(images), 1)
    return (time.perf_counter() - t0) / n, (child_cpu() - cpu0) / n


def speed(pages: int, rounds: int, threads_too: bool) -> None:
    import pypdfium2 as pdfium

    from analyzer.readers import ocr

    doc = pdfium.PdfDocument(str(SCANNED))
    n = min(pages, len(doc))
    t0 = time.perf_counter()
    images = []
    for i in range(n):
        page = doc[i]
        images.append(ocr.embedded_jpeg(page) or ocr.render_page(page))
        page.close()
    doc.close()
    render = (time.perf_counter() - t0) / n
    first = images[0]
    print(f"pages: {n} of {SCANNED.name}; image {first.kind}, {first.dpi:.0f} dpi, "
          f"{len(first.data) / 1e6:.1f} MB; render {render:.2f} s/page")
    one: list[tuple[float, float]] = []
    multi: list[tuple[float, float]] = []
    for r in range(rounds):
        order = [(1, one), (None, multi)] if r % 2 == 0 else [(None, multi), (1, one)]
        for threads, out in order:
            if threads is None and not threads_too:
                continue
            out.append(time_ocr(images, threads))
            wall, cpu = out[-1]
            name = "one thread" if threads == 1 else "default threading"
            print(f"  round {r + 1} {name:18s} {wall:6.2f} s/page wall  {cpu:6.2f} s/page CPU", flush=True)
    w1, c1 = statistics.median(w for w, _ in one), statistics.median(c for _, c in one)
    print(f"one thread (OMP_THREAD_LIMIT=1): {w1:.2f} s/page wall, {c1:.2f} s/page CPU")
    if multi:
        wm, cm = statistics.median(w for w, _ in multi), statistics.median(c for _, c in multi)
        print(f"default threading:               {wm:.2f} s/page wall, {cm:.2f} s/page CPU")
        print(f"ratio default / one thread:      {wm / w1:.2f}x wall, {cm / c1:.2f}x CPU")


def _squash(s: str) -> str:
    return " ".join(s.split()).lower()


def agreement() -> None:
    from analyzer.api import Analyzer, analyze_document
    from analyzer.errors import AnalyzerError

    row = next(r for r in csv.DictReader(open(SAMPLES / "labels.csv", newline="", encoding="utf-8"))
               if r["file"] == SCANNED.name)
    quote = _squash(row["decisive_quote"])[:60]
    results, words = {}, {}
    for name, path in (("text layer", TYPESET), ("OCR", SCANNED)):
        cpu0, t0 = child_cpu(), time.perf_counter()
        try:
            doc = Analyzer().read(path)
        except AnalyzerError as exc:
            print(f"{name:10s} error: {exc.reason}")
            return
        r = analyze_document(doc)
        wall, cpu = time.perf_counter() - t0, child_cpu() - cpu0
        results[name], words[name] = r, doc.text.split()
        decisive = sorted({e.page for e in r.evidence if e.decisive and e.page})
        quoted = [e for e in r.evidence if quote in _squash(e.text)]
        print(f"{name:10s} label={r.label} confidence={r.confidence} decisive pages={decisive} "
              f"quote page={quoted[0].page if quoted else None} ocr_pages={r.ocr_pages} "
              f"({wall:.1f} s wall, {cpu:.1f} s Tesseract CPU) warnings={r.warnings}")
    a, b = results["text layer"], results["OCR"]
    print(f"labels agree: {a.label == b.label} (expected {row['label']}, decisive page {row['decisive_page']})")
    kinds = lambda r: sorted((e.kind, e.page) for e in r.evidence if e.decisive)  # noqa: E731
    print(f"decisive evidence (kind, page) identical: {kinds(a) == kinds(b)}")
    for field in ("carve_outs", "springing_triggers", "caps", "guarantors", "governing_law"):
        x, y = getattr(a.details, field), getattr(b.details, field)
        print(f"details.{field}: {'same' if x == y else f'text layer {x!r} | OCR {y!r}'}")
    ta, tb = words["text layer"], words["OCR"]
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    wrong = [(ta[i1:i2], tb[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    print(f"document words: text layer {len(ta)}, OCR {len(tb)}; word-sequence similarity {sm.ratio():.4f}; "
          f"differences {len(wrong)}: {wrong[:8]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2, help="pages for the threading comparison (default 2)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--skip-threads", action="store_true", help="time one thread only")
    ap.add_argument("--skip-agreement", action="store_true")
    args = ap.parse_args()
    exe = shutil.which("tesseract")
    if exe is None:
        print("tesseract is not installed (apt-get install tesseract-ocr): nothing to measure")
        sys.exit(0)
    print(f"tesseract: {exe}; cores: {os.cpu_count()}; load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    speed(args.pages, args.rounds, not args.skip_threads)
    if not args.skip_agreement:
        agreement()
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
