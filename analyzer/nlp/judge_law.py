"""The governing-law clause: which jurisdiction's law governs this instrument.

Drafters name the law in several shapes ("governed by the laws of the State of X", "X law governs this Note",
"the laws of X ... govern", "construed in accordance with the internal law of X", "governed by X law"). The
place is the first one the sentence names before any exception ("..., except that the lien ... Virginia"), and
a sentence that speaks of another instrument ("the Deed of Trust is governed by ...") is kept aside so that the
law of this instrument wins when both are stated.
"""

from __future__ import annotations

import re

from analyzer.nlp.clauses import new_finding
from analyzer.nlp.frames import Aside, Context, Finding, Kind
from analyzer.nlp.judging import set_aside
from analyzer.nlp.lexicon import Lexicon

_TITLED = re.compile(r"[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){0,2}")
_LAWS_OF = re.compile(r"\blaws?\s+of\s+(?:the\s+)?(?:(?:state|commonwealth|province|district)\s+of\s+)?", re.I)
_LAW_AFTER = re.compile(r"\s+(?:(?:state|statutory|substantive|internal)\s+)?laws?\b", re.I)
_NOT_A_PLACE = {"applicable", "governing", "the", "this", "such", "federal", "any", "other", "each", "internal",
                "substantive", "state", "united", "no", "choice", "conflict", "conflicts", "usury", "all", "that"}
# where the law of this instrument stops and an exception or another instrument's law begins
_EXCEPT = re.compile(r",?\s*\b(?:except|provided|but|save|other\s+than|however)\b", re.I)
# "a company incorporated under the laws of Israel", "an entity governed by the laws of British Columbia": where a
# party is organized, not which law governs the contract
_ORGANIZED = re.compile(r"\b(?:incorporated|organi[sz]ed|formed|existing|chartered|registered|company|corporation|"
                        r"entity|partnership|association|ULC|LLC|bank)\b[^.;]{0,40}$", re.I)
_OTHER_INSTRUMENT = re.compile(r"\b(?:deed\s+of\s+trust|mortgage|security\s+(?:instrument|deed|agreement)|lien|"
                               r"guarant(?:y|ee)|pledge\s+agreement|collateral\s+documents?)\b", re.I)


def _name(found: str) -> str:
    return " ".join(w if w.lower() in {"of", "and"} else w.capitalize() for w in found.split())


def _place(text: str, lex: Lexicon) -> tuple[int, str] | None:
    """The first jurisdiction named as a law: 'laws of X' (a known jurisdiction, or a place in title case) or
    'X law' (a known jurisdiction only: 'Applicable law', 'German law' or 'Environmental Law' are not places)."""
    known = lex.words["jurisdictions"]
    hits: list[tuple[int, str]] = []
    for m in _LAWS_OF.finditer(text):
        j = known.match(text, m.end())
        t = None if j else _TITLED.match(text, m.end())
        if j:
            hits.append((m.start(), _name(j.group(0))))
        elif t and t.group(0).split()[0].lower() not in _NOT_A_PLACE:
            hits.append((m.start(), t.group(0)))
    for j in known.finditer(text):
        if _LAW_AFTER.match(text, j.end()):
            hits.append((j.start(), _name(j.group(0))))
    return min(hits) if hits else None


def judge_governing_law(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    head = ctx.text[:ctx.a1 + 200]
    cut = _EXCEPT.search(head, ctx.a1)
    hit = _place(head[:cut.start()] if cut else head, lex)
    if not hit:
        return None
    at, place = hit
    if _ORGANIZED.search(ctx.text, 0, min(ctx.a0, at)):
        return None
    subject = ctx.text[:min(ctx.a0, at)]
    if _OTHER_INSTRUMENT.search(subject) and not lex.find("this_instrument", subject):
        return set_aside(ctx, Kind.governing_law, rule, Aside.other_instrument, place, value=place)
    # a clause that names this instrument outranks one that does not ("Each Guarantor ... laws of Ohio")
    mine = lex.find("this_instrument", ctx.text) is not None
    return new_finding(ctx, Kind.governing_law, rule, value=place, cue="governing law", score=0.6 if mine else 0.5)
