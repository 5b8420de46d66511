"""Lists of carve-outs and triggers in the styles real agreements use: (a), (i), 1., bullets, run-in."""

from __future__ import annotations

import random

from .grammar import Context, expand
from .vocab import CARVE_ITEMS, TRIGGERS, XREFS

ROMAN = ["i", "ii", "iii", "iv", "v", "vi"]
LIST_STYLES = ["letters", "roman", "numbers", "bullets", "run-in"]


def style_list(items: list[str], style: str, joiner: str = "and") -> str:
    """Join items in one list style; block styles put each item on its own line."""
    if style == "run-in":
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f", {joiner} " + items[-1]
    if style in ("numbers", "bullets"):
        marks = [f"{k + 1}." for k in range(len(items))] if style == "numbers" else ["-"] * len(items)
        lines = [f"{m} {it};" for m, it in zip(marks, items, strict=True)]
        if len(lines) > 1:
            lines[-2] += f" {joiner}"
        lines[-1] = lines[-1][:-1]
        return "\n" + "\n".join(lines)
    marks = [f"({chr(97 + k)})" for k in range(len(items))] if style == "letters" else [f"({r})" for r in ROMAN]
    parts = [f"{m} {it}" for m, it in zip(marks, items, strict=False)]
    return parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + f"; {joiner} " + parts[-1]


def _draw(pool: list[str], rng: random.Random, ctx: Context, lo: int, hi: int) -> list[str]:
    return [expand(t, ctx, rng) for t in rng.sample(pool, rng.randint(lo, hi))]


def carve_list(rng: random.Random, ctx: Context) -> str:
    """Two to five carve-out events, drawn and styled per use."""
    return style_list(_draw(CARVE_ITEMS, rng, ctx, 2, 5), rng.choice(LIST_STYLES))


def trigger_list(rng: random.Random, ctx: Context) -> str:
    """One to three springing events, joined by "or"."""
    return style_list(_draw(TRIGGERS, rng, ctx, 1, 3), rng.choice(["letters", "roman", "run-in"]), "or")


def xref(rng: random.Random, ctx: Context) -> str:
    return rng.choice(XREFS)
