"""Fit the confidence model: a logistic regression of "the label is right" on the evidence features.

    python models/fit_confidence.py [--shared ../shared] [--per-family 60] [--write]

Data: every labelled document we may measure against — ../shared/corpus/dev (real agreements, PDFs read
with the pdfium engine), samples/ with samples/regression and samples/consumer (our drafting), and a seeded sample
of the paraphrase families (tests/paraphrase: our generated variants, where most of the wrong labels are).
Only documents read as loans enter the fit (a non-loan's confidence is its kind's certainty).
Method: L2-regularised logistic regression by Newton's method (numpy), dev documents weighted x5 because they
are real; 5-fold cross-validation gives the calibration table printed for the model card. --write stores the
weights fitted on everything in analyzer/data/confidence.json, the file the package ships.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.api import judge_document  # noqa: E402
from analyzer.confidence import features  # noqa: E402
from analyzer.errors import AnalyzerError  # noqa: E402
from analyzer.judgment import HELD_BELOW  # noqa: E402
from analyzer.readers import ReadOptions, read_path, read_text  # noqa: E402

OUT = ROOT / "analyzer" / "data" / "confidence.json"
DEV_WEIGHT = 5.0
L2 = 1.0


def _labelled_folder(folder: Path, source: str) -> list[tuple[str, str, object]]:
    rows = []
    manifest = folder / ("manifest.csv" if (folder / "manifest.csv").is_file() else "labels.csv")
    if not manifest.is_file():
        return rows
    for row in csv.DictReader(open(manifest, newline="", encoding="utf-8")):
        path = folder / row["file"]
        if path.is_file():
            rows.append((source, row["label"].strip(), path))
    return rows


def documents(shared: Path, per_family: int) -> list[tuple[str, str, object]]:
    """(source, gold label, path or text) for every document of the fit."""
    docs = _labelled_folder(shared / "corpus" / "dev", "dev")
    for sub in ("samples", "samples/regression", "samples/consumer"):
        docs += _labelled_folder(ROOT / sub, "samples")
    from tests.paraphrase import generate

    for doc in generate(per_family=per_family, seed="confidence-fit"):  # not the test suite's seed
        docs.append(("paraphrase", doc.label, doc.text))
    return docs


def observations(docs: list[tuple[str, str, object]]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray,
                                                                 np.ndarray, np.ndarray]:
    options = ReadOptions(engine="pdfium", ocr="never")
    names: list[str] = []
    rows, right, weight, source, held = [], [], [], [], []
    for src, gold, item in docs:
        try:
            doc = read_path(item, options) if isinstance(item, Path) else read_text(item, "<generated>")
        except AnalyzerError:  # a scan without OCR here: not a judgment to fit on
            continue
        j = judge_document(doc)
        if not j.kind.is_loan:
            continue
        feats = features(j.decision.label, j.decision.basis, j.findings, len(j.reviews), j.kind.certainty, 0.0)
        names = list(feats)
        rows.append([feats[n] for n in names])
        right.append(float(j.decision.label == gold))
        weight.append(DEV_WEIGHT if src == "dev" else 1.0)
        source.append(src)
        held.append(bool(j.doubted))  # the shipped confidence is held at HELD_BELOW for these
    return names, np.array(rows), np.array(right), np.array(weight), np.array(source), np.array(held)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted L2 logistic regression (intercept first, not penalised), Newton's method."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * L2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-xb @ beta))
        grad = xb.T @ (w * (y - p)) - penalty @ beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def predict(beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(beta[0] + x @ beta[1:])))


def cross_validated(x: np.ndarray, y: np.ndarray, w: np.ndarray, folds: int = 5) -> np.ndarray:
    order = np.random.default_rng(7).permutation(len(y))
    out = np.zeros(len(y))
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        out[test] = predict(fit(x[train], y[train], w[train]), x[test])
    return out


def report(p: np.ndarray, y: np.ndarray, label: str) -> None:
    p = np.round(p, 2)
    print(f"\n{label}: n={len(y)}, right={int(y.sum())}")
    print("| confidence | documents | right | accuracy |\n|---|---|---|---|")
    for lo, hi in ((0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            print(f"| {lo:.1f}-{min(hi, 1):.1f} | {sel.sum()} | {int(y[sel].sum())} | {y[sel].mean():.3f} |")
    high = p >= 0.8
    top = np.argsort(-p, kind="stable")[: max(1, round(0.8 * len(p)))]
    print(f"at >= 0.8: {high.mean():.1%} of documents, wrong there: {int((high & (y == 0)).sum())}; "
          f"the 80% most confident: accuracy {y[top].mean():.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--per-family", type=int, default=60)
    ap.add_argument("--write", action="store_true", help=f"store the fitted weights in {OUT.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    docs = documents(args.shared, args.per_family)
    names, x, y, w, src, held = observations(docs)
    if y.min() == 1.0:  # nothing to learn from: a logistic fit would only drive the intercept to infinity
        print(f"all {len(y)} training documents are labelled right: no wrong label to fit a confidence on; "
              f"the shipped weights ({OUT.relative_to(ROOT)}) are kept. Add documents the analyzer gets wrong.")
        return 2
    # what the user sees: the fitted probability, held below 0.8 beside unexplained recourse language
    p = cross_validated(x, y, w)
    p = np.where(held, np.minimum(p, HELD_BELOW), p)
    print(f"held at {HELD_BELOW}: {int(held.sum())} documents, {int((held & (y == 0)).sum())} of them wrong")
    report(p, y, "all documents read as loans (5-fold cross-validated)")
    for name in ("dev", "samples", "paraphrase"):
        report(p[src == name], y[src == name], f"{name} (same folds)")
    beta = fit(x, y, w)
    weights = {n: round(float(b), 3) for n, b in zip(names, beta[1:], strict=True)}
    print("\nweights:", {"intercept": round(float(beta[0]), 3)} | weights)
    if args.write:
        OUT.write_text(json.dumps({
            "about": "Logistic model of P(label right); fitted by models/fit_confidence.py; see models/CONFIDENCE.md",
            "fitted": date.today().isoformat(), "documents": int(len(y)), "wrong": int(len(y) - y.sum()),
            "intercept": round(float(beta[0]), 4),
            "weights": {n: round(float(b), 4) for n, b in zip(names, beta[1:], strict=True)},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0 if math.isfinite(float(beta.sum())) else 1


if __name__ == "__main__":
    sys.exit(main())
