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


def _samples(pattern: list[dict]) -> list[str]:
    """Shortest texts a token pattern matches: its required tokens, each allowed word of each in turn (the
    others at their first word), so that a word added to a pattern but not to its key is caught."""
    slots = []
    for tok in pattern:
        if tok.get("OP") in ("?", "*") or str(tok.get("OP", "")).startswith("{0"):
            continue
        value = tok.get("LOWER", tok.get("ORTH"))
        slots.append([value] if isinstance(value, str) else list(value["IN"]))
    first = [s[0] for s in slots]
    out = [" ".join(first)]
    for i, words in enumerate(slots):
        out += [" ".join([*first[:i], w, *first[i + 1:]]) for w in words[1:]]
    return out


def test_each_pattern_key_finds_its_own_pattern() -> None:
    """The prefilter only tokenizes sentences holding a key: a key that misses its own pattern's text
    (a lookbehind on 'nonrecourse') silently disables the pattern."""
    import re

    missed = [(row["id"], text) for row in load_patterns() for text in _samples(row["pattern"])
              if not re.search(r"(?<![a-z])(?:" + row["key"] + ")", text)]
    assert not missed, missed
