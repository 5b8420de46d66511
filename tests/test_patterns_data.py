"""The pattern and cue data files: every row well-formed, ids unique (a repeated id silently drops a pattern)."""

from __future__ import annotations

from collections import Counter

from analyzer.nlp.context import CATEGORIES, cue_rules
from analyzer.nlp.judges import JUDGES
from analyzer.nlp.lexicon import load_patterns


def test_pattern_ids_are_unique_and_name_a_judge() -> None:
    rows = load_patterns()
    dupes = [i for i, n in Counter(r["id"] for r in rows).items() if n > 1]
    assert not dupes, dupes
    unknown = sorted({r["judge"] for r in rows} - set(JUDGES))
    assert not unknown, unknown


def test_cue_rules_are_well_formed() -> None:
    rules = cue_rules()
    assert rules
    for rule, patterns in rules.values():
        assert rule.category in CATEGORIES
        assert rule.direction in ("FORWARD", "BACKWARD", "BOTH")
        assert set(rule.terminated_by) <= set(CATEGORIES)
        assert patterns, rule.id


def _sample(pattern: list[dict]) -> str:
    """The shortest text a token pattern matches: required tokens, each its first allowed word."""
    words = []
    for tok in pattern:
        if tok.get("OP") in ("?", "*") or str(tok.get("OP", "")).startswith("{0"):
            continue
        value = tok.get("LOWER", tok.get("ORTH"))
        words.append(value if isinstance(value, str) else value["IN"][0])
    return " ".join(words)


def test_each_pattern_key_finds_its_own_pattern() -> None:
    """The prefilter only tokenizes sentences holding a key: a key that misses its own pattern's text
    (a lookbehind on 'nonrecourse') silently disables the pattern."""
    import re

    missed = [row["id"] for row in load_patterns()
              if not re.search(r"(?<![a-z])(?:" + row["key"] + ")", _sample(row["pattern"]))]
    assert not missed, missed
