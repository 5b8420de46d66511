"""Measure document kinds on a labelled corpus: `python -m analyzer.kinds --eval DIR`.

The manifest (file,label,kind,...) describes each document's kind in free words; a few keyword rules,
used here only, turn those words into a DocumentKind so that a confusion matrix can be printed next to
the loan / not-a-loan confusion. Only the reader and the kind rules run, so this is quick.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

from analyzer.kinds import document_kind
from analyzer.results import DocumentKind

# the manifest's words -> a DocumentKind; first match wins; loans and non-loans have their own lists
_LOAN_WORDS = [
    (r"amendment|modification", DocumentKind.loan_amendment),
    (r"indenture|note purchase", DocumentKind.note_purchase_or_indenture),
    (r"\bnote\b|pawn ticket", DocumentKind.promissory_note),
    (r"repurchase", DocumentKind.loan_agreement),
    (r"mortgage|deed of trust|security instrument", DocumentKind.security_instrument),
    (r"loan|credit|repurchase|cardmember|installment", DocumentKind.loan_agreement),
]
_NON_LOAN_WORDS = [
    (r"\b(sub)?lease\b", DocumentKind.lease),
    (r"guarant", DocumentKind.guaranty),
    (r"pledge|security agreement", DocumentKind.pledge_or_security_agreement),
    (r".", DocumentKind.other_contract),
]
_SHORT = {
    DocumentKind.promissory_note: "note", DocumentKind.loan_agreement: "loan", DocumentKind.note_purchase_or_indenture:
    "indent", DocumentKind.security_instrument: "secins", DocumentKind.loan_amendment: "amend",
    DocumentKind.guaranty: "guar", DocumentKind.pledge_or_security_agreement: "pledge", DocumentKind.lease: "lease",
    DocumentKind.other_contract: "other", DocumentKind.unknown: "unknown",
}


def expected_kind(label: str, words: str) -> DocumentKind | None:
    """The manifest's kind in DocumentKind terms, or None when its words do not say."""
    for pattern, kind in _NON_LOAN_WORDS if label == "not-a-loan" else _LOAN_WORDS:
        if re.search(pattern, words, re.I):
            return kind
    return None


def evaluate_kinds(folder: Path, out=sys.stdout) -> dict:
    """Print the kind confusion matrix and the loan / not-a-loan confusion; return the counts."""
    from analyzer.api import Analyzer

    analyzer = Analyzer(engine="pdfium")
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    matrix: Counter = Counter()
    loan = Counter()
    misses = []
    for row in rows:
        try:
            doc = analyzer.read(folder / row["file"])
        except Exception as exc:  # one line, and go on
            print(f"{row['file']}: cannot read: {exc}", file=out)
            continue
        k = document_kind(doc.text)
        truth = "not-a-loan" if row["label"] == "not-a-loan" else "loan"
        said = "loan" if k.is_loan else "not-a-loan"
        loan[(truth, said)] += 1
        want = expected_kind(row["label"], row["kind"])
        matrix[(_SHORT[want] if want else "(not said)", _SHORT[k.kind])] += 1
        if truth != said or (want and want != k.kind):
            misses.append(f"  {row['file']}: manifest '{row['kind'][:60]}' -> {k.kind.value} ({said}); "
                          f"{k.explanation[:120]}")
    cols = list(_SHORT.values())
    rows_seen = [c for c in [*cols, "(not said)"] if any(matrix[(c, p)] for p in cols)]
    print("kind confusion (rows: manifest, columns: predicted)", file=out)
    print(f"{'':>11}" + "".join(f"{c:>8}" for c in cols), file=out)
    for r in rows_seen:
        print(f"{r:>11}" + "".join(f"{matrix[(r, c)] or '.':>8}" for c in cols), file=out)
    print("\nloan / not-a-loan (rows: manifest, columns: predicted)", file=out)
    print(f"{'':>11}{'loan':>12}{'not-a-loan':>12}", file=out)
    for t in ("loan", "not-a-loan"):
        print(f"{t:>11}{loan[(t, 'loan')]:>12}{loan[(t, 'not-a-loan')]:>12}", file=out)
    if misses:
        print("\ndisagreements:", *misses, sep="\n", file=out)
    return {"loans": loan[("loan", "loan")] + loan[("loan", "not-a-loan")],
            "loans_as_not_a_loan": loan[("loan", "not-a-loan")],
            "non_loans": loan[("not-a-loan", "loan")] + loan[("not-a-loan", "not-a-loan")],
            "non_loans_found": loan[("not-a-loan", "not-a-loan")],
            "kind_agree": sum(v for (r, p), v in matrix.items() if r == p),
            "kind_stated": sum(v for (r, _), v in matrix.items() if r != "(not said)")}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "manifest.csv").is_file():
        print("usage: python -m analyzer.kinds --eval DIR   (DIR holds manifest.csv)", file=sys.stderr)
        return 2
    scores = evaluate_kinds(Path(argv[0]))
    print(f"\nnot-a-loan found: {scores['non_loans_found']}/{scores['non_loans']}; loans called not-a-loan: "
          f"{scores['loans_as_not_a_loan']}/{scores['loans']}; kind agrees where the manifest says: "
          f"{scores['kind_agree']}/{scores['kind_stated']}")
    return 0


def cli(argv: list[str] | None = None) -> int:
    """`python -m analyzer.kinds FILE...` prints each file's kind; `--eval DIR` scores a labelled corpus."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m analyzer.kinds FILE...   |   python -m analyzer.kinds --eval DIR", file=sys.stderr)
        return 2
    if args[:1] == ["--eval"]:
        return main(args[1:])
    from analyzer.api import Analyzer

    analyzer = Analyzer(engine="pdfium")
    for path in args:
        try:
            doc = analyzer.read(path)
        except Exception as exc:  # one line per bad file, and go on
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            continue
        k = document_kind(doc.text)
        print(f"{path}\t{k.kind.value}\t{'loan' if k.is_loan else 'not-a-loan'}\t{k.certainty}\t{k.explanation}")
    return 0

