"""Do the pdfplumber and pdfium engines reach the same judgment on the same PDFs?

    python bench/bench_engine_agreement.py [EXTRA_PDF_FOLDER ...]

Runs both engines over samples/*.pdf (text-layer ones), ../shared/corpus/dev/*.pdf when
present, and every PDF in the folders given (for example the corpus .txt files typeset
by `samples/make_pdfs.py SRC OUT`). Prints, per file, both labels, whether the decisive
evidence pages match, and both engines' seconds; then the agreement counts and the
speed ratio. Nothing is asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from analyzer import Analyzer

ROOT = Path(__file__).resolve().parents[1]


def pdfs(extra: list[str]) -> list[Path]:
    found = [p for p in sorted((ROOT / "samples").glob("*.pdf")) if not p.name.startswith("scanned_")]
    found += sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.pdf"))
    for folder in extra:
        found += sorted(Path(folder).glob("*.pdf"))
    return found


def decisive_pages(result) -> list[tuple[str, int | None]]:
    return sorted((e.kind, e.page) for e in result.evidence if e.decisive)


def main(argv: list[str]) -> None:
    engines = {name: Analyzer(engine=name, ocr="never") for name in ("pdfplumber", "pdfium")}
    same_label = same_pages = n = 0
    seconds = {k: 0.0 for k in engines}
    for path in pdfs(argv):
        out = {}
        for name, analyzer in engines.items():
            t = time.perf_counter()
            out[name] = analyzer.analyze(path)
            seconds[name] += time.perf_counter() - t
        a, b = out["pdfplumber"], out["pdfium"]
        la, lb = (a.label.value if a.label else a.error), (b.label.value if b.label else b.error)
        pages_ok = decisive_pages(a) == decisive_pages(b)
        n += 1
        same_label += la == lb
        same_pages += pages_ok
        print(f"{path.name:45} {la:18} {lb:18} pages {'same' if pages_ok else 'DIFFER'}")
    if n:
        ratio = seconds["pdfplumber"] / max(seconds["pdfium"], 1e-9)
        print(f"\nlabels identical: {same_label}/{n}; decisive evidence pages identical: {same_pages}/{n}")
        print(f"total seconds pdfplumber {seconds['pdfplumber']:.1f}, pdfium {seconds['pdfium']:.1f} "
              f"(whole analysis, pdfplumber / pdfium = {ratio:.1f}x)")


if __name__ == "__main__":
    main(sys.argv[1:])
