"""What the judges ask of a sentence: the cues that govern the anchor, who is named, what is targeted.

A pattern only says where a recourse phrase stands. Whether it limits the borrower's liability depends on
the sentence around it: negation, exception and override scope (computed once by nlp/context.py from the
cue rules), whom it protects (the borrower, or only its officers or the agent), what the recourse is
confined to (collateral, or another party). The judges (nlp/judges.py) are built from these questions.
"""

from __future__ import annotations

import re

from analyzer.nlp.context import governing
from analyzer.nlp.defined import amount_named_in
from analyzer.nlp.frames import Context, Finding
from analyzer.nlp.lexicon import Lexicon
from analyzer.nlp.roles import doc_obligor, doc_obligors_in, you_are_creditor

MODAL = re.compile(r"\b(shall|will|may|must|is|are|be|has|have|had|does|do|would|should|can)\b", re.I)
_POSSESSIVE_OF = None  # built lazily from the obligor list
_EXCLUDING_OBLIGOR = re.compile(
    r"\b(specifically\s+)?(excluding|other than|but not|except(?:ing)?|not including)\s+(the\s+|any\s+)?"
    r"(borrowers?|makers?|obligors?|issuers?|mortgagors?|trustors?|grantors?|debtors?|company)\b",
    re.I,
)
_AMOUNT = re.compile(r"\$\s?[\d,]+(?:\.\d+)?(?:\s?(?:million|billion))?|\b[\d,]{4,}(?:\.\d+)?\s+dollars\b", re.I)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?(%|percent\b|per\s?cent\b)", re.I)
TRIGGER = re.compile(r"\b(upon the occurrence|upon|if|in the event|on the occurrence|should|becomes? (null|void)|"
                      r"unless|in which event|in such event|thereupon)\b",
                      re.I)
_SHORT_HEADING = re.compile(r"^[^a-z]*$")
_DEFINED_IN_PARENS = re.compile(r"\((?:[^()\"]{0,40})?\"[^\"]{1,60}\"(?:[^()]{0,40})?\)")  # (each, a "Borrower Party")
_OBLIGOR_COMPOUND = re.compile(  # "Borrower Party", "Borrower Affiliate": someone other than the borrower
    r"\b(?:Borrower|Maker|Obligor|Issuer|Mortgagor|Company)\s+(?:Part(?:y|ies)|Affiliates?|Principals?|Related|"
    r"Representatives?|Indemnit\w+|Entit(?:y|ies)|Members?|Owners?|Persons?|Group|Sponsors?|Guarantors?)\b")
SIGNATORY = re.compile(  # an officer signing a certificate "in his capacity as ... and not individually"
    r"\b(in\s+(his|her|their|its|the\s+undersigned's)\s+(official\s+)?capacity|solely\s+in\s+[\w'\s]{0,40}capacity"
    r"|(?:and|but)\s+not\s+(individually|personally|in\s+(his|her|their|the\s+undersigned's)\s+(individual|personal)))",
    re.I)
_OWNER_OF = re.compile(r"\b(?:direct\s+or\s+indirect\s+)?owners?\s+of\b", re.I)
DENIAL = re.compile(
    r"\b(nothing|no provision|not)\b[^.;]{0,160}\b(construed|interpreted|deemed|render\w*|constitut\w*|agreed|"
    r"intended)\b[^.;]{0,80}$", re.I)
NONRECOURSE_NOUN = re.compile(
    r"(non-?\s?recourse|nonrecourse)\s+(loan|note|mortgage loan|promissory note|obligations?)\b", re.I)
RESTRICTING = re.compile(r"\b(restrict\w*|prohibit\w*|limit\w*|bar\w*|anti)\W+(\w+\W+)?$", re.I)


def _obligor_possessive(lex: Lexicon) -> re.Pattern[str]:
    global _POSSESSIVE_OF
    if _POSSESSIVE_OF is None:
        words = "|".join(sorted((re.escape(w) for w in lex.raw["obligor_terms"]), key=len, reverse=True))
        _POSSESSIVE_OF = re.compile(
            # "officers of the Borrower", "of the Finance Authority", "of the Port District": up to two capitalized
            # words of a name before the role word (a public lender's officers are not the borrower)
            rf"\b(of|for|to|in|by|under|with)\s+(the\s+|such\s+|any\s+|each\s+|a\s+)?(?-i:[A-Z][\w&-]*\s+){{0,2}}"
            rf"(?:{words})\b|\b(?:{words})'s?\b(?=\s)"
            rf"|\b(?:{words})['\u2019]s\b",
            re.I,
        )
    return _POSSESSIVE_OF


def negation(ctx: Context) -> str | None:
    """The negation cue whose scope covers the anchor (patterns/cues.jsonl, one scope algorithm)."""
    h = governing(ctx.cues, ctx.at0, ctx.at1, "NEGATION", ctx.judge)
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
    stripped = _obligor_possessive(lex).sub(" ", _OBLIGOR_COMPOUND.sub(" ", _OWNER_OF.sub(" principals of ", text)))
    lender = lex.findall("lender_side_protected", stripped)
    stripped = lex.words["lender_side_protected"].sub(" ", stripped)  # "the L/C Issuer" is no issuer of this debt
    speaker = []
    if you_are_creditor():  # "I promise to pay you": you are the lender here, and I the borrower
        lender += ["you"] if _YOU.search(stripped) else []
        stripped = _YOU.sub(lambda m: " " * len(m.group(0)), stripped)
        speaker = ["i"] if _SPEAKER.search(stripped) else []
    own = doc_obligors_in(stripped)
    obligors = lex.findall("obligor_terms", stripped) + own + speaker
    officers = [o for o in lex.findall("officer_terms", text) if o not in own] + [
        m.group(0).lower() for m in _OBLIGOR_COMPOUND.finditer(text)]
    named = list(dict.fromkeys(obligors + officers + lender))
    has_obligor = bool(obligors) and not excluded
    return named, has_obligor, bool(officers) and not has_obligor, bool(lender) and not has_obligor


def find_obligor(text: str, lex: Lexicon) -> re.Match[str] | None:
    """An obligor named in `text`: a role word of the lexicon, or a name this document gives its obligor."""
    if you_are_creditor():  # "I promise to pay you": "you" is the lender's, "I", "me" and "my" the borrower's
        text = _YOU.sub(lambda m: " " * len(m.group(0)), text)  # same offsets
        return lex.find("obligor_terms", text) or doc_obligor(text) or _SPEAKER.search(text)
    return lex.find("obligor_terms", text) or doc_obligor(text)


_YOU = re.compile(r"\byou(?:rs?)?\b", re.I)
_SPEAKER = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")


def subject_of(ctx: Context) -> str:
    """Text from the clause start to the modal verb before the anchor (who is or is not liable)."""
    pre = ctx.pre
    modals = list(MODAL.finditer(pre))
    subject = pre[: modals[-1].start()] if modals else pre
    m = None
    for m in re.finditer(r"\b(that|acknowledges|agrees|whereby)\b", subject, re.I):  # noqa: B007
        pass
    return subject[m.end():] if m else subject


def target_of(ctx: Context, max_chars: int = 220) -> str:
    """What follows the anchor in its clause, up to the first cue that ends a scope (', but', 'provided',
    'nothing in this Section releases ...'): a party named after it is not the one this clause speaks of."""
    post = ctx.post[:max_chars]
    ends = [h.c0 - ctx.a1 for h in ctx.cues if h.category in ("TERMINATE", "PRESERVATION") and h.c0 >= ctx.a1]
    return post[:min(ends)] if ends else post


def is_title(ctx: Context) -> bool:
    """A heading or title: the anchor's own line is short and either in capitals or, at the top of the
    document, without a verb ("NON-RECOURSE PROMISSORY NOTE" on the line above "Maker promises to pay")."""
    line_start = ctx.text.rfind("\n", 0, ctx.a0) + 1
    line_end = ctx.text.find("\n", ctx.a1)
    t = ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)].strip()
    if len(t) >= 160:
        return False
    if _SHORT_HEADING.match(t) or (ctx.at_top and not MODAL.search(t)):
        return True
    words = re.findall(r"[A-Za-z][\w'-]*", t)
    small = {"of", "and", "or", "the", "to", "for", "on", "in", "a", "an", "by", "with"}
    capital = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    # "Section 7.2 Recourse Carve-Outs.": a short line in title case with no verb is a heading
    return len(t) < 100 and bool(words) and capital == len(words) and not MODAL.search(t)


def categories_in(text: str, lex: Lexicon) -> list[str]:
    return lex.categories("carve_out_categories", text)


def triggers_in(text: str, lex: Lexicon) -> list[str]:
    return lex.categories("springing_triggers", text)


_FRACTION = re.compile(r"\b(one|a|two|three)[-\s](half|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|tenth|"
                       r"tenths)\b", re.I)
_NUMBERS = {"one": 1, "a": 1, "two": 2, "three": 3}
_PARTS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4, "fifth": 5,
          "fifths": 5, "tenth": 10, "tenths": 10}


def cap_in(text: str) -> dict | None:
    """The amount or share a cap names: '$2,500,000', '25%', 'one-third'."""
    amount = _AMOUNT.search(text)
    pct = _PERCENT.search(text)
    share = None if pct else _FRACTION.search(text)
    if not amount and not pct and not share:
        figure = amount_named_in(text)  # "up to the Recourse Amount", defined elsewhere as a figure
        return cap_in(figure) if figure and amount_named_in(figure) is None else None
    percent = float(pct.group(1)) if pct else None
    if share:
        percent = round(100 * _NUMBERS[share.group(1).lower()] / _PARTS[share.group(2).lower()], 2)
    return {"amount": amount.group(0) if amount else None, "percent": percent}


def new_finding(ctx: Context, kind: str, rule: str, polarity: str = "asserted", **kw) -> Finding:
    s = ctx.sent_start
    return Finding(kind=kind, polarity=polarity, start=s, end=s + len(ctx.text), rule=rule,
                   anchor=(s + ctx.a0, s + ctx.a1), **kw)

