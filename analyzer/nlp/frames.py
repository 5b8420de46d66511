"""The frame model every judged clause is read into, and the enums the decision reads.

A Finding is a frame: its `kind` (Kind), its polarity after the scope algorithm, the parties it protects,
whether it binds the borrower (`limits_borrower`), the exceptions announced inside it, the carve-out categories
or springing triggers it names, and, when it does not count, why (`aside`, an enum: the decision never reads
prose notes). Kinds and set-aside reasons are defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from analyzer.nlp.context import CueHit


class Kind(StrEnum):
    promise_to_pay = "promise_to_pay"
    personal_liability = "personal_liability"
    no_personal_liability = "no_personal_liability"
    exculpation = "exculpation"
    deficiency_allowed = "deficiency_allowed"
    deficiency_barred = "deficiency_barred"
    forfeiture_only = "forfeiture_only"
    carve_out = "carve_out"
    springing_recourse = "springing_recourse"
    recourse_cap = "recourse_cap"
    limited_recourse = "limited_recourse"
    guaranty = "guaranty"
    without_recourse_transfer = "without_recourse_transfer"
    recourse_title = "recourse_title"
    governing_law = "governing_law"


class Aside(StrEnum):
    """Why a clause that sounds like a limit does not limit this borrower's recourse."""

    defined_term = "a defined term, not this loan"
    other_debt = "about other debt, not this loan"
    protects_others = "protects only other parties"
    no_obligor = "names no obligor"
    signatory = "protects only an officer signing in a representative capacity"
    waiver = "inside a waiver of defenses or a definition"
    transfer = "concerns a transferor (endorsement, assignment or participation)"
    marking = "a rule about marking payments"
    other_instrument = "the law of another instrument, not this one"


# the kinds that limit recourse when they bind the borrower
LIMITING = {Kind.no_personal_liability, Kind.exculpation, Kind.deficiency_barred, Kind.limited_recourse,
            Kind.recourse_cap, Kind.forfeiture_only}
# the kinds that keep recourse alive beside a limit
KEEPING = {Kind.carve_out, Kind.springing_recourse}
# the kinds that assert recourse on their own
ASSERTING = {Kind.personal_liability, Kind.deficiency_allowed, Kind.promise_to_pay}


@dataclass
class Finding:
    kind: str
    polarity: str  # asserted | negated
    start: int
    end: int
    rule: str
    anchor: tuple[int, int]
    cue: str | None = None  # what decided polarity
    scope: str | None = None  # override | qualified
    scope_cue: str | None = None
    protected_parties: list[str] = field(default_factory=list)
    limits_borrower: bool = False
    note: str | None = None  # why a false friend was set aside
    categories: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    cap: dict | None = None
    value: str | None = None  # governing-law state, title kind
    score: float = 0.5
    aside: Aside | None = None  # why the clause does not count, as an enum the decision reads
    exceptions: list[str] = field(default_factory=list)  # cross-referenced exceptions ("except as provided in ...")

    @property
    def frame(self) -> str:
        """Obligor-facing summary: the kind and whether it binds the borrower."""
        return f"{self.kind}:{'borrower' if self.limits_borrower else 'other'}:{self.polarity}"


@dataclass
class Context:
    """The sentence around one hit, and the anchor inside it (offsets relative to the sentence)."""

    text: str
    sent_start: int
    a0: int
    a1: int
    section: str | None
    at_top: bool  # within the document's opening lines (titles)
    cues: list[CueHit] = field(default_factory=list)  # cue rules matched in the sentence
    at0: int = 0  # the anchor's tokens in the sentence
    at1: int = 0
    judge: str = ""  # the construction being judged (cue rules may exclude some)

    @property
    def anchor(self) -> str:
        return self.text[self.a0:self.a1]

    def clause_start(self) -> int:
        """After the last ';' or ':' or scope-ending cue (', but', ', and no', 'provided') before the anchor."""
        cut = max(self.text.rfind(";", 0, self.a0), self.text.rfind(":", 0, self.a0))
        start = cut + 1 if cut >= 0 else 0
        for h in self.cues:
            if h.category == "TERMINATE" and start <= h.c0 and h.c1 <= self.a0 and h.text.startswith((",", ";")):
                start = h.c0 + 1
        return start

    def before_exception(self, limit: int) -> int:
        """`limit`, or sooner the start of the first exception or condition cue after the anchor: what a clause
        says of itself ends where its exceptions and triggers begin ("non-recourse, save that ... if Maker grants
        a second lien": the lien is a trigger of this loan, not some other debt)."""
        return min([limit] + [h.c0 for h in self.cues if h.category in ("EXCEPTION", "CONDITION") and h.c0 >= self.a1])

    def clause_end(self) -> int:
        ends = [i for i in (self.text.find(";", self.a1), self.text.find(":", self.a1)) if i >= 0]
        return min(ends) if ends else len(self.text)

    @property
    def pre(self) -> str:
        return self.text[self.clause_start():self.a0]

    @property
    def post(self) -> str:
        return self.text[self.a1:self.clause_end()]

