"""The decision: judged clauses in, label + confidence + reasons out.

Ordered rules, first match wins (documented in the README):
  1. a structured-finance limited-recourse clause          -> limited-recourse
  2. a cap on the borrower's recourse liability            -> limited-recourse
  3. an exculpation that protects the borrower
       with carve-outs, springing recourse or an exception
       that keeps personal liability                       -> limited-recourse
       with a clause elsewhere that lets the lender pursue
       the borrower (unless the exculpation overrides it)  -> limited-recourse, held below 0.8
       with none of those                                  -> non-recourse
  4. only a title says so ("Non-Recourse Note", "Partial Recourse") -> that label, lower confidence
  5. otherwise                                             -> recourse (loans are recourse by default)
Clauses set aside as false friends are reported, never counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from analyzer.nlp.frames import LIMITING, Aside, Finding, Kind
from analyzer.nlp.lexicon import lexicon

CARVE_BEFORE = 3_000  # carve-outs sit after the exculpation, rarely long before it
CARVE_AFTER = 15_000
_LOAN_WORDS = re.compile(
    r"\b(borrowers?|lenders?|makers?|obligors?|issuers?|holders?|promissory|note|loans?|credit agreement|"
    r"indenture|mortgage|deed of trust|principal|interest rate|maturity)\b",
    re.I,
)


@dataclass
class Decision:
    label: str
    confidence: float
    reasons: list[str]
    decisive: list[Finding] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    basis: str = "default"  # which rule decided: structured, cap, exculpation_kept, exculpation, title, signals
    contested: list[Finding] = field(default_factory=list)  # pursuit of the borrower beside the deciding exculpation


def _excerpt(f: Finding, text: str, around: int = 70) -> str:
    """A short quote around the phrase that fired, cut at word boundaries."""
    a, b = max(f.start, f.anchor[0] - around), min(f.end, f.anchor[1] + around)
    if a > f.start:
        a = text.find(" ", a, f.anchor[0]) + 1 or a
    if b < f.end:
        b = text.rfind(" ", f.anchor[1], b) if text.rfind(" ", f.anchor[1], b) > 0 else b
    piece = " ".join(text[a:b].split())
    return ("..." if a > f.start else "") + piece + ("..." if b < f.end else "")


def _few(items: list[str], n: int = 4) -> str:
    return ", ".join(items[:n]) + (f" and {len(items) - n} more" if len(items) > n else "")


def _near(f: Finding, anchors: list[Finding]) -> bool:
    return any(a.start - CARVE_BEFORE <= f.start <= a.end + CARVE_AFTER for a in anchors)


def _where(f: Finding, section_of) -> str:
    sec = section_of(f.start) if section_of else None
    return f" in {sec}" if sec else ""


def _carve_categories(findings: list[Finding], exculpations: list[Finding], text: str) -> list[str]:
    lex = lexicon()
    cats: list[str] = []
    for f in findings:
        cats.extend(f.categories)
    for e in exculpations:
        if e.scope == "qualified" or findings:
            window = text[e.start:min(len(text), e.end + 4000)]
            cats.extend(lex.categories("carve_out_categories", window) if findings else [])
    return sorted(set(cats))


@dataclass
class _Facts:
    """What the decision rules read: the findings sorted by role, once."""

    findings: list[Finding]
    text: str
    section_of: Callable[[int], str | None] | None
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        limits = [f for f in self.findings if f.kind in LIMITING and f.limits_borrower]
        self.structured = [f for f in limits if f.kind == "limited_recourse"]
        self.caps = [f for f in limits if f.kind == "recourse_cap"]
        self.excul = sorted((f for f in limits if f.kind in _EXCULPATING),
                            key=lambda f: (-f.score, f.start))  # the clearest exculpation speaks first
        self.details = _details(self.findings, self.text)
        self.pursuit = pursuit_beside(self.findings, self.text)


Verdict = tuple[str, float, list[str], list[Finding], str]  # label, confidence, reasons, decisive, basis
_EXCULPATING = (Kind.no_personal_liability, Kind.exculpation, Kind.deficiency_barred, Kind.forfeiture_only)


def decide(findings: list[Finding], text: str, section_of=None) -> Decision:
    """The label from the frames, by the first rule that speaks: a structured-finance limit, a cap, an
    exculpation (kept alive by carve-outs or not), a title, the signals of recourse, or the default."""
    facts = _Facts(findings, text, section_of)
    verdict = next((v for rule in _RULES if (v := rule(facts))), None) or (
        "recourse", 0.6, ["no clause limits recourse"], [], "default")
    label, conf, reasons, decisive, basis = verdict
    warnings = [] if _looks_like_loan(findings, text) else ["not_a_loan_agreement"]
    set_aside = [f for f in findings if f.aside]
    if set_aside:
        kinds = Counter(_aside_label(f) for f in set_aside)
        reasons.append("set aside (not a limit on the borrower): "
                       + ", ".join(f"{k} x{n}" if n > 1 else k for k, n in kinds.most_common()))
    if warnings:
        conf = min(conf, 0.5)
    contested = facts.pursuit if basis in ("exculpation", "exculpation_contested") else []
    return Decision(label, round(conf, 2), reasons, decisive, facts.details, warnings, basis, contested)


def _by_structured(x: _Facts) -> Verdict | None:
    if not x.structured:
        return None
    f = x.structured[0]
    reason = f"limited-recourse clause{_where(f, x.section_of)}: \"{_excerpt(f, x.text)}\""
    return "limited-recourse", 0.9 if len(x.structured) > 1 else 0.8, [reason], x.structured[:4], "structured"


def _by_cap(x: _Facts) -> Verdict | None:
    if not x.caps:
        return None
    f = x.caps[0]
    what = ", ".join(str(v) + ("%" if k == "percent" else "") for k, v in (f.cap or {}).items() if v is not None)
    if not what and f.cue and "beyond the collateral" in f.cue:
        reason = f"recourse limited to named assets beyond the collateral{_where(f, x.section_of)}"
        return "limited-recourse", 0.8, [f"{reason}: \"{_excerpt(f, x.text)}\""], [f], "cap"
    reason = f"borrower's recourse liability is capped{_where(f, x.section_of)}" + (f" ({what})" if what else "")
    return "limited-recourse", 0.85, [reason], [f], "cap"


def _by_exculpation(x: _Facts) -> Verdict | None:
    if not x.excul:
        return None
    head = x.excul[0]
    kept = _kept_alive(x, head)
    if kept:
        return kept
    pursuit = x.pursuit
    if pursuit and not any(e.scope == "override" for e in x.excul):
        f = pursuit[0]
        return ("limited-recourse", 0.7, [f"exculpation{_where(head, x.section_of)}: \"{_excerpt(head, x.text)}\"; but "
                                          f"{f.kind.replace('_', ' ')}{_where(f, x.section_of)} keeps recourse to the "
                                          f"borrower: \"{_excerpt(f, x.text)}\""], [head, *pursuit[:3]],
                "exculpation_contested")
    asserted = [f for f in x.findings if f.kind in ("personal_liability", "deficiency_allowed")]
    conf = (0.9 if len(x.excul) > 1 else 0.8) - (0.15 if asserted else 0.0)
    return ("non-recourse", conf, [f"exculpation{_where(head, x.section_of)}: \"{_excerpt(head, x.text)}\"; "
                                   "no carve-out makes the borrower personally liable"], x.excul[:4], "exculpation")


def pursuit_beside(findings: list[Finding], text: str) -> list[Finding]:
    """Clauses outside every exculpation that let the lender pursue the borrower ("Payee may sue Maker for the
    unpaid interest", "may levy on the Reserve Account for any deficiency"): beside an exculpation they mean
    recourse for a part, or a contradiction; either way the exculpation alone does not decide."""
    excul = [f for f in findings if f.kind in _EXCULPATING and f.limits_borrower and not f.aside]
    if not excul:
        return []
    return [f for f in findings if f.kind in ("personal_liability", "deficiency_allowed") and f.polarity == "asserted"
            and f.rule in PURSUIT_RULES and not f.aside and not any(_same_clause(e, f, text) for e in excul)]


# the clauses that tell the lender pursuing the borrower in so many words (a deficiency recovered, a suit or
# an enforcement against its assets); personal liability read from other shapes ('full recourse obligation
# of hers', an officer's liability) is too often someone else's to contest an exculpation (round 10: 3 of 3)
PURSUIT_RULES = frozenset({"df-deficiency", "df-pursue-for-amount", "df-balance-owed", "ex-action-against",
                           "ex-sue-obligor", "pl-enforce-on-assets"})


_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:but|and|or|provided|however|except)\b|\b(?:provided|but|however)\b", re.I)


def _same_clause(e: Finding, f: Finding, text: str) -> bool:
    """Inside the exculpation's own clause ('no personal liability for the Loan or any deficiency judgment'),
    not a clause of its own after ', but' or ';' in the same sentence."""
    if not (e.start <= f.start and f.end <= e.end):
        return False
    first, second = (e, f) if e.anchor[0] <= f.anchor[0] else (f, e)
    return not _CLAUSE_BREAK.search(text[first.anchor[1]:second.anchor[0]])


def _kept_alive(x: _Facts, head: Finding) -> Verdict | None:
    """An exculpation with carve-outs, springing recourse or an exception that keeps liability: limited."""
    carve = [f for f in x.findings if f.kind == "carve_out" and _near(f, x.excul)]
    spring = [f for f in x.findings if f.kind == "springing_recourse" and _near(f, x.excul)]
    keeps = [e for e in x.excul if e.exceptions]  # "except as provided in Section 9": carve-outs by reference
    if not (carve or spring or keeps):
        return None
    cats = x.details["carve_outs"] = _carve_categories(carve, x.excul, x.text)
    trig = x.details["springing_triggers"] = sorted({t for f in spring for t in f.triggers})
    parts = [f"exculpation{_where(head, x.section_of)}"]
    if carve:
        parts.append(f"{len(carve)} carve-out clause{'s' if len(carve) != 1 else ''}"
                     + (f" ({_few(cats)})" if cats else ""))
    if spring:
        parts.append("springing full recourse" + (f" on {_few(trig)}" if trig else ""))
    if keeps and not carve:
        parts.append(f"an exception that keeps personal liability ('{keeps[0].exceptions[0]}')")
    conf = 0.9 if (carve and len(x.excul) > 1) or spring else 0.8
    reason = " with ".join(parts[:2]) + (" and " + parts[2] if len(parts) > 2 else "")
    return "limited-recourse", conf, [reason], [head] + carve[:5] + spring[:3] + keeps[:1], "exculpation_kept"


def _by_title(x: _Facts) -> Verdict | None:
    kept = [f for f in x.findings if f.kind in ("carve_out", "springing_recourse")]
    for t in (f for f in x.findings if f.kind == "recourse_title"):
        title = x.text[t.start:t.end].strip()[:80]
        if t.value == "non-recourse" and kept:
            return ("limited-recourse", 0.75, [f"titled '{title}', but {len(kept)} clause(s) keep recourse "
                                               "(carve-outs or springing recourse)"], [t] + kept[:5], "title")
        if t.value in ("non-recourse", "limited-recourse"):
            return t.value, 0.7, [f"the instrument is titled '{title}'"], [t], "title"
    return None


def _by_signals(x: _Facts) -> Verdict | None:
    signals = [f for f in x.findings if f.kind in ("personal_liability", "deficiency_allowed", "promise_to_pay")
               or (f.kind == "recourse_title" and f.value == "recourse")]
    if not signals:
        return None
    kinds = sorted({f.kind.replace("_", " ") for f in signals})
    conf = 0.85 if any(f.kind != "promise_to_pay" for f in signals) else 0.8
    return "recourse", conf, [f"{'; '.join(kinds)}; no clause limits recourse"], _top(signals), "signals"


_RULES = (_by_structured, _by_cap, _by_exculpation, _by_title, _by_signals)


def _top(signals: list[Finding]) -> list[Finding]:
    order = {"recourse_title": 0, "personal_liability": 1, "deficiency_allowed": 2, "promise_to_pay": 3}
    return sorted(signals, key=lambda f: (order.get(f.kind, 9), f.start))[:3]


_ASIDE_WORDS = {Aside.transfer: "'without recourse' transfer", Aside.protects_others: "exculpation of others",
                Aside.signatory: "exculpation of others", Aside.defined_term: "defined term",
                Aside.other_debt: "other debt"}


def _aside_label(f: Finding) -> str:
    return _ASIDE_WORDS.get(f.aside, f.kind.replace("_", " "))


_GUARANTOR_DEF = re.compile(
    r"([A-Z][\w.,&'\- ]{2,80}?),?\s*(?:an?\s+[^()\"]{0,80}?)?\s*\(\s*(?:together with[^()]{0,60},\s*)?"
    r"(?:the\s+|each\s+a\s+|individually\s+and\s+collectively,?\s+the\s+|collectively,?\s+the\s+)?\"(\w+\s+)?Guarantors?\"",
)

_GUARANTOR_TERM = re.compile(r"\"(?:\w+\s+)?Guarantors?\"")
_DEF_REACH = 400  # characters before a defined term that its definition can start


def _guarantors(text: str, limit: int = 200_000) -> list[str]:
    """Names defined as "Guarantor": the definition pattern is tried only just before each
    quoted term, not at every capital letter of the document (0.2 s on 60 pages)."""
    names: list[str] = []
    for term in _GUARANTOR_TERM.finditer(text, 0, limit):
        for m in _GUARANTOR_DEF.finditer(text, max(0, term.start() - _DEF_REACH), term.end()):
            name = re.sub(r"^(and|by|from|of|the)\s+", "", m.group(1).strip(" ,"), flags=re.I)
            if name and name not in names and len(names) < 10:
                names.append(name)
    return names


def _details(findings: list[Finding], text: str) -> dict:
    laws = [f for f in findings if f.kind == "governing_law" and f.value]
    # the law of this instrument; another instrument's law ("the Deed of Trust is governed by ...") only failing it
    law = next((f.value for f in sorted(laws, key=lambda f: (f.aside is not None, -f.score))), None)
    guarantors = _guarantors(text)
    caps = [f.cap for f in findings if f.kind == "recourse_cap" and f.cap and f.limits_borrower]
    return {"carve_outs": [], "springing_triggers": [], "caps": caps, "guarantors": guarantors,
            "governing_law": law}


def _looks_like_loan(findings: list[Finding], text: str) -> bool:
    if any(f.kind in ("promise_to_pay",) or f.kind in LIMITING for f in findings):
        return True
    words = {m.group(0).lower() for m in _LOAN_WORDS.finditer(text[:100_000])}
    return len(words) >= 3
