"""Measure the analyzer against a labelled folder.

    python -m analyzer.evaluate DIR [--workers N] [--jsonl PREDICTIONS]

DIR/manifest.csv has columns `file,label` and optionally `evidence_quote`. Prints
the confusion matrix, accuracy, macro-F1, evidence recall (is the quote inside a
reported evidence clause, whitespace-insensitive), per-kind counts and, for each
wrong document, the clauses and reasons that decided. The last line is
`accuracy=… macro_f1=… evidence_recall=… n=…`.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.results import Analysis

LABELS = ["recourse", "limited-recourse", "non-recourse", "not-a-loan"]


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def evidence_hit(result: Analysis, quote: str) -> bool:
    """Is the gold quote (or its first 80 letters, for quotes cut mid-word) inside an evidence clause?"""
    from analyzer.readers.clean import normalize_chars

    q = _squash(normalize_chars(quote))  # the document went through the same clean-up
    if not q:
        return True
    probe = q[:80]
    ordered = sorted(result.evidence, key=lambda e: e.start)
    if any(probe in _squash(e.text) or _squash(e.text) in q and len(_squash(e.text)) > 40 for e in ordered):
        return True
    # a quote running over two sentences that are both evidence
    return any(probe in _squash(a.text + " " + b.text) for a, b in zip(ordered, ordered[1:], strict=False)
               if b.start - a.end <= 3)


def _predict(paths: list[str], workers: int) -> list[Analysis]:
    """One Analysis per path, in order; in worker processes of the one pool (analyzer/pool.py) when workers > 1."""
    from analyzer.api import Analyzer

    return list(Analyzer().pipe(paths, workers=workers))


@dataclass
class _Tally:
    """What evaluate counts while it walks the manifest beside the predictions."""

    conf: dict = field(default_factory=lambda: {g: Counter() for g in LABELS})
    wrong: list = field(default_factory=list)
    hits: int = 0
    needed: int = 0
    kinds: Counter = field(default_factory=Counter)
    limiting_ok: Counter = field(default_factory=Counter)
    limiting_all: Counter = field(default_factory=Counter)

    def add(self, row: dict, res: Analysis, out) -> None:
        gold = row["label"].strip()
        got = res.label.value if res.label else "error"
        self.conf[gold][got] += 1
        for e in res.evidence:
            self.kinds[e.kind] += 1
            if e.limits_borrower:
                self.limiting_all[e.kind] += 1
                self.limiting_ok[e.kind] += gold != "recourse"  # a limit found in a recourse loan is a false alarm
        if gold in ("limited-recourse", "non-recourse") and row.get("evidence_quote"):  # a non-loan's is its title
            self.needed += 1
            hit = evidence_hit(res, row["evidence_quote"])
            self.hits += hit
            if not hit:
                out.write(f"evidence missed: {row['file']}: {row['evidence_quote'][:100]!r}\n")
        if got != gold:
            self.wrong.append((row["file"], gold, res))

    def f1_scores(self) -> list[float]:
        """F1 of each label some document has (macro-F1 is over the labels present)."""
        f1s = []
        for g in LABELS:
            if not sum(self.conf[g].values()):
                continue
            tp = self.conf[g][g]
            fp = sum(self.conf[o][g] for o in LABELS if o != g)
            fn = sum(self.conf[g].values()) - tp
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        return f1s


def _write_matrix(t: _Tally, out) -> None:
    w = 18
    out.write("gold \\ pred".ljust(w) + "".join(lab.rjust(w) for lab in LABELS + ["error"]) + "\n")
    for g in LABELS:
        out.write(g.ljust(w) + "".join(str(t.conf[g][p]).rjust(w) for p in LABELS + ["error"]) + "\n")


def _write_wrong(t: _Tally, out) -> None:
    for name, gold, res in t.wrong:
        out.write(f"\nWRONG {name}: gold={gold} got={res.label.value if res.label else res.error}\n")
        for reason in res.reasons:
            out.write(f"  reason: {reason}\n")
        for e in res.evidence:
            if e.decisive:
                out.write(f"  decisive {e.kind} p.{e.page} [{e.rule}] {e.text[:220]!r}\n")


def evaluate(folder: Path, workers: int = 0, jsonl: Path | None = None, out=sys.stdout) -> dict:
    rows = list(csv.DictReader(open(folder / "manifest.csv", newline="", encoding="utf-8")))
    results = _predict([str(folder / r["file"]) for r in rows], workers or os.cpu_count() or 1)
    if jsonl:
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in results:
                f.write(r.model_dump_json() + "\n")
    t = _Tally()
    for row, res in zip(rows, results, strict=True):
        t.add(row, res, out)
    _write_matrix(t, out)
    f1s = t.f1_scores()
    _write_wrong(t, out)
    n = len(rows)
    acc = sum(t.conf[g][g] for g in LABELS) / n if n else 0.0
    macro = sum(f1s) / len(f1s)
    recall = t.hits / t.needed if t.needed else 1.0
    if t.limiting_all:
        out.write("\nprecision of limiting clauses per kind (share found in limited/non-recourse documents): "
                  + ", ".join(f"{k}={t.limiting_ok[k] / n_:.2f} ({t.limiting_ok[k]}/{n_})"
                              for k, n_ in t.limiting_all.most_common()) + "\n")
    out.write("clauses reported per kind: " + ", ".join(f"{k}={v}" for k, v in t.kinds.most_common()) + "\n")
    confident_wrong = sum(1 for _, _, res in t.wrong if (res.confidence or 0) >= 0.8)
    high = sum(1 for res in results if (res.confidence or 0) >= 0.8)
    out.write(f"confidence >= 0.8: {high}/{n} documents, {confident_wrong} of them wrong\n")
    out.write(f"accuracy={acc:.3f} macro_f1={macro:.3f} evidence_recall={recall:.3f} n={n}\n")
    return {"accuracy": acc, "macro_f1": macro, "evidence_recall": recall, "n": n,
            "wrong_confident": confident_wrong, "confident": high}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analyzer.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--jsonl", type=Path, help="also write the predictions here")
    args = ap.parse_args(argv)
    if not (args.folder / "manifest.csv").is_file():
        sys.stderr.write(f"evaluate: {args.folder}: no manifest.csv\n")
        return 2
    evaluate(args.folder, args.workers, args.jsonl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
