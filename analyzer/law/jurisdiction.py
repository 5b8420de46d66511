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


@dataclass
class Jurisdiction:
    code: str | None
    name: str | None
    source: str  # "property" | "governing law" | "unknown"
    evidence: str | None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    rows = jurisdictions()
    by_name = {r["name"].lower(): r["code"] for r in rows}
    names = "|".join(re.escape(n) for n in sorted((r["name"] for r in rows), key=len, reverse=True))
    codes = "|".join(r["code"] for r in rows)
    state_of = r"(?:the\s+)?(?:State\s+of\s+|Commonwealth\s+of\s+)?"
    governing = re.compile(rf"govern(?:ed|s)\b[^.]{{0,100}}?\blaws?\s+of\s+{state_of}({names})\b", re.IGNORECASE)
    located = re.compile(r"(?:located|situated|lying|known as|address(?:ed)? (?:is|at)|property address)\b[^.]{0,200}?"
                         rf"(?:State\s+of\s+|Commonwealth\s+of\s+)?\b({names})\b", re.IGNORECASE)
    address = re.compile(rf",\s*({names}|{codes})\s+\d{{5}}\b")
    return governing, located, address, by_name


def _code(found: str, by_name: dict[str, str]) -> str:
    return by_name.get(found.lower(), found.upper())


def find_jurisdiction(text: str, real_property: bool) -> Jurisdiction:
    """The applicable jurisdiction with the sentence that names it, or an unknown one."""
    governing, located, address, by_name = _patterns()
    hits: dict[str, Jurisdiction] = {}
    for source, pattern in (("property", located), ("property", address), ("governing law", governing)):
        if source in hits:
            continue
        m = pattern.search(text)
        if m:
            code = _code(m.group(1), by_name)
            name = next((r["name"] for r in jurisdictions() if r["code"] == code), None)
            hits[source] = Jurisdiction(code, name, source, sentence_at(text, m.start(), m.end()))
    order = ("property", "governing law") if real_property else ("governing law", "property")
    for source in order:
        if source in hits:
            return hits[source]
    return Jurisdiction(None, None, "unknown", None)
