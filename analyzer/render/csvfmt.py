"""CSV: one row per document. Cells that a spreadsheet would run as a formula are neutralized; a cell cut
to fit ends with "…" so nobody takes it for the whole clause."""

from __future__ import annotations

import csv
from typing import TextIO

from analyzer import words
from analyzer.results import Analysis

COLUMNS = ["path", "sha256", "label", "confidence", "top_reason", "decisive_kind", "decisive_page",
           "decisive_text", "carve_outs", "springing_triggers", "governing_law", "pages", "warnings", "error",
           "deficiency_law", "caps", "guarantors", "document_kind", "path_bytes"]
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


def _law(r: Analysis) -> str:
    """ "CA: deficiency barred [Cal. Civ. Proc. Code § 580b]": where, the outcome, and the statute."""
    law = words.deficiency_law(r)
    if law is None:
        return ""
    cite = words.field(law, "citation")
    return f"{words.field(law, 'jurisdiction') or 'unknown'}: {words.field(law, 'outcome')}" + (
        f" [{cite}]" if cite else "")


def row(r: Analysis) -> list[str]:
    """The record's cells, in COLUMNS order (new columns go last, so older readers by position keep working)."""
    top = next((e for e in r.evidence if e.decisive), None)
    values = [r.path, r.sha256, r.label.value if r.label else "", r.confidence,
              r.reasons[0] if r.reasons else "", top.kind if top else "", top.page if top else "",
              top.text if top else "", ";".join(r.details.carve_outs), ";".join(r.details.springing_triggers),
              r.details.governing_law, r.pages, ";".join(r.warnings), r.error, _law(r),
              ";".join(words.caps_text(r)), ";".join(r.details.guarantors),
              r.document_kind.value if r.document_kind is not None else "", r.path_bytes]
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
