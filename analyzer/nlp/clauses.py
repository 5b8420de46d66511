"""From a matcher hit to a judged clause.

A pattern only says where a recourse phrase stands. Whether it limits the
borrower's liability depends on the sentence around it: negation ("shall not be
personally liable"), exception scope ("notwithstanding the foregoing",
"except as provided in"), whom it protects (the borrower, or only its officers or
the agent), what the recourse is confined to (collateral, or another party), and
whether the phrase is only a defined term or a transfer "without recourse".
Each judge below reads those cues and says which one decided.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analyzer.nlp.context import CueHit, governing
from analyzer.nlp.lexicon import Lexicon, lexicon

LIMITING = {"no_personal_liability", "exculpation", "deficiency_barred", "limited_recourse", "recourse_cap"}


@dataclass
class Finding:
    kind: str
    polarity: str  # asserted | negated
    start: int
    end: int
    rule: str
    anchor: tuple[int, int]
    cue: str | None = None  # what decided polarity
    scope: str | None = None  # override | qualified
    scope_cue: str | None = None
    protected_parties: list[str] = field(default_factory=list)
    limits_borrower: bool = False
    note: str | None = None  # why a false friend was set aside
    categories: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    cap: dict | None = None
    value: str | None = None  # governing-law state, title kind
    score: float = 0.5


@dataclass
class Context:
    """The sentence around one hit, and the anchor inside it (offsets relative to the sentence)."""

    text: str
    sent_start: int
    a0: int
    a1: int
    section: str | None
    at_top: bool  # within the document's opening lines (titles)
    cues: list[CueHit] = field(default_factory=list)  # cue rules matched in the sentence
    at0: int = 0  # the anchor's tokens in the sentence
    at1: int = 0

    @property
    def anchor(self) -> str:
        return self.text[self.a0:self.a1]

    def clause_start(self) -> int:
        cut = max(self.text.rfind(";", 0, self.a0), self.text.rfind(":", 0, self.a0))
        return cut + 1 if cut >= 0 else 0

    def clause_end(self) -> int:
        ends = [i for i in (self.text.find(";", self.a1), self.text.find(":", self.a1)) if i >= 0]
        return min(ends) if ends else len(self.text)

    @property
    def pre(self) -> str:
        return self.text[self.clause_start():self.a0]

    @property
    def post(self) -> str:
        return self.text[self.a1:self.clause_end()]


_MODAL = re.compile(r"\b(shall|will|may|must|is|are|be|has|have|had|does|do|would|should|can)\b", re.I)
_POSSESSIVE_OF = None  # built lazily from the obligor list
_EXCLUDING_OBLIGOR = re.compile(
    r"\b(specifically\s+)?(excluding|other than|but not|except(?:ing)?|not including)\s+(the\s+|any\s+)?"
    r"(borrowers?|makers?|obligors?|issuers?|mortgagors?|trustors?|grantors?|debtors?|company)\b",
    re.I,
)
_AMOUNT = re.compile(r"\$\s?[\d,]+(?:\.\d+)?(?:\s?(?:million|billion))?|\b[\d,]{4,}(?:\.\d+)?\s+dollars\b", re.I)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?(%|percent\b|per\s?cent\b)", re.I)
_TRIGGER = re.compile(r"\b(upon the occurrence|upon|if|in the event|on the occurrence|should|becomes? (null|void))\b",
                      re.I)
_SHORT_HEADING = re.compile(r"^[^a-z]*$")
_DEFINED_IN_PARENS = re.compile(r"\((?:[^()\"]{0,40})?\"[^\"]{1,60}\"(?:[^()]{0,40})?\)")  # (each, a "Borrower Party")
_OBLIGOR_COMPOUND = re.compile(  # "Borrower Party", "Borrower Affiliate": someone other than the borrower
    r"\b(?:Borrower|Maker|Obligor|Issuer|Mortgagor|Company)\s+(?:Part(?:y|ies)|Affiliates?|Principals?|Related|"
    r"Representatives?|Indemnit\w+|Entit(?:y|ies)|Members?|Owners?|Persons?|Group|Sponsors?|Guarantors?)\b")
_SIGNATORY = re.compile(  # an officer signing a certificate "in his capacity as ... and not individually"
    r"\b(in\s+(his|her|their|its|the\s+undersigned's)\s+(official\s+)?capacity|solely\s+in\s+[\w'\s]{0,40}capacity"
    r"|not\s+(individually|personally|in\s+(his|her|their|the\s+undersigned's)\s+(individual|personal)))", re.I)
_OWNER_OF = re.compile(r"\b(?:direct\s+or\s+indirect\s+)?owners?\s+of\b", re.I)
_DENIAL = re.compile(
    r"\b(nothing|no provision|not)\b[^.;]{0,160}\b(construed|interpreted|deemed|render\w*|constitut\w*|agreed|"
    r"intended)\b[^.;]{0,80}$", re.I)
_WAIVER = re.compile(r"\b(waives?|waiver|defen[cs]es?|suretyship)\b", re.I)
_NONRECOURSE_NOUN = re.compile(
    r"(non-?\s?recourse|nonrecourse)\s+(loan|note|mortgage loan|promissory note|obligations?)\b", re.I)
_RESTRICTING = re.compile(r"\b(restrict\w*|prohibit\w*|limit\w*|bar\w*|anti)\W+(\w+\W+)?$", re.I)


def _obligor_possessive(lex: Lexicon) -> re.Pattern[str]:
    global _POSSESSIVE_OF
    if _POSSESSIVE_OF is None:
        words = "|".join(sorted((re.escape(w) for w in lex.raw["obligor_terms"]), key=len, reverse=True))
        _POSSESSIVE_OF = re.compile(
            rf"\b(of|for|to|in|by|under|with)\s+(the\s+|such\s+|any\s+|each\s+|a\s+)?(?:{words})\b|\b(?:{words})'s?\b(?=\s)"
            rf"|\b(?:{words})['\u2019]s\b",
            re.I,
        )
    return _POSSESSIVE_OF


def negation(ctx: Context) -> str | None:
    """The negation cue whose scope covers the anchor (patterns/cues.jsonl, one scope algorithm)."""
    h = governing(ctx.cues, ctx.at0, ctx.at1, "NEGATION")
    return h.text if h else None


_NOT_ABOUT_LIABILITY = re.compile(r"\b(rights?|remed(y|ies)|lien|foreclos\w*)\b", re.I)


def preserved(ctx: Context) -> str | None:
    """A double negative that keeps liability alive: 'nothing herein shall limit ... personal liability'.
    A preservation of the lender's rights or lien ('shall not impair the lien') keeps no liability."""
    h = governing(ctx.cues, ctx.at0, ctx.at1, "PRESERVATION")
    if h is None:
        return None
    lo, hi = (h.c1, ctx.a0) if h.c1 <= ctx.a0 else (ctx.a1, h.c0)
    if _NOT_ABOUT_LIABILITY.search(ctx.text[lo:hi]):
        return None
    return h.text


def scope_of(ctx: Context) -> tuple[str | None, str | None]:
    """'override' when a 'notwithstanding' cue governs the clause; 'qualified' when an exception or a
    cross-reference stands in the sentence."""
    h = governing(ctx.cues, ctx.at0, ctx.at1, "OVERRIDE")
    if h is not None and h.c0 < 40:
        return "override", h.text
    qualifiers = [h for h in ctx.cues if h.category in ("CROSS_REF", "EXCEPTION")]
    if qualifiers:  # a cross-reference says more than a bare "except"
        h = max(qualifiers, key=lambda h: (h.category == "CROSS_REF", h.t1 - h.t0))
        return "qualified", h.text
    return None, None


def cross_reference(ctx: Context) -> str | None:
    """An exception announced by reference ('except as provided in Section 9', 'subject to clause (b)')."""
    h = governing(ctx.cues, ctx.at0, ctx.at1, "CROSS_REF")
    return h.text if h else None


def parties(text: str, lex: Lexicon) -> tuple[list[str], bool, bool, bool]:
    """(parties named, names an obligor itself, names only officers-like persons, names lender side)."""
    excluded = bool(_EXCLUDING_OBLIGOR.search(text))
    text = _DEFINED_IN_PARENS.sub(" ", text)
    stripped = _OWNER_OF.sub(" ", _OBLIGOR_COMPOUND.sub(" ", _obligor_possessive(lex).sub(" ", text)))
    obligors = lex.findall("obligor_terms", stripped)
    officers = lex.findall("officer_terms", text) + [m.group(0).lower() for m in _OBLIGOR_COMPOUND.finditer(text)]
    lender = lex.findall("lender_side_protected", stripped)
    named = list(dict.fromkeys(obligors + officers + lender))
    has_obligor = bool(obligors) and not excluded
    return named, has_obligor, bool(officers) and not has_obligor, bool(lender) and not has_obligor


def _subject(ctx: Context) -> str:
    """Text from the clause start to the modal verb before the anchor (who is or is not liable)."""
    pre = ctx.pre
    modals = list(_MODAL.finditer(pre))
    subject = pre[: modals[-1].start()] if modals else pre
    m = None
    for m in re.finditer(r"\b(that|acknowledges|agrees|whereby)\b", subject, re.I):  # noqa: B007
        pass
    return subject[m.end():] if m else subject


def _target(ctx: Context, max_chars: int = 220) -> str:
    return ctx.post[:max_chars]


def _is_title(ctx: Context) -> bool:
    t = ctx.text.strip()
    return len(t) < 160 and (bool(_SHORT_HEADING.match(t)) or (ctx.at_top and not _MODAL.search(t)))


def _categories(text: str, lex: Lexicon) -> list[str]:
    return lex.categories("carve_out_categories", text)


def _triggers(text: str, lex: Lexicon) -> list[str]:
    return lex.categories("springing_triggers", text)


def _cap(text: str) -> dict | None:
    amount = _AMOUNT.search(text)
    pct = _PERCENT.search(text)
    if not amount and not pct:
        return None
    return {"amount": amount.group(0) if amount else None, "percent": float(pct.group(1)) if pct else None}


def _new(ctx: Context, kind: str, rule: str, polarity: str = "asserted", **kw) -> Finding:
    s = ctx.sent_start
    return Finding(kind=kind, polarity=polarity, start=s, end=s + len(ctx.text), rule=rule,
                   anchor=(s + ctx.a0, s + ctx.a1), **kw)


# ---------------------------------------------------------------- judges, one per anchor kind

def judge_liability(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if rule == "pl-liable-for-payment" and not (parties(_subject(ctx), lex)[1]
                                                 and lex.find("this_instrument", ctx.post[:80])):
        return None  # "the Agent shall not be liable for payment ...", or payment of something else
    if rule == "pl-joint-several":
        return _new(ctx, "personal_liability", rule, cue="jointly and severally", score=0.6)
    scope, scope_cue = scope_of(ctx)
    neg = negation(ctx)
    keep = preserved(ctx)
    text = ctx.text
    if neg and not keep:
        if lex.find("definition_cues", ctx.pre) or _WAIVER.search(text):
            return _new(ctx, "no_personal_liability", rule, "negated", cue=neg,
                        note="inside a waiver of defenses or a definition, not a limit on the borrower")
        if _SIGNATORY.search(text):
            return _new(ctx, "no_personal_liability", rule, "negated", cue=neg, protected_parties=["signatory"],
                        note="protects only the officer who signs in a representative capacity")
        who = _subject(ctx) + " " + _target(ctx, 160)
        named, obligor, officers_only, lender_side = parties(who, lex)
        limits = obligor or (not named and bool(lex.find("obligor_terms", text)))
        note = None
        if not limits:
            note = ("protects only " + ", ".join(named[:6])) if named else "no obligor named"
        f = _new(ctx, "no_personal_liability", rule, "negated", cue=neg, scope=scope, scope_cue=scope_cue,
                 protected_parties=named, limits_borrower=limits, note=note, score=0.9 if limits else 0.3)
        if limits and scope:
            f.categories = _categories(text, lex)
        return f
    # asserted personal liability
    who = _subject(ctx)
    named, obligor, officers_only, lender_side = parties(who + " " + ctx.post[:60], lex)
    if lender_side and not obligor:
        return None
    cats = _categories(text, lex)
    lossy = lex.find("loss_words", text)
    whole = lex.find("whole_debt_terms", ctx.post[:120])
    portion = re.search(r"\b(portion|to the extent|equal to|losses?|damages?|costs?)\b", ctx.post[:120], re.I)
    if whole and not (portion and portion.start() < whole.start()):
        if _TRIGGER.search(text[ctx.a1:]) or (scope == "override" and _TRIGGER.search(text)):
            return _new(ctx, "springing_recourse", rule, cue=whole.group(0), scope=scope, scope_cue=scope_cue,
                        triggers=_triggers(text, lex), score=0.85)
        loss_after = lex.find("loss_words", ctx.post)
        if not loss_after or loss_after.start() > whole.start():  # "for the full amount of the Loan, including costs"
            return _new(ctx, "personal_liability", rule, cue=whole.group(0), score=0.8)
    strong = [c for c in cats if c in lex.raw["strong_carve_out_categories"]]
    if scope == "override" or lossy or (keep and strong) or (scope and strong):
        return _new(ctx, "carve_out", rule, cue=keep or scope_cue or (lossy.group(0) if lossy else None),
                    scope=scope, scope_cue=scope_cue, categories=cats, score=0.8)
    return _new(ctx, "personal_liability", rule, cue=None, scope=scope, scope_cue=scope_cue, score=0.7)


def _collateral_target(target: str, lex: Lexicon) -> tuple[bool, str | None]:
    """Is recourse confined to collateral (True) or pointed at another party (False)?"""
    head = re.sub(r"\b\w+['\u2019]s\b", " ", target[:160])  # "Lender's exercise of its remedies": not a target
    party = lex.find("party_targets", head)
    coll = lex.find("collateral_terms", head)
    if coll and (not party or coll.start() < party.start()):
        return True, coll.group(0)
    return False, party.group(0) if party else None


def judge_exculpation(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text, lowtext = ctx.text, ctx.text.lower()
    scope, scope_cue = scope_of(ctx)
    kw = {"scope": scope, "scope_cue": scope_cue}
    if rule == "ex-nonrecourse":
        return _judge_nonrecourse(ctx, rule, lex, kw)
    if rule == "ex-limited-obligation":
        if re.search(r"payable\s+solely|solely\s+from|only\s+from|not\s+(?:a|constitute\s+a)\s+general\s+obligation",
                     lowtext) or "not from any other" in lowtext:
            return _new(ctx, "exculpation", rule, cue=ctx.anchor.lower(), limits_borrower=True, score=0.85, **kw)
        return None
    if rule == "ex-money-judgment":
        neg = negation(ctx)
        if not neg:
            return None
        against = ctx.post[:120]
        named, obligor, _, _ = parties(against, lex)
        named = [p for p in named if p not in lex.raw["lender_side_protected"]]
        limits = obligor or not named
        return _new(ctx, "deficiency_barred", rule, "negated", cue=neg, limits_borrower=limits,
                    score=0.85 if limits else 0.3, protected_parties=named,
                    note=None if limits else "protects only " + ", ".join(named[:6]), **kw)
    if rule == "ex-no-recourse":
        if ctx.anchor.lower().startswith("any") and not negation(ctx):
            return None
        if lex.find("transfer_cues", text) and not lex.find("obligor_terms", ctx.post[:60]):
            return None
        named, obligor, officers_only, lender_side = parties(ctx.post[:200] + " " + _subject(ctx), lex)
        limits = obligor and not officers_only
        note = None if limits else ("protects only " + ", ".join(named[:6]) if named else "no obligor named")
        return _new(ctx, "exculpation", rule, "negated", cue="no recourse", protected_parties=named,
                    limits_borrower=limits, note=note, score=0.85 if limits else 0.3, **kw)
    if rule == "ex-only-from-sources":
        if not (lex.find("this_instrument", text) or re.search(r"promises?\s+to\s+pay|payable", text, re.I)):
            return None
        return _new(ctx, "exculpation", rule, cue=ctx.anchor.lower(), limits_borrower=True, score=0.75, **kw)
    # sole recourse / look solely / recourse limited to / enforce only through / payable solely from / sole source
    target = _target(ctx)
    if rule == "ex-sole-recourse":
        m = re.search(r"\b(shall|will|is|are|be)\b(\s+\w+){0,3}?\s+(to|against|limited to|in|from)\b", target, re.I)
        target = target[m.end():] if m else target
    confined, what = _collateral_target(target, lex)
    holder = ctx.pre[-120:]
    _, holder_is_obligor, _, _ = parties(holder, lex)
    holder_is_participant = bool(re.search(r"\bparticipants?\b|\bassignees?\b|\binsur", holder, re.I))
    if rule == "ex-recourse-limited" and (_PERCENT.search(target[:120]) or _AMOUNT.search(target[:120])):
        return _new(ctx, "recourse_cap", rule, cue="recourse limited to", cap=_cap(target[:160]),
                    limits_borrower=True, score=0.85, **kw)
    if not confined:
        return None
    if holder_is_participant or (holder_is_obligor and not lex.find("creditor_terms", holder)):
        return None
    if rule == "ex-payable-solely" and lex.find("third_party_debt_cues", holder) \
            and not lex.find("this_instrument", text):
        return None
    return _new(ctx, "exculpation", rule, cue=f"{ctx.anchor.lower()} … {what}", limits_borrower=True,
                protected_parties=[p for p in parties(text, lex)[0] if p in lex.raw["obligor_terms"]][:3],
                score=0.85, **kw)


_DEFINED_TERM = re.compile(r"^(Non-?\s?Recourse|Nonrecourse|NON-?RECOURSE)\s+[A-Z][a-z]+", re.M)


def _judge_nonrecourse(ctx: Context, rule: str, lex: Lexicon, kw: dict) -> Finding | None:
    text = ctx.text
    raw_anchor = text[ctx.a0:]
    if _is_title(ctx):
        return _new(ctx, "recourse_title", rule, value="non-recourse", cue=ctx.anchor, limits_borrower=True,
                    score=0.8)
    if _DEFINED_TERM.match(raw_anchor) or text[max(0, ctx.a0 - 1):ctx.a0] in "\"'":
        return _new(ctx, "exculpation", rule, note="a defined term (e.g. Non-Recourse Indebtedness), not this loan",
                    limits_borrower=False, score=0.1)
    window = text[max(0, ctx.a0 - 150):ctx.a1 + 150]
    third = lex.find("third_party_debt_cues", window)
    mine = lex.find("this_instrument", window)
    if third and not (mine and mine.group(0).lower() in {"this note", "the note", "this loan", "hereunder", "hereby"}):
        return _new(ctx, "exculpation", rule, note=f"about other debt ('{third.group(0)}'), not this loan",
                    limits_borrower=False, score=0.1)
    copula = re.search(r"\b(is|are|be|constitutes?)\s+(an?\s+)?(non-?\s?recourse|nonrecourse)", text, re.I) or \
        _NONRECOURSE_NOUN.search(text)
    if (copula or (mine and lex.find("obligor_terms", text))) and not lex.find("definition_cues", text):
        return _new(ctx, "exculpation", rule, cue=ctx.anchor.lower(), limits_borrower=True, score=0.75, **kw)
    return None


def judge_deficiency(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    low = text.lower()
    if rule == "df-anti-deficiency":
        if re.search(r"waive|waiver|not apply|inapplicable", low):
            return _new(ctx, "deficiency_allowed", rule, cue="waiver of anti-deficiency protection", score=0.7)
        return None
    judgment = re.search(r"deficiency\s+(or\s+\w+\s+)?(judgment|judgement|decree|claim|balance)", low) or \
        re.search(r"(liable|responsible|obligated|pay)\s+(\w+\s+){0,4}(any|the|such)\s+deficiency", low) or \
        re.search(r"deficiency\s+(remaining|after|resulting)", low)
    if not judgment or re.search(r"\btax(es)?\b", text[max(0, ctx.a0 - 60):ctx.a0], re.I):
        return None
    neg = negation(ctx)
    if _RESTRICTING.search(text[max(0, ctx.a0 - 40):ctx.a0]):
        # a statute restricting deficiency judgments: "no such statute applies" keeps them available
        return _new(ctx, "deficiency_allowed", rule, cue=neg, score=0.6) if neg else None
    if neg and not preserved(ctx):
        if re.search(r"\b(waives?|waiver|defen[cs]es?)\b", low) and lex.find("obligor_terms", ctx.pre[:80]):
            # "Borrower waives any defense ... deficiency": the borrower gives up a protection
            return _new(ctx, "deficiency_allowed", rule, cue=neg, score=0.6)
        scope, scope_cue = scope_of(ctx)
        return _new(ctx, "deficiency_barred", rule, "negated", cue=neg, scope=scope, scope_cue=scope_cue,
                    limits_borrower=True, score=0.85)
    return _new(ctx, "deficiency_allowed", rule, cue=judgment.group(0), score=0.75)


def judge_limited_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if _is_title(ctx) and rule == "lr-limited-recourse":
        return _new(ctx, "recourse_title", rule, value="limited-recourse", cue=ctx.anchor, limits_borrower=True,
                    score=0.7)
    window = text[max(0, ctx.a0 - 200):ctx.a1 + 200]
    third = lex.find("third_party_debt_cues", window)
    mine = lex.find("this_instrument", text) or lex.find("obligor_terms", text)
    if rule == "lr-extinguished":
        if not (re.search(r"claims?|obligations?", text, re.I) and lex.find("collateral_terms", text)):
            return None
    if rule.startswith("lr-non") and not re.search(r"bankruptcy|insolvency|petition", text, re.I):
        return None
    if third and not mine:
        return _new(ctx, "limited_recourse", rule, note=f"about other debt ('{third.group(0)}')", score=0.1)
    if not mine:
        return None
    return _new(ctx, "limited_recourse", rule, cue=ctx.anchor.lower(), limits_borrower=True, score=0.85)


def judge_cap(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if rule == "cap-partial-recourse":
        return _new(ctx, "recourse_cap", rule, cue=ctx.anchor.lower(), cap=_cap(text), limits_borrower=True,
                    score=0.85)
    near = text[max(ctx.clause_start(), ctx.a0 - 160):ctx.a0]
    if not re.search(r"(?<![\w-])(liability|liabilities|liable|recourse)\b", near, re.I):
        return None  # "Non-Recourse Indebtedness not exceeding ...": a debt basket, not a cap on this loan
    cap = _cap(text[ctx.a0:ctx.a1 + 200])
    if not cap:
        return None
    named, obligor, _, lender_side = parties(_subject(ctx), lex)
    if lender_side or (named and not obligor):
        return None
    if not re.search(r"personal|recourse|borrower|maker|obligor", near, re.I):
        return None
    return _new(ctx, "recourse_cap", rule, cue=ctx.anchor.lower(), cap=cap, limits_borrower=True, score=0.8)


def judge_carve_out(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _DEFINITION.match(ctx.text):
        return None  # '"Guaranty" means the Guaranty of Recourse Obligations ...' defines, it does not carve out
    if re.search(r"\b(non|limited)\W{0,2}$", ctx.text[:ctx.a0], re.I):
        return None  # "non-recourse obligations", "limited recourse obligations"
    if rule == "co-preserved-liability":
        keep = lex.find("preservation_cues", ctx.text[:ctx.a1])
        cats = _categories(ctx.text, lex)
        if not keep or not set(cats) & set(lex.raw["strong_carve_out_categories"]):
            return None
        return _new(ctx, "carve_out", rule, cue=keep.group(0).lower(), categories=cats, score=0.7)
    if rule == "co-beyond-collateral":
        if not re.search(r"\b(liable|liability|recover\w*|personally|responsible)\b", ctx.text, re.I):
            return None
        return _new(ctx, "carve_out", rule, cue=ctx.anchor.lower(), categories=_categories(ctx.text, lex), score=0.7)
    if negation(ctx):
        return None
    named, obligor, _, lender_side = parties(_subject(ctx), lex)
    if lender_side:
        return None
    scope, scope_cue = scope_of(ctx)
    cats = _categories(ctx.text, lex)
    list_follows = bool(re.search(r"(following|as follows)\W*$|:\s*$", ctx.text))
    if rule == "co-liable-for-losses" and not (cats or scope or list_follows):
        return None
    return _new(ctx, "carve_out", rule, cue=ctx.anchor.lower(), scope=scope, scope_cue=scope_cue,
                categories=cats, score=0.6)


def judge_springing(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if _is_title(ctx):
        return _new(ctx, "recourse_title", rule, value="recourse", cue=ctx.anchor, score=0.8)
    if rule == "sp-become-recourse" and not re.search(r"\b(debt|loan|note|indebtedness|obligations)\b", text, re.I):
        return None
    if negation(ctx):
        return None
    window = text[max(0, ctx.a0 - 200):ctx.a1 + 200]
    if lex.find("third_party_debt_cues", window) and not lex.find("this_instrument", window):
        return None
    if _TRIGGER.search(text) and lex.find("obligor_terms", text):
        return _new(ctx, "springing_recourse", rule, cue=ctx.anchor.lower(), triggers=_triggers(text, lex),
                    score=0.85)
    if lex.find("this_instrument", text) or lex.find("obligor_terms", text):
        return _new(ctx, "personal_liability", rule, cue=ctx.anchor.lower(), score=0.8)
    return None


def judge_without_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    after = ctx.post[:80]
    if re.search(r"paid in full|marked|mark\b", text, re.I):
        return _new(ctx, "without_recourse_transfer", rule, note="a rule about marking payments, not a limit",
                    score=0.2)
    named, obligor, _, _ = parties(after, lex)
    if re.match(r"\s*(to|against|on)\s+(the\s+|any\s+)?(borrowers?|makers?|obligors?|mortgagors?|trustors?)\b",
                after, re.I) and not lex.find("transfer_cues", text):
        return _new(ctx, "exculpation", rule, "negated", cue="without recourse to the obligor",
                    protected_parties=named, limits_borrower=True, score=0.7)
    return _new(ctx, "without_recourse_transfer", rule,
                note="concerns a transferor (endorsement, assignment or participation), not the borrower", score=0.2)


def judge_guaranty(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return _new(ctx, "guaranty", rule, cue=ctx.anchor.lower(), score=0.5)


_LAW = re.compile(
    r"(?i:laws?\s+of\s+(?:the\s+)?(?:(?:state|commonwealth|province|district)\s+of\s+)?)"
    r"([A-Z][a-zA-Z]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z]+){0,2})"
)


def judge_governing_law(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    m = _LAW.search(ctx.text, ctx.a0)
    if not m:
        return None
    place = re.sub(r"\s+(without|and|applicable|including|excluding)\b.*", "", m.group(1)).strip()
    return _new(ctx, "governing_law", rule, value=place, cue="governed by", score=0.5)


def judge_promise(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if negation(ctx):
        return None
    return _new(ctx, "promise_to_pay", rule, cue=ctx.anchor.lower(), score=0.5)


JUDGES: dict[str, Callable[[Context, str, Lexicon], Finding | None]] = {
    "personal_liability": judge_liability,
    "exculpation": judge_exculpation,
    "deficiency": judge_deficiency,
    "limited_recourse": judge_limited_recourse,
    "recourse_cap": judge_cap,
    "carve_out": judge_carve_out,
    "springing_recourse": judge_springing,
    "without_recourse_transfer": judge_without_recourse,
    "guaranty": judge_guaranty,
    "governing_law": judge_governing_law,
    "promise_to_pay": judge_promise,
}


_DEFINITION = re.compile(r'^\W{0,3}(?:\([a-z0-9]+\)\s*)?"[^"]{2,80}"\s+(?:means|shall mean|has the meaning|includes)\b')


def other_debt(ctx: Context, lex: Lexicon) -> str | None:
    """A cue that the clause speaks of some other debt (a definition, a debt covenant), not this loan."""
    if _DEFINITION.match(ctx.text) and "recourse" not in ctx.text[:ctx.text.find('"', ctx.text.find('"') + 1)].lower():
        return "a definition"
    clause = ctx.text[ctx.clause_start():ctx.clause_end()]
    m = lex.find("other_debt_cues", clause)
    return m.group(0) if m else None


def judge(ctx: Context, kind: str, rule: str) -> Finding | None:
    lex = lexicon()
    f = JUDGES[kind](ctx, rule, lex)
    if f is not None and f.kind in LIMITING and f.limits_borrower and f.polarity == "asserted":
        m = _DENIAL.search(ctx.text[ctx.clause_start():ctx.a0])
        if m:  # "nothing herein shall render the Loan a non-recourse obligation"
            cue = f"{m.group(1).lower()} ... {m.group(2).lower()}"
            return _new(ctx, "personal_liability", rule, "negated", cue=cue, score=0.7)
    if f is not None and f.kind in LIMITING and f.limits_borrower:
        cue = other_debt(ctx, lex)
        if cue:
            f.limits_borrower = False
            f.note = f"about other debt ({cue}), not this loan"
            f.score = 0.1
    return f
