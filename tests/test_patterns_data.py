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


def _widest(pattern: list[dict], word: str = "abcdefgh") -> str:
    """A long text a token pattern matches: each gap filled to its bound with 8-letter words (longer than the
    ~5 letters of legal prose's average word), each optional token present (as its first allowed word), so
    that a key that bounds a gap in characters is checked against the gap's width in tokens."""
    out = []
    for tok in pattern:
        op = str(tok.get("OP", ""))
        value = tok.get("LOWER", tok.get("ORTH"))
        first = value if isinstance(value, str) else (value["IN"][0] if isinstance(value, dict) else word)
        if op.startswith("{"):
            n = int(op.strip("{}").split(",")[-1])
            out += [word if value is None else first] * n
        elif op in ("*", "+"):
            out += [word if value is None else first] * 3
        else:
            out.append(first if value is not None else word)
    return " ".join(out).replace(" - ", "-")  # a hyphen token stands between two words without spaces


def test_each_pattern_key_finds_its_pattern_stretched_to_its_widest() -> None:
    import re

    missed = [row["id"] for row in load_patterns()
              if not re.search(r"(?<![a-z])(?:" + row["key"] + ")", _widest(row["pattern"]))]
    assert not missed, missed
