"""The `recourse_classifier` spaCy factory: labels a doc from the clauses `recourse_clauses` found.

It runs the whole judgment (document kind, decision, confidence), so it lives above analyzer/judgment.py,
not in analyzer/nlp (which the judgment imports). Registered through the `spacy_factories` entry point.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from analyzer.judgment import judge_document
from analyzer.nlp.components import ClauseMatcher  # noqa: F401 - registers the doc extensions this reads
from analyzer.nlp.frames import Aside, Finding
from analyzer.readers import read_text


class RecourseClassifier:
    """Labels the doc from the clauses `recourse_clauses` found."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.recourse_evidence is None:
            raise ValueError("recourse_classifier needs the recourse_clauses component before it")
        # lists come back as tuples from a DocBin (msgpack): normalise them
        findings = [Finding(**{**d, "anchor": tuple(d["anchor"]), "protected_parties": list(d["protected_parties"]),
                               "categories": list(d["categories"]), "triggers": list(d["triggers"]),
                               "exceptions": list(d.get("exceptions") or []),
                               "aside": Aside(d["aside"]) if d.get("aside") else None})
                    for d in doc._.recourse_evidence]
        judgment = judge_document(read_text(doc.text, "<spacy>"), findings)
        reasons = judgment.decision.reasons if judgment.kind.is_loan else [judgment.kind.explanation]
        doc._.recourse = {"label": judgment.label, "confidence": judgment.confidence, "reasons": reasons}
        return doc

    def to_disk(self, path, exclude=()):
        pass

    def from_disk(self, path, exclude=()):
        return self


@Language.factory("recourse_classifier")
def make_classifier(nlp: Language, name: str) -> RecourseClassifier:
    return RecourseClassifier()
