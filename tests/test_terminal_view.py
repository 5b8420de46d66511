"""The terminal view: words instead of code names, quotes cut at word or sentence ends, width-aware,
colour only on a terminal without NO_COLOR, --verbose for cues, rules and clauses set aside."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from analyzer import words
from analyzer.render.table import render
from analyzer.results import Analysis, DocumentKind, Evidence, Label

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "samples/limited_cmbs_carveouts.txt"


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**environ, **env}, timeout=180)


def test_no_color_and_piped_output_are_plain_and_forced_colour_is_not():
    plain = run_cli(SAMPLE, "-q", NO_COLOR="1", FORCE_COLOR="1")
    assert plain.returncode == 0 and plain.stdout.count("\x1b[") == 0
    piped = run_cli(SAMPLE, "-q")
    assert piped.stdout.count("\x1b[") == 0
    coloured = run_cli(SAMPLE, "-q", FORCE_COLOR="1")  # as on a terminal: the check above can fail
    assert coloured.stdout.count("\x1b[") > 5
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == piped.stdout


def test_wraps_to_the_width_given():
    narrow = run_cli(SAMPLE, "-q", COLUMNS="60").stdout
    wide = run_cli(SAMPLE, "-q", COLUMNS="140").stdout
    assert max(len(x) for x in narrow.splitlines()) <= 60
    assert max(len(x) for x in wide.splitlines()) > 100
    assert not any(x != x.rstrip() for x in narrow.splitlines())  # no padding spaces


def test_default_view_reads_as_words_and_verbose_adds_the_workings():
    out = run_cli(SAMPLE, "-q").stdout
    lines = out.splitlines()
    assert re.fullmatch(r"LIMITED-RECOURSE — confidence 0\.\d\d", lines[1]), lines[1]
    assert "Carve-out" in out and "Springing recourse: voluntary bankruptcy" in out
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", out.split("\n", 1)[1])  # no snake_case names below the path
    assert "rule " not in out and "Set aside" not in out
    verbose = run_cli("samples/recourse_officer_exculpation.txt", "-q", "-v").stdout
    assert "rule " in verbose and "by “" in verbose  # rules and cues
    assert "Set aside (read, but not counted toward the verdict)" in verbose and "Not counted: " in verbose


def test_unknown_kind_still_reads_as_words():
    assert words.kind_words("deficiency_waiver_by_statute") == "Deficiency waiver by statute"
    assert words.kind_words("carve_out") == "Carve-out"
    e = Evidence(kind="springing_recourse", polarity="asserted", text="x", start=0, end=1, rule="r", score=0.5,
                 triggers=["voluntary_bankruptcy"])
    assert words.evidence_title(e) == "Springing recourse: voluntary bankruptcy"


def test_not_a_loan_verdict_and_deficiency_law_in_details():
    class WithLaw(Analysis):
        deficiency_law: dict | None = None

    lease = Analysis(path="lease.pdf", label=Label.not_a_loan, document_kind=DocumentKind.lease, confidence=0.9)
    assert render(lease).splitlines()[1] == "NOT A LOAN AGREEMENT — a lease"
    other = Analysis(path="x.pdf", label=Label.not_a_loan, document_kind=DocumentKind.other_contract)
    assert render(other).splitlines()[1] == "NOT A LOAN AGREEMENT — another contract"
    law = {"jurisdiction": "California", "rule": "anti-deficiency", "outcome": "deficiency_barred",
           "conditions": [{"name": "purchase_money", "status": "met"}]}
    text = render(WithLaw(path="x.pdf", label=Label.non_recourse, confidence=0.7, deficiency_law=law))
    assert "Deficiency law" in text and "California — anti-deficiency" in text
    assert "outcome: deficiency barred" in text and "purchase money: met" in text


@given(st.text(alphabet="abc def.;\n", min_size=0, max_size=400), st.integers(min_value=20, max_value=300))
def test_quotes_are_cut_at_word_or_sentence_ends(text, limit):
    cut = words.cut(text, limit)
    whole = " ".join(text.split())
    if len(whole) <= limit:
        assert cut == whole
        return
    assert cut.endswith(" …")
    kept = cut[:-2]
    assert whole.startswith(kept) and len(kept) <= limit
    if " " in whole[:limit + 1]:  # a word boundary within reach: the cut is at one
        assert whole[len(kept)] == " " or kept[-1] in ".;:"  # the next character starts a new word
    else:  # one word longer than the limit: cut it, there is nothing else to do
        assert kept


def test_long_quote_is_cut_at_a_sentence_end():
    text = "First sentence is here. " * 30
    assert words.cut(text, 100) == ("First sentence is here. " * 4).strip() + " …"


def test_deficiency_law_as_a_model_object():
    """The record's own model (attributes, not keys), as the law overlay writes it."""
    from types import SimpleNamespace as NS

    class WithLaw(Analysis):
        deficiency_law: object | None = None

    law = NS(jurisdiction="CA", rule="one-action and anti-deficiency", citation="Cal. Civ. Proc. Code § 580b",
             outcome="no deficiency on a purchase-money home loan", note="Not legal advice.",
             conditions=[NS(name="purchase money", status="found", evidence="to buy the Property " * 20)])
    text = render(WithLaw(path="x.pdf", label=Label.recourse, confidence=0.8, deficiency_law=law), width=200)
    assert "CA — one-action and anti-deficiency (Cal. Civ. Proc. Code § 580b)" in text
    assert "purchase money: found — “to buy the Property" in text and "… ”" not in text and "…”" in text
    assert "Not legal advice." in text
