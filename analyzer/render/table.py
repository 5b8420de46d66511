"""The terminal view, drawn by rich: a verdict line, reasons in plain words, numbered evidence, details.

rich wraps to the terminal's width (COLUMNS, or 80, when piped) at word boundaries, colours by label
and by what a clause does to recourse, and prints no escape codes when the output is not a terminal or
NO_COLOR is set. The default shows the clauses that decided; --verbose adds the rest, the cues and
rules, and the clauses set aside with the reason.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from analyzer import words
from analyzer.results import Analysis, Evidence

QUOTE_CHARS = 420
ITEM_CHARS = 160  # one item of a carve-out list
MAX_ITEMS = 12
LABEL_STYLES = {"recourse": "bold red", "limited-recourse": "bold yellow", "non-recourse": "bold green",
                "not-a-loan": "bold blue"}
TONE_STYLES = {"limits": "green", "keeps": "yellow", "neutral": "cyan"}
_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def _pad(x: RenderableType, left: int) -> Padding:
    return Padding(x, (0, 0, 0, left), expand=False)


def _item(mark: str, body: RenderableType, width: int) -> Table:
    """`mark` in a column of its own, so that wrapped lines of `body` hang under its first word."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=width, justify="right", no_wrap=True)
    grid.add_column()
    grid.add_row(mark, body)
    return grid


def console_for(out: TextIO) -> Console:
    """A console on `out` that is plain when `out` is not a terminal or NO_COLOR is set."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(file=out, color_system=None if plain else "auto", no_color=plain, highlight=False,
                   markup=False, emoji=False)


def _evidence(n: int, e: Evidence, verbose: bool) -> RenderableType:
    head = Text(words.evidence_title(e), style=TONE_STYLES.get(words.kind_tone(e.kind), ""))
    place = words.where(e)
    if place:
        head.append(f" · {place}", style="dim")
    parts: list[RenderableType] = [head]
    quote = Text(f"“{words.cut(e.text, QUOTE_CHARS)}”", style="italic")
    parts.append(quote)
    listed = [i for i in e.items if i.start >= e.end]  # a list set out after the quote; a run-in one is in it
    for item in listed[:MAX_ITEMS]:  # each carve-out or trigger of the list, quoted on its own
        line = Text(f"“{words.cut(item.text, ITEM_CHARS)}”", style="italic")
        if item.page and item.page != e.page:
            line.append(f" · p. {item.page}", style="dim")
        parts.append(_item("–", line, 3))
    if len(listed) > MAX_ITEMS:
        parts.append(Text(f"  and {len(listed) - MAX_ITEMS} more", style="dim"))
    if verbose:
        bits = [("negated" if e.polarity == "negated" else "asserted") + (f" by “{e.cue}”" if e.cue else ""),
                f"rule {e.rule}", f"score {e.score:.2f}"]
        if e.scope:
            bits.append(f"scope {e.scope}" + (f" (“{e.scope_cue}”)" if e.scope_cue else ""))
        if e.protected_parties:
            bits.append("protects " + ", ".join(e.protected_parties))
        parts.append(Text(" · ".join(bits), style="dim"))
        if e.note:
            parts.append(Text(f"Not counted: {e.note}", style="dim"))
    return _item(f"{n}.", Group(*parts), 3)


def renderables(r: Analysis, verbose: bool = False) -> list[RenderableType]:
    head = Text(r.path, style="bold", no_wrap=True, overflow="ignore")  # a path is copied whole, never wrapped
    if r.pages:
        head.append(f" · {r.pages} page{'s' if r.pages != 1 else ''}", style="dim")
    out: list[RenderableType] = [head]
    style = "bold red" if r.error or r.label is None else LABEL_STYLES.get(r.label.value, "bold")
    out.append(Text(words.verdict(r), style=style))
    if r.error:
        return out
    if r.reasons:
        out.append(Text("Why", style="bold"))
        out.extend(_item("•", Text(words.plain(x)), 3) for x in r.reasons)
    for w in r.warnings:
        out.append(_item("!", Text(f"Warning: {w}", style="magenta"), 3))
    numbered = list(enumerate(r.evidence, 1))
    counted = [(n, e) for n, e in numbered if e.decisive or (verbose and not e.note)]
    aside = [(n, e) for n, e in numbered if verbose and e.note and not e.decisive]
    if counted:
        out.append(Text("Evidence", style="bold"))
        out.extend(_evidence(n, e, verbose) for n, e in counted)
    if aside:
        out.append(Text("Set aside (read, but not counted toward the verdict)", style="bold"))
        out.extend(_evidence(n, e, verbose) for n, e in aside)
    rows = words.details_rows(r)
    if rows:
        table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for k, v in rows:
            table.add_row(k, v)
        out.append(Text("Details", style="bold"))
        out.append(_pad(table, 2))
    hidden = len(r.evidence) - len(counted) - len(aside)
    if hidden:
        out.append(Text(f"(+{hidden} more clause{'s' if hidden != 1 else ''}: --verbose or --format json "
                        "shows them)", style="dim"))
    return out


def draw(console: Console, r: Analysis, verbose: bool = False) -> str:
    """The view as `console` would print it, without the spaces rich pads lines with."""
    with console.capture() as cap:
        for i, x in enumerate(renderables(r, verbose)):
            console.print(x, soft_wrap=i == 0)  # the first line is the path: copied whole, never wrapped
    return _TRAILING.sub(r"\1", cap.get())


def render(r: Analysis, verbose: bool = False, width: int = 100) -> str:
    """The view as plain text at `width` columns (for tests and the README)."""
    import io

    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True, highlight=False,
                      markup=False, emoji=False)
    return draw(console, r, verbose)


class TableWriter:
    def __init__(self, out: TextIO, verbose: bool = False) -> None:
        self.console = console_for(out)
        self.out = out
        self.verbose = verbose

    def write(self, result: Analysis) -> None:
        self.out.write(draw(self.console, result, self.verbose) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def make_writer(fmt: str, out: TextIO, verbose: bool = False, **_kw) -> TableWriter:
    return TableWriter(out, verbose)
