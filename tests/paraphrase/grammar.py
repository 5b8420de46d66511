"""A tiny template grammar: the wording of each family is data, this module only expands it.

Syntax of a template:
  ``{slot}``      the value of a slot of the document context (itself a template, expanded in turn);
                  ``{Slot}`` capitalises the first letter ("you" -> "You", "the Company" -> "The Company").
  ``[a|b|c]``     one alternative, chosen by the document's seeded random generator (nesting allowed).
  ``[?text]``     ``text`` or nothing, with even odds.
Callable slot values are called with ``(rng, ctx)`` so lists and cross-references are drawn per use.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from typing import Any

Context = Mapping[str, Any]
Slot = str | Callable[[random.Random, Context], str]


def _closing(t: str, i: int, opening: str, closing: str) -> int:
    """Index of the bracket that closes the one at ``i``."""
    depth = 0
    for j in range(i, len(t)):
        if t[j] == opening:
            depth += 1
        elif t[j] == closing:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(f"unbalanced {opening!r} in template: {t[:80]!r}")


def _split_top(body: str) -> list[str]:
    """Split ``a|b[c|d]`` on the bars that are not inside a nested bracket."""
    parts, depth, start = [], 0, 0
    for j, ch in enumerate(body):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(body[start:j])
            start = j + 1
    parts.append(body[start:])
    return parts


def expand(template: str, ctx: Context, rng: random.Random, _depth: int = 0) -> str:
    """Expand one template; depth-limited so a slot that names itself fails loudly."""
    if _depth > 40:
        raise RecursionError(f"template recursion too deep at {template[:60]!r}")
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "[":
            j = _closing(template, i, "[", "]")
            body = template[i + 1:j]
            if body.startswith("?"):
                chosen = body[1:] if rng.random() < 0.5 else ""
            else:
                chosen = rng.choice(_split_top(body))
            out.append(expand(chosen, ctx, rng, _depth + 1))
            i = j + 1
        elif ch == "{":
            j = template.index("}", i)
            out.append(_slot(template[i + 1:j], ctx, rng, _depth))
            i = j + 1
        else:
            j = i
            while j < len(template) and template[j] not in "[{":
                j += 1
            out.append(template[i:j])
            i = j
    return "".join(out)


def _slot(name: str, ctx: Context, rng: random.Random, depth: int) -> str:
    key = name[0].lower() + name[1:]
    if key not in ctx:
        raise KeyError(f"template slot {{{name}}} is not in the document context")
    value = ctx[key]
    text = value(rng, ctx) if callable(value) else expand(str(value), ctx, rng, depth + 1)
    return capitalize(text) if name[0].isupper() else text


def capitalize(text: str) -> str:
    """Upper-case the first letter only (keeps "the Pledged Receipts" -> "The Pledged Receipts")."""
    return text[:1].upper() + text[1:] if text else text


_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:)])")


def tidy(text: str) -> str:
    """Collapse the double spaces and stray spaces before punctuation left by empty options."""
    text = _SPACES.sub(" ", text)
    text = _BEFORE_PUNCT.sub(r"\1", text)
    return text.replace(",,", ",").replace("..", ".").replace(" \n", "\n")


def render(template: str, ctx: Context, rng: random.Random) -> str:
    """Expand and tidy: the form every generated sentence takes."""
    return tidy(expand(template, ctx, rng))
