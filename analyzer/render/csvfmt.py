"""CSV: one row per document. Cells that a spreadsheet would run as a formula are neutralized."""

from __future__ import annotations

import csv
from typing import TextIO

from analyzer.results import Analysis

COLUMNS = ["path", "sha256", "label", "confidence", "top_reason", "decisive_kind", "decisive_page",
           "decisive_text", "carve_outs", "springing_triggers", "governing_law", "pages", "warnings", "error",
           "path_bytes"]
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
    top = next((e for e in r.evidence if e.decisive), None)
    values = [r.path, r.sha256, r.label.value if r.label else "", r.confidence,
              r.reasons[0] if r.reasons else "", top.kind if top else "", top.page if top else "",
              top.text[:500] if top else "", ";".join(r.details.carve_outs), ";".join(r.details.springing_triggers),
              r.details.governing_law, r.pages, ";".join(r.warnings), r.error, r.path_bytes]
    return [safe_cell(v) for v in values]


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
