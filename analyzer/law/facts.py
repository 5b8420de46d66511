"""The facts deficiency rules turn on, read from the document with the sentence each came from.

Each fact is found (with its evidence), not found (the document says the opposite, with evidence) or unknown
(the document is silent). Phrases are deliberately plain: the overlay only has to say what the document shows,
and "unknown" is an honest answer that the outcome reports.

Speed: a 500-page credit agreement must not pay much for this. Patterns run case-sensitively on a lower-cased
copy (about twice as fast as IGNORECASE), and a pattern none of whose keywords occurs is not run at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FOUND, NOT_FOUND, UNKNOWN = "found", "not found", "unknown"
MAX_EVIDENCE = 300
MIN_EVIDENCE_WORDS = 8
WINDOW = 250  # longer than any phrase below can match


@dataclass
class Fact:
    status: str
    evidence: str | None = None
    value: object = None


_BOUNDARY = re.compile(r"(?<!\b[A-Z])(?<!\bNo)[.;](?=\s)|\n")
_LOOKBACK = 800


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or list item) holding text[start:end], trimmed to a readable length; initials do not end it."""
    base = max(0, start - _LOOKBACK)
    lefts = [m.end() for m in _BOUNDARY.finditer(text, base, start)]
    left = lefts[-1] if lefts else base
    right_match = _BOUNDARY.search(text, end)
    right = right_match.end() if right_match else len(text)
    s = " ".join(text[left:right].split()).strip(" ;")
    return s if len(s) <= MAX_EVIDENCE else s[:MAX_EVIDENCE].rstrip() + " ..."


@dataclass(frozen=True)
class Phrase:
    """A pattern (lower case) and the keywords one of which any match must contain."""

    pattern: re.Pattern
    keys: tuple[str, ...]


def _p(keys: tuple[str, ...], *alternatives: str) -> Phrase:
    # a leading \b makes the regex engine test every position (2-3x slower); the word start is checked on matches
    return Phrase(re.compile("|".join(a.removeprefix(r"\b") for a in alternatives)), keys)


def _word_start(text: str, m: re.Match) -> bool:
    return m.start() == 0 or not text[m.start() - 1].isalnum()


P = {
    "real_property": _p(("deed", "trust", "real ", "mortgage", "grant", "encumber", "security instrument"),
                        r"\b(?:deeds? of trust|trust deed|security deed|deed to secure debt|security instrument)\b",
                        r"\b(?:real property|real estate|mortgage|mortgaged property)\b",
                        r"\b(?:grants? and conveys?|encumbering)\b"),
    "vehicle": _p(("vehicle", "title", "repossess"),
                  r"\b(?:motor vehicle|the vehicle|vehicle identification|certificate of title|car title|title loan)\b",
                  r"\brepossess"),
    "pledged_goods": _p(("pawn", "pledg"), r"\b(?:pawn|pledged goods|pledged (?:item|property)|pledgor)"),
    "unsecured": _p(("unsecured", "collateral", "secure"),
                    r"\b(?:unsecured|no collateral|not secured by any|does not secure)\b"),
    "purchase_money": _p(("purchase",), r"purchase[- ]money", r"balance of the purchase price",
                         r"(?:used|advanced|made) to (?:pay|finance)[^.]{0,80}purchase price",
                         r"to (?:buy|purchase|acquire) the (?:property|home|dwelling|residence|real property)",
                         r"purchase price of the (?:real )?(?:property|home|dwelling|residence|land)",
                         r"(?:for|finance) the purchase of the (?:property|home|dwelling)"),
    "not_purchase_money": _p(("cash", "equity", "line of credit", "refinanc", "50(a)(6)"),
                             r"\b(?:cash[- ]out|home equity line|line of credit|home equity loan|equity conversion)",
                             r"refinanc(?:e|es|ing) (?:an? |the )?(?:existing|prior)", r"section 50\(a\)\(6\)"),
    "seller_financed": _p(("seller", "owner", "vendor"), r"seller[- ]financ", r"owner[- ]financ", r"seller carry",
                          r"vendor'?s lien", r"(?:payable|given|owed) to (?:the )?(?:seller|vendor)",
                          r"\bseller\b[^.]{0,120}balance of the purchase price",
                          r"balance of the purchase price[^.]{0,120}\bseller\b"),
    "owner_occupied": _p(("occupy", "occupied", "residence", "homestead"),
                         r"occupy[^.]{0,100}(?:principal|primary) residence", r"owner[- ]occupied",
                         r"(?:principal|primary) residence of (?:the )?borrower",
                         r"as (?:its|his|her|their|borrower's) homestead"),
    "not_owner_occupied": _p(("investment property", "occup", "commercial purposes", "rental property"),
                             r"investment property", r"non[- ]owner[- ]occupied", r"will not (?:be )?occup",
                             r"not occupy", r"business or commercial purposes", r"rental property"),
    "dwelling": _p(("family", "plex", "dwelling", "residence", "house", "home"),
                   r"\b(?:single[- ]family|one[- ]family|two[- ]family|duplex|triplex|fourplex)\b",
                   r"\b(?:dwelling|residence|house|home)\b"),
    "not_dwelling": _p(("land", "building", "center", "commercial property", "industrial"),
                       r"\b(?:vacant land|unimproved land|raw land|office building|shopping center|retail center)\b",
                       r"\b(?:commercial property|industrial)\b"),
    "acres": _p(("acre",), r"(\d+(?:\.\d+)?)\s*acres?\b"),
    "first_lien": _p(("first",), r"\bfirst[- ](?:lien|mortgage|deed of trust|priority)"),
    "junior_lien": _p(("second", "junior", "subordinate"), r"\bsecond[- ](?:lien|mortgage|deed of trust)",
                      r"\bjunior (?:lien|mortgage)", r"\bsubordinate (?:lien|to)"),
    "power_of_sale": _p(("power of sale", "trustee", "judicial", "public auction"), r"power of sale",
                        r"trustee'?s sale", r"non-?judicial (?:sale|foreclosure)",
                        r"sell the (?:property|trust property) at (?:a )?public auction"),
    "judicial_only": _p(("judicial foreclosure", "power of sale"), r"only (?:by|through) judicial foreclosure",
                        r"no power of sale"),
    "institutional_lender": _p(("bank", "n.a.", "credit union", "savings", "lending", "financial", "mortgage"),
                               r"\b(?:bank|n\.a\.|credit union|savings|lending|financial)\b",
                               r"\bmortgage (?:company|corporation|co\.|llc|inc)"),
    "home_equity_50a6": _p(("50(a)(6)",), r"50\(a\)\(6\)"),
    # the federally insured kind (HECM): a proprietary reverse mortgage is not bound by 24 CFR 206
    "reverse_mortgage": _p(("equity conversion", "section 255"), r"home equity conversion",
                           r"section 255 of the national housing act"),
    "va_guaranteed": _p(("veterans affairs", "va-guarant", "va guarant", "by the va"),
                        r"department of veterans affairs", r"\bva[- ]guarant", r"guaranteed by the va\b"),
    "fha_insured": _p(("federal housing", "fha"), r"federal housing administration", r"\bfha[- ]insured",
                      r"insured by (?:the )?fha\b"),
    "sba": _p(("small business administration", "sba"), r"small business administration", r"\bsba[- ](?:loan|guarant)"),
    "forfeiture_only": _p(("not obligated", "not required", "forfeit", "will not owe", "deficiency"),
                          r"not (?:obligated|required) to (?:redeem|repay)",
                          r"forfeit[^.]{0,120}(?:only|sole|full) (?:remedy|satisfaction)",
                          r"will not owe (?:us )?(?:anything|any (?:remaining|deficiency|balance))",
                          r"(?:shall|will) not (?:seek|obtain|sue for)[^.]{0,40}deficiency"),
}
_UNITS = [(_p(("family", "unit"), r"\b(single[- ]family|one[- ]family|one[- ]unit)\b"), 1),
          (_p(("family", "duplex", "unit"), r"\b(two[- ]family|duplex|two[- ]unit)\b"), 2),
          (_p(("triplex", "family", "unit"), r"\b(triplex|three[- ]family|three[- ]unit)\b"), 3),
          (_p(("fourplex", "family", "unit"), r"\b(fourplex|four[- ]family|four[- ]unit)\b"), 4),
          (_p(("unit", "apartments"), r"\b(\d{1,4})[- ](?:units?|apartments)\b"), None)]


class Haystack:
    """The document text and its lower-cased copy (when lower-casing keeps every offset)."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        self.low = low if len(low) == len(text) else None

    def finditer(self, phrase: Phrase) -> Iterator[re.Match]:
        if self.low is None:  # rare: a character whose lower case is longer; match the original text
            matches = re.compile(phrase.pattern.pattern, re.IGNORECASE).finditer(self.text)
            return (m for m in matches if _word_start(self.text, m))
        return (m for start, end in self._windows(phrase.keys) for m in phrase.pattern.finditer(self.low, start, end)
                if _word_start(self.low, m))

    def _windows(self, keys: tuple[str, ...]) -> list[tuple[int, int]]:
        """Merged spans of WINDOW characters around each keyword: a match holds a keyword and is shorter than that."""
        low, spans = self.low, []
        for key in keys:
            i = low.find(key)
            while i != -1:
                spans.append((max(0, i - WINDOW), i + len(key) + WINDOW))
                i = low.find(key, i + len(key))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def search(self, phrase: Phrase) -> tuple[str, re.Match] | None:
        """The first match inside a real sentence; a title ("Purchase Money Note") only when nothing else."""
        first = None
        for m in self.finditer(phrase):
            sentence = sentence_at(self.text, m.start(), m.end())
            if len(sentence.split()) >= MIN_EVIDENCE_WORDS and sentence.endswith((".", ";", ":", "...")):
                return sentence, m
            first = first or (sentence, m)
        return first

    def yes_no(self, yes: Phrase, no: Phrase | None = None) -> Fact:
        hit = self.search(yes)
        if hit:
            return Fact(FOUND, hit[0])
        hit = self.search(no) if no is not None else None
        return Fact(NOT_FOUND, hit[0]) if hit else Fact(UNKNOWN)


def collateral(h: Haystack) -> Fact:
    """Real property, vehicle, pledged goods or none: the kind with most mentions, with its first sentence."""
    counts = {k: sum(1 for _ in h.finditer(P[k])) for k in ("pledged_goods", "vehicle", "real_property")}
    kind = max(counts, key=lambda k: counts[k])
    if counts[kind]:
        hit = h.search(P[kind])
        return Fact(FOUND, hit[0] if hit else None, kind.replace("_", " "))
    hit = h.search(P["unsecured"])
    return Fact(FOUND, hit[0], "none") if hit else Fact(UNKNOWN, None, "none")


def units(h: Haystack) -> Fact:
    for phrase, n in _UNITS:
        hit = h.search(phrase)
        if hit:
            return Fact(FOUND, hit[0], n if n is not None else int(hit[1].group(1)))
    return Fact(UNKNOWN)


def acres(h: Haystack) -> Fact:
    hit = h.search(P["acres"])
    return Fact(FOUND, hit[0], float(hit[1].group(1))) if hit else Fact(UNKNOWN)


def lien_position(h: Haystack) -> Fact:
    for key, value in (("first_lien", "first"), ("junior_lien", "junior")):
        hit = h.search(P[key])
        if hit:
            return Fact(FOUND, hit[0], value)
    return Fact(UNKNOWN)


def read_facts(text: str) -> dict[str, Fact]:
    """Every fact the table's conditions can name, keyed by the condition names used in deficiency.json."""
    h = Haystack(text)
    f: dict[str, Fact] = {"collateral": collateral(h)}
    f["purchase_money"] = h.yes_no(P["purchase_money"], P["not_purchase_money"])
    seller, lender = h.yes_no(P["seller_financed"]), h.yes_no(P["institutional_lender"])
    if seller.status == UNKNOWN and lender.status == FOUND:
        seller = Fact(NOT_FOUND, lender.evidence)
    if lender.status == UNKNOWN and seller.status == FOUND:
        lender = Fact(NOT_FOUND, seller.evidence)
    f["seller_financed"], f["institutional_lender"] = seller, lender
    f["owner_occupied"] = h.yes_no(P["owner_occupied"], P["not_owner_occupied"])
    f["dwelling"] = h.yes_no(P["dwelling"], P["not_dwelling"])
    f["units"], f["acres"], f["lien_position"] = units(h), acres(h), lien_position(h)
    f["power_of_sale"] = h.yes_no(P["power_of_sale"], P["judicial_only"])
    # a loan of these kinds says so on its face, so silence counts as "not found"
    for key in ("home_equity_50a6", "reverse_mortgage", "va_guaranteed", "fha_insured", "sba"):
        hit = h.yes_no(P[key])
        f[key] = hit if hit.status == FOUND else Fact(NOT_FOUND)
    f["forfeiture_only"] = h.yes_no(P["forfeiture_only"])
    return f
