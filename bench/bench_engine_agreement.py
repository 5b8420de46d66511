"""Do the PDF engines reach the same judgment on the same PDFs?

    python bench/bench_engine_agreement.py [EXTRA_PDF_FOLDER ...]

Runs pdfplumber, pdfium and fast (pdfium, the evidence pages re-read by pdfplumber) over
samples/*.pdf and samples/consumer/*.pdf (text-layer ones), ../shared/corpus/dev/*.pdf when
present, and every PDF in the folders given (for example the corpus .txt files typeset by
`samples/make_pdfs.py SRC OUT`). Prints, per file, the three labels, whether each engine's
decisive evidence pages match pdfplumber's, and for fast whether every evidence box lies within
1 pt of pdfplumber's and the quotes are the same; then the counts and each engine's seconds.
Nothing is asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from analyzer import Analyzer

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("pdfplumber", "pdfium", "fast")


def pdfs(extra: list[str]) -> list[Path]:
    found = [p for folder in (ROOT / "samples", ROOT / "samples" / "consumer")
             for p in sorted(folder.glob("*.pdf")) if not p.name.startswith("scanned_")]
    found += sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.pdf"))
    for folder in extra:
        found += sorted(Path(folder).glob("*.pdf"))
    return found


def decisive_pages(result) -> list[tuple[str, int | None]]:
    return sorted((e.kind, e.page) for e in result.evidence if e.decisive)


def box_gap(a, b) -> float | None:
    """Largest coordinate difference between the two results' evidence boxes; None when they do not pair up."""
    if len(a.evidence) != len(b.evidence):
        return None
    worst = 0.0
    for x, y in zip(a.evidence, b.evidence, strict=True):
        if [p.page for p in x.boxes] != [p.page for p in y.boxes]:
            return None
        for p, q in zip(x.boxes, y.boxes, strict=True):
            worst = max(worst, *(abs(u - v) for u, v in zip(p.bbox, q.bbox, strict=True)))
    return worst


def main(argv: list[str]) -> None:
    analyzers = {name: Analyzer(engine=name, ocr="never") for name in ENGINES}
    same_label = {k: 0 for k in ENGINES[1:]}
    same_pages = {k: 0 for k in ENGINES[1:]}
    boxes_ok = quotes_ok = n = 0
    worst = 0.0
    seconds = {k: 0.0 for k in ENGINES}
    for path in pdfs(argv):
        out = {}
        for name, analyzer in analyzers.items():
            t = time.process_time()
            out[name] = analyzer.analyze(path)
            seconds[name] += time.process_time() - t
        labels = {k: (r.label.value if r.label else r.error) for k, r in out.items()}
        ref = out["pdfplumber"]
        n += 1
        cells = []
        for k in ENGINES[1:]:
            same_label[k] += labels[k] == labels["pdfplumber"]
            ok = decisive_pages(out[k]) == decisive_pages(ref)
            same_pages[k] += ok
            cells.append(f"{k} pages {'same' if ok else 'DIFFER'}")
        gap = box_gap(ref, out["fast"])
        quotes = [e.text for e in ref.evidence] == [e.text for e in out["fast"].evidence]
        boxes_ok += gap is not None and gap <= 1.0
        quotes_ok += quotes
        worst = max(worst, gap if gap is not None else float("inf"))
        cells.append(f"fast boxes {'n/a' if gap is None else f'{gap:.2f} pt'} quotes {'same' if quotes else 'DIFFER'}")
        print(f"{path.name:42} {labels['pdfplumber']:17} {labels['pdfium']:17} {labels['fast']:17} "
              + "; ".join(cells))
    if n:
        print(f"\n{n} PDFs. Labels identical to pdfplumber: pdfium {same_label['pdfium']}/{n}, fast "
              f"{same_label['fast']}/{n}; decisive evidence pages identical: pdfium {same_pages['pdfium']}/{n}, "
              f"fast {same_pages['fast']}/{n}; fast evidence boxes within 1 pt: {boxes_ok}/{n} (largest gap "
              f"{worst:.2f} pt), quotes identical {quotes_ok}/{n}")
        print("CPU seconds, whole analyses: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
              + f" (pdfplumber / fast = {seconds['pdfplumber'] / max(seconds['fast'], 1e-9):.1f}x)")


if __name__ == "__main__":
    main(sys.argv[1:])
