"""Paraphrase generator: short loan documents that vary the wording of each recourse construction.

Run ``python -m tests.paraphrase`` from the repository root (see README.md in this folder).
"""

from __future__ import annotations

from collections.abc import Iterator

from .document import Family, Generated, generate_one
from .families_drafted import FAMILIES_DRAFTED
from .families_known import FAMILIES_KNOWN
from .families_new import FAMILIES_NEW

FAMILIES: list[Family] = FAMILIES_NEW + FAMILIES_KNOWN + FAMILIES_DRAFTED
PER_FAMILY = 200
SEED = "recourse-paraphrase-1"


def family(name: str) -> Family:
    for fam in FAMILIES:
        if fam.name == name:
            return fam
    raise KeyError(f"unknown family {name!r}; known: {', '.join(f.name for f in FAMILIES)}")


def generate(families: list[Family] | None = None, per_family: int = PER_FAMILY,
             seed: str = SEED) -> Iterator[Generated]:
    """Documents in a fixed order; the i-th document of a family depends only on (seed, family, i)."""
    for fam in families or FAMILIES:
        for i in range(per_family):
            yield generate_one(fam, f"{seed}:{fam.name}:{i}")


__all__ = ["FAMILIES", "Family", "Generated", "family", "generate", "PER_FAMILY", "SEED"]
