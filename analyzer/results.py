"""The output contract: pydantic models that every front door returns, and their JSON schema."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.1"


class Label(StrEnum):
    recourse = "recourse"
    limited_recourse = "limited-recourse"
    non_recourse = "non-recourse"
    not_a_loan = "not-a-loan"


class DocumentKind(StrEnum):
    """What the document is; only loan instruments get a recourse label."""

    promissory_note = "promissory note"
    loan_agreement = "loan or credit agreement"
    note_purchase_or_indenture = "note purchase agreement or indenture"
    security_instrument = "mortgage, deed of trust or security instrument"
    loan_amendment = "loan amendment or modification"
    guaranty = "guaranty"
    pledge_or_security_agreement = "pledge or security agreement"
    lease = "lease"
    other_contract = "other contract"
    unknown = "unknown"


class PageBox(BaseModel):
    page: int
    bbox: tuple[float, float, float, float] = Field(description="x0, top, x1, bottom in PDF points")


class EvidenceItem(BaseModel):
    """One item of a carve-out or springing-recourse list, quoted on its own."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the item, exactly Document.text[start:end]")
    start: int
    end: int
    page: int | None = None
    boxes: list[PageBox] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list, description="carve-out categories or springing triggers "
                                  "the item names")


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="personal_liability, no_personal_liability, exculpation, deficiency_allowed, "
                      "deficiency_barred, carve_out, springing_recourse, recourse_cap, limited_recourse, "
                      "guaranty, without_recourse_transfer, recourse_title, governing_law, promise_to_pay")
    polarity: str = Field(description="asserted | negated")
    text: str = Field(description="the sentence, exactly Document.text[start:end]")
    start: int
    end: int
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = Field(None, description="first line's box on `page`")
    boxes: list[PageBox] = Field(default_factory=list)
    section: str | None = None
    rule: str = Field(description="id of the pattern that fired")
    score: float
    cue: str | None = Field(None, description="the word(s) that decided polarity or kind")
    scope: str | None = Field(None, description="override | qualified: an exception attaches to this clause")
    scope_cue: str | None = None
    protected_parties: list[str] = Field(default_factory=list)
    limits_borrower: bool = False
    decisive: bool = False
    note: str | None = Field(None, description="why the clause was set aside, when it was")
    categories: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    items: list[EvidenceItem] = Field(default_factory=list, description="a carve-out or springing list's items, "
                                      "each quoted on its own (schema 2.1)")


class Cap(BaseModel):
    amount: str | None = None
    percent: float | None = None


class Details(BaseModel):
    carve_outs: list[str] = Field(default_factory=list)
    springing_triggers: list[str] = Field(default_factory=list)
    caps: list[Cap] = Field(default_factory=list)
    guarantors: list[str] = Field(default_factory=list)
    governing_law: str | None = None
    protected_parties: list[str] = Field(default_factory=list)


class LawCondition(BaseModel):
    name: str
    status: Literal["found", "not found", "unknown"]
    evidence: str | None


class DeficiencyLaw(BaseModel):
    """What the law of the jurisdiction adds if the borrower defaults; stands beside the label, never changes it."""

    jurisdiction: str | None
    rule: str | None
    citation: str | None
    outcome: str
    conditions: list[LawCondition]
    note: str = ("Not legal advice: a summary of public statutes reviewed 2026-12-07; "
                 "ask a lawyer admitted in the state.")


class Analysis(BaseModel):
    schema_version: str = SCHEMA_VERSION
    path: str
    path_bytes: str | None = Field(None, description="only when the file name is not valid UTF-8: its exact "
                                   "bytes in base64; `path` then shows each invalid byte as \\xNN")
    sha256: str | None = None
    format: str | None = None
    label: Label | None = None
    document_kind: DocumentKind | None = Field(None, description="what the document is; a non-loan gets "
                                               "label not-a-loan")
    confidence: float | None = Field(None, ge=0, le=1)
    reasons: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    details: Details = Field(default_factory=Details)
    pages: int | None = None
    ocr_pages: list[int] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = Field(None, description="present on failure, and then there is no label")
    error_code: str | None = None
    seconds: float | None = None
    deficiency_law: DeficiencyLaw | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def json_schema() -> dict:
    schema = Analysis.model_json_schema()
    schema["$id"] = f"https://recourse-analyzer/schema/analysis-{SCHEMA_VERSION}.json"
    schema["title"] = "recourse-analyzer Analysis"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2)
