"""What a document is (note, credit agreement, lease, guaranty...), so that only loans get a recourse label.

Data rooms hold leases, guaranties, NDAs and swap confirmations that say "recourse" as often as loans do.
The kind is read from three signals, weighed by where they occur:

1. the title: the first heading or self-naming clause ("This Sublease Agreement (the "Sublease")") in the
   opening, read by ordered rules (data/kinds.json, first match wins); an amendment takes the kind of what it
   amends, and an amended loan document is a loan amendment;
2. the defined roles in the opening (Borrower/Lender, Landlord/Tenant, Guarantor, Licensor, Employer...);
3. the operative clauses (a promise to pay, an advance of loans, a demise of premises, a guarantee of
   another's obligations...), counted fully in the opening and lightly in the rest.

A title decides when there is one; the roles and clauses then only make the answer more or less certain.
Without a title the body decides, and a document that shows no clear kind stays a loan (the analyzer's
default), with kind "unknown". Only the opening is read in full; the rest gets a few capped regex counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from analyzer.results import DocumentKind

OPENING = 10_000  # characters read in full (titles, parties, recitals, first operative clauses)
TITLE_ZONE = 4_000  # where a title may stand
REST_LIMIT = 120_000  # characters after the opening whose clause cues are counted
REST_WINDOWS = 6  # a long text is sampled in this many evenly spaced windows
REST_CAP = 3  # matches counted per clause in the rest
LOAN_FAMILIES = ("note", "loan", "indenture", "security_instrument")


@dataclass
class KindResult:
    """The kind of one document and why."""

    kind: DocumentKind
    is_loan: bool
    explanation: str
    certainty: float
    family: str | None = None
    title: str | None = None
    amends: str | None = None  # for an amendment, the document it amends
    roles: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    guarantors: list[str] = field(default_factory=list)
    guaranteed: str | None = None


@dataclass(frozen=True)
class _Rules:
    families: dict
    title_rules: list[tuple[str, re.Pattern]]
    title_noun: re.Pattern
    upper_run: re.Pattern
    self_naming: re.Pattern
    reference: re.Pattern
    amendment: re.Pattern
    amendment_word: re.Pattern
    citation: re.Pattern
    role_families: dict[str, list[str]]
    role_defined: re.Pattern
    role_word: re.Pattern
    weak_roles: frozenset[str]
    clauses: list[tuple[str, str, re.Pattern, float]]
    guaranty_scope: dict[str, re.Pattern]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compile the cue data once per process."""
    data = json.loads(resources.files("analyzer").joinpath("data/kinds.json").read_text(encoding="utf-8"))
    nouns = data["title_nouns"]
    upper_nouns = nouns.upper().replace("\\S", "\\s")
    role_families: dict[str, list[str]] = {}
    for fam, names in data["roles"].items():
        for name in names:
            role_families.setdefault(name, []).append(fam)
    # longest first, so that "Senior Lender" is read before "Lender"
    names = "|".join(re.escape(n).replace("\\ ", r"\s+") for n in sorted(role_families, key=len, reverse=True))
    return _Rules(
        families=data["families"],
        title_rules=[(fam, re.compile(p, re.I)) for fam, p in data["title_rules"]],
        title_noun=re.compile(rf"\b(?:{nouns})\b", re.I),
        # a run of capitalised words ending in a document noun: "SECOND AMENDED AND RESTATED CREDIT AGREEMENT"
        upper_run=re.compile(rf"(?:[A-Z0-9][A-Z0-9&.,'’/()\-]*[ \t]+){{0,12}}(?:{upper_nouns})\b"),
        # "This Sublease Agreement ("Sublease")", "THIS GUARANTEE (the "Guarantee")"
        self_naming=re.compile(r"\bthis\s+((?:[\w&.,'’/\-]+\s+){0,12}?[\w&.,'’/\-]+)\s*,?\s*\(\s*(?:this|the|"
                               r"herein|hereinafter|as\s+amended)?[^)\n]{0,40}?[\"“]", re.I),
        reference=re.compile(r"\b(?:the|that\s+certain|said)\s+((?:[A-Z][\w&'’\-]*,?\s+(?:and\s+|of\s+)?){0,8}?"
                             r"(?:Agreement|Note|Lease|Sublease|Indenture|Guaranty|Guarantee|Mortgage|"
                             r"Deed\s+of\s+Trust|Contract|Confirmation))\b"),
        amendment=re.compile(data["amendment"], re.I | re.S),
        amendment_word=re.compile(data["amendment_word"], re.I),
        citation=re.compile(data["citation_words"], re.I),
        role_families=role_families,
        role_defined=re.compile(rf"[\"“]({names})[\"”]|\bas\s+(?:the\s+|a\s+|an\s+)?({names})\b"
                                rf"|^[ \t]*({names})[ \t]*:", re.M),
        role_word=re.compile(rf"\b({names})\b"),
        weak_roles=frozenset(data["weak_roles"]),
        # clause cues are written in lower case and matched against lower-cased text (faster than re.I)
        clauses=[(fam, name, re.compile(_unanchored(p), re.S), w) for fam, name, p, w in data["clauses"]],
        guaranty_scope={k: re.compile(p, re.I) for k, p in data["guaranty_scope"].items()},
    )


def _unanchored(pattern: str) -> str:
    """The pattern without a leading \\b on its top-level alternatives.

    A leading \\b stops Python's regex engine from scanning ahead for the first characters, which made
    these counts ten times slower; _count checks the word boundary itself instead.
    """
    alts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "|" and depth == 0:
            alts.append(pattern[start:i])
            start = i + 1
        i += 1
    alts.append(pattern[start:])
    return "|".join(a[2:] if a.startswith("\\b") else a for a in alts)


def _title_family(title: str) -> str | None:
    for fam, pattern in rules().title_rules:
        if pattern.search(title):
            return fam
    return None


def _titles(opening: str) -> list[tuple[int, str]]:
    """Title candidates in the title zone, by position: capitalised runs and self-naming clauses."""
    r = rules()
    zone = opening[:TITLE_ZONE]
    found = [(m.start(), _trim(m.group(0))) for m in r.upper_run.finditer(_join_caps_lines(zone))]
    for m in r.self_naming.finditer(zone):
        phrase = " ".join(m.group(1).split())
        tail = r.title_noun.search(phrase.split()[-1]) if phrase else None
        if tail and not re.search(r"\b(is|are|was|shall|will|has|have|may)\b", phrase, re.I):
            found.append((m.start(1), phrase))
    # a short heading line in Title Case ("Cardmember Agreement: Part 2 of 2", "Agreement of Purchase and Sale")
    pos = 0
    for line in zone.splitlines(keepends=True):
        s = line.strip()
        words = s.split()
        if (0 < len(s) <= 100 and words[0][:1].isupper() and r.title_noun.search(s)
                and all(w[:1].isupper() or w[:1].isdigit() or w in _SMALL for w in words)):
            found.append((pos + line.find(s), s.rstrip(".:;,")))
        pos += len(line)
    return sorted(found)


def _join_caps_lines(zone: str) -> str:
    """Short capitalised lines that follow each other read as one ("LOAN" / "AGREEMENT"); offsets are kept."""
    lines = zone.split("\n")

    def caps(line: str) -> bool:
        letters = [c for c in line if c.isalpha()]
        return 0 < len(line.strip()) <= 60 and sum(c.isupper() for c in letters) >= 0.8 * len(letters) > 0

    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 < len(lines):
            out.append(" " if caps(line) and caps(lines[i + 1]) else "\n")
    return "".join(out)


def _trim(run: str) -> str:
    """A capitalised run cut to its title: no leading numbers, nothing after "THIS"/"DATED", no repeat."""
    words = re.sub(r"^(?:[^A-Za-z\s]+\s+)+", "", " ".join(run.split())).split()
    for i, w in enumerate(words[1:], 1):
        if w.upper() in _STOP or w.upper() == words[0].upper():
            words = words[:i]
            break
    title = " ".join(words)
    ends = [m.end() for m in rules().title_noun.finditer(title)]
    return title[:ends[-1]] if ends else title


_STOP = frozenset({"THIS", "DATED", "BETWEEN", "AMONG", "MADE", "BY", "IS", "DATE"})


_SMALL = frozenset({"and", "of", "to", "for", "the", "by", "&", "in", "on", "with", "a", "an", "-", "–"})


def _amended_object(title: str, opening: str, at: int) -> tuple[str | None, str | None]:
    """What an amendment amends: named in its title, or else the first document its recitals name."""
    r = rules()
    m = r.amendment.match(title)
    if m:
        fam = _title_family(m.group("object"))
        if fam:
            return fam, m.group("object")
    rest = r.amendment_word.sub(" ", title)
    fam = _title_family(rest) if r.title_noun.search(rest) else None
    if fam:
        return fam, title
    for ref in r.reference.finditer(opening, at):
        fam = _title_family(ref.group(1))
        if fam:
            return fam, ref.group(1)
    return None, None


def _find_title(opening: str) -> tuple[str | None, str | None, str | None]:
    """(family, title, what it amends) of the first candidate that reads as a known kind of document."""
    r = rules()
    for at, cand in _titles(opening):
        if r.citation.search(cand):
            continue  # a legend or recital that cites another document ("SUBJECT TO THE INTERCREDITOR AGREEMENT")
        if r.amendment_word.search(cand):
            fam, obj = _amended_object(cand, opening, at)
            if fam:
                return fam, cand, " ".join(obj.split())
            continue
        fam = _title_family(cand)
        if fam:
            return fam, cand, None
    return None, None, None


def _count(pattern: re.Pattern, text: str, cap: int) -> int:
    """Matches that start on a word boundary, up to cap."""
    n = 0
    for m in pattern.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        n += 1
        if n >= cap:
            break
    return n


def _sample(text: str) -> str:
    """The text after the opening, or evenly spaced windows of it when it is long (a cheap, fair count)."""
    rest = text[OPENING:]
    if len(rest) <= REST_LIMIT:
        return rest
    step = len(rest) // REST_WINDOWS
    size = REST_LIMIT // REST_WINDOWS
    return "\n".join(rest[i * step:i * step + size] for i in range(REST_WINDOWS))


_SELF = re.compile(r"[Tt]his\s+((?:[A-Z][\w-]*\s+){0,3}(?:Note|Lease|Sublease|Guaranty|Guarantee|Mortgage|"
                   r"Deed\s+of\s+Trust|Security\s+Instrument|Indenture|Confirmation|Agreement))\b")


def _score(opening: str, rest: str) -> tuple[dict[str, float], dict[str, list[str]], dict[str, list[str]]]:
    """Role and clause scores per family, with the roles and clauses that earned them."""
    r = rules()
    scores: dict[str, float] = {}
    roles: dict[str, list[str]] = {}
    clauses: dict[str, list[str]] = {}
    # how the text names itself: "this Note", "this Lease", "this Security Instrument"
    both = opening + "\n" + rest
    selves = Counter(" ".join(m.group(1).split()) for m in _SELF.finditer(both)
                     if not m.start() or not both[m.start() - 1].isalnum())
    for name, n in selves.most_common(3):
        fam = _title_family(name)
        if fam and not any(c.startswith("calls itself") for c in clauses.get(fam, [])):
            scores[fam] = scores.get(fam, 0.0) + min(n, 3) * 0.75
            clauses.setdefault(fam, []).append(f"calls itself \"this {name}\"")

    def norm(name: str) -> str:
        return " ".join(name.split())

    defined = dict.fromkeys(norm(next(g for g in m.groups() if g)) for m in r.role_defined.finditer(opening))
    mentions = Counter(norm(m.group(1)) for m in r.role_word.finditer(opening))
    for name in dict.fromkeys([*defined, *mentions]):
        if name not in r.role_families:
            continue
        weight = 0.5 if name in r.weak_roles else 1.0
        pts = weight * (1.5 if name in defined else 0.75 if mentions[name] >= 3 else 0.4 if mentions[name] else 0)
        for fam in r.role_families[name] if pts else ():
            scores[fam] = scores.get(fam, 0.0) + pts
            roles.setdefault(fam, []).append(name)
    low_opening, low_rest = opening.lower(), rest.lower()
    for fam, name, pattern, weight in r.clauses:
        pts = weight * (_count(pattern, low_opening, 2) + 0.3 * _count(pattern, low_rest, REST_CAP))
        if pts:
            scores[fam] = scores.get(fam, 0.0) + pts
            if name not in clauses.get(fam, []):
                clauses.setdefault(fam, []).append(name)
    return scores, roles, clauses


def _and(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _guaranty_facts(opening: str, text: str) -> tuple[list[str], str]:
    """Who guarantees, and whether the whole debt or only the recourse carve-outs."""
    names: list[str] = []
    for m in re.finditer(r"([A-Z][^()\"“”;]{2,240}?)\s*\((?:[^()\"“]{0,40}?)[\"“]Guarantors?[\"”]", opening):
        chunk = re.split(r"\n|\b(?:by|between|among|from|of|undersigned|received|RECEIVED),?\s+", m.group(1))[-1]
        chunk = re.sub(r",?\s+an?\s+[\w\s-]{0,60}?(corporation|company|partnership|association|individual)\b.*",
                       "", chunk)
        chunk = " ".join(chunk.strip(" ,").split())
        if 2 < len(chunk) <= 160:
            names.append(chunk)
    for m in re.finditer(r"\b([A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’,\-]*){0,6}),?\s+as\s+(?:a\s+|the\s+)?Guarantor\b",
                         opening):
        names.append(m.group(1).strip(" ,"))
    scope = rules().guaranty_scope
    sample = text[:150_000]
    cap = scope["capped"].search(sample)
    if scope["carve_outs"].search(sample):
        what = "only the recourse carve-outs (losses and liabilities excepted from the loan's non-recourse terms)"
    elif scope["completion"].search(sample):
        what = "completion of the project, not payment of the debt"
    elif cap and scope["whole_debt"].search(sample):
        what = f"the debt up to a cap ({' '.join(cap.group(0).split())})"
    elif scope["whole_debt"].search(sample):
        what = "the whole debt (payment of the guaranteed obligations)"
    else:
        what = "obligations it does not describe in a recognised form"
    return list(dict.fromkeys(names))[:4], what


def document_kind(text: str) -> KindResult:
    """The kind of a document from its text; see the module docstring for the rules."""
    r = rules()
    opening, rest = text[:OPENING], _sample(text)
    fam_title, title, amends = _find_title(opening)
    scores, roles, clauses = _score(opening, rest)
    loan_score = sum(scores.get(f, 0.0) for f in LOAN_FAMILIES)
    others = {f: s for f, s in scores.items() if f not in LOAN_FAMILIES}
    best_other = max(others, key=others.get, default=None)
    if fam_title:
        fam = fam_title
        own = loan_score if fam in LOAN_FAMILIES else scores.get(fam, 0.0)
        rival = max(others.values(), default=0.0) if fam in LOAN_FAMILIES else loan_score
        certainty = 0.95 if own >= 1.5 and own >= rival else 0.85 if own >= 1.5 or rival < 3 else 0.7
    elif best_other and ((others[best_other] >= 3 and others[best_other] > 2 * loan_score) or (
            # a short excerpt: no loan signal at all, and a role and a clause of one other kind agree
            loan_score == 0 and others[best_other] >= 1.5 and roles.get(best_other) and clauses.get(best_other))):
        fam = best_other
        certainty = min(0.85, 0.55 + 0.05 * (others[best_other] - loan_score))
    elif loan_score >= 1.5:
        # how the text names itself ("this Security Instrument") says more than which roles it mentions
        named = [f for f in LOAN_FAMILIES if any(c.startswith("calls itself") for c in clauses.get(f, []))]
        fam = named[0] if named else max(LOAN_FAMILIES, key=lambda f: scores.get(f, 0.0))
        certainty = min(0.85, 0.55 + 0.05 * loan_score)
    else:
        fam, certainty = None, 0.3
    if fam is None:
        return KindResult(DocumentKind.unknown, True, "an unknown kind of document (no title, parties or "
                          "operative clause that tells); read as a loan", certainty)
    info = r.families[fam]
    is_loan = bool(info["loan"])
    kind = DocumentKind[info["kind"]]
    noun = info["noun"]
    if amends:
        noun = "an amendment of " + noun
        kind = DocumentKind.loan_amendment if is_loan else kind
    fams = LOAN_FAMILIES if is_loan else (fam,)
    role_list = [n for f in fams for n in roles.get(f, [])][:4]
    clause_list = [c for f in fams for c in clauses.get(f, [])][:3]
    parts = [f"titled \"{title}\"" if title else "no title"]
    if amends and amends != title:
        parts.append(f"amends the {amends}")
    if role_list:
        parts.append(_and(role_list))
    if clause_list:
        parts.append(_and(clause_list))
    result = KindResult(kind, is_loan, f"{noun}: " + "; ".join(parts), round(certainty, 2), fam, title, amends,
                        role_list, clause_list)
    if fam == "guaranty":
        result.guarantors, result.guaranteed = _guaranty_facts(opening, text)
    return result


if __name__ == "__main__":  # the command line lives with the evaluation, above the reading layer
    from analyzer.kinds_eval import cli

    raise SystemExit(cli())
