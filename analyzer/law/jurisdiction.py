"""Which state's deficiency law applies: the property's state for real property, else the governing-law clause.

Foreclosure and deficiency rules for land follow the state where the land lies, whatever law the note chooses;
for goods and unsecured debt the governing-law clause is the better guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analyzer.law.facts import sentence_at
from analyzer.law.table import jurisdictions

WINDOW = 200


@dataclass
class Jurisdiction:
    code: str | None
    name: str | None
    source: str  # "property" | "governing law" | "unknown"
    evidence: str | None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    rows = jurisdictions()
    by_name = {r["name"].lower(): r["code"] for r in rows}
    names = "|".join(re.escape(n) for n in sorted((r["name"] for r in rows), key=len, reverse=True))
    codes = "|".join(r["code"] for r in rows)
    state_of = r"(?:the\s+)?(?:State\s+of\s+|Commonwealth\s+of\s+)?"
    governing = re.compile(rf"govern(?:ed|s)\b[^.]{{0,100}}?\blaws?\s+of\s+{state_of}({names})\b", re.IGNORECASE)
    # the trigger is found first (a cheap literal scan); the state is then looked for in the rest of its sentence
    located = re.compile(r"(?:located|situated|lying|known as|address(?:ed)? (?:is|at)|property address)\b")
    located_name = re.compile(rf"\b({names})\b", re.IGNORECASE)
    address = re.compile(rf",\s*({names}|{codes})\s+\d{{5}}\b")
    return governing, located, located_name, address, by_name


def _located(text: str, trigger: re.Pattern, name: re.Pattern) -> re.Match | None:
    """A state named within 200 characters after "located in", "situated in"..., in the same sentence."""
    low = text.lower() if len(text.lower()) == len(text) else None
    for t in trigger.finditer(low if low is not None else text):
        stop = text.find(".", t.end(), t.end() + WINDOW)
        m = name.search(text, t.end(), stop if stop != -1 else t.end() + WINDOW)
        if m:
            return m
    return None


def _code(found: str, by_name: dict[str, str]) -> str:
    return by_name.get(found.lower(), found.upper())


def find_jurisdiction(text: str, real_property: bool, governing_law: tuple[str, str] | None = None) -> Jurisdiction:
    """The applicable jurisdiction with the sentence that names it, or an unknown one. `governing_law` is the
    analysis's own reading of the governing-law clause (place, sentence); the overlay's scan is the fallback."""
    governing, located, located_name, address, by_name = _patterns()
    hits: dict[str, Jurisdiction] = {}
    if governing_law and governing_law[0].lower() in by_name:
        code = by_name[governing_law[0].lower()]
        name = next((r["name"] for r in jurisdictions() if r["code"] == code), None)
        hits["governing law"] = Jurisdiction(code, name, "governing law", governing_law[1])
    for source, pattern in (("property", located), ("property", address), ("governing law", governing)):
        if source in hits:
            continue
        m = _located(text, located, located_name) if pattern is located else pattern.search(text)
        if m:
            code = _code(m.group(1), by_name)
            name = next((r["name"] for r in jurisdictions() if r["code"] == code), None)
            hits[source] = Jurisdiction(code, name, source, sentence_at(text, m.start(), m.end()))
    order = ("property", "governing law") if real_property else ("governing law", "property")
    for source in order:
        if source in hits:
            return hits[source]
    return Jurisdiction(None, None, "unknown", None)
