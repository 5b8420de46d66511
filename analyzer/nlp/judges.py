"""One judge per construction: from a pattern hit to a frame (a Finding).

Each pattern row (patterns/*.jsonl) names the judge of its construction in its `judge` field, so no code
branches on a pattern id. A judge asks the sentence the questions of nlp/clauses.py (which cues govern
the anchor, who is named, what recourse is confined to) and returns a frame, or None when the phrase
is not the construction at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analyzer.nlp import judge_actions, judge_keepers, judge_law, judge_limits
from analyzer.nlp.clauses import (
    DENIAL,
    SIGNATORY,
    TRIGGER,
    cap_in,
    categories_in,
    find_obligor,
    negation,
    new_finding,
    parties,
    preserved,
    scope_of,
    subject_of,
    target_of,
    triggers_in,
)
from analyzer.nlp.frames import KEEPING, LIMITING, Aside, Context, Finding, Kind
from analyzer.nlp.judging import CAP_TARGET, DEFINITION, WHOLE_DEBT, limit_finding, set_aside
from analyzer.nlp.lexicon import Lexicon, lexicon

Judge = Callable[[Context, str, Lexicon], Finding | None]


# ---------------------------------------------------------------- personal liability

def judge_liability(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    scope, scope_cue = scope_of(ctx)
    neg = negation(ctx)
    keep = preserved(ctx)
    text = ctx.text
    capped = CAP_TARGET.match(ctx.post)
    if capped and cap_in(ctx.post[:200]):  # "(not) personally liable for more than 25% / only up to $X"
        return limit_finding(ctx, Kind.recourse_cap, rule, lex, cue=capped.group(0).strip(), cap=cap_in(ctx.post[:200]))
    if neg and not keep:
        if lex.find("definition_cues", ctx.pre) or _waiver_of_defenses(ctx, lex):
            return set_aside(ctx, Kind.no_personal_liability, rule, Aside.waiver, polarity="negated", cue=neg)
        if SIGNATORY.search(text):
            return set_aside(ctx, Kind.no_personal_liability, rule, Aside.signatory, polarity="negated", cue=neg,
                              protected_parties=["signatory"])
        held = _HELD.search(ctx.pre)  # "waives any right to hold Borrower personally liable": Borrower is the one
        who = (held.group(1) if held else subject_of(ctx)) + " " + target_of(ctx, 160)
        named, obligor, _officers_only, _lender_side = parties(who, lex)
        limits = obligor or (not named and bool(find_obligor(text, lex)))
        if not limits:
            aside = Aside.protects_others if named else Aside.no_obligor
            return set_aside(ctx, Kind.no_personal_liability, rule, aside, ", ".join(named[:6]) or None,
                              polarity="negated", cue=neg, protected_parties=named, scope=scope, scope_cue=scope_cue)
        f = limit_finding(ctx, Kind.no_personal_liability, rule, lex, "negated", cue=neg, protected_parties=named,
                   score=0.9)
        if scope:
            f.categories = categories_in(text, lex)
        return f
    return _asserted_liability(ctx, rule, lex, scope, scope_cue, keep)


_HELD = re.compile(r"\b(?:hold|holding|held|render|deem)\s+((?:the\s+)?[\w'\u2019-]+(?:\s+[A-Z][\w-]*){0,2})\s+$", re.I)
_DEFENSES = re.compile(r"\b(defen[cs]es?|suretyship)\b", re.I)
_WAIVES = re.compile(r"\b(waives?|waiver|waiving)\b", re.I)


def _waiver_of_defenses(ctx: Context, lex: Lexicon) -> bool:
    """'Borrower waives any defense that it has no personal liability': not a limit. A waiver by the creditor
    ('Lender waives any right to hold Borrower personally liable') is one, and a waiver named after the clause
    ('this waiver shall not extend to fraud') says nothing about it."""
    if _DEFENSES.search(ctx.text):
        return True
    last = [w.start() for w in _WAIVES.finditer(ctx.pre)][-1:]
    return bool(last) and not lex.find("creditor_terms", ctx.pre[max(0, last[0] - 60):last[0]])


_NEW_SUBJECT = re.compile(r",\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['\u2019]s\s")


def _asserted_liability(ctx: Context, rule: str, lex: Lexicon, scope: str | None, scope_cue: str | None,
                        keep: str | None) -> Finding | None:
    text = ctx.text
    who = subject_of(ctx)
    _named, obligor, _officers_only, lender_side = parties(who + " " + ctx.post[:60], lex)
    if lender_side and not obligor:
        return None
    cats = categories_in(text, lex)
    lossy = lex.find("loss_words", text)
    own_clause = _NEW_SUBJECT.split(target_of(ctx, 120))[0]  # "liable, the Lender's recourse for ...": another clause
    whole = lex.find("whole_debt_terms", own_clause) or WHOLE_DEBT.match(own_clause)
    portion = re.search(r"\b(portion|to the extent|equal to|losses?|damages?|costs?)\b", ctx.post[:120], re.I)
    if whole and not (portion and portion.start() < whole.start()):
        if TRIGGER.search(text):  # "if ... / unless ..., in which event Borrower becomes personally liable"
            return new_finding(ctx, Kind.springing_recourse, rule, cue=whole.group(0), scope=scope, scope_cue=scope_cue,
                        triggers=triggers_in(text, lex), score=0.85)
        loss_after = lex.find("loss_words", ctx.post)
        if not loss_after or loss_after.start() > whole.start():  # "for the full amount of the Loan, including costs"
            return new_finding(ctx, Kind.personal_liability, rule, cue=whole.group(0), score=0.8)
    strong = [c for c in cats if c in lex.raw["strong_carve_out_categories"]]
    if scope == "override" or lossy or (keep and strong) or (scope and strong):
        return new_finding(ctx, Kind.carve_out, rule, cue=keep or scope_cue or (lossy.group(0) if lossy else None),
                    scope=scope, scope_cue=scope_cue, categories=cats, score=0.8)
    return new_finding(ctx, Kind.personal_liability, rule, cue=None, scope=scope, scope_cue=scope_cue, score=0.7)


def judge_joint_several(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    return new_finding(ctx, Kind.personal_liability, rule, cue="jointly and severally", score=0.6)


def judge_liable_for_payment(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'Borrower shall (not) be liable for the payment of this Note': only about this debt and its obligor."""
    if not (parties(subject_of(ctx), lex)[1] and lex.find("this_instrument", ctx.post[:80])):
        return None
    return judge_liability(ctx, rule, lex)


def other_debt(ctx: Context, lex: Lexicon) -> str | None:
    """A cue that the clause speaks of some other debt (a definition, a debt covenant), not this loan."""
    if DEFINITION.match(ctx.text):
        term_end = ctx.text.find('"', ctx.text.find('"') + 1)
        body = ctx.text[term_end:]
        # '"Base Recourse" means ... 25% of the principal of this Note' defines this loan's own limit; any other
        # definition ('"Non-Recourse Debt" means Indebtedness of a Project Subsidiary ...') is not a limit on it
        own = "recourse" in ctx.text[:term_end].lower() and lex.find("this_instrument", body) and not (
            lex.find("third_party_debt_cues", body) or lex.find("other_debt_cues", body))
        if not own:
            return "a definition"
    m = lex.find("other_debt_cues", ctx.text[ctx.clause_start():ctx.before_exception(ctx.clause_end())])
    return m.group(0) if m else None


_GUARANTEES = re.compile(r"\bguarant(?:ees?|ies|y|ors?)\b[^.;]{0,120}?\bguarant(?:ees?|ies)\b|\b(?:hereby\s+)?"
                         r"(?:unconditionally|absolutely|irrevocably)\s+(?:and\s+\w+\s+)?guarant(?:ees?|ies)\b", re.I)


_IS_NOT = re.compile(r"\b(?:is|are|be|was)\s+not\s+(?:an?\s+)?$|\bnot\s+(?:be\s+)?an?\s+$", re.I)


JUDGES: dict[str, Judge] = {
    name[len("judge_"):]: fn
    for scope in (globals(), vars(judge_limits), vars(judge_keepers), vars(judge_law), vars(judge_actions))
    for name, fn in scope.items() if name.startswith("judge_") and callable(fn)}


def judge(ctx: Context, judge_name: str, rule: str) -> Finding | None:
    lex = lexicon()
    ctx.judge = judge_name
    f = JUDGES[judge_name](ctx, rule, lex)
    if f is not None and f.kind in KEEPING | {Kind.personal_liability} and _GUARANTEES.search(ctx.text[:ctx.a0]):
        # "Guarantor guarantees ... the obligations for which Borrower is personally liable": a guaranty
        return new_finding(ctx, Kind.guaranty, rule, cue=_GUARANTEES.search(ctx.text[:ctx.a0]).group(0).lower(),
                           score=0.5)
    if f is not None and f.kind in LIMITING and f.limits_borrower and f.polarity == "asserted":
        m = DENIAL.search(ctx.text[ctx.clause_start():ctx.a0])
        if m:  # "nothing herein shall render the Loan a non-recourse obligation"
            cue = f"{m.group(1).lower()} ... {m.group(2).lower()}"
            return new_finding(ctx, Kind.personal_liability, rule, "negated", cue=cue, score=0.7)
        if f.kind == Kind.exculpation and _IS_NOT.search(ctx.text[ctx.clause_start():ctx.a0]):
            # "this loan is not a non-recourse loan", "the Note shall not be nonrecourse"
            return new_finding(ctx, Kind.personal_liability, rule, "negated", cue="not ... non-recourse", score=0.7)
    if f is not None and f.kind in LIMITING and f.limits_borrower:
        cue = other_debt(ctx, lex)
        if cue:
            return set_aside(ctx, f.kind, rule, Aside.other_debt, cue, polarity=f.polarity, cue=f.cue)
    return f
