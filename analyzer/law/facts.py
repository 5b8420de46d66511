"""The facts deficiency rules turn on, read from the document with the sentence each came from.

Each fact is found (with its evidence), not found (the document says the opposite, with evidence) or unknown
(the document is silent). Phrases are deliberately plain: the overlay only has to say what the document shows,
and "unknown" is an honest answer that the outcome reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOUND, NOT_FOUND, UNKNOWN = "found", "not found", "unknown"
MAX_EVIDENCE = 300


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


MIN_EVIDENCE_WORDS = 8


def _search(pattern: re.Pattern, text: str) -> tuple[str, re.Match] | None:
    """The first match inside a real sentence; a title or heading ("Purchase Money Note") only when nothing else."""
    first = None
    for m in pattern.finditer(text):
        sentence = sentence_at(text, m.start(), m.end())
        if len(sentence.split()) >= MIN_EVIDENCE_WORDS and sentence.endswith((".", ";", ":", "...")):
            return sentence, m
        first = first or (sentence, m)
    return first


def _yes_no(text: str, yes: re.Pattern, no: re.Pattern | None = None) -> Fact:
    hit = _search(yes, text)
    if hit:
        return Fact(FOUND, hit[0])
    if no is not None:
        hit = _search(no, text)
        if hit:
            return Fact(NOT_FOUND, hit[0])
    return Fact(UNKNOWN)


_I = re.IGNORECASE


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), _I)


P = {
    "real_property": _rx(r"\b(?:deeds? of trust|trust deed|security deed|deed to secure debt)\b",
                         r"\b(?:real property|real estate)\b",
                         r"\bsecurity instrument\b",
                         r"\b(?:mortgage|mortgaged property|grants? and conveys?|encumbering)\b"),
    "vehicle": _rx(r"\b(?:motor vehicle|the vehicle|vehicle identification|certificate of title)\b",
                   r"\b(?:car title|title loan)\b",
                   r"\brepossess"),
    "pledged_goods": _rx(r"\b(?:pawn|pledged goods|pledged (?:item|property)|pledgor)"),
    "unsecured": _rx(r"\b(?:unsecured|no collateral|not secured by any|does not secure)\b"),
    "purchase_money": _rx(r"purchase[- ]money", r"balance of the purchase price",
                          r"(?:used|advanced|made) to (?:pay|finance)[^.]{0,80}purchase price",
                          r"to (?:buy|purchase|acquire) the (?:Property|home|dwelling|residence|real property)",
                          r"purchase price of the (?:real )?(?:Property|home|dwelling|residence|land)",
                          r"(?:for|finance) the purchase of the (?:Property|home|dwelling)"),
    "not_purchase_money": _rx(r"\b(?:cash[- ]out|home equity line|line of credit|home equity loan|equity conversion)",
                              r"refinanc(?:e|es|ing) (?:an? |the )?(?:existing|prior)", r"Section 50\(a\)\(6\)"),
    "seller_financed": _rx(r"seller[- ]financ", r"owner[- ]financ", r"seller carry", r"vendor'?s lien",
                           r"(?:payable|given|owed) to (?:the )?(?:Seller|Vendor)",
                           r"\bSeller\b[^.]{0,120}balance of the purchase price",
                           r"balance of the purchase price[^.]{0,120}\bSeller\b"),
    "owner_occupied": _rx(r"occupy[^.]{0,100}(?:principal|primary) residence", r"owner[- ]occupied",
                          r"(?:principal|primary) residence of (?:the )?Borrower",
                          r"as (?:its|his|her|their|Borrower's) homestead"),
    "not_owner_occupied": _rx(r"investment property", r"non[- ]owner[- ]occupied", r"will not (?:be )?occup",
                              r"not occupy", r"business or commercial purposes", r"rental property"),
    "dwelling": _rx(r"\b(?:single[- ]family|one[- ]family|two[- ]family|duplex|triplex|fourplex)\b",
                    r"\b(?:dwelling|residence|house|home)\b"),
    "not_dwelling": _rx(r"\b(?:vacant land|unimproved land|raw land|office building|shopping center|retail center)\b",
                        r"\b(?:commercial property|industrial)\b"),
    "acres": _rx(r"(\d+(?:\.\d+)?)\s*acres?\b"),
    "first_lien": _rx(r"\bfirst[- ](?:lien|mortgage|deed of trust|priority)"),
    "junior_lien": _rx(r"\bsecond[- ](?:lien|mortgage|deed of trust)", r"\bjunior (?:lien|mortgage)",
                       r"\bsubordinate (?:lien|to)"),
    "power_of_sale": _rx(r"power of sale", r"trustee'?s sale", r"non-?judicial (?:sale|foreclosure)",
                         r"sell the (?:Property|Trust Property) at (?:a )?public auction"),
    "judicial_only": _rx(r"only (?:by|through) judicial foreclosure", r"no power of sale"),
    "institutional_lender": _rx(r"\b(?:Bank|N\.A\.|Credit Union|Savings|Lending|Financial)\b",
                                r"\bMortgage (?:Company|Corporation|Co\.|LLC|Inc)"),
    "home_equity_50a6": _rx(r"50\(a\)\(6\)"),
    "reverse_mortgage": _rx(r"home equity conversion", r"reverse mortgage"),
    "va_guaranteed": _rx(r"Department of Veterans Affairs", r"\bVA[- ]guarant", r"guaranteed by the VA\b"),
    "fha_insured": _rx(r"Federal Housing Administration", r"\bFHA[- ]insured", r"insured by (?:the )?FHA\b"),
    "sba": _rx(r"Small Business Administration", r"\bSBA[- ](?:loan|guarant)"),
    "forfeiture_only": _rx(r"not (?:obligated|required) to (?:redeem|repay)",
                           r"forfeit[^.]{0,120}(?:only|sole|full) (?:remedy|satisfaction)",
                           r"will not owe (?:us )?(?:anything|any (?:remaining|deficiency|balance))",
                           r"(?:shall|will) not (?:seek|obtain|sue for)[^.]{0,40}deficiency"),
}
_UNITS = [(re.compile(r"\b(single[- ]family|one[- ]family|one[- ]unit)\b", _I), 1),
          (re.compile(r"\b(two[- ]family|duplex|two[- ]unit)\b", _I), 2),
          (re.compile(r"\b(triplex|three[- ]family|three[- ]unit)\b", _I), 3),
          (re.compile(r"\b(fourplex|four[- ]family|four[- ]unit)\b", _I), 4),
          (re.compile(r"\b(\d{1,4})[- ](?:units?|apartments)\b", _I), None)]


def collateral(text: str) -> Fact:
    """Real property, vehicle, pledged goods or none: the kind with most mentions, with its first sentence."""
    counts = {k: len(P[k].findall(text)) for k in ("pledged_goods", "vehicle", "real_property")}
    kind = max(counts, key=lambda k: counts[k])
    if counts[kind]:
        hit = _search(P[kind], text)
        return Fact(FOUND, hit[0] if hit else None, kind.replace("_", " "))
    hit = _search(P["unsecured"], text)
    return Fact(FOUND, hit[0], "none") if hit else Fact(UNKNOWN, None, "none")


def units(text: str) -> Fact:
    for pattern, n in _UNITS:
        hit = _search(pattern, text)
        if hit:
            return Fact(FOUND, hit[0], n if n is not None else int(hit[1].group(1)))
    return Fact(UNKNOWN)


def acres(text: str) -> Fact:
    hit = _search(P["acres"], text)
    return Fact(FOUND, hit[0], float(hit[1].group(1))) if hit else Fact(UNKNOWN)


def lien_position(text: str) -> Fact:
    for key, value in (("first_lien", "first"), ("junior_lien", "junior")):
        hit = _search(P[key], text)
        if hit:
            return Fact(FOUND, hit[0], value)
    return Fact(UNKNOWN)


def read_facts(text: str) -> dict[str, Fact]:
    """Every fact the table's conditions can name, keyed by the condition names used in deficiency.json."""
    f: dict[str, Fact] = {"collateral": collateral(text)}
    f["purchase_money"] = _yes_no(text, P["purchase_money"], P["not_purchase_money"])
    seller = _yes_no(text, P["seller_financed"])
    lender = _yes_no(text, P["institutional_lender"])
    if seller.status == UNKNOWN and lender.status == FOUND:
        seller = Fact(NOT_FOUND, lender.evidence)
    if lender.status == UNKNOWN and seller.status == FOUND:
        lender = Fact(NOT_FOUND, seller.evidence)
    f["seller_financed"], f["institutional_lender"] = seller, lender
    f["owner_occupied"] = _yes_no(text, P["owner_occupied"], P["not_owner_occupied"])
    f["dwelling"] = _yes_no(text, P["dwelling"], P["not_dwelling"])
    f["units"], f["acres"], f["lien_position"] = units(text), acres(text), lien_position(text)
    f["power_of_sale"] = _yes_no(text, P["power_of_sale"], P["judicial_only"])
    # a loan of these kinds says so on its face, so silence counts as "not found"
    for key in ("home_equity_50a6", "reverse_mortgage", "va_guaranteed", "fha_insured", "sba"):
        hit = _yes_no(text, P[key])
        f[key] = hit if hit.status == FOUND else Fact(NOT_FOUND)
    f["forfeiture_only"] = _yes_no(text, P["forfeiture_only"])
    return f
