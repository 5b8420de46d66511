"""One jurisdiction's entry as plain text, for `analyze --law CA`."""

from __future__ import annotations

import textwrap

from analyzer.law.table import lookup

WIDTH = 100


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(f"{label}{text}", WIDTH, subsequent_indent="    ")


def describe(key: str) -> str:
    """The table row for a code or name; raises KeyError naming the key when the table has no such row."""
    row = lookup(key)
    if row is None:
        raise KeyError(f"no deficiency-law entry for {key!r} (use a postal code such as CA, or HECM, VA, FHA, SBA)")
    lines = [f"{row['name']} ({row['code']}), reviewed {row['reviewed']}"]
    if row["kind"] == "federal":
        lines += _wrap("  ", row["summary"]) + _wrap("  citation: ", row["citation"])
    else:
        rp = row["real_property"]
        lines += _wrap("  foreclosure: ", rp["foreclosure"]) + _wrap("  ", rp["summary"])
        for bar in rp["bars"]:
            cond = ", ".join(f"{k}={v}" for k, v in bar["when"].items())
            flag = " [uncertain]" if bar.get("uncertain") else ""
            lines += _wrap("  - barred: ", f"{bar['name']} ({cond}) -- {bar['citation']}{flag}")
        for key_, label in (("fair_value", "fair value"), ("one_action", "one action")):
            if rp[key_]:
                lines += _wrap(f"  - {label}: ", f"{rp[key_]['summary']} -- {rp[key_]['citation']}")
        if rp["deadline"]:
            lines += _wrap("  - time limit: ", f"{rp['deadline']['text']} -- {rp['deadline']['citation']}")
        pp = row["personal_property"]
        lines += _wrap("  personal property: ", f"{pp['rule']} ({pp['citation']})")
        if pp.get("consumer_limits"):
            lines += _wrap("  consumer limits: ", pp["consumer_limits"])
        lines += _wrap("  citations: ", "; ".join(row["citations"]))
    for u in row["uncertain"]:
        lines += _wrap("  uncertain: ", u)
    lines.append("  Not legal advice: a summary of public statutes; ask a lawyer admitted in the state.")
    return "\n".join(lines) + "\n"
