"""The judgment of one document: its kind, its frames, the decision and the confidence features.

One function serves every front door (the API, the spaCy classifier, the confidence fit in models/), so
that they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from analyzer.classify import Decision, decide
from analyzer.confidence import Review, features, probability, unexplained
from analyzer.document import Document
from analyzer.kinds import KindResult, document_kind
from analyzer.nlp.frames import Finding
from analyzer.nlp.sentences import SentenceIndex

NEAR = 4_000  # characters around a deciding clause within which unexplained recourse language casts doubt on it
HELD_BELOW = 0.75  # the confidence of a label whose deciding clauses stand beside language no frame explains


@dataclass
class Judgment:
    """Everything the label and its confidence rest on, before it becomes an Analysis (models/ fits on it)."""

    kind: KindResult
    findings: list[Finding]
    decision: Decision
    reviews: list[Review]
    features: dict[str, float]

    @property
    def label(self) -> str:
        return self.decision.label if self.kind.is_loan else "not-a-loan"

    @cached_property
    def doubted(self) -> list[Review]:
        """Unexplained recourse language beside the clauses that decided the label (not the promise to pay):
        what the analyzer could not read may be an exception to what it did read."""
        deciding = [f for f in self.decision.decisive if f.kind != "promise_to_pay"]
        return [r for r in self.reviews if any(f.start - NEAR <= r.start <= f.end + NEAR for f in deciding)]

    @cached_property
    def orphans(self) -> list[Finding]:
        """Springing recourse in a document labelled recourse: a limit that can spring away must stand somewhere,
        and the analyzer did not read it (or read the springing wrongly); either way the label is in doubt."""
        if self.decision.label != "recourse":
            return []
        return [f for f in self.findings if f.kind == "springing_recourse" and not f.aside]

    @cached_property
    def contested(self) -> list[Finding]:
        """Clauses that let the lender pursue the borrower beside the exculpation that decided a limited label:
        recourse for a part, or a contradiction the reader should settle (see classify.pursuit_beside)."""
        return self.decision.contested

    @property
    def confidence(self) -> float:
        """The fitted probability that the label is right, held below 0.8 when the deciding clauses stand
        beside language no frame explains, springing recourse stands with no limit to spring from, or an
        exculpation stands beside a clause that lets the lender pursue the borrower; for a
        non-loan, the kind's certainty."""
        if not self.kind.is_loan:
            return self.kind.certainty
        p = probability(self.features, self.decision.confidence)
        return min(p, HELD_BELOW) if self.doubted or self.orphans or self.contested else p


def judge_document(doc: Document, findings: list[Finding] | None = None) -> Judgment:
    """Judge a read document; `findings` when the clauses were already found (the spaCy component)."""
    index = SentenceIndex(doc.text)  # one sentence split of the text for the matcher and the unexplained scan
    if findings is None:
        from analyzer.nlp.pipeline import find_clauses  # spaCy is loaded only when clauses are to be found

        findings = find_clauses(doc.text, index)
    kind = document_kind(doc.text)
    decision = decide(findings, doc.text, section_of=doc.section_at)
    reviews = unexplained(doc.text, findings, index=index) if kind.is_loan else []
    pages = max((pg.number for pg in doc.pages), default=0)
    feats = features(decision.label, decision.basis, findings, len(reviews), kind.certainty,
                     len(doc.ocr_pages) / pages if pages else 0.0)
    return Judgment(kind, findings, decision, reviews, feats)
