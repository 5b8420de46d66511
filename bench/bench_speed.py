"""Every PDF path against the pdfium floor, on 60-, 300- and 1,000-page agreements, in one run.

    python bench/bench_speed.py                       # 60, 300 and 1,000 pages, 1 round
    python bench/bench_speed.py --sizes 60 300 --rounds 3

For each size an agreement is typeset with fpdf2 (samples/make_pdfs.py) as a long agreement is
written: one sample agreement whole (its recourse article among the rest), padded before and after
with the samples' paragraphs that speak of neither recourse, liability nor judgments (reporting,
insurance, definitions...), so the recourse language sits on a few pages as in the dev corpus
(5-20 evidence pages of 100-289). `--dense` uses bench_pipeline.build instead: every sample repeated,
recourse language on half the pages (the worst case for the fast engine). Each path runs in a fresh
process, side by side, rotating who goes first in each round:

  floor       raw pypdfium2: open, then get_text_range() of every page (no analysis)
  plumber-txt bare pdfplumber extract_text() of every page, closing each
  read:pdfium analyzer.readers.read_bytes with --engine pdfium (the reader alone)
  pdfium      a whole analysis, --engine pdfium
  fast        a whole analysis, --engine fast (pdfium, then pdfplumber on the evidence pages)
  pdfplumber  a whole analysis, --engine pdfplumber
  api:pdfplumber, api:fast   `Analyzer(engine=...).analyze(path)` as an application calls it (no
              worker heap settling; the API holds the heap itself, analyzer/heap.py)

The other analyses run as a batch worker runs them: pipeline loaded, heap settled, a small sample analyzed
first. Prints CPU ms/page (median over rounds), the ratio to the floor, the speed-up of fast over
pdfplumber, peak RSS and the label; asserts nothing. On a shared machine CPU time is the steadier.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
WARM_UP = ROOT / "samples" / "recourse_plain_note.pdf"

CHILD = r"""
import sys, time, resource
path, warm, side = sys.argv[1], sys.argv[2], sys.argv[3]
if side == "floor":
    import pypdfium2 as pdfium
    def run(p):
        pdf = pdfium.PdfDocument(open(p, "rb").read())
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        pdf.close()
        return "-"
elif side == "plumber-txt":
    import pdfplumber
    def run(p):
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
        return "-"
elif side == "read:pdfium":
    from analyzer.readers import ReadOptions, read_bytes
    def run(p):
        read_bytes(open(p, "rb").read(), p, ReadOptions(engine="pdfium", ocr="never"))
        return "-"
elif side.startswith("api:"):  # as an application calls it: no worker heap settling
    from analyzer import Analyzer
    analyzer = Analyzer(engine=side[4:], ocr="never")
    def run(p):
        r = analyzer.analyze(p)
        assert r.error is None, r.error
        return r.label.value
else:
    from analyzer import Analyzer
    from analyzer.nlp.pipeline import get_nlp, settle_worker_heap
    get_nlp()
    settle_worker_heap()
    analyzer = Analyzer(engine=side, ocr="never")
    def run(p):
        r = analyzer.analyze(p)
        assert r.error is None, r.error
        return r.label.value
run(warm)
t, c = time.perf_counter(), time.process_time()
label = run(path)
print(time.perf_counter() - t, time.process_time() - c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, label)
"""
SIDES = ("floor", "plumber-txt", "read:pdfium", "pdfium", "fast", "pdfplumber", "api:pdfplumber", "api:fast")


def measure(pdf: Path, side: str) -> tuple[float, float, float, str]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(pdf), str(WARM_UP), side], capture_output=True,
                         text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{side} failed on {pdf.name}:\n{out.stderr[-1500:]}")
    wall, cpu, kb, label = out.stdout.split()[-4:]
    return float(wall), float(cpu), int(kb) / 1024, label


_CUES = re.compile(r"recourse|liab|deficien|judgment|guarant|exculpat|solely|personal|fraud|waste|bankrupt|"
                   r"indemn|misappl|collateral|security|limited|without|foreclos|loss|damage|obligor|pay|only|"
                   r"governed", re.I)
MAIN_SAMPLE = ROOT / "samples" / "limited_cmbs_carveouts.txt"


def build_realistic(pages: int, folder: Path) -> Path:
    """An agreement of `pages` pages (within 2%) whose recourse language is one sample's, once."""
    from make_pdfs import typeset_text

    filler = [para for p in sorted((ROOT / "samples").glob("*.txt"))
              for para in p.read_text(encoding="utf-8").split("\n\n")
              if len(para) > 200 and not _CUES.search(para)]
    main = MAIN_SAMPLE.read_text(encoding="utf-8").split("\n\n")
    out = folder / f"realistic_{pages}.pdf"
    per_page = 3.0  # filler paragraphs a page: measured, then scaled
    for _ in range(5):
        need = max(round((pages - 8) * per_page), 0)
        pad = [f"Section {20 + i // 4}.{i % 4 + 1} Administrative Matters.\n\n{filler[i % len(filler)]}"
               for i in range(need)]
        text = "\n\n".join(main[:1] + pad[:need // 2] + main[1:] + pad[need // 2:])
        got = typeset_text(text, out)
        if abs(got - pages) <= max(pages // 50, 1):
            break
        per_page *= max(pages - 8, 1) / max(got - 8, 1)
    return out


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[60, 300, 1000])
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--sides", nargs="+", default=list(SIDES), choices=SIDES)
    ap.add_argument("--dense", action="store_true", help="recourse language on every page (bench_pipeline.build)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "samples"))
    from bench_pipeline import build

    build = build if args.dense else build_realistic

    print(f"{'pages':>5} {'path':<12} {'CPU ms/pg':>9} {'wall ms/pg':>10} {'x floor':>8} {'peak RSS':>9}  label")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            pdf = build(size, Path(tmp))
            n = page_count(pdf)
            cpu: dict[str, list[float]] = {s: [] for s in args.sides}
            wall: dict[str, list[float]] = {s: [] for s in args.sides}
            rss: dict[str, float] = {}
            labels: dict[str, str] = {}
            for r in range(args.rounds):
                order = args.sides[r % len(args.sides):] + args.sides[:r % len(args.sides)]
                for side in order:
                    w, c, mb, label = measure(pdf, side)
                    cpu[side].append(c)
                    wall[side].append(w)
                    rss[side] = max(rss.get(side, 0.0), mb)
                    labels[side] = label
            ms = {s: 1000 * statistics.median(v) / n for s, v in cpu.items()}
            floor = ms.get("floor")
            for side in args.sides:
                ratio = f"{ms[side] / floor:8.2f}" if floor else f"{'':>8}"
                print(f"{n:>5} {side:<12} {ms[side]:>9.2f} {1000 * statistics.median(wall[side]) / n:>10.1f} "
                      f"{ratio} {rss[side]:>7.0f}MB  {labels[side]}")
            if "api:pdfplumber" in ms and "plumber-txt" in ms:
                print(f"{n:>5} api:pdfplumber / bare extract_text = {ms['api:pdfplumber'] / ms['plumber-txt']:.3f}"
                      + (f"; api:fast / bare extract_text = {ms['api:fast'] / ms['plumber-txt']:.3f}"
                         if "api:fast" in ms else ""))
            if "fast" in ms and "pdfplumber" in ms:
                print(f"{n:>5} fast is {ms['pdfplumber'] / ms['fast']:.1f}x less CPU than pdfplumber; "
                      f"labels {'same' if labels['fast'] == labels['pdfplumber'] else 'DIFFER'}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
