"""Suits and enforcement against the obligor, told from the creditor's side.

"Lender covenants not to sue Borrower for the Loan", "no action shall be brought against Maker to collect
this Note": a bar on suing the obligor for the debt is an exculpation. "Lender may sue Borrower for the
unpaid interest", "may enforce the judgment against any of Borrower's assets": a creditor allowed to pursue
the obligor's own assets is recourse said outright (beside an exculpation, recourse for a part).
"""

from __future__ import annotations

import re

from analyzer.nlp.clauses import find_obligor, negation, new_finding, subject_of
from analyzer.nlp.frames import Context, Finding, Kind
from analyzer.nlp.judging import limit_finding
from analyzer.nlp.lexicon import Lexicon

# what the suit is for: money on this debt, not a foreclosure or an injunction
_FOR_MONEY = re.compile(r"\b(?:collect\w*|recover\w*|(?:re)?pay\w*|deficienc\w*|money|sums?|amounts?|balance|"
                        r"interest|principal|loans?|notes?|debt|indebtedness|obligations)\b", re.I)
_IN_REM = re.compile(r"^[^.;,]{0,40}?\b(?:to\s+foreclose|for\s+foreclosure|in\s+rem|as\s+a\s+(?:nominal\s+)?party|"
                     r"specific\s+performance|injunct\w*|to\s+enjoin)\b", re.I)
_OTHER = re.compile(r"^\W*(?:\w+\W+){0,5}?(?:other|except|besides|save)\b", re.I)
_ASSETS_OF = re.compile(r"^\W*(?:of\s+(?:the\s+)?)?(?:[\w'\u2019-]+\s+){0,3}?(?:assets|property|properties|estate)\b"
                        r"(?:\s+of\s+(?:the\s+)?([\w-]+(?:\s+[A-Z][\w-]*)?))?", re.I)

_FOR_A_TIME = re.compile(r"\b(?:during|until|till|pending|prior\s+to|before\s+the|for\s+a\s+period|standstill|"
                         r"blockage|so\s+long\s+as\s+(?:any\s+)?senior|subordinat\w*)\b", re.I)
_MAY = re.compile(r"\b(?:may|can|entitled\s+to|(?:the\s+)?right\s+to)\b", re.I)


def _obligor_named_next(text: str, lex: Lexicon) -> bool:
    """The obligor stands as the object right after the anchor ('against Borrower', 'sue the Maker')."""
    head = re.match(r"\W*(?:the\s+|any\s+|each\s+)?([\w'\u2019-]+(?:\s+[A-Z][\w-]*){0,2})", text)
    return bool(head and find_obligor(head.group(1), lex))


def judge_action_against(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'shall not sue / bring any action against Borrower' for this debt (an exculpation), or 'may sue Borrower
    for the unpaid interest' (recourse said outright)."""
    if not _obligor_named_next(ctx.post, lex):
        return None
    after = ctx.post[:160]
    if _IN_REM.match(after) or not _FOR_MONEY.search(after):
        return None  # "an action against Borrower to foreclose the Mortgage" pursues no one personally
    if find_obligor(subject_of(ctx), lex):
        return None  # the obligor's own suit ("Borrower shall not bring any action against Borrower's members")
    neg = negation(ctx)
    if neg and _FOR_A_TIME.search(ctx.text):
        return None  # "during a Blockage Period the Noteholder shall not sue the Company": a standstill, no limit
    if neg:
        return limit_finding(ctx, Kind.exculpation, rule, lex, "negated", cue=f"{neg} ... {ctx.anchor.lower()}")
    if _MAY.search(ctx.pre[-60:]):
        return new_finding(ctx, Kind.personal_liability, rule, cue=f"may {ctx.anchor.lower()} the borrower", score=0.7)
    return None


def judge_enforce_on_assets(ctx: Context, rule: str, lex: Lexicon) -> Finding | None:
    """'may enforce that judgment against any of Borrower's assets': the obligor's own assets answer for the
    debt. Negated or 'other assets' shapes are exculpations, judged by the limit patterns, not here."""
    if negation(ctx) or _OTHER.match(ctx.post):
        return None
    assets = _ASSETS_OF.match(ctx.post)
    if not assets:
        return None
    owner = ctx.post[:assets.end()]
    if not find_obligor(owner, lex):
        return None
    if not _MAY.search(ctx.pre[-60:]):
        return None
    return new_finding(ctx, Kind.personal_liability, rule, cue="enforce against the borrower's own assets", score=0.7)
