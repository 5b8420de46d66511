"""What the analyzer costs over bare PDF extraction, and whether memory stays flat with length.

    python bench/bench_pipeline.py [--pages 60] [--rounds 3]

Builds agreements of 60, 200 and 1,000 pages from the samples' text (typeset by
samples/make_pdfs.py), then measures, each in a fresh process, side by side:
  - bare pdfplumber `extract_text()` of every page (closing each page): the baseline;
  - `analyze FILE --format json` through the API (read + clauses + decision);
and prints the ratio analyze / extract (target <= 1.10) and the peak RSS of the
200- and 1,000-page runs (targets: <= 150 MB; 1,000 within 1.2x of 200). Ratios only;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

EXTRACT = """
import sys, time, resource, pdfplumber
t = time.perf_counter()
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
ANALYZE = """
import sys, time, resource
from analyzer.nlp.pipeline import get_nlp
get_nlp()  # start-up is not per-document cost: a batch worker pays it once
from analyzer import analyze
t = time.perf_counter()
r = analyze(sys.argv[1])
assert r.error is None, r.error
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.label.value)
"""


def build(pages: int, folder: Path) -> Path:
    from make_pdfs import typeset_text

    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    words_per_page = 520
    need = pages * words_per_page
    words = body.split()
    text = " ".join((words * (need // len(words) + 1))[:need])
    paras = [" ".join(text.split()[i:i + 160]) for i in range(0, need, 160)]
    out = folder / f"agreement_{pages}.pdf"
    typeset_text("LOAN AGREEMENT\n\n" + "\n\n".join(paras), out)
    return out


def run(code: str, pdf: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build(args.pages, Path(tmp))
        ext, ana = [], []
        for _ in range(args.rounds):  # interleaved, so load on the machine hits both alike
            ext.append(float(run(EXTRACT, pdf)[0]))
            ana.append(float(run(ANALYZE, pdf)[0]))
        e, a = statistics.median(ext), statistics.median(ana)
        print(f"{args.pages}-page agreement: extract_text {e:.2f} s ({1000 * e / args.pages:.0f} ms/page), "
              f"analyze {a:.2f} s ({1000 * a / args.pages:.0f} ms/page); analyze / extract = {a / e:.2f} "
              "(target <= 1.10)")
        if args.skip_memory:
            return
        rss = {}
        for pages in (200, 1000):
            big = build(pages, Path(tmp))
            secs, kb, label = run(ANALYZE, big)
            rss[pages] = int(kb) / 1024
            print(f"{pages}-page agreement: analyze {float(secs):.1f} s, peak RSS {rss[pages]:.0f} MB ({label})")
        print(json.dumps({"ratio_analyze_over_extract": round(a / e, 3), "rss_200_mb": round(rss[200]),
                          "rss_1000_mb": round(rss[1000]), "rss_ratio_1000_over_200": round(rss[1000] / rss[200], 3)}))


if __name__ == "__main__":
    main()
