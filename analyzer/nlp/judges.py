"""One judge per construction: from a pattern hit to a frame (a Finding).

Each pattern row (patterns/*.jsonl) names the judge of its construction in its `judge` field, so no code
branches on a pattern id. A judge asks the sentence the questions of nlp/clauses.py (which cues govern
the anchor, who is named, what recourse is confined to) and returns a frame, or None when the phrase
is not the construction at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analyzer.nlp.clauses import (
    _DENIAL,
    _MODAL,
    _NONRECOURSE_NOUN,
    _RESTRICTING,
    _SIGNATORY,
    _TRIGGER,
    _WAIVER,
    _cap,
    _categories,
    _is_title,
    _new,
    _subject,
    _target,
    _triggers,
    find_obligor,
    negation,
    parties,
    preserved,
    scope_of,
)
from analyzer.nlp.context import governs
from analyzer.nlp.frames import KEEPING, LIMITING, Aside, Context, Finding, Kind
from analyzer.nlp.lexicon import Lexicon, lexicon
from analyzer.nlp.roles import doc_obligor, has_doc_obligors

Judge = Callable[[Context, str, Lexicon], Finding | None]


def _set_aside(ctx: Context, kind: str, rule: str, aside: Aside, detail: str | None = None,
               polarity: str = "asserted", **kw) -> Finding:
    note = aside.value + (f" ({detail})" if detail else "")
    return _new(ctx, kind, rule, polarity, aside=aside, note=note, limits_borrower=False, score=0.1, **kw)


def _exceptions(ctx: Context, lex: Lexicon) -> list[str]:
    """Exceptions a limit announces: a cross-reference anywhere in its sentence ("except as provided in
    Section 9", "subject to clauses (b) and (c) below"), or an inline exception naming a carve-out category
    ("unless ... actual fraud")."""
    out = [h.text for h in ctx.cues if h.category == "CROSS_REF" and (
        governs(h, ctx.at0, ctx.at1, ctx.cues) or not _MODAL.search(ctx.text[:h.c0]))]  # or an introductory phrase
    for h in ctx.cues:
        if h.category != "EXCEPTION":
            continue
        after = ctx.text[h.c1:]
        if _KEPT_LIABILITY.match(after):  # "except for personal liability for ..."
            out.append(f"{h.text} {_KEPT_LIABILITY.match(after).group(0).strip()}")
        elif h.c0 >= ctx.a0:
            cats = [c for c in _categories(after, lex) if c in lex.raw["strong_carve_out_categories"]]
            if cats:
                out.append(f"{h.text} ... {cats[0]}")
    return out


_KEPT_LIABILITY = re.compile(r"\W*(?:\w+\s+){0,2}(?:liabilit\w*|liable|recourse)\b", re.I)


def _limit(ctx: Context, kind: str, rule: str, lex: Lexicon, polarity: str = "asserted", **kw) -> Finding:
    """A frame that limits the borrower's recourse, with the exceptions its sentence announces."""
    scope, scope_cue = scope_of(ctx)
    kw.setdefault("score", 0.85)
    return _new(ctx, kind, rule, polarity, limits_borrower=True, scope=scope, scope_cue=scope_cue,
                exceptions=_exceptions(ctx, lex), **kw)


# ---------------------------------------------------------------- personal liability

def judge_liability(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    scope, scope_cue = scope_of(ctx)
    neg = negation(ctx)
    keep = preserved(ctx)
    text = ctx.text
    capped = _CAP_TARGET.match(ctx.post)
    if capped and _cap(ctx.post[:200]):  # "(not) personally liable for more than 25% / only up to $X"
        return _limit(ctx, Kind.recourse_cap, rule, lex, cue=capped.group(0).strip(), cap=_cap(ctx.post[:200]))
    if neg and not keep:
        if lex.find("definition_cues", ctx.pre) or _WAIVER.search(text):
            return _set_aside(ctx, Kind.no_personal_liability, rule, Aside.waiver, polarity="negated", cue=neg)
        if _SIGNATORY.search(text):
            return _set_aside(ctx, Kind.no_personal_liability, rule, Aside.signatory, polarity="negated", cue=neg,
                              protected_parties=["signatory"])
        who = _subject(ctx) + " " + _target(ctx, 160)
        named, obligor, _officers_only, _lender_side = parties(who, lex)
        limits = obligor or (not named and bool(find_obligor(text, lex)))
        if not limits:
            aside = Aside.protects_others if named else Aside.no_obligor
            return _set_aside(ctx, Kind.no_personal_liability, rule, aside, ", ".join(named[:6]) or None,
                              polarity="negated", cue=neg, protected_parties=named, scope=scope, scope_cue=scope_cue)
        f = _limit(ctx, Kind.no_personal_liability, rule, lex, "negated", cue=neg, protected_parties=named,
                   score=0.9)
        if scope:
            f.categories = _categories(text, lex)
        return f
    return _asserted_liability(ctx, rule, lex, scope, scope_cue, keep)


_CAP_TARGET = re.compile(r"\W*(?:for|in\s+respect\s+of|with\s+respect\s+to)?\s*(?:[\w,]+\s+){0,6}?"
                         r"(?:only\s+)?(?:more\s+than|in\s+excess\s+of|greater\s+than|exceeding|beyond|up\s+to|"
                         r"not\s+to\s+exceed|capped\s+at)\b", re.I)


_WHOLE_DEBT = re.compile(r"\W*for\s+(?:all\s+of\s+|the\s+full\s+amount\s+of\s+)?(?:the|this)\s+(?:[A-Z][\w-]*\s+){0,3}"
                         r"(?:Debt|Loan|Loans|Obligations|Indebtedness|Note)\b")


def _asserted_liability(ctx: Context, rule: str, lex: Lexicon, scope: str | None, scope_cue: str | None,
                        keep: str | None) -> Finding | None:
    text = ctx.text
    who = _subject(ctx)
    _named, obligor, _officers_only, lender_side = parties(who + " " + ctx.post[:60], lex)
    if lender_side and not obligor:
        return None
    cats = _categories(text, lex)
    lossy = lex.find("loss_words", text)
    whole = lex.find("whole_debt_terms", ctx.post[:120]) or _WHOLE_DEBT.match(ctx.post)
    portion = re.search(r"\b(portion|to the extent|equal to|losses?|damages?|costs?)\b", ctx.post[:120], re.I)
    if whole and not (portion and portion.start() < whole.start()):
        if _TRIGGER.search(text):  # "if ... / unless ..., in which event Borrower becomes personally liable"
            return _new(ctx, Kind.springing_recourse, rule, cue=whole.group(0), scope=scope, scope_cue=scope_cue,
                        triggers=_triggers(text, lex), score=0.85)
        loss_after = lex.find("loss_words", ctx.post)
        if not loss_after or loss_after.start() > whole.start():  # "for the full amount of the Loan, including costs"
            return _new(ctx, Kind.personal_liability, rule, cue=whole.group(0), score=0.8)
    strong = [c for c in cats if c in lex.raw["strong_carve_out_categories"]]
    if scope == "override" or lossy or (keep and strong) or (scope and strong):
        return _new(ctx, Kind.carve_out, rule, cue=keep or scope_cue or (lossy.group(0) if lossy else None),
                    scope=scope, scope_cue=scope_cue, categories=cats, score=0.8)
    return _new(ctx, Kind.personal_liability, rule, cue=None, scope=scope, scope_cue=scope_cue, score=0.7)


def judge_joint_several(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return _new(ctx, Kind.personal_liability, rule, cue="jointly and severally", score=0.6)


def judge_liable_for_payment(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'Borrower shall (not) be liable for the payment of this Note': only about this debt and its obligor."""
    if not (parties(_subject(ctx), lex)[1] and lex.find("this_instrument", ctx.post[:80])):
        return None
    return judge_liability(ctx, rule, lex)


# ---------------------------------------------------------------- exculpation: where recourse is confined

def _collateral_target(target: str, lex: Lexicon) -> tuple[bool, str | None]:
    """Is recourse confined to an asset or revenue source (True) or pointed at a party (False)?
    A capitalised defined term that names no party ("the Pledged Receipts", "its interest in the Units")
    is an asset as much as a listed collateral word is."""
    head = re.sub(r"\b\w+['\u2019]s\b", " ", target[:160])  # "Lender's exercise of its remedies": not a target
    found = [m for m in (lex.find("party_targets", head), find_obligor(head, lex)) if m]
    party = min(found, key=lambda m: m.start()) if found else None  # the first party named
    coll = lex.find("collateral_terms", head)
    if coll and (not party or coll.start() < party.start()):
        return True, coll.group(0)
    asset = re.match(r"\W*(?:(?:to|from|out|of|against|in|upon|with|through|by|and|the|extent|value|foreclosure|"
                     r"foreclosing|sale|realization|enforcement|liens?|on|solely|only|exclusively|any)\W+){0,10}"
                     r"(?:the|its|such|said|his|her|their)\s+(?:(?:right,\s+title\s+and\s+)?interests?\s+in\s+"
                      r"(?:the\s+)?)?((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)", head)
    if asset and not lex.find("party_targets", asset.group(1)) and not find_obligor(asset.group(1), lex) \
            and (not party or asset.start() < party.start()):
        return True, asset.group(1)
    return False, party.group(0) if party else None


def _confined(ctx: Context, rule: str, lex: Lexicon, target: str) -> Finding | None:
    confined, what = _collateral_target(target, lex)
    if not confined:
        return None
    holder = ctx.pre[-120:]
    _, holder_is_obligor, _, _ = parties(holder, lex)
    if re.search(r"\bparticipants?\b|\bassignees?\b|\binsur", holder, re.I):
        return None
    if holder_is_obligor and not lex.find("creditor_terms", holder) and not re.search(
            r"\b(liabilit\w*|obligations?|recourse|recovery)\b", holder, re.I):
        return None
    named = [p for p in parties(ctx.text, lex)[0] if p in lex.raw["obligor_terms"]][:3]
    return _limit(ctx, Kind.exculpation, rule, lex, cue=f"{ctx.anchor.lower()} … {what}", protected_parties=named)


def judge_confined(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'look solely to', 'enforce only through', 'sole source of', 'recourse only to' + an asset."""
    if negation(ctx):
        return None
    return _confined(ctx, rule, lex, _target(ctx))


def judge_extent_of(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'liable ... but only to the extent of the Mortgaged Property': a limit only when liability or payment
    is what the clause is about."""
    if negation(ctx) or not _LIABILITY_WORDS.search(ctx.pre[-160:]):
        return None
    return _confined(ctx, rule, lex, _target(ctx))


_LIABILITY_WORDS = re.compile(r"\b(liab\w*|recourse|payable|repa\w*|recover\w*|enforce\w*|satisf\w*)\b", re.I)
_REDEEMER = re.compile(r"\b(pledgors?|pawners?|pawnors?|customers?|you|owners?|debtors?|borrowers?|makers?|"
                       r"obligors?|undersigned|consumers?)\b", re.I)


def judge_source_named_before(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the Collateral is the only source from which the Loan may be collected': the asset is the subject."""
    if negation(ctx):
        return None
    subject = _subject(ctx)
    m = re.search(r"\b(?:the|its|such|said)\s+((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s*$", subject.rstrip(" ,"))
    if m and not lex.find("party_targets", m.group(1)) and not find_obligor(m.group(1), lex):
        return _limit(ctx, Kind.exculpation, rule, lex, cue=f"{m.group(1)} … {ctx.anchor.lower()}")
    if lex.find("collateral_terms", subject[-60:]):
        return _limit(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower())
    return _confined(ctx, rule, lex, _target(ctx))


def judge_sole_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the sole recourse / only remedy of Lender ... shall be (to / against / limited to) X', or the remedy
    named before it: 'forfeiture of the pledged goods is our only remedy'."""
    target = _target(ctx)
    m = re.search(r"\b(shall|will|is|are|be)\b(\s+\w+){0,3}?\s+(to|against|limited to|in|from)\b", target, re.I)
    found = _confined(ctx, rule, lex, target[m.end():] if m else target)
    if found is None and re.match(r"\W*$", target) and re.search(
            r"\b(forfeit\w*|foreclos\w*|repossess\w*|sale\s+of|keep\w*|retain\w*)\b", ctx.pre, re.I) \
            and not negation(ctx):
        return _limit(ctx, Kind.exculpation, rule, lex, cue=f"… {ctx.anchor.lower()}")
    return found


def judge_recourse_limited(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'recourse / liability ... limited to' an amount (a cap) or an asset (an exculpation). Whose liability
    is limited is read before the anchor: a landlord's or lender's limited liability is not this borrower's."""
    if negation(ctx) or any(h.category == "PSEUDO" and h.t0 < ctx.at1 and ctx.at0 < h.t1 for h in ctx.cues):
        return None  # "including, but not limited to"; "no one's liability is limited to a share"
    target = _target(ctx)
    who = ctx.pre[-160:]
    named, obligor, _, lender_side = parties(who, lex)
    obligor = obligor or bool(find_obligor(who, lex))  # "Pledgor's liability ... is limited to"
    own_liability = re.match(r"liabilit|obligation|claims", ctx.anchor, re.I)  # vs. a creditor's recourse
    if (lender_side or named) and not obligor and (own_liability or not lex.find("creditor_terms", who)):
        return None  # "each Lender's obligation to fund shall be limited to its Commitment"
    if _cap(target[:120]):
        return _limit(ctx, Kind.recourse_cap, rule, lex, cue="recourse limited to", cap=_cap(target[:160]))
    return _confined(ctx, rule, lex, target)


def judge_payable_solely(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    holder = ctx.pre[-120:]
    if lex.find("third_party_debt_cues", holder) and not lex.find("this_instrument", ctx.text):
        return None
    if _public_conduit(ctx, lex):
        return _set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return _confined(ctx, rule, lex, _target(ctx))


def judge_no_other_source(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'no duty to pay from any other funds', 'not payable from any other source': the debt is confined to
    the source named elsewhere in the sentence."""
    if not negation(ctx) or not re.search(r"\b(pay\w*|satisf\w*|recover\w*|collect\w*|liab\w*|obligat\w*|levy|"
                                          r"attach\w*|execut\w*|enforc\w*|pursue|proceed|appl\w*)\b",
                                          ctx.text[max(0, ctx.a0 - 160):ctx.a1 + 40], re.I):
        return None
    subject = _subject(ctx)
    if not (find_obligor(subject, lex) or lex.find("this_instrument", subject + ctx.post[:80])):
        return None  # "such parent shall have no assets other than cash": not this debt
    if _public_conduit(ctx, lex):
        return _set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return _limit(ctx, Kind.exculpation, rule, lex, "negated", cue=ctx.anchor.lower())


_PUBLIC_HOLDER = re.compile(r"\b(Issuer|Authority|Agency|City|County|Town|Village|District|Commission|State|"
                            r"Municipality|Corporation|Board)\b")
_BORROWER_SOURCE = re.compile(r"\b(Borrower|Loan\s+(?:Re)?[Pp]ayments|payments\s+(?:made\s+)?(?:by|under)|"
                              r"Loan\s+Agreement|Revenues?\s+(?:received|derived)\s+(?:from|under))\b")


_PAID_BY = re.compile(r"\b(?:paid|made|payable|received|derived|owed)\s+(?:\w+\s+){0,3}?(?:by|from|under)\s+"
                      r"((?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]+){0,2})")


def _public_conduit(ctx: Context, lex: Lexicon) -> bool:
    """A public issuer's own limited obligation payable from what the borrower pays: the issuer is protected,
    the borrower is the source of payment, not a protected party."""
    owner = re.match(r"\W*of\s+(?:the\s+)?((?:[A-Z][\w-]*\s*){1,3})", ctx.post)  # "obligations of the Agency"
    holder = ctx.pre[-200:] + " " + (owner.group(1) if owner else "")
    if not _PUBLIC_HOLDER.search(holder):
        return False
    if has_doc_obligors() and not doc_obligor(holder):
        return True  # the document's borrower is someone else: this is the public lender's own obligation
    if _BORROWER_SOURCE.search(ctx.text):
        return True
    return any(find_obligor(p.group(1), lex) and not _PUBLIC_HOLDER.search(p.group(1))
               for p in _PAID_BY.finditer(ctx.text))


def judge_limited_obligation(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    lowtext = ctx.text.lower()
    if not (re.search(r"payable\s+solely|solely\s+from|only\s+from|not\s+(?:a|constitute\s+a)\s+general\s+obligation",
                      lowtext) or "not from any other" in lowtext):
        return None
    if _public_conduit(ctx, lex):
        return _set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return _limit(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower())


def judge_money_judgment(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    neg = negation(ctx)
    if not neg:
        return None
    named, obligor, _, _ = parties(ctx.post[:120], lex)
    named = [p for p in named if p not in lex.raw["lender_side_protected"]]
    if not (obligor or not named):
        return _set_aside(ctx, Kind.deficiency_barred, rule, Aside.protects_others, ", ".join(named[:6]),
                          polarity="negated", cue=neg, protected_parties=named)
    return _limit(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg, protected_parties=named)


def judge_no_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if ctx.anchor.lower().startswith("any") and not negation(ctx):
        return None
    if lex.find("transfer_cues", ctx.text) and not find_obligor(ctx.post[:60], lex):
        return None
    named, obligor, officers_only, _ = parties(ctx.post[:200] + " " + _subject(ctx), lex)
    if not (obligor and not officers_only):
        aside = Aside.protects_others if named else Aside.no_obligor
        return _set_aside(ctx, Kind.exculpation, rule, aside, ", ".join(named[:6]) or None, polarity="negated",
                          cue="no recourse", protected_parties=named)
    return _limit(ctx, Kind.exculpation, rule, lex, "negated", cue="no recourse", protected_parties=named)


def judge_only_from_sources(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if not (lex.find("this_instrument", ctx.text) or re.search(r"promises?\s+to\s+pay|payable", ctx.text, re.I)):
        return None
    if _public_conduit(ctx, lex):
        return _set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return _limit(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower(), score=0.75)


_DEFINED_TERM = re.compile(r"^(Non-?\s?Recourse|Nonrecourse|NON-?RECOURSE)\s+[A-Z][a-z]+", re.M)


def judge_nonrecourse_word(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if _is_title(ctx):
        if not ctx.at_top:
            return None  # a section heading is never evidence; the clause under it is
        return _new(ctx, Kind.recourse_title, rule, value="non-recourse", cue=ctx.anchor, limits_borrower=True,
                    score=0.8)
    if _DEFINED_TERM.match(text[ctx.a0:]) or text[max(0, ctx.a0 - 1):ctx.a0] in "\"'\u201c":
        return _set_aside(ctx, Kind.exculpation, rule, Aside.defined_term)
    window = text[max(0, ctx.a0 - 150):ctx.a1 + 150]
    third = lex.find("third_party_debt_cues", window)
    mine = lex.find("this_instrument", window)
    if third and not (mine and mine.group(0).lower() in {"this note", "the note", "this loan", "hereunder", "hereby"}):
        return _set_aside(ctx, Kind.exculpation, rule, Aside.other_debt, third.group(0))
    copula = re.search(r"\b(is|are|be|constitutes?)\s+(an?\s+)?(non-?\s?recourse|nonrecourse)", text, re.I) or \
        _NONRECOURSE_NOUN.search(text)
    if (copula or (mine and find_obligor(text, lex))) and not lex.find("definition_cues", text):
        return _limit(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower(), score=0.75)
    return None


# ---------------------------------------------------------------- deficiency and forfeiture

_DEFICIENCY_CLAIM = re.compile(
    r"deficiency\s+(or\s+\w+\s+)?(judgment|judgement|decree|claim|balance)"
    r"|(liable|responsible|obligated|pay|owe|recover|collect|seek|obtain|sue|pursue)\s+(\w+\s+){0,4}(any|the|such|a)\s+"
    r"deficiency|(judgment|judgement|action|suit|claim)\s+for\s+(any|the|a|such)\s+deficiency"
    r"|deficiency\s+(remaining|after|resulting)", re.I)


def judge_deficiency(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    judgment = _DEFICIENCY_CLAIM.search(text)
    if not judgment or re.search(r"\btax(es)?\b", text[max(0, ctx.a0 - 60):ctx.a0], re.I):
        return None
    neg = negation(ctx)
    if _RESTRICTING.search(text[max(0, ctx.a0 - 40):ctx.a0]):
        # a statute restricting deficiency judgments: "no such statute applies" keeps them available
        return _new(ctx, Kind.deficiency_allowed, rule, cue=neg, score=0.6) if neg else None
    if neg and not preserved(ctx):
        if re.search(r"\b(waives?|waiver|defen[cs]es?)\b", text, re.I) and find_obligor(ctx.pre[:80], lex):
            # "Borrower waives any defense ... deficiency": the borrower gives up a protection
            return _new(ctx, Kind.deficiency_allowed, rule, cue=neg, score=0.6)
        return _limit(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg)
    return _new(ctx, Kind.deficiency_allowed, rule, cue=judgment.group(0), score=0.75)


def judge_anti_deficiency(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if re.search(r"waive|waiver|not apply|inapplicable", ctx.text, re.I):
        return _new(ctx, Kind.deficiency_allowed, rule, cue="waiver of anti-deficiency protection", score=0.7)
    return None


_AFTER_COLLATERAL = re.compile(
    r"\b(sale|sell|sold|dispos\w+|foreclos\w+|repossess\w*|auction\w*|proceeds|forfeit\w*|redeem\w*)\b", re.I)


def judge_balance_owed(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """Plain-English deficiency: 'you will owe us any balance left after we sell the vehicle' (allowed) or
    'you will not owe any remaining balance' (barred)."""
    if not _AFTER_COLLATERAL.search(ctx.text):
        return None
    neg = negation(ctx) or ("nothing" if ctx.anchor.lower().endswith("nothing") else None)
    if neg:
        return _limit(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg)
    return _new(ctx, Kind.deficiency_allowed, rule, cue=ctx.anchor.lower(), score=0.7)


def judge_full_satisfaction(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'will accept the sale proceeds as full payment', 'takes the goods in full satisfaction of the loan': the
    collateral ends the debt, so no deficiency is owed."""
    before = ctx.text[max(0, ctx.a0 - 160):ctx.a0]
    if not (re.search(r"\b(?:as|in)\s*$", before) and re.search(
            r"\b(?:accept|take|receive|keep|retain|hold)\w*\b", before, re.I)):
        return None  # "to secure the full payment of the Obligations" ends nothing
    if negation(ctx) or not _AFTER_COLLATERAL.search(ctx.text) and not lex.find("collateral_terms", ctx.text):
        return None
    if not (find_obligor(ctx.text, lex) or lex.find("this_instrument", ctx.text) or re.search(
            r"\b(loan|debt|balance)\b", ctx.text, re.I)):
        return None
    return _limit(ctx, Kind.deficiency_barred, rule, lex, cue=ctx.anchor.lower())


def judge_balance_forgiven(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'if the Revenues are insufficient ..., the unpaid balance is forgiven': the source ends the debt."""
    if negation(ctx) or not re.search(r"\b(insufficient|not\s+enough|fall\s+short|does\s+not\s+cover|less\s+than|"
                                      r"remaining|maturity)\b", ctx.text, re.I):
        return None
    if not (lex.find("this_instrument", ctx.text) or find_obligor(ctx.text, lex)):
        return None
    return _limit(ctx, Kind.deficiency_barred, rule, lex, cue=ctx.anchor.lower())


def judge_forfeiture(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """Pledge loans: 'the pledgor is not obligated to redeem' / 'forfeiture of the goods is the only remedy'."""
    neg = negation(ctx)
    if not neg or not _REDEEMER.search(_subject(ctx)[-80:]):
        return None  # "the Agent shall have no obligation to repay ...": not the pledgor
    return _limit(ctx, Kind.forfeiture_only, rule, lex, "negated", cue=neg)


# ---------------------------------------------------------------- structured finance, caps, carve-outs

def judge_limited_recourse_words(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _is_title(ctx):
        if not ctx.at_top:
            return None  # a heading ("Limited Recourse Obligations") decides nothing; its clause does
        return _new(ctx, Kind.recourse_title, rule, value="limited-recourse", cue=ctx.anchor, limits_borrower=True,
                    score=0.7)
    return _structured(ctx, rule, lex)


def judge_no_further_claim(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the holders shall have no further claim against the Issuer' once the collateral is applied."""
    if not (lex.find("collateral_terms", ctx.text) or re.search(r"\b(proceeds|fall short|insufficient)\b", ctx.text,
                                                                  re.I)):
        return None
    return _structured(ctx, rule, lex)


def judge_non_petition(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if not re.search(r"bankruptcy|insolvency|petition", ctx.text, re.I):
        return None
    return _structured(ctx, rule, lex)


def judge_claims_extinguished(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if negation(ctx) or preserved(ctx):
        return None  # "this Amendment shall not extinguish the Obligations"
    if not (re.search(r"claims?|obligations?", ctx.text, re.I) and lex.find("collateral_terms", ctx.text)):
        return None
    return _structured(ctx, rule, lex)


def _structured(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    window = text[max(0, ctx.a0 - 200):ctx.a1 + 200]
    third = lex.find("third_party_debt_cues", window)
    mine = lex.find("this_instrument", text) or find_obligor(text, lex)
    if third and not mine:
        return _set_aside(ctx, Kind.limited_recourse, rule, Aside.other_debt, third.group(0))
    if not mine:
        return None
    return _limit(ctx, Kind.limited_recourse, rule, lex, cue=ctx.anchor.lower())


def judge_partial_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return _limit(ctx, Kind.recourse_cap, rule, lex, cue=ctx.anchor.lower(), cap=_cap(ctx.text))


def judge_cap(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'liable ... only up to 15%', 'not personally liable for more than 25%', 'shall not exceed $X'."""
    text = ctx.text
    near = text[max(ctx.clause_start(), ctx.a0 - 160):ctx.a0]
    if not re.search(r"(?<![\w-])(liability|liabilities|liable|recourse|recover\w*|personally)\b", near, re.I):
        return None  # "Non-Recourse Indebtedness not exceeding ...": a debt basket, not a cap on this loan
    cap = _cap(text[ctx.a0:ctx.a1 + 200])
    if not cap:
        return None
    named, obligor, _, lender_side = parties(_subject(ctx), lex)
    obligor = obligor or bool(find_obligor(_subject(ctx), lex))  # "Pledgor's personal liability shall not exceed"
    if (lender_side or (named and not obligor)) and not re.search(r"\b(recover\w*|collect\w*|recourse)\b", near, re.I):
        return None  # another party's limit; "Lender may recover ... no more than 15%" is this borrower's cap
    if not (lex.find("this_instrument", text) or lex.find("whole_debt_terms", text) or re.search(
            r"\bprincipal\b|\b(?:the|this)\s+(?:[A-Z]\w+\s+){0,2}(?:Debt|Loans?|Obligations|Indebtedness|Note)\b(?!\s+Part)",
            text)):
        return None  # a threshold in some other matter ("claims to recover more than $1,000,000")
    if not (re.search(r"personal|recourse|borrower|maker|obligor", near, re.I) or find_obligor(near, lex)) \
            or not re.search(r"\b(personal(ly)?|recourse|recover\w*)\b", text[max(0, ctx.a0 - 100):ctx.a0], re.I):
        return None  # "liabilities in excess of 10%" of some other matter is no cap
    return _limit(ctx, Kind.recourse_cap, rule, lex, cue=ctx.anchor.lower(), cap=cap, score=0.8)


_DEFINITION = re.compile(r'^\W{0,3}(?:\([a-z0-9]+\)\s*)?"[^"]{2,80}"\s+(?:means|shall mean|has the meaning|includes)\b')


def _carve_out_trap(ctx: Context) -> bool:
    """'"Guaranty" means the Guaranty of Recourse Obligations' defines; 'non-recourse obligations' limits."""
    return bool(_DEFINITION.match(ctx.text) or re.search(r"\b(non|limited)\W{0,2}$", ctx.text[:ctx.a0], re.I))


def judge_preserved_liability(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _carve_out_trap(ctx):
        return None
    keep = lex.find("preservation_cues", ctx.text[:ctx.a1])
    cats = _categories(ctx.text, lex)
    if not keep or not set(cats) & set(lex.raw["strong_carve_out_categories"]):
        return None
    return _new(ctx, Kind.carve_out, rule, cue=keep.group(0).lower(), categories=cats, score=0.7)


def judge_beyond_collateral(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _carve_out_trap(ctx) or not re.search(r"\b(liable|liability|recover\w*|personally|responsible)\b",
                                             ctx.text, re.I):
        return None
    return _new(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=_categories(ctx.text, lex), score=0.7)


def judge_carve_out(ctx: Context, rule: str, lex: Lexicon, need_signal: bool = False) -> Finding | None:
    if _carve_out_trap(ctx) or negation(ctx) or _is_title(ctx):
        return None  # a heading ("Recourse Carve-Outs") is never evidence: the clauses under it are
    _named, _obligor, _, lender_side = parties(_subject(ctx), lex)
    if lender_side:
        return None
    scope, scope_cue = scope_of(ctx)
    cats = _categories(ctx.text, lex)
    list_follows = bool(re.search(r"(following|as follows)\W*$|:\s*$", ctx.text))
    if need_signal and not (cats or scope or list_follows):
        return None
    return _new(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), scope=scope, scope_cue=scope_cue,
                categories=cats, score=0.6)


def judge_exception_clause(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'that protection does not apply where the borrower obtained the credit by actual fraud': an exception to
    a limit, stated as a clause of its own, keeps liability for what it names."""
    if not re.search(r"\b(protection|limitation|exculpation|foregoing|preceding|above|this\s+(section|paragraph))\b",
                     ctx.pre, re.I):
        return None
    cats = [c for c in _categories(ctx.post, lex) if c in lex.raw["strong_carve_out_categories"]]
    if not cats:
        return None
    return _new(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=cats, score=0.7)


def judge_liable_for_losses(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return judge_carve_out(ctx, rule, lex, need_signal=True)


_FOR_ITEMS = re.compile(r"^\W*(?:(?:against|of)\s+(?:[\w,'\u2019]+\s+){1,6}?)?(?:obligation\s+)?"
                        r"(?:for|with\s+respect\s+to|as\s+to)\s+(?:\(?[a-z0-9ivx]{1,4}[.)]|[-\u2022*]\s|any\s+(?:of\s+the\s+following|loss|losses|"
                        r"damages?|costs?|claims?)|the\s+following|losses|damages|costs|claims)", re.I)


_FOR_WHAT = re.compile(r"^\W*(?:(?:against|of)\s+(?:[\w,'\u2019]+\s+){1,6}?)?(?:obligation\s+)?(for)\s+", re.I)


def judge_springing(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if _is_title(ctx):
        return _new(ctx, Kind.recourse_title, rule, value="recourse", cue=ctx.anchor, score=0.8) if ctx.at_top \
            else None
    if negation(ctx):
        return None
    window = text[max(0, ctx.a0 - 200):ctx.a1 + 200]
    if lex.find("third_party_debt_cues", window) and not (lex.find("this_instrument", window)
                                                           or find_obligor(ctx.post[:80], lex)):
        return None  # other debt that becomes recourse to someone else
    items = _FOR_WHAT.match(ctx.post)
    if _FOR_ITEMS.match(ctx.post) or _FOR_ITEMS.match(text[ctx.a1:]) or (
            items and not lex.find("whole_debt_terms", ctx.post[items.end():items.end() + 60])
            and not _WHOLE_DEBT.match(ctx.post[items.start(1):])):
        # "full recourse against Borrower for (a) fraud ... (b) waste": carve-outs, not the whole debt
        return _new(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=_categories(text, lex),
                    score=0.75)
    if _TRIGGER.search(text) and find_obligor(text, lex):
        return _new(ctx, Kind.springing_recourse, rule, cue=ctx.anchor.lower(), triggers=_triggers(text, lex),
                    score=0.85)
    if lex.find("this_instrument", text) or find_obligor(text, lex):
        return _new(ctx, Kind.personal_liability, rule, cue=ctx.anchor.lower(), score=0.8)
    return None


def judge_become_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if not re.search(r"\b(debt|loan|note|indebtedness|obligations)\b", ctx.text, re.I):
        return None
    return judge_springing(ctx, rule, lex)


# ---------------------------------------------------------------- transfers, guaranties, law, promises

def judge_without_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    after = ctx.post[:80]
    if re.search(r"paid in full|marked|mark\b", text, re.I):
        return _set_aside(ctx, Kind.without_recourse_transfer, rule, Aside.marking)
    named, _obligor, _, _ = parties(after, lex)
    target = re.match(r"\s*(?:to|against|on)\s+(?:the\s+|any\s+)?([\w-]+(?:\s+[A-Z][\w-]*){0,2})", after)
    if target and find_obligor(target.group(1), lex) and not lex.find("transfer_cues", text):
        return _limit(ctx, Kind.exculpation, rule, lex, "negated", cue="without recourse to the obligor",
                      protected_parties=named, score=0.7)
    return _set_aside(ctx, Kind.without_recourse_transfer, rule, Aside.transfer)


def judge_guaranty(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return _new(ctx, Kind.guaranty, rule, cue=ctx.anchor.lower(), score=0.5)


_LAW = re.compile(
    r"(?i:laws?\s+of\s+(?:the\s+)?(?:(?:state|commonwealth|province|district)\s+of\s+)?)"
    r"([A-Z][a-zA-Z]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z]+){0,2})"
)


def judge_governing_law(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    m = _LAW.search(ctx.text, ctx.a0)
    if not m:
        return None
    place = re.sub(r"\s+(without|and|applicable|including|excluding)\b.*", "", m.group(1)).strip()
    return _new(ctx, Kind.governing_law, rule, value=place, cue="governed by", score=0.5)


def judge_promise(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if negation(ctx):
        return None
    return _new(ctx, Kind.promise_to_pay, rule, cue=ctx.anchor.lower(), score=0.5)


JUDGES: dict[str, Judge] = {name[len("judge_"):]: fn for name, fn in globals().items()
                            if name.startswith("judge_") and callable(fn)}


def other_debt(ctx: Context, lex: Lexicon) -> str | None:
    """A cue that the clause speaks of some other debt (a definition, a debt covenant), not this loan."""
    if _DEFINITION.match(ctx.text) and "recourse" not in ctx.text[:ctx.text.find('"', ctx.text.find('"') + 1)].lower():
        return "a definition"
    clause = ctx.text[ctx.clause_start():ctx.clause_end()]
    m = lex.find("other_debt_cues", clause)
    return m.group(0) if m else None


_GUARANTEES = re.compile(r"\bguarant(?:ees?|ies|y|ors?)\b[^.;]{0,120}?\bguarant(?:ees?|ies)\b|\b(?:hereby\s+)?"
                         r"(?:unconditionally|absolutely|irrevocably)\s+(?:and\s+\w+\s+)?guarant(?:ees?|ies)\b", re.I)


def judge(ctx: Context, judge_name: str, rule: str) -> Finding | None:
    lex = lexicon()
    ctx.judge = judge_name
    f = JUDGES[judge_name](ctx, rule, lex)
    if f is not None and f.kind in KEEPING | {Kind.personal_liability} and _GUARANTEES.search(ctx.text[:ctx.a0]):
        # "Guarantor guarantees ... the obligations for which Borrower is personally liable": a guaranty
        return _new(ctx, Kind.guaranty, rule, cue=_GUARANTEES.search(ctx.text[:ctx.a0]).group(0).lower(), score=0.5)
    if f is not None and f.kind in LIMITING and f.limits_borrower and f.polarity == "asserted":
        m = _DENIAL.search(ctx.text[ctx.clause_start():ctx.a0])
        if m:  # "nothing herein shall render the Loan a non-recourse obligation"
            cue = f"{m.group(1).lower()} ... {m.group(2).lower()}"
            return _new(ctx, Kind.personal_liability, rule, "negated", cue=cue, score=0.7)
    if f is not None and f.kind in LIMITING and f.limits_borrower:
        cue = other_debt(ctx, lex)
        if cue:
            return _set_aside(ctx, f.kind, rule, Aside.other_debt, cue, polarity=f.polarity, cue=f.cue)
    return f
