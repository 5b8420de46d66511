"""Analyze generated documents and tabulate accuracy per family, with failing examples to look at."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from .document import Generated


@dataclass
class FamilyScore:
    family: str
    label: str
    n: int = 0
    right: int = 0
    got: Counter = field(default_factory=Counter)
    variants: dict[int, list[int]] = field(default_factory=dict)   # template index -> [right, n]
    failures: list[tuple[Generated, str]] = field(default_factory=list)   # one per failing template first

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0


def score(docs: Iterable[Generated], keep_failures: int = 3,
          jsonl: IO[str] | None = None) -> tuple[dict[str, FamilyScore], float]:
    """Analyze each document as plain text with one Analyzer; returns the scores and the seconds spent."""
    from analyzer import Analyzer

    analyzer = Analyzer()
    scores: dict[str, FamilyScore] = {}
    t0 = time.perf_counter()
    for doc in docs:
        result = analyzer.analyze(doc.text, name=doc.seed)
        got = str(result.label) if result.label else f"error: {result.error}"
        s = scores.setdefault(doc.family, FamilyScore(doc.family, doc.label))
        s.n += 1
        s.got[got] += 1
        v = s.variants.setdefault(doc.variant, [0, 0])
        v[1] += 1
        if got == doc.label:
            s.right += 1
            v[0] += 1
        elif keep_failures and (doc.variant not in {d.variant for d, _ in s.failures}
                                or len(s.failures) < keep_failures):
            s.failures.append((doc, got))      # the first failure of each template, then any
        if jsonl is not None:
            jsonl.write(json.dumps({"family": doc.family, "seed": doc.seed, "expected": doc.label, "got": got,
                                    "variant": doc.variant, "register": doc.register,
                                    "construction": doc.construction, "text": doc.text}) + "\n")
    return scores, time.perf_counter() - t0


def table(scores: dict[str, FamilyScore], seconds: float, show_failures: int = 3,
          by_variant: bool = False) -> str:
    """The per-family table (with each template's accuracy if asked), then failing constructions per family."""
    lines = [f"{'family':<30} {'expected':<17} {'n':>5} {'accuracy':>8}  wrong labels given",
             "-" * 96]
    n = right = 0
    for s in scores.values():
        wrong = ", ".join(f"{k} {v}" for k, v in s.got.most_common() if k != s.label) or "-"
        lines.append(f"{s.family:<30} {s.label:<17} {s.n:>5} {s.accuracy:>8.3f}  {wrong}")
        if by_variant and len(s.variants) > 1:
            templates = _templates(s.family)
            for k, (ok, total) in sorted(s.variants.items()):
                lines.append(f"  {'template ' + str(k):<46} {total:>5} {ok / total:>8.3f}  {templates.get(k, '')}")
        n += s.n
        right += s.right
    lines.append("-" * 96)
    passing = sum(s.accuracy >= 0.98 for s in scores.values())
    lines.append(f"{'all':<30} {'':<17} {n:>5} {right / n if n else 0:>8.3f}  "
                 f"{passing}/{len(scores)} families >= 0.98; {seconds:.1f}s, {n / seconds if seconds else 0:.0f} "
                 "docs/s")
    if show_failures:
        by_family: dict[str, list[str]] = defaultdict(list)
        for s in scores.values():
            for doc, got in distinct_first(s.failures)[:show_failures]:
                sentence = " ".join(doc.construction.split())
                by_family[s.family].append(f"  expected {doc.label}, got {got} [{doc.seed}]\n    {sentence}")
        if by_family:
            lines.append("\nFailing examples:")
            for fam, rows in by_family.items():
                lines.append(f"{fam}:")
                lines.extend(rows)
    return "\n".join(lines)


def distinct_first(failures: list[tuple[Generated, str]]) -> list[tuple[Generated, str]]:
    """The first failure of each template, then the others: a short list shows the most kinds of failure."""
    seen: set[int] = set()
    firsts = []
    for f in failures:
        if f[0].variant not in seen:
            seen.add(f[0].variant)
            firsts.append(f)
    return firsts + [f for f in failures if f not in firsts]


def _templates(name: str) -> dict[int, str]:
    """The opening words of each template of a family, to tell the --by-variant rows apart."""
    from . import family
    from .document import template_of

    out = {}
    for k, c in enumerate(family(name).constructions):
        words = template_of(c).split()
        out[k] = " ".join(words[:9]) + (" ..." if len(words) > 9 else "")
    return out
