"""Judges of the constructions that limit recourse: confined to an asset or a source, no other source,
limited obligations, money judgments barred, no deficiency, forfeiture only."""

from __future__ import annotations

import re

from analyzer.nlp.clauses import (
    NONRECOURSE_NOUN,
    RESTRICTING,
    cap_in,
    find_obligor,
    is_title,
    negation,
    new_finding,
    parties,
    preserved,
    subject_of,
    target_of,
)
from analyzer.nlp.defined import definition_of
from analyzer.nlp.frames import Aside, Context, Finding, Kind
from analyzer.nlp.judging import limit_finding, set_aside
from analyzer.nlp.lexicon import Lexicon
from analyzer.nlp.roles import doc_obligor, has_doc_obligors


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
    if re.search(r"\bparticipants?\b|\bassignees?\b|\binsur", ctx.pre[-50:], re.I):
        return None  # a participant looking to its lender, a party looking to its insurer
    if holder_is_obligor and not lex.find("creditor_terms", holder) and not re.search(
            r"\b(liabilit\w*|obligations?|recourse|recovery)\b", holder, re.I):
        return None
    named = [p for p in parties(ctx.text, lex)[0] if p in lex.raw["obligor_terms"]][:3]
    term = re.search(r"((?:[A-Z][\w-]*\s+){0,3}" + re.escape(what) + r")\b", target[:200]) if what else None
    if term and _pool_beyond_collateral(term.group(1), lex):  # "satisfied only out of the Recourse Assets"
        return limit_finding(ctx, Kind.recourse_cap, rule, lex, cue=f"{ctx.anchor.lower()} … {term.group(1)}, named "
                             "assets beyond the collateral", cap={"amount": None, "percent": None})
    return limit_finding(ctx, Kind.exculpation, rule, lex, cue=f"{ctx.anchor.lower()} … {what}",
                         protected_parties=named)


_LISTED = re.compile(r"\(b\)|\(ii\)|\b(?:not|whether\s+or\s+not)\s+(?:\w+\s+){0,3}(?:subject\s+to|encumbered|part\s+of|"
                     r"Collateral)\b", re.I)


def _pool_beyond_collateral(term: str, lex: Lexicon) -> bool:
    """A defined asset term whose definition takes in the collateral and more ('"Recourse Assets" means (a) the
    Collateral; (b) the Reserve Account ...'): recourse limited to named assets beyond the collateral."""
    body = definition_of(term)
    return bool(body and lex.find("collateral_terms", body) and _LISTED.search(body))


def judge_confined(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'look solely to', 'enforce only through', 'sole source of', 'recourse only to' + an asset; or the asset
    inside the phrase: 'look to the Aircraft alone'."""
    if negation(ctx):
        return None
    at = re.search(r"\s(?:to|against|upon|from|in)\s", ctx.anchor) if re.search(
        r"\b(?:alone|exclusively|only|solely)$", ctx.anchor, re.I) else None
    inside = ctx.anchor[at.end():] if at else ""
    target = _source_named_after(ctx)
    return _confined(ctx, rule, lex, inside + " " + target if inside else target)


def _source_named_after(ctx: Context) -> str:
    """What follows a 'sole source' anchor, from the source itself: 'the sole source of [repayment of this Note
    shall be] the Receivables'."""
    target = target_of(ctx)
    told = _SOURCE_OF_WHAT.match(target) if re.search(r"(?:sources?|means)(?:\s+of)?$", ctx.anchor, re.I) else None
    return target[told.end():] if told else target


_SOURCE_OF_WHAT = re.compile(r"\W*(?:of\s+)?(?:(?:re)?payment|satisfaction|recovery|collection|funds)\s+"
                             r"(?:of|for|under)\s+[^.;]{0,80}?\b(?:shall\s+be|will\s+be|is|are)\s+", re.I)


_LAWFUL_LIMIT = re.compile(r"\b(?:rates?|lawful|laws?|usur\w*|maximum|permitted|legal|allowed)\b", re.I)


def judge_liable_beyond(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'Maker shall not be liable for the Note beyond the Premises', 'no recourse beyond the Collateral': a
    denied liability past the collateral limits recourse to it."""
    neg = negation(ctx)
    target = target_of(ctx)
    if _LAWFUL_LIMIT.search(target[:80]) or re.search(r"\binterest\s+(?:\w+\s+){0,3}$", ctx.pre, re.I):
        return None  # "no interest in excess of the Maximum Lawful Rate": a usury savings clause, not an asset
    confined, what = _collateral_target(target, lex)
    if not neg or not confined:
        return None
    _, obligor, officers_only, _ = parties(ctx.pre[-120:] + " " + ctx.anchor, lex)
    if not obligor or officers_only:
        return None  # "no member of Maker is liable beyond ...": not the obligor's own limit
    return limit_finding(ctx, Kind.exculpation, rule, lex, "negated", cue=f"{neg} ... beyond {what}")


def judge_extent_of(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'liable ... but only to the extent of the Mortgaged Property': a limit only when liability or payment
    is what the clause is about."""
    if negation(ctx) or not _LIABILITY_WORDS.search(ctx.pre[-160:]):
        return None
    return _confined(ctx, rule, lex, target_of(ctx))


_LIABILITY_WORDS = re.compile(r"\b(liab\w*|recourse|payable|repa\w*|recover\w*|enforce\w*|satisf\w*)\b", re.I)
_REDEEMER = re.compile(r"\b(pledgors?|pawners?|pawnors?|customers?|you|owners?|debtors?|borrowers?|makers?|"
                       r"obligors?|undersigned|consumers?)\b", re.I)


def judge_source_named_before(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the Collateral is the only source from which the Loan may be collected': the asset is the subject."""
    if negation(ctx):
        return None
    subject = subject_of(ctx)
    m = re.search(r"\b(?:the|its|such|said)\s+((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s*$", subject.rstrip(" ,"))
    if m and not lex.find("party_targets", m.group(1)) and not find_obligor(m.group(1), lex):
        return limit_finding(ctx, Kind.exculpation, rule, lex, cue=f"{m.group(1)} … {ctx.anchor.lower()}")
    if lex.find("collateral_terms", subject[-60:]):
        return limit_finding(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower())
    return _confined(ctx, rule, lex, _source_named_after(ctx))


def judge_sole_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the sole recourse / only remedy of Lender ... shall be (to / against / limited to) X', or the remedy
    named before it: 'forfeiture of the pledged goods is our only remedy'."""
    target = target_of(ctx)
    m = re.search(r"\b(shall|will|is|are|be)\b(\s+\w+){0,3}?\s+(to|against|limited to|in|from)\b", target, re.I)
    found = _confined(ctx, rule, lex, target[m.end():] if m else target)
    if found is None and re.match(r"\W*$", target) and re.search(
            r"\b(forfeit\w*|foreclos\w*|repossess\w*|sale\s+of|keep\w*|retain\w*)\b", ctx.pre, re.I) \
            and not negation(ctx):
        return limit_finding(ctx, Kind.exculpation, rule, lex, cue=f"… {ctx.anchor.lower()}")
    return found


_NEGATED_HEAD = re.compile(  # a negation that reaches the limiting word with only auxiliaries between
    r"\b(?:not|never|cannot|n't|in\s+no\s+(?:way|event|respect|manner|case)|by\s+no\s+means|nowise)\s+"
    r"(?:(?:be|been|being|to|in|any|way|manner|respect|event|so|deemed|construed|intended|merely|only|solely|"
    r"exclusively|hereby|thereby|otherwise|further|necessarily)\s+){0,5}$", re.I)

_LISTING = re.compile(r"\b(?:including|includes?|included|but|and|or|without\s+being)\W*$", re.I)


def judge_recourse_limited(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'recourse / liability ... limited to' an amount (a cap) or an asset (an exculpation). Whose liability
    is limited is read before the anchor: a landlord's or lender's limited liability is not this borrower's."""
    # whose liability: before the anchor, and inside it up to the limiting word ("LIABILITY. The guarantor's
    # liability is limited to" may be one match when a heading runs into its sentence)
    inside = re.split(r"\b(?:limited|restricted|confined)\b", ctx.anchor, flags=re.I)[0]
    denied = _NEGATED_HEAD.search(inside)
    if denied and _LISTING.search(inside[:denied.start()]):
        denied = None  # "liability for costs, including but not limited to": a list, not a denial
    if not denied and (negation(ctx) or any(h.category == "PSEUDO" and h.t0 < ctx.at1 and ctx.at0 < h.t1
                                            for h in ctx.cues)):
        return None  # "including, but not limited to"; "no one's liability is limited to a share"
    target = target_of(ctx)
    who = ctx.pre[-160:] + " " + inside
    named, obligor, _, lender_side = parties(who, lex)
    obligor = obligor or bool(find_obligor(who, lex))  # "Pledgor's liability ... is limited to"
    own_liability = re.match(r"liabilit|obligation|claims", ctx.anchor, re.I)  # vs. a creditor's recourse
    if denied:  # "liability ... is not confined to the Property": no limit, but recourse said
        if obligor or (lex.find("creditor_terms", who) and not own_liability):
            return new_finding(ctx, Kind.personal_liability, rule, cue="liability not limited to the collateral",
                               score=0.75)
        return None
    if (lender_side or named) and not obligor and (own_liability or not lex.find("creditor_terms", who)):
        return None  # "each Lender's obligation to fund shall be limited to its Commitment"
    if cap_in(target[:120]):
        return limit_finding(ctx, Kind.recourse_cap, rule, lex, cue="recourse limited to", cap=cap_in(target[:160]))
    return _confined(ctx, rule, lex, target)


def judge_payable_solely(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    holder = ctx.pre[-120:]
    if lex.find("third_party_debt_cues", holder) and not lex.find("this_instrument", ctx.text):
        return None
    if _public_conduit(ctx, lex):
        return set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return _confined(ctx, rule, lex, target_of(ctx))


_ABOUT_PAYMENT = re.compile(r"\b((?:re)?pay\w*|satisf\w*|reduc\w*|discharg\w*|recover\w*|collect\w*|liab\w*|"
                            r"obligat\w*|levy|attach\w*|execut\w*|enforc\w*|pursue|proceed|appl\w*)\b", re.I)


def judge_no_other_source(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'no duty to pay from any other funds', 'not payable from any other source': the debt is confined to
    the source named elsewhere in the sentence."""
    if not negation(ctx) or not _ABOUT_PAYMENT.search(ctx.text[max(0, ctx.a0 - 160):ctx.a1 + 40]):
        return None
    subject = subject_of(ctx)
    # the obligor's own duty ("Borrower has no obligation to pay from other funds"), this debt's source, or the
    # creditor barred from the obligor's other assets ("Lender may not look to any other assets of Borrower")
    creditor = lex.find("creditor_terms", subject)
    if creditor and _NO_DUTY.search(ctx.pre[-80:]):
        return None  # "Lender need not proceed against other assets first": a waiver that helps the creditor
    creditor_barred = creditor and _obligors_assets(ctx, lex)
    if not (find_obligor(subject + " " + ctx.anchor, lex) or lex.find("this_instrument", subject + ctx.post[:80])
            or creditor_barred):
        return None  # "such parent shall have no assets other than cash": not this debt
    if _public_conduit(ctx, lex):
        return set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return limit_finding(ctx, Kind.exculpation, rule, lex, "negated", cue=ctx.anchor.lower())


_NO_DUTY = re.compile(r"\b(?:need\s+not|not\s+(?:be\s+)?(?:required|obligated|obliged|bound|compelled)\s+to|"
                      r"not\s+(?:need|have)\s+to|no\s+(?:duty|obligation|requirement)\s+to)\b", re.I)
_OF_OWNER = re.compile(r"\s*(?:or\s+\w+\s+)?(?:of|owned\s+by|belonging\s+to)\s+(?:the\s+)?([\w-]+(?:\s+[A-Z][\w-]*)?)")
_OWNER_BEFORE = re.compile(r"([\w-]+)['\u2019]s?\s+(?:\w+\s+)?$")


def _obligors_assets(ctx: Context, lex: Lexicon) -> bool:
    """'other assets of Borrower', 'Borrower's other assets': the assets named are the obligor's."""
    after, before = _OF_OWNER.match(ctx.post[:60]), _OWNER_BEFORE.search(ctx.pre[-40:])
    return any(m is not None and find_obligor(m.group(1), lex) for m in (after, before))


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
        return set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return limit_finding(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower())


def judge_money_judgment(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    neg = negation(ctx)
    if not neg:
        return None
    named, obligor, _, _ = parties(ctx.post[:120], lex)
    named = [p for p in named if p not in lex.raw["lender_side_protected"]]
    if not (obligor or not named):
        return set_aside(ctx, Kind.deficiency_barred, rule, Aside.protects_others, ", ".join(named[:6]),
                          polarity="negated", cue=neg, protected_parties=named)
    return limit_finding(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg, protected_parties=named)


_AGAINST_WHOM_ENDS = re.compile(r"\b(?:for|which|that|who|whose|under|in\s+respect\s+of|with\s+respect\s+to)\b",
                                re.I)


def judge_no_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if ctx.anchor.lower().startswith("any") and not negation(ctx):
        return None
    if lex.find("transfer_cues", ctx.text) and not find_obligor(ctx.post[:60], lex):
        return None
    post = ctx.post[:200]
    # the party the recourse is denied against ends where a relative clause or a 'for ...' begins: in "against
    # any officer of the Authority for the Bonds, which are payable from payments made by Borrower" the
    # Borrower is the source of payment, not a protected party
    cut = _AGAINST_WHOM_ENDS.search(post)
    named, obligor, officers_only, _ = parties((post[:cut.start()] if cut else post) + " " + subject_of(ctx), lex)
    if not (obligor and not officers_only):
        aside = Aside.protects_others if named else Aside.no_obligor
        return set_aside(ctx, Kind.exculpation, rule, aside, ", ".join(named[:6]) or None, polarity="negated",
                          cue="no recourse", protected_parties=named)
    return limit_finding(ctx, Kind.exculpation, rule, lex, "negated", cue="no recourse", protected_parties=named)


def judge_only_from_sources(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if not (lex.find("this_instrument", ctx.text) or re.search(r"promises?\s+to\s+pay|payable", ctx.text, re.I)):
        return None
    if _public_conduit(ctx, lex):
        return set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return limit_finding(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower(), score=0.75)


_DEFINED_TERM = re.compile(r"^(Non-?\s?Recourse|Nonrecourse|NON-?RECOURSE)\s+[A-Z][a-z]+", re.M)


_PRIOR_INSTRUMENT = re.compile(r"\b(amends?|restates?|replaces?|supersedes?|refinances?|renews?|modifies)\b"
                               r"(?:\s+and\s+\w+)?\s+(?:in\s+(?:its\s+)?(?:entirety|full)\s+)?(?:an?|the|that|certain)"
                               r"\b[^.;]{0,60}$", re.I)
_SOURCE_WORDS = re.compile(r"\b(funds?|revenues?|receipts|taxes|increments?|assessments|proceeds|collections|"
                           r"income|tolls|fees|rents|account|trust\s+estate|collateral)\b", re.I)


def judge_from_source_only(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'payable from, and secured by, the Increment Fund only;': a source named between 'from' and a closing
    'only' (the phrase ends the clause, so 'payable from the date hereof only upon demand' is not one)."""
    if negation(ctx) or ctx.text[ctx.a1:ctx.a1 + 1] not in (";", ",", ".", ""):
        return None
    inside = ctx.anchor[ctx.anchor.lower().find("from"):]
    if not _SOURCE_WORDS.search(inside):
        return None
    if _public_conduit(ctx, lex):
        return set_aside(ctx, Kind.exculpation, rule, Aside.protects_others, "a public lender's own obligation")
    return limit_finding(ctx, Kind.exculpation, rule, lex, cue="payable from ... only", score=0.75)


def judge_nonrecourse_word(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if is_title(ctx):
        if not ctx.at_top:
            return None  # a section heading is never evidence; the clause under it is
        return new_finding(ctx, Kind.recourse_title, rule, value="non-recourse", cue=ctx.anchor, limits_borrower=True,
                    score=0.8)
    if _DEFINED_TERM.match(text[ctx.a0:]) or text[max(0, ctx.a0 - 1):ctx.a0] in "\"'\u201c":
        return set_aside(ctx, Kind.exculpation, rule, Aside.defined_term)
    prior = _PRIOR_INSTRUMENT.search(text[ctx.clause_start():ctx.a0])
    if prior:  # "this Note amends and restates a non-recourse note": the old instrument, not this one
        return set_aside(ctx, Kind.exculpation, rule, Aside.other_debt, f"the instrument it {prior.group(1).lower()}")
    window = text[max(0, ctx.a0 - 150):ctx.before_exception(ctx.a1 + 150)]
    third = lex.find("third_party_debt_cues", window)
    mine = lex.find("this_instrument", window)
    if third and not (mine and mine.group(0).lower() in {"this note", "the note", "this loan", "hereunder", "hereby"}):
        return set_aside(ctx, Kind.exculpation, rule, Aside.other_debt, third.group(0))
    copula = re.search(r"\b(is|are|be|constitutes?)\s+(an?\s+)?(non-?\s?recourse|nonrecourse)", text, re.I) or \
        NONRECOURSE_NOUN.search(text)
    if (copula or (mine and find_obligor(text, lex))) and not lex.find("definition_cues", text):
        return limit_finding(ctx, Kind.exculpation, rule, lex, cue=ctx.anchor.lower(), score=0.75)
    return None


# ---------------------------------------------------------------- deficiency and forfeiture

_DEFICIENCY_CLAIM = re.compile(
    r"deficiency\s+(or\s+\w+\s+)?(judgment|judgement|decree|claim|balance)"
    r"|(liable|responsible|obligated|pay|owe|recover|collect|seek|obtain|sue|pursue)\s+(\w+\s+){0,4}(any|the|such|a)\s+"
    r"deficiency|(judgment|judgement|action|suit|claim)\s+for\s+(any|the|a|such)\s+deficiency"
    r"|deficiency\s+(remaining|after|resulting)"
    r"|deficiency\s+(?:judgment\s+)?(?:shall|will|may|can|could|would|is|be)\s+(?:not\s+|never\s+)?(?:be\s+)?"
    r"(?:sought|recovered|collected|claimed|pursued|assessed|obtained|entered|owed|owing)\b",
    re.I)


def judge_deficiency(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    judgment = _DEFICIENCY_CLAIM.search(text)
    if not judgment or re.search(r"\btax(es)?\b", text[max(0, ctx.a0 - 60):ctx.a0], re.I):
        return None
    neg = negation(ctx)
    if RESTRICTING.search(text[max(0, ctx.a0 - 40):ctx.a0]):
        # a statute restricting deficiency judgments: "no such statute applies" keeps them available
        return new_finding(ctx, Kind.deficiency_allowed, rule, cue=neg, score=0.6) if neg else None
    if neg and not preserved(ctx):
        if re.search(r"\b(waives?|waiver|defen[cs]es?)\b", text, re.I) and find_obligor(ctx.pre[:80], lex):
            # "Borrower waives any defense ... deficiency": the borrower gives up a protection
            return new_finding(ctx, Kind.deficiency_allowed, rule, cue=neg, score=0.6)
        return limit_finding(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg)
    return new_finding(ctx, Kind.deficiency_allowed, rule, cue=judgment.group(0), score=0.75)


def judge_anti_deficiency(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if re.search(r"waive|waiver|not apply|inapplicable", ctx.text, re.I):
        return new_finding(ctx, Kind.deficiency_allowed, rule, cue="waiver of anti-deficiency protection", score=0.7)
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
        return limit_finding(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=neg)
    if not (_LINKED_AFTER.search(ctx.text[ctx.a1:ctx.a1 + 160]) or _LINKED_BEFORE.search(ctx.text[:ctx.a0][-200:])):
        return None  # "thirty days to pay the balance, sell the Property, or deliver a deed": no shortfall after a sale
    return new_finding(ctx, Kind.deficiency_allowed, rule, cue=ctx.anchor.lower(), score=0.7)


_SALE = r"(?:sale|sell|sold|dispos\w+|foreclos\w+|repossess\w*|auction\w*|proceeds|forfeit\w*|redeem\w*)\b"
# the balance is what a sale leaves: "balance left after we sell", "if the proceeds of sale are less than ..."
_LINKED_AFTER = re.compile(r"^[^.;]{0,80}?\b(?:after|following|upon|once|remaining|left|between|"
                           r"not\s+(?:covered|paid)\s+by|exceeds?|over|beyond|net\s+of)\b[^.;]{0,60}?\b" + _SALE, re.I)
_LINKED_BEFORE = re.compile(r"\b(?:after|following|upon|once|when|if|where|should)\b[^.;]{0,120}?\b" + _SALE
                            + r"[^.;]*$", re.I)


_OWE = r"(?:owe|pay|be\s+(?:personally\s+)?(?:liable|responsible)\s+for)\b[^.;]{0,200}$"
_OWE_NOT = re.compile(r"\b(not|never|no\s+longer)\s+(?:\w+\s+){0,2}?" + _OWE, re.I)
_OWE_ANY = re.compile(r"\b" + _OWE, re.I)


def judge_uncovered_balance(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'you will not owe any amount that the sale of your home does not cover' (barred) or 'you will pay any
    amount the sale does not cover' (allowed): the shortfall after a sale, said without the word deficiency.
    The negation that counts is the one on owing, not the 'not' of 'does not cover'."""
    before = ctx.text[max(0, ctx.a0 - 260):ctx.a0]
    neg = _OWE_NOT.search(before)
    owe = neg or _OWE_ANY.search(before)
    if not owe or not _AFTER_COLLATERAL.search(before[owe.start():]):
        return None
    if neg:
        cue = f"{neg.group(1).lower()} owe ... not cover"
        return limit_finding(ctx, Kind.deficiency_barred, rule, lex, "negated", cue=cue)
    return new_finding(ctx, Kind.deficiency_allowed, rule, cue=ctx.anchor.lower(), score=0.7)


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
    return limit_finding(ctx, Kind.deficiency_barred, rule, lex, cue=ctx.anchor.lower())


def judge_balance_forgiven(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'if the Revenues are insufficient ..., the unpaid balance is forgiven': the source ends the debt."""
    if negation(ctx) or not re.search(r"\b(insufficient|not\s+enough|fall\s+short|does\s+not\s+cover|less\s+than|"
                                      r"remaining|maturity)\b", ctx.text, re.I):
        return None
    if not (lex.find("this_instrument", ctx.text) or find_obligor(ctx.text, lex)):
        return None
    return limit_finding(ctx, Kind.deficiency_barred, rule, lex, cue=ctx.anchor.lower())


def judge_forfeiture(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """Pledge loans: 'the pledgor is not obligated to redeem' / 'forfeiture of the goods is the only remedy'."""
    neg = negation(ctx)
    if not neg or not _REDEEMER.search(subject_of(ctx)[-80:]):
        return None  # "the Agent shall have no obligation to repay ...": not the pledgor
    return limit_finding(ctx, Kind.forfeiture_only, rule, lex, "negated", cue=neg)
