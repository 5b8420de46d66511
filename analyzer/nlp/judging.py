"""What every judge shares: frames set aside with a reason, limits with the exceptions their sentence
announces, and the shapes of a whole debt, a cap target and a definition."""

from __future__ import annotations

import re

from analyzer.nlp.clauses import (
    MODAL,
    categories_in,
    find_obligor,
    new_finding,
    parties,
    scope_of,
)
from analyzer.nlp.context import governs
from analyzer.nlp.frames import Aside, Context, Finding
from analyzer.nlp.lexicon import Lexicon


def set_aside(ctx: Context, kind: str, rule: str, aside: Aside, detail: str | None = None,
               polarity: str = "asserted", **kw) -> Finding:
    note = aside.value + (f" ({detail})" if detail else "")
    return new_finding(ctx, kind, rule, polarity, aside=aside, note=note, limits_borrower=False, score=0.1, **kw)


def _exceptions(ctx: Context, lex: Lexicon) -> list[str]:
    """Exceptions a limit announces: a cross-reference anywhere in its sentence ("except as provided in
    Section 9", "subject to clauses (b) and (c) below"), or an inline exception naming a carve-out category
    ("unless ... actual fraud")."""
    out = [h.text for h in ctx.cues if h.category == "CROSS_REF" and (
        governs(h, ctx.at0, ctx.at1, ctx.cues) or not MODAL.search(ctx.text[:h.c0]))  # or an introductory phrase
        and not _extent_of_asset(h.text, ctx.text[h.c1:], lex)]
    for h in ctx.cues:
        if h.category != "EXCEPTION":
            continue
        after = ctx.text[h.c1:]
        if _EXCEPT_LOSSES.match(after):  # "Except for any loss ... for which Borrower is liable, recourse is limited"
            out.append(f"{h.text} {_EXCEPT_LOSSES.match(after).group(0).strip()}")
        elif _KEPT_LIABILITY.match(after):  # "except for personal liability for ..."
            out.append(f"{h.text} {_KEPT_LIABILITY.match(after).group(0).strip()}")
        elif _kept_by_clause(after, lex):  # "except that Maker shall be liable for the first $2,000,000"
            out.append(f"{h.text} {_kept_by_clause(after, lex)}")
        elif h.c0 >= ctx.a0:
            cats = [c for c in categories_in(after, lex) if c in lex.raw["strong_carve_out_categories"]]
            if cats:
                out.append(f"{h.text} ... {cats[0]}")
    return out


_EXTENT_OF = re.compile(r"\s+of\s+(?:(?:the|its|his|her|their|such|said)\s+)?"
                        r"(?:(?:right,\s+title\s+and\s+)?interests?\s+in\s+(?:and\s+to\s+)?(?:the\s+)?|(?:net\s+)?(?:value|proceeds)\s+of\s+(?:the\s+)?)?"
                        r"(?P<asset>(?:[A-Z][\w-]*\s*){1,4}|[a-z]+(?:\s+[a-z]+){0,2})")


def _extent_of_asset(cue: str, after: str, lex: Lexicon) -> bool:
    """'except to the extent of its interest in the Mortgaged Estate': the limit's own asset, not an exception
    that keeps liability (as 'except to the extent provided in Section 9' is)."""
    m = _EXTENT_OF.match(after) if cue.lower().endswith("extent") else None
    if m is None:
        return False
    asset = m.group("asset")
    named_asset = asset[:1].isupper() and not find_obligor(asset, lex) and not lex.find("party_targets", asset)
    return bool(named_asset or lex.find("collateral_terms", asset))


_EXCEPT_LOSSES = re.compile(
    r"\W*(?:the\s+amount\s+of\s+)?(?:any\s+|all\s+)?(?:loss(?:es)?|damages?|costs?|liabilities|claims)\b", re.I)
_KEPT_LIABILITY = re.compile(r"\W*(?:\w+\s+){0,2}(?:liabilit\w*|liable|recourse)\b", re.I)


_KEPT_BY_CLAUSE = re.compile(r"\W*(?:that\s+|where\s+)?(?P<who>(?:[\w'\u2019-]+\s+){1,4}?)(?:shall|will|is|are|must)\s+"
                             r"(?:also\s+|still\s+|nonetheless\s+|remain\s+)?(?:be\s+)?(?:personally\s+|fully\s+)?"
                             r"(?:liable|responsible|obligated)\b", re.I)


def _kept_by_clause(after: str, lex: Lexicon) -> str | None:
    """An exception whose own clause makes the obligor liable ('save that Maker is liable without limit if ...');
    not one that exempts someone else ('except that no member of Maker shall be liable')."""
    m = _KEPT_BY_CLAUSE.match(after)
    if not m or re.search(r"\b(?:no|not|never|neither|nor|none)\b", m.group("who"), re.I):
        return None
    _, obligor, officers_only, _ = parties(m.group("who"), lex)
    return m.group(0).strip() if obligor and not officers_only else None


def limit_finding(ctx: Context, kind: str, rule: str, lex: Lexicon, polarity: str = "asserted", **kw) -> Finding:
    """A frame that limits the borrower's recourse, with the exceptions its sentence announces."""
    scope, scope_cue = scope_of(ctx)
    kw.setdefault("score", 0.85)
    return new_finding(ctx, kind, rule, polarity, limits_borrower=True, scope=scope, scope_cue=scope_cue,
                exceptions=_exceptions(ctx, lex), **kw)


CAP_TARGET = re.compile(r"\W*(?:for|in\s+respect\s+of|with\s+respect\s+to)?\s*(?:[\w,]+\s+){0,6}?"
                         r"(?:only\s+)?(?:more\s+than|in\s+excess\s+of|greater\s+than|exceeding|beyond|up\s+to|"
                         r"not\s+to\s+exceed|capped\s+at)\b", re.I)


WHOLE_DEBT = re.compile(r"\W*for\s+(?:all\s+of\s+|the\s+full\s+amount\s+of\s+)?(?:the|this)\s+(?:[A-Z][\w-]*\s+){0,3}"
                         r"(?:Debt|Loan|Loans|Obligations|Indebtedness|Note)\b")


DEFINITION = re.compile(r'^\W{0,3}(?:\([a-z0-9]+\)\s*)?"[^"]{2,80}"\s+(?:means|shall mean|has the meaning|includes)\b')
