"""Cue rules and the one scope algorithm that applies them (in the manner of medspaCy's ConText).

A cue rule (patterns/cues.jsonl) is data: a category (NEGATION, PSEUDO, EXCEPTION, CROSS_REF, OVERRIDE,
PRESERVATION, CONDITION, TERMINATE), a direction (FORWARD, BACKWARD, BOTH), a maximum scope in tokens and the
categories that end its scope. Cues are matched once per tokenized window; whether a cue governs a clause's
anchor is decided here and only here, so no judge carries a window of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported where cues are matched, not by modules that only read frames
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

CATEGORIES = ("NEGATION", "PSEUDO", "EXCEPTION", "CROSS_REF", "OVERRIDE", "PRESERVATION", "CONDITION", "TERMINATE")


@dataclass(frozen=True)
class CueRule:
    id: str
    category: str
    direction: str
    max_scope: int
    terminated_by: tuple[str, ...]
    applies_to_not: tuple[str, ...] = ()  # judges this cue does not modify (a negated action is not a negated limit)


@dataclass(frozen=True)
class CueHit:
    """A matched cue; token indices and character offsets are relative to the sentence."""

    rule: CueRule
    t0: int
    t1: int
    c0: int
    c1: int
    text: str

    @property
    def category(self) -> str:
        return self.rule.category


def _token_patterns(row: dict) -> list[list[dict]]:
    pats = [[{"LOWER": w}] for w in row.get("words", [])]
    for phrase in row.get("phrases", []):
        pats.append([{"LOWER": w} for w in phrase.replace(",", " , ").split()])
    pats.extend(row.get("patterns", []))
    return pats


@cache
def cue_rules() -> dict[str, tuple[CueRule, list[list[dict]]]]:
    text = resources.files("analyzer.nlp").joinpath("patterns/cues.jsonl").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["category"] not in CATEGORIES:
            raise ValueError(f"cue {row['id']}: unknown category {row['category']}")
        rule = CueRule(row["id"], row["category"], row["direction"], int(row["max_scope"]),
                       tuple(row["terminated_by"]), tuple(row.get("applies_to_not", ())))
        out[rule.id] = (rule, _token_patterns(row))
    return out


class CueMatcher:
    """Finds every cue in a tokenized window once."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab)
        self.rules: dict[int, CueRule] = {}
        for rid, (rule, pats) in cue_rules().items():
            self.rules[vocab.strings.add("cue:" + rid)] = rule
            self.matcher.add("cue:" + rid, pats)

    def __call__(self, doc: Doc) -> list[tuple[CueRule, int, int]]:
        return [(self.rules[m], s, e) for m, s, e in self.matcher(doc)]


def hits_in(doc: Doc, found: list[tuple[CueRule, int, int]], t_start: int, t_end: int) -> list[CueHit]:
    """The cues inside tokens [t_start, t_end) of `doc`, re-based on that sentence."""
    base = doc[t_start].idx if t_start < len(doc) else 0
    out = []
    for rule, s, e in found:
        if t_start <= s and e <= t_end:
            c0 = doc[s].idx - base
            c1 = doc[e - 1].idx + len(doc[e - 1].text) - base
            out.append(CueHit(rule, s - t_start, e - t_start, c0, c1, doc[s:e].text.lower()))
    return out


def _pseudo(h: CueHit, hits: list[CueHit]) -> bool:
    """A negation inside a pseudo-negation ("not only", "no later than") or inside a preservation
    ("shall not limit", "nothing herein releases": a double negative that keeps) negates nothing."""
    return any(p.category in ("PSEUDO", "PRESERVATION") and p.t0 <= h.t0 < p.t1 and (
        h.t1 <= p.t1 or p.category == "PSEUDO") for p in hits)


def _terminated(h: CueHit, lo: int, hi: int, hits: list[CueHit]) -> bool:
    return any(o is not h and o.category in h.rule.terminated_by and lo <= o.t0 < hi and not (
        o.t0 >= h.t0 and o.t1 <= h.t1) for o in hits)


def governs(h: CueHit, a0: int, a1: int, hits: list[CueHit]) -> bool:
    """Does cue `h` reach the anchor at tokens [a0, a1)? The one scope rule for every category."""
    if h.category == "NEGATION" and _pseudo(h, hits):
        return False
    if h.t0 < a1 and a0 < h.t1:  # the cue is part of the anchor itself ("no personal liability")
        return h.category in ("NEGATION", "PRESERVATION") and h.t0 <= a0
    d = h.rule.direction
    if h.t1 <= a0 and d in ("FORWARD", "BOTH"):
        return a0 - h.t1 <= h.rule.max_scope and not _terminated(h, h.t1, a0, hits)
    if h.t0 >= a1 and d in ("BACKWARD", "BOTH"):
        return h.t0 - a1 <= h.rule.max_scope and not _terminated(h, a1, h.t0, hits)
    return False


def governing(hits: list[CueHit], a0: int, a1: int, category: str, judge: str = "") -> CueHit | None:
    """The nearest cue of `category` whose scope covers the anchor, if any (cues that do not apply to
    the anchor's judge are passed over)."""
    best, dist = None, 1 << 30
    for h in hits:
        if h.category == category and judge not in h.rule.applies_to_not and governs(h, a0, a1, hits):
            d = a0 - h.t1 if h.t1 <= a0 else max(0, h.t0 - a1)
            if d < dist:
                best, dist = h, d
    return best
