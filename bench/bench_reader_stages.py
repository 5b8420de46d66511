"""CPU of the pdfium reader's stages, ms/page, this checkout beside another one, on one PDF.

    git -C . archive main | tar -x -C /tmp/main-copy          # any older version, unpacked
    python bench/bench_reader_stages.py agreement.pdf --against /tmp/main-copy --rounds 7

Each round runs one child process per checkout (cwd = the checkout, so it imports that `analyzer`),
alternating which goes first; a child times every stage once, and the best of the rounds is kept per
stage (on a shared machine the least disturbed run is the steadiest figure). Stages:

  page        pdf[i], size, rotation, media box        (the floor, with textpage)
  textpage    page.get_textpage()                      (the floor)
  lines       the engine's lines of a page (fast_lines, or fast_draft + finish per 32 pages)
  setter      storing them packed (PageLines.lines = ..., or set_packed)
  strip       running lines removed (a pass of its own where the checkout has one)
  emit+build  paragraphs written into the Document, built
  read        the whole reader, read_plain (its page and textpage calls included)

A child runs every stage twice and reports the second pass (the first pays for imports and cold caches).

"above floor" is lines + setter + strip + emit+build.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import inspect, json, sys, time
import pypdfium2 as pdfium
from analyzer.readers import ReadOptions, pdf_layout as L, pdf_pages as G, pdfium_fast as F
from analyzer.readers.pdf_pdfium import pdfium_words

path = sys.argv[1]
data = open(path, "rb").read()


def stages():
    pdf = pdfium.PdfDocument(data)
    n = len(pdf)
    t = dict(page=0.0, textpage=0.0, lines=0.0, setter=0.0)
    batch = []
    for i in range(n):
        c0 = time.process_time()
        page = pdf[i]
        w, h, rot = page.get_width(), page.get_height(), page.get_rotation() % 360
        mb = tuple(float(v) for v in page.get_mediabox())
        c1 = time.process_time()
        tp = page.get_textpage()
        c2 = time.process_time()
        out = L.PageLines(number=i + 1, width=w, height=h)
        if hasattr(F, "finish"):  # drafts while the page is open, boxes per 32 pages
            batch.append((out, F.fast_draft(tp, rot, mb, pdfium_words)))
            c3 = time.process_time()
            if len(batch) == 32 or i == n - 1:
                packed = F.finish([d for _, d in batch])
                c3b = time.process_time()
                for (o, _), p in zip(batch, packed):
                    o.set_packed(*p)
                batch = []
                t["lines"] += c3b - c3
                c3 = c3b
            c4 = time.process_time()
        else:
            lines = F.fast_lines(tp, rot, mb, pdfium_words)
            c3 = time.process_time()
            out.lines = lines
            c4 = time.process_time()
        tp.close()
        page.close()
        t["page"] += c1 - c0
        t["textpage"] += c2 - c1
        t["lines"] += c3 - c2
        t["setter"] += c4 - c3
    options = ReadOptions(engine="pdfium", ocr="never")
    pages = G.extract_pages(data, options, {})
    c0 = time.process_time()
    running = L.find_running_keys(pages)
    b = L.PageBuilder(source=path, fmt="pdf")
    if "running" in inspect.signature(L.emit).parameters:
        c1 = time.process_time()
        L.emit(b, pages, running)
    else:
        for p in pages:
            L.strip_running_lines(p, running)
        c1 = time.process_time()
        L.emit(b, pages)
    b.build()
    c2 = time.process_time()
    t["strip"], t["emit+build"] = c1 - c0, c2 - c1
    c0 = time.process_time()
    G.read_plain(data, path, options)
    t["read"] = time.process_time() - c0
    return {k: 1000 * v / n for k, v in t.items()}


stages()  # a first pass warms what a first pass warms (imports, caches); the second is timed
print(json.dumps(stages()))
"""
STAGES = ("page", "textpage", "lines", "setter", "strip", "emit+build", "read")


def measure(checkout: Path, pdf: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(pdf)], capture_output=True, text=True, check=False,
                         cwd=checkout)
    if out.returncode != 0:
        raise SystemExit(f"{checkout}: {out.stderr[-1500:]}")
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--against", type=Path, help="another checkout (a folder holding its analyzer/)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    sides = {"this": ROOT} | ({"against": args.against.resolve()} if args.against else {})
    best: dict[str, dict[str, float]] = {s: {} for s in sides}
    for r in range(args.rounds):
        names = list(sides)
        for side in names[r % len(names):] + names[:r % len(names)]:
            for k, v in measure(sides[side], args.pdf.resolve()).items():
                best[side][k] = min(best[side].get(k, v), v)
    print(f"{'side':<8} " + " ".join(f"{s:>10}" for s in STAGES) + f" {'above floor':>12}")
    for side, b in best.items():
        above = b["lines"] + b["setter"] + b["strip"] + b["emit+build"]
        print(f"{side:<8} " + " ".join(f"{b[s]:>10.3f}" for s in STAGES) + f" {above:>12.3f}")


if __name__ == "__main__":
    main()
