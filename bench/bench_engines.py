"""PDF engines side by side: ms/page, peak RSS and text agreement, pdfplumber vs pdfium.

    python bench/bench_engines.py                 # typesets a 60-page agreement with fpdf2
    python bench/bench_engines.py FILE.pdf        # or measures a given PDF
    python bench/bench_engines.py --pages 200 --runs 5

Every run reads the whole file with analyzer.readers.read_bytes in a fresh subprocess
(so imports, caches and memory never carry over) and reports wall and CPU ms/page, peak
RSS, and the RSS after 10% / 50% / 100% of the pages (flat when pages are released one
at a time). It prints ratios; it asserts nothing about timing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("pdfplumber", "pdfium")

CLAUSES = [
    "Notwithstanding anything to the contrary contained in this Agreement or in any other Loan Document, the "
    "Lender shall not seek any deficiency judgment against the Borrower, and the liability of the Borrower for "
    "the payment of the Debt shall be limited to the Property and the other Collateral.",
    "The foregoing limitation shall not apply to losses arising from fraud, intentional misrepresentation, "
    "misappropriation of rents or insurance proceeds, waste, or the failure to pay taxes, and the Debt shall be "
    "fully recourse to the Borrower upon a voluntary bankruptcy filing by the Borrower or any Guarantor.",
    "Each Guarantor hereby absolutely, unconditionally and irrevocably guarantees to the Lender the punctual "
    "payment when due, whether at stated maturity, by acceleration or otherwise, of all Obligations.",
    "No member, manager, officer, director or employee of the Borrower shall have any personal liability for "
    "the obligations of the Borrower hereunder, except as expressly set forth in Section 9.4.",
]


def typeset(path: Path, pages: int) -> None:
    """A synthetic agreement of about `pages` pages: justified paragraphs, headings, running header, page numbers."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.text(72, 36, "ACME PORTFOLIO LOAN AGREEMENT - EXECUTION VERSION")

        def footer(self) -> None:
            self.set_font("Helvetica", size=8)
            self.text(290, 760, f"Page {self.page_no()}")

    pdf = Doc(unit="pt", format="letter")
    pdf.set_margins(72, 72, 72)
    pdf.set_auto_page_break(True, margin=72)
    pdf.add_page()
    section = 0
    while pdf.page_no() < pages:
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 14, f"Section {section // 10 + 1}.{section % 10 + 1} Limitation on Recourse.",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for k in range(3):
            text = " ".join(CLAUSES[(section + k + j) % len(CLAUSES)] for j in range(2))
            pdf.multi_cell(0, 12.5, f"({chr(97 + k)}) {text}", align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(6)
        section += 1
    pdf.output(str(path))


CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
def rss_mb():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return None
t_import = time.perf_counter()
from analyzer.readers import ReadOptions, read_bytes
from analyzer.readers import pdf as reader
import pdfplumber, pypdfium2  # noqa: F401  (both, so the start-up cost is the same for each engine)
import_s = time.perf_counter() - t_import
path, engine, out = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
samples = []
original = reader.ENGINES[engine]
def sampled(*args, **kwargs):
    for page in original(*args, **kwargs):
        samples.append(rss_mb())
        yield page
reader.ENGINES[engine] = sampled
import analyzer.readers as _r
_r._load()  # every reader module imported before the baseline
rss0 = rss_mb()
c0, t0 = time.process_time(), time.perf_counter()
doc = read_bytes(data, path, ReadOptions(engine=engine, ocr="never"))
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
pages = [doc.text[p.start:p.end] for p in doc.pages]
with open(out, "w") as f:
    json.dump(pages, f)
n = len(doc.pages)
pick = [samples[min(int(q * n), n - 1)] for q in (0.1, 0.5, 1.0)] if samples else []
print(json.dumps({{"pages": n, "wall": wall, "cpu": cpu, "import_s": import_s, "rss_start": rss0,
                  "rss_at": pick, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "chars": len(doc.text), "warnings": doc.warnings[:5]}}))
"""


def run_child(pdf: Path, engine: str, out: Path) -> dict:
    code = CHILD.format(root=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, str(pdf), engine, str(out)],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def similarity(a: list[str], b: list[str], sample: int = 8) -> tuple[float, float, int]:
    """Mean and minimum difflib ratio over `sample` pages spread through the file, and identical pages."""
    n = min(len(a), len(b))
    idx = sorted({round(i * (n - 1) / max(sample - 1, 1)) for i in range(sample)}) if n else []
    ratios = [difflib.SequenceMatcher(None, a[i], b[i], autojunk=False).ratio() for i in idx]
    same = sum(x == y for x, y in zip(a, b, strict=False))
    return (statistics.mean(ratios) if ratios else 0.0, min(ratios) if ratios else 0.0, same)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", help="PDF to measure (default: typeset a synthetic agreement)")
    ap.add_argument("--pages", type=int, default=60, help="pages to typeset when no PDF is given")
    ap.add_argument("--runs", type=int, default=3, help="fresh-process runs per engine (median reported)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.pdf:
            pdf = Path(args.pdf)
        else:
            pdf = tmpdir / "synthetic.pdf"
            t = time.perf_counter()
            typeset(pdf, args.pages)
            print(f"typeset {pdf.name}: {args.pages} pages in {time.perf_counter() - t:.1f} s")
        print(f"file: {pdf} ({pdf.stat().st_size / 2**20:.1f} MB), {args.runs} fresh-process run(s) per engine,"
              f" {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")

        results: dict[str, list[dict]] = {e: [] for e in ENGINES}
        texts: dict[str, list[str]] = {}
        for r in range(args.runs):
            for engine in ENGINES if r % 2 == 0 else ENGINES[::-1]:  # alternate the order
                out = tmpdir / f"{engine}.json"
                results[engine].append(run_child(pdf, engine, out))
                texts[engine] = json.loads(out.read_text())

        summary = {}
        print(f"\n{'engine':<11} {'pages':>5} {'wall ms/pg':>10} {'cpu ms/pg':>9} {'peak RSS':>9} "
              f"{'RSS start':>9} {'RSS at 10%/50%/100% of pages':>30}")
        for engine in ENGINES:
            rs = results[engine]
            n = rs[0]["pages"]
            wall = statistics.median(x["wall"] for x in rs) / n * 1000
            cpu = statistics.median(x["cpu"] for x in rs) / n * 1000
            peak = max(x["peak_mb"] for x in rs)
            at = rs[-1]["rss_at"]
            summary[engine] = (wall, cpu, peak)
            at_s = " / ".join(f"{v:.0f}" for v in at) + " MB" if at else "n/a"
            print(f"{engine:<11} {n:>5} {wall:>10.1f} {cpu:>9.1f} {peak:>7.0f}MB {rs[-1]['rss_start']:>7.0f}MB "
                  f"{at_s:>30}")
            spread = [x["wall"] / n * 1000 for x in rs]
            print(f"{'':<11} runs (wall ms/pg): {', '.join(f'{v:.1f}' for v in spread)}"
                  f"; warnings: {rs[-1]['warnings'] or 'none'}")

        (pw, pc, pp), (fw, fc, fp) = summary["pdfplumber"], summary["pdfium"]
        print(f"\nratio pdfplumber / pdfium: wall {pw / fw:.1f}x, cpu {pc / fc:.1f}x, peak RSS {pp / fp:.2f}x")
        mean, worst, same = similarity(texts["pdfplumber"], texts["pdfium"])
        total = min(len(texts["pdfplumber"]), len(texts["pdfium"]))
        whole = difflib.SequenceMatcher(None, "\n".join(texts["pdfplumber"][:20]),
                                        "\n".join(texts["pdfium"][:20])).ratio()
        print(f"text agreement: {same}/{total} pages identical; difflib on sampled pages mean {mean:.4f}, "
              f"min {worst:.4f}; first 20 pages {whole:.4f}")


if __name__ == "__main__":
    main()
