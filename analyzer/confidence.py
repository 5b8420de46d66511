"""Confidence a user can act on: a probability that the label is right, from features of the evidence.

The features are independent signals the decision rests on (how many frames limit or keep recourse, whether
an explicit statement of personal liability agrees with the label, conflicts, recourse language no frame
explains, the document kind's certainty, extraction quality). Their weights are fitted by
models/fit_confidence.py and shipped as data (analyzer/data/confidence.json); the model card in models/ says
on what and how well. Without the fitted file the decision's own rule-of-thumb confidence stands.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from analyzer.nlp.frames import ASSERTING, KEEPING, LIMITING, Finding, Kind
from analyzer.nlp.sentences import SentenceIndex, lowered

# recourse vocabulary that should always be explained by some frame (kept, or set aside with a reason)
_VOCABULARY = re.compile(  # on lowered text: a first-letter lookahead lets most word starts fail at once
    r"\b(?=[bdeflnprs])(?:non-?\s?recourse|nonrecourse|recourse|personally\s+(?:liable|obligated|responsible)|personal"
    r"\s+(?:liability|responsibility|obligation)|deficiency\s+judg\w+|exculpat\w*|limited\s+obligations?|forfeit\w*|"
    r"shortfall|look\s+(?:solely|only|exclusively)|(?:payable|enforceable|recoverable|collectible)\s+(?:solely|only)|"
    r"no\s+other\s+(?:funds|source|assets|property)|beyond\s+the\s+value)\b")
MAX_REVIEW = 5


_VERB = re.compile(r"\b(shall|will|may|must|is|are|be|has|have|does|do|agrees?|acknowledges?|waives?)\b", re.I)
_DEFINES = re.compile(r"^\W{0,3}(?:\([a-z0-9]+\)\s*)?[\"\u201c][^\"\u201d]{2,80}[\"\u201d]\s+"
                      r"(?:means|shall\s+mean|has\s+the\s+meaning|includes)\b", re.I)


def _not_a_clause(sentence: str) -> bool:
    """A heading ("Section 7.2 Recourse Carve-Outs.") or a definition explains itself."""
    return (len(sentence) < 100 and not _VERB.search(sentence)) or bool(_DEFINES.match(sentence))


@dataclass(frozen=True)
class Review:
    start: int
    end: int
    quote: str


def unexplained(text: str, findings: list[Finding], limit: int = 2_000_000,
                index: SentenceIndex | None = None) -> list[Review]:
    """Sentences with recourse vocabulary that no frame explains: each is worth a human look (`index`: the
    text's sentences, when the clause matcher has them already)."""
    covered = sorted((f.start, f.end) for f in findings)
    index = index or SentenceIndex(text)  # boundaries computed on first use only
    seen: set[int] = set()
    out: list[Review] = []
    for m in _VOCABULARY.finditer(lowered(text[:limit])):
        s, e = index.around(m.start())
        if s in seen:
            continue
        seen.add(s)
        if any(a < e and s < b for a, b in covered) or _not_a_clause(text[s:e]):
            continue
        out.append(Review(s, e, " ".join(text[s:e].split())[:240]))
    return out


def features(label: str, basis: str, findings: list[Finding], reviews: int, kind_certainty: float,
             ocr_share: float) -> dict[str, float]:
    """The signals confidence is fitted on; each is a plain number a reviewer can read in the model card."""
    mine = [f for f in findings if not f.aside]
    limits = [f for f in mine if f.kind in LIMITING and f.limits_borrower]
    keeps = [f for f in mine if f.kind in KEEPING]
    asserted = [f for f in mine if f.kind in ASSERTING - {Kind.promise_to_pay}]
    promises = [f for f in mine if f.kind == Kind.promise_to_pay]
    return {
        "limited": float(label == "limited-recourse"),
        "non": float(label == "non-recourse"),
        "limits": math.log1p(len(limits)),
        "keepers": math.log1p(len(keeps)),
        "asserted": math.log1p(len(asserted)),
        "promise_only": float(label == "recourse" and not asserted and bool(promises)),
        "no_signal": float(label == "recourse" and not asserted and not promises),
        "conflict": float(label == "non-recourse" and bool(asserted)) + float(label == "recourse" and bool(limits)),
        "title_only": float(basis == "title"),
        "set_aside": math.log1p(sum(1 for f in findings if f.aside)),
        "reviews": math.log1p(reviews),
        "kind_uncertain": 1.0 - kind_certainty,
        "ocr_share": ocr_share,
    }


@cache
def _model() -> dict | None:
    try:
        raw = resources.files("analyzer").joinpath("data/confidence.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return json.loads(raw)


def probability(feats: dict[str, float], fallback: float) -> float:
    """The fitted logistic model's probability that the label is right (the fallback when none is shipped)."""
    model = _model()
    if model is None:
        return fallback
    z = model["intercept"] + sum(w * feats.get(name, 0.0) for name, w in model["weights"].items())
    return min(0.99, round(1.0 / (1.0 + math.exp(-z)), 2))  # a fitted model never knows for certain
