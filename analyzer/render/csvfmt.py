"""CSV: one row per document. Cells that a spreadsheet would run as a formula are neutralized; a cell cut
to fit ends with "…" so nobody takes it for the whole clause."""

from __future__ import annotations

import csv
from typing import TextIO

from analyzer.render import words
from analyzer.results import Analysis

COLUMNS = ["path", "sha256", "label", "confidence", "top_reason", "decisive_kind", "decisive_page",
           "decisive_text", "carve_outs", "springing_triggers", "governing_law", "pages", "warnings", "error",
           "caps", "guarantors", "document_kind", "deficiency_law_outcome"]
CELL_CHARS = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    s = "" if value is None else str(value)
    if s.startswith(_FORMULA_START) and not _is_number(s):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def row(r: Analysis) -> list[str]:
    """The record's cells, in COLUMNS order (new columns go last, so older readers by position keep working)."""
    top = next((e for e in r.evidence if e.decisive), None)
    values = [r.path, r.sha256, r.label.value if r.label else "", r.confidence,
              r.reasons[0] if r.reasons else "", top.kind if top else "", top.page if top else "",
              top.text if top else "", ";".join(r.details.carve_outs), ";".join(r.details.springing_triggers),
              r.details.governing_law, r.pages, ";".join(r.warnings), r.error,
              ";".join(words.caps_text(r)), ";".join(r.details.guarantors),
              r.document_kind.value if r.document_kind is not None else "", words.deficiency_outcome(r)]
    return [safe_cell(_fit(v)) for v in values]


def _fit(value: object) -> object:
    if isinstance(value, str) and len(value) > CELL_CHARS:
        return words.cut(value, CELL_CHARS)
    return value


class CsvWriter:
    def __init__(self, out: TextIO, header: bool = True) -> None:
        self.out = out
        self.w = csv.writer(out)
        if header:
            self.w.writerow(COLUMNS)

    def write(self, result: Analysis) -> None:
        self.w.writerow(row(result))
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def make_writer(fmt: str, out: TextIO, header: bool = True, **_kw) -> CsvWriter:
    return CsvWriter(out, header=header)
