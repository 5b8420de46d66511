"""Judges of structured-finance limits, caps, and the constructions that keep recourse (carve-outs,
springing full recourse), and of transfers, guaranties, governing law and promises to pay."""

from __future__ import annotations

import re

from analyzer.nlp.clauses import (
    TRIGGER,
    cap_in,
    categories_in,
    find_obligor,
    is_title,
    negation,
    new_finding,
    parties,
    preserved,
    scope_of,
    subject_of,
    triggers_in,
)
from analyzer.nlp.frames import Aside, Context, Finding, Kind
from analyzer.nlp.judging import DEFINITION, WHOLE_DEBT, limit_finding, set_aside
from analyzer.nlp.lexicon import Lexicon


def judge_limited_recourse_words(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if is_title(ctx):
        if not ctx.at_top:
            return None  # a heading ("Limited Recourse Obligations") decides nothing; its clause does
        return new_finding(ctx, Kind.recourse_title, rule, value="limited-recourse", cue=ctx.anchor,
                           limits_borrower=True, score=0.7)
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
        return set_aside(ctx, Kind.limited_recourse, rule, Aside.other_debt, third.group(0))
    if not mine:
        return None
    return limit_finding(ctx, Kind.limited_recourse, rule, lex, cue=ctx.anchor.lower())


def judge_partial_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return limit_finding(ctx, Kind.recourse_cap, rule, lex, cue=ctx.anchor.lower(), cap=cap_in(ctx.text))


# the obligor's liability for this debt named before the limit: "Borrower's liability for the Loan shall not exceed"
_OWN_DEBT = re.compile(r"\b(?:liability|liable|answerable|accountable|obligations?)\s+(?:of\s+(?:the\s+)?[\w-]+\s+)?"
                       r"(?:(?:for|under|on|in\s+respect\s+of)\s+(?:the|this)\s+"
                       r"(?:[A-Z]\w+\s+){0,2}(?:Loan|Note|Debt|Indebtedness|Obligations)\b|hereunder\b)")

# "answerable out of its assets other than the Collateral only up to ...": liability past the security
_BEYOND = re.compile(r"\b(?i:other\s+than|beyond|in\s+addition\s+to|apart\s+from|outside(?:\s+of)?)\s+"
                     r"(?:the\s+|its\s+)?((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)")


def _beyond_collateral(text: str, lex: Lexicon) -> bool:
    """'other than the Collateral', 'apart from the Hotel', 'beyond the Vessel': an asset named with a capital,
    not a party ('other than the Borrower')."""
    for m in _BEYOND.finditer(text):
        term = m.group(1)
        if not (find_obligor(term, lex) or lex.find("creditor_terms", term) or lex.find("party_targets", term)
                or lex.find("officer_terms", term)):
            return True
    return False

_LIABILITY_WORD = re.compile(r"(?<![\w-])(liability|liabilities|liable|recourse|recover\w*|personally|answerable|"
                             r"accountable)\b", re.I)


def judge_cap(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'liable ... only up to 15%', 'not personally liable for more than 25%', 'shall not exceed $X'."""
    text = ctx.text
    near = text[max(ctx.clause_start(), ctx.a0 - 160):ctx.a0]
    if not (_LIABILITY_WORD.search(near) or _OWN_DEBT.search(near)):
        return None  # "Non-Recourse Indebtedness not exceeding ...": a debt basket, not a cap on this loan
    cap = cap_in(text[ctx.a0:ctx.a1 + 200])
    if not cap:
        return None
    named, obligor, _, lender_side = parties(subject_of(ctx), lex)
    obligor = obligor or bool(find_obligor(subject_of(ctx), lex))  # "Pledgor's personal liability shall not exceed"
    if (lender_side or (named and not obligor)) and not re.search(r"\b(recover\w*|collect\w*|recourse)\b", near, re.I):
        return None  # another party's limit; "Lender may recover ... no more than 15%" is this borrower's cap
    if not (lex.find("this_instrument", text) or lex.find("whole_debt_terms", text)
            or _beyond_collateral(text[:ctx.a0], lex) or re.search(
            r"\bprincipal\b|\b(?:the|this)\s+(?:[A-Z]\w+\s+){0,2}(?:Debt|Loans?|Obligations|Indebtedness|Note)\b(?!\s+Part)",
            text)):
        return None  # a threshold in some other matter ("claims to recover more than $1,000,000")
    before = text[max(0, ctx.a0 - 100):ctx.a0]
    if not (re.search(r"personal|recourse|borrower|maker|obligor", near, re.I) or find_obligor(near, lex)) \
            or not (re.search(r"\b(personal(ly)?|recourse|recover\w*)\b", before, re.I) or _OWN_DEBT.search(before)
                    or _beyond_collateral(before, lex)):
        return None  # "liabilities in excess of 10%" of some other matter is no cap
    return limit_finding(ctx, Kind.recourse_cap, rule, lex, cue=ctx.anchor.lower(), cap=cap, score=0.8)


def _carve_out_trap(ctx: Context) -> bool:
    """'"Guaranty" means the Guaranty of Recourse Obligations' defines; 'non-recourse obligations' limits."""
    return bool(DEFINITION.match(ctx.text) or re.search(r"\b(non|limited)\W{0,2}$", ctx.text[:ctx.a0], re.I))


def judge_preserved_liability(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _carve_out_trap(ctx):
        return None
    keep = lex.find("preservation_cues", ctx.text[:ctx.a1])
    cats = categories_in(ctx.text, lex)
    if not keep or not set(cats) & set(lex.raw["strong_carve_out_categories"]):
        return None
    return new_finding(ctx, Kind.carve_out, rule, cue=keep.group(0).lower(), categories=cats, score=0.7)


_LOSSES = re.compile(r"\b(?:loss|losses|damages?|costs?|liabilit(?:y|ies)|claims?|amounts?)\b", re.I)


_OTHER_PARTY = re.compile(r"\b(?:any|each|every|such)\s+other\s+[\w-]+", re.I)
_WAIVES = re.compile(r"\b(?:waives?|waiver|suretyship)\b", re.I)


def judge_recover_from(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'the Holder may recover from the Maker the losses it suffers as follows:': the lender keeps a claim
    against the obligor itself for named losses (a carve-out told from the creditor's side)."""
    if _carve_out_trap(ctx) or negation(ctx):
        return None
    post = ctx.post  # the anchor ends on "from" or "against": the party recovered from comes first
    if _WAIVES.search(ctx.pre[-400:]):
        return None  # "waives any right to proceed against the guarantor": a suretyship waiver, no carve-out
    # "against any other Borrower": a co-obligor, named in a suretyship waiver, not this obligor's own claim
    _named, obligor, officers_only, _ = parties(_OTHER_PARTY.sub(" ", post[:60]), lex)
    if not obligor or officers_only:
        return None  # recovery from a member or officer of the obligor is not a claim on the obligor
    cats = categories_in(ctx.text, lex)
    list_follows = bool(re.search(r"(following|as follows)\W*$|:\s*$", ctx.text))
    if not (cats or list_follows) or not (_LOSSES.search(post) or list_follows):
        return None
    return new_finding(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=cats, score=0.6)


def judge_beyond_collateral(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if _carve_out_trap(ctx) or not re.search(r"\b(liable|liability|recover\w*|personally|responsible)\b",
                                             ctx.text, re.I):
        return None
    return new_finding(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=categories_in(ctx.text, lex),
                       score=0.7)


def judge_carve_out(ctx: Context, rule: str, lex: Lexicon, need_signal: bool = False) -> Finding | None:
    if _carve_out_trap(ctx) or negation(ctx) or is_title(ctx):
        return None  # a heading ("Recourse Carve-Outs") is never evidence: the clauses under it are
    _named, _obligor, _, lender_side = parties(subject_of(ctx), lex)
    if lender_side:
        return None
    scope, scope_cue = scope_of(ctx)
    cats = categories_in(ctx.text, lex)
    list_follows = bool(re.search(r"(following|as follows)\W*$|:\s*$", ctx.text))
    if need_signal and not (cats or scope or list_follows):
        return None
    return new_finding(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), scope=scope, scope_cue=scope_cue,
                categories=cats, score=0.6)

_LIMIT_NAMED_BEFORE = re.compile(r"\b(protection|limitation|exculpation|foregoing|preceding|above|this\s+(section|"
                                 r"paragraph|waiver|release|restriction|limit)|(?:covenant|agreement)\s+not\s+to\s+sue)\b",
                                 re.I)


def judge_exception_clause(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'that protection does not apply where the borrower obtained the credit by actual fraud': an exception to
    a limit, stated as a clause of its own, keeps liability for what it names."""
    if not _LIMIT_NAMED_BEFORE.search(ctx.pre):
        return None
    cats = [c for c in categories_in(ctx.post, lex) if c in lex.raw["strong_carve_out_categories"]]
    if not cats:
        return None
    return new_finding(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=cats, score=0.7)


def judge_liable_for_losses(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return judge_carve_out(ctx, rule, lex, need_signal=True)


_FOR_ITEMS = re.compile(r"^\W*(?:(?:against|of)\s+(?:[\w,'\u2019]+\s+){1,6}?)?(?:obligation\s+)?"
                        r"(?:for|with\s+respect\s+to|as\s+to)\s+(?:\(?[a-z0-9ivx]{1,4}[.)]|[-\u2022*]\s|any\s+(?:of\s+the\s+following|loss|losses|"
                        r"damages?|costs?|claims?)|the\s+following|losses|damages|costs|claims)", re.I)


_FOR_WHAT = re.compile(r"^\W*(?:(?:against|of)\s+(?:[\w,'\u2019]+\s+){1,6}?)?(?:obligation\s+)?(for)\s+", re.I)


def judge_springing(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    if is_title(ctx):
        return new_finding(ctx, Kind.recourse_title, rule, value="recourse", cue=ctx.anchor, score=0.8) if ctx.at_top \
            else None
    if negation(ctx) or re.match(r"\W*(?:solely|only|exclusively|limited)\b", ctx.post, re.I):
        return None  # "is recourse solely to the Accounts": recourse confined, judged as a limit elsewhere
    window = text[max(0, ctx.a0 - 200):ctx.a1 + 200]
    if lex.find("third_party_debt_cues", window) and not (lex.find("this_instrument", window)
                                                           or find_obligor(text[ctx.a1:ctx.a1 + 120], lex)):
        return None  # other debt that becomes recourse to someone else
    items = _FOR_WHAT.match(ctx.post)
    if _FOR_ITEMS.match(ctx.post) or _FOR_ITEMS.match(text[ctx.a1:]) or (
            items and not lex.find("whole_debt_terms", ctx.post[items.end():items.end() + 60])
            and not WHOLE_DEBT.match(ctx.post[items.start(1):])):
        # "full recourse against Borrower for (a) fraud ... (b) waste": carve-outs, not the whole debt
        return new_finding(ctx, Kind.carve_out, rule, cue=ctx.anchor.lower(), categories=categories_in(text, lex),
                    score=0.75)
    if TRIGGER.search(text) and find_obligor(text, lex):
        return new_finding(ctx, Kind.springing_recourse, rule, cue=ctx.anchor.lower(), triggers=triggers_in(text, lex),
                    score=0.85)
    if lex.find("this_instrument", text) or find_obligor(text, lex):
        return new_finding(ctx, Kind.personal_liability, rule, cue=ctx.anchor.lower(), score=0.8)
    return None


_LIMITATION_NAMED = re.compile(  # the recourse limit itself, not "the limitations on interest"
    r"\b(?:(?:this|the\s+foregoing|such|the\s+above|these|the\s+preceding)\s+(?:limitations?|exculpation|"
    r"protections?)|limitations?\s+(?:of|on)\s+(?:liability|recourse)|exculpation|exculpatory\s+provisions?|"
    r"non-?recourse\s+provisions?)\b[^.;]{0,60}$", re.I)
_SEVERED = re.compile(r"\b(?:invalid|unenforceable|prohibited|illegal|severed|severable)\b", re.I)
_HELD = re.compile(r"\b(?:held|deemed|found|declared|adjudged|determined|rendered)\s+(?:to\s+be\s+)?(?:\w+\s+)?$", re.I)
_WHEN = re.compile(r"\b(?:if|upon|should|in\s+the\s+event|in\s+case|when|on\s+the\s+occurrence)\b", re.I)


def judge_limitation_void(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'this limitation shall be null and void if Borrower transfers the Premises': the limit falls away on a
    trigger, so full recourse springs (the trigger after the anchor, or opening the clause)."""
    before = ctx.text[:ctx.a0]  # the whole sentence before the anchor ("If ..., the foregoing limitation is void")
    if negation(ctx) or not _LIMITATION_NAMED.search(before[-120:]) or _HELD.search(before[-40:]) \
            or _SEVERED.search(ctx.text):
        return None  # "if any provision is held void": severability, no trigger
    if not (re.match(r"[^.;]{0,40}?" + _WHEN.pattern, ctx.post, re.I) or _WHEN.search(before)):
        return None
    return new_finding(ctx, Kind.springing_recourse, rule, cue=ctx.anchor.lower(), triggers=triggers_in(ctx.text, lex),
                       score=0.8)


def judge_become_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    if not re.search(r"\b(debt|loan|note|indebtedness|obligations)\b", ctx.text, re.I):
        return None
    return judge_springing(ctx, rule, lex)


# ---------------------------------------------------------------- transfers, guaranties, law, promises

def judge_without_recourse(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    text = ctx.text
    after = ctx.post[:80]
    if re.search(r"paid in full|marked|mark\b", text, re.I):
        return set_aside(ctx, Kind.without_recourse_transfer, rule, Aside.marking)
    named, _obligor, _, _ = parties(after, lex)
    target = re.match(r"\s*(?:to|against|on)\s+(?:the\s+|any\s+)?([\w-]+(?:\s+[A-Z][\w-]*){0,2})", after)
    if target and find_obligor(target.group(1), lex) and not lex.find("transfer_cues", text):
        return limit_finding(ctx, Kind.exculpation, rule, lex, "negated", cue="without recourse to the obligor",
                      protected_parties=named, score=0.7)
    return set_aside(ctx, Kind.without_recourse_transfer, rule, Aside.transfer)


def judge_guaranty(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return new_finding(ctx, Kind.guaranty, rule, cue=ctx.anchor.lower(), score=0.5)


# "promise" as a noun ("Borrower's promise to pay", "your promise to pay"): on a short line, a heading
_NAMES_A_PROMISE = re.compile(r"(?:['\u2019]s|\b(?:your|my|our|its|their|the|this|each|a))\s+$", re.I)


def judge_promise(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    line = ctx.text[ctx.text.rfind("\n", 0, ctx.a0) + 1:].split("\n")[0]
    heading = (is_title(ctx) or _NAMES_A_PROMISE.search(ctx.text, max(0, ctx.a0 - 20), ctx.a0)) and len(line) < 80
    if negation(ctx) or (heading and not re.search(r"\$|\b(hereby|order|sum)\b", line)):
        return None  # "Section 2. Promise to Pay." or "2. Borrower's promise to pay." is a heading
    return new_finding(ctx, Kind.promise_to_pay, rule, cue=ctx.anchor.lower(), score=0.5)
