"""The deficiency-law table: a data file shipped in the package, loaded once and looked up by code or name.

The table is data, not code, so that a reviewer can check each row against its statute without reading Python.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

TABLE_FILE = "deficiency.json"


@cache
def load_table() -> dict:
    """The whole table: jurisdictions (50 states and DC), federal overlays and the UCC Article 9 default."""
    return json.loads(files("analyzer.law").joinpath(TABLE_FILE).read_text(encoding="utf-8"))


def jurisdictions() -> list[dict]:
    return load_table()["jurisdictions"]


def federal_overlays() -> list[dict]:
    return load_table()["federal"]


@cache
def _index() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for row in federal_overlays():  # "VA" is Virginia; the Veterans Affairs overlay is "federal VA"
        out["federal " + row["code"].lower()] = row
        out.setdefault(row["code"].lower(), row)
        out[row["name"].lower()] = row
    for row in jurisdictions():  # a state's postal code always wins over an overlay's code
        out[row["code"].lower()] = row
        out[row["name"].lower()] = row
    return out


def lookup(key: str) -> dict | None:
    """A row by postal code ("CA"), overlay code ("HECM", "federal VA") or full name ("New York"), any case;
    None if unknown. A postal code shared with an overlay ("VA") names the state."""
    return _index().get(" ".join(key.split()).lower())


def name_to_code() -> dict[str, str]:
    """Full jurisdiction names (lower case) to postal codes, for finding a state named in a document."""
    return {row["name"].lower(): row["code"] for row in jurisdictions()}
