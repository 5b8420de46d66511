"""The terminal view: label, confidence, reasons, details and each quoted clause with page and section."""

from __future__ import annotations

import textwrap
from typing import TextIO

from analyzer.results import Analysis

QUOTE_CHARS = 600
_SHOWN_KINDS_FIRST = ("decisive",)


def render(r: Analysis, verbose: bool = False) -> str:
    lines = [r.path]
    if r.error:
        lines.append(f"  ERROR: {r.error}")
        return "\n".join(lines) + "\n"
    lines.append(f"  {r.label.value.upper()}  (confidence {r.confidence:.2f}, {r.pages} page(s))")
    for reason in r.reasons:
        lines.extend(textwrap.wrap(reason, 100, initial_indent="  - ", subsequent_indent="    "))
    d = r.details
    facts = []
    if d.carve_outs:
        facts.append("carve-outs: " + ", ".join(d.carve_outs))
    if d.springing_triggers:
        facts.append("springing recourse on: " + ", ".join(d.springing_triggers))
    if d.caps:
        facts.append("caps: " + ", ".join(
            " / ".join(x for x in (c.amount, f"{c.percent:g}%" if c.percent is not None else None) if x)
            for c in d.caps))
    if d.guarantors:
        facts.append("guarantors: " + ", ".join(d.guarantors[:5]))
    if d.governing_law:
        facts.append("governing law: " + d.governing_law)
    if facts:
        lines.append("  " + "; ".join(facts))
    for w in r.warnings:
        lines.append(f"  warning: {w}")
    if r.deficiency_law:
        law = r.deficiency_law
        text = f"if you default ({law.jurisdiction or 'jurisdiction unknown'}): {law.outcome}"
        text += f" [{law.citation}]" if law.citation else ""
        lines.extend(textwrap.wrap(text, 100, initial_indent="  ", subsequent_indent="    "))
        lines.extend(textwrap.wrap(law.note, 100, initial_indent="    ", subsequent_indent="    "))
    shown = [e for e in r.evidence if e.decisive] + ([e for e in r.evidence if not e.decisive] if verbose else [])
    others = len(r.evidence) - len(shown)
    if shown:
        lines.append("  Evidence:")
    for e in shown:
        where = ", ".join(x for x in (f"p. {e.page}" if e.page else None, e.section) if x)
        tag = "decisive " if e.decisive else ""
        cue = f", cue '{e.cue}'" if e.cue else ""
        lines.append(f"  * {tag}{e.kind} [{e.polarity}{cue}] {where}")
        if e.note:
            lines.append(f"    set aside: {e.note}")
        quote = e.text if len(e.text) <= QUOTE_CHARS else e.text[:QUOTE_CHARS].rstrip() + " ..."
        lines.extend(textwrap.wrap(f'"{quote}"', 100, initial_indent="    ", subsequent_indent="    "))
    if others:
        lines.append(f"  (+{others} more clauses: --verbose or --format json shows them)")
    return "\n".join(lines) + "\n"


class TableWriter:
    def __init__(self, out: TextIO, verbose: bool = False) -> None:
        self.out = out
        self.verbose = verbose

    def write(self, result: Analysis) -> None:
        self.out.write(render(result, self.verbose) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def make_writer(fmt: str, out: TextIO, verbose: bool = False, **_kw) -> TableWriter:
    return TableWriter(out, verbose)
