"""The words a reader sees for the code's names: evidence kinds, categories, labels; and quotes cut cleanly.

One table for every format (terminal, CSV, HTML). A kind the table does not know yet (the judgment
may add kinds) still reads as words: `humanize` turns `deficiency_barred` into "Deficiency barred".
"""

from __future__ import annotations

import re

from analyzer.results import Analysis, Evidence

# evidence kind -> (words, tone); tone drives colour: "limits" recourse, "keeps" it, or "neutral"
KIND_WORDS: dict[str, tuple[str, str]] = {
    "exculpation": ("Exculpation", "limits"),
    "no_personal_liability": ("No personal liability", "limits"),
    "deficiency_barred": ("No deficiency judgment", "limits"),
    "limited_recourse": ("Limited recourse", "limits"),
    "recourse_cap": ("Recourse cap", "keeps"),
    "carve_out": ("Carve-out", "keeps"),
    "springing_recourse": ("Springing recourse", "keeps"),
    "personal_liability": ("Personal liability", "keeps"),
    "deficiency_allowed": ("Deficiency judgment allowed", "keeps"),
    "promise_to_pay": ("Promise to pay", "keeps"),
    "guaranty": ("Guaranty", "keeps"),
    "without_recourse_transfer": ("Transfer without recourse (the endorser's, not the borrower's)", "neutral"),
    "recourse_title": ("Recourse named in the title", "neutral"),
    "governing_law": ("Governing law", "neutral"),
}

# names of categories and triggers that read badly when only their underscores are replaced
TERM_WORDS: dict[str, str] = {
    "misapplication_of_rents": "misapplication of rents",
    "insurance_or_condemnation_proceeds": "insurance or condemnation proceeds",
    "involuntary_bankruptcy_collusion": "collusive involuntary bankruptcy",
    "additional_debt_or_lien": "additional debt or lien",
    "unpermitted_transfer": "unpermitted transfer",
}

LABEL_WORDS: dict[str, str] = {
    "recourse": "RECOURSE",
    "limited-recourse": "LIMITED-RECOURSE",
    "non-recourse": "NON-RECOURSE",
    "not-a-loan": "NOT A LOAN AGREEMENT",
}

# phrases of the reasons that read wrongly to a person, and what they mean
REPHRASE: dict[str, str] = {
    "set aside (not a limit on the borrower):": "not counted, as they do not limit the borrower's own liability:",
    "clause(s)": "clauses",
}

_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def humanize(name: str) -> str:
    """`voluntary_bankruptcy` -> "voluntary bankruptcy"; a known term gets its own words."""
    return TERM_WORDS.get(name, name.replace("_", " ").strip())


def kind_words(kind: str) -> str:
    words = KIND_WORDS.get(kind)
    return words[0] if words else humanize(kind).capitalize()


def kind_tone(kind: str) -> str:
    words = KIND_WORDS.get(kind)
    return words[1] if words else "neutral"


def evidence_title(e: Evidence) -> str:
    """ "Carve-out: fraud, waste", "Springing recourse: voluntary bankruptcy", "Exculpation"."""
    title = kind_words(e.kind)
    extra = e.categories if e.kind == "carve_out" else e.triggers if e.kind == "springing_recourse" else []
    if extra:
        title += ": " + ", ".join(humanize(x) for x in extra)
    return title


def readable(sentence: str) -> str:
    """A reason as the code wrote it, with its snake_case names and code phrases turned into words (records keep
    their lower-case start, so that 'document: ...' stays a prefix a program can test)."""
    for old, new in REPHRASE.items():
        sentence = sentence.replace(old, new)
    return _SNAKE.sub(lambda m: humanize(m.group(0)), sentence)


def plain(sentence: str) -> str:
    """`readable`, capitalized for a person reading a list of reasons."""
    sentence = readable(sentence)
    return sentence[:1].upper() + sentence[1:]


def verdict(r: Analysis) -> str:
    """ "LIMITED-RECOURSE — confidence 0.90"; "NOT A LOAN AGREEMENT — a lease"; "ERROR — reason"."""
    if r.error or r.label is None:
        return f"ERROR — {r.error or 'no label'}"
    head = LABEL_WORDS.get(r.label.value, r.label.value.upper())
    if r.label.value == "not-a-loan":
        return f"{head} — {_a(r.document_kind.value if r.document_kind is not None else '')}"
    conf = f" — confidence {r.confidence:.2f}" if r.confidence is not None else ""
    return head + conf


def _a(kind: str) -> str:
    """ "a lease", "an indenture", "another contract"; "a document of unknown kind"."""
    if not kind or kind == "unknown":
        return "a document of unknown kind"
    if kind.startswith("other "):
        return "another " + kind[6:]
    return ("an " if kind[:1].lower() in "aeiou" else "a ") + kind


def where(e: Evidence) -> str:
    return ", ".join(x for x in (f"p. {e.page}" if e.page else None, e.section) if x)


def cut(text: str, limit: int) -> str:
    """`text` whole when it fits; else up to the last sentence end within `limit` (when that keeps at least
    half), else up to the last whole word, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.;:!?][\"')\]]?(?=\s)", head)]
    if ends and ends[-1] >= limit // 2:
        return head[:ends[-1]] + " …"
    space = head.rfind(" ")
    if space > 0:
        head = head[:space]
    return (head.rstrip(",;: ") or head) + " …"


def caps_text(r: Analysis) -> list[str]:
    return [" / ".join(x for x in (c.amount, f"{c.percent:g}%" if c.percent is not None else None) if x)
            for c in r.details.caps]


def field(obj: object, name: str) -> object:
    """An attribute of a model, or a key of a dict: the deficiency-law record may arrive as either."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def deficiency_law(r: Analysis) -> object | None:
    """The record's deficiency-law finding, when this version of the schema has one."""
    return getattr(r, "deficiency_law", None)


def deficiency_lines(r: Analysis) -> list[str]:
    """The deficiency-law finding as lines of words: jurisdiction and rule, outcome, each condition, note."""
    law = deficiency_law(r)
    if law is None:
        return []
    head = " — ".join(str(x) for x in (field(law, "jurisdiction"), field(law, "rule")) if x)
    cite = field(law, "citation")
    lines = [head + (f" ({cite})" if cite else "")] if head or cite else []
    if field(law, "outcome"):
        lines.append(f"outcome: {humanize(str(field(law, 'outcome')))}")
    for c in field(law, "conditions") or []:
        name, status = field(c, "name"), field(c, "status")
        proof = field(c, "evidence")
        proof = proof if isinstance(proof, str) else (field(proof, "text") if proof is not None else None)
        lines.append(f"{humanize(str(name or 'condition'))}: {humanize(str(status or 'unknown'))}"
                     + (f" — “{cut(str(proof), 160)}”" if proof else ""))
    if field(law, "note"):
        lines.append(str(field(law, "note")))
    return lines


def details_rows(r: Analysis) -> list[tuple[str, str]]:
    """(name, value) for each detail found, in words; the same rows in the terminal and in HTML."""
    d = r.details
    more = f" and {len(d.guarantors) - 5} more" if len(d.guarantors) > 5 else ""
    rows = [("Carve-outs", ", ".join(humanize(x) for x in d.carve_outs)),
            ("Springing recourse on", ", ".join(humanize(x) for x in d.springing_triggers)),
            ("Caps", ", ".join(caps_text(r))),
            ("Guarantors", ", ".join(d.guarantors[:5]) + more),
            ("Governing law", d.governing_law or ""),
            ("Document kind", r.document_kind.value if r.document_kind is not None else ""),
            ("Deficiency law", "\n".join(deficiency_lines(r)))]
    return [(k, v) for k, v in rows if v]
