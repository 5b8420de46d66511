"""Matchers that give spaCy's Matcher's output (same hits, same order) for far less work.

Two costs dominated the clause finder on the dev corpus:

- spaCy compiles `{"OP": "{0,14}"}` into fourteen optional tokens and never merges states that
  reach the same place by different paths, so one start can carry up to C(t, k) copies of a state.
  One pattern of that shape ("liability ... {0,14} ... limited to", starting at common words) took
  half the clause matcher's time. `GapMatcher` makes such a gap `"OP": "*"` (one state per start)
  and keeps a hit only if its length fits the original bound.
- Every token starts a state for every pattern (176 clause patterns, 117 cue patterns), though a
  hit needs its first word at its start. `SparseMatcher` matches only the stretches of a Doc where
  a pattern's first word is followed, within its width, by its last required word.

Order matters (the clause finder keeps the first of two equally good findings), so both rewrites
are limited to the cases where they keep spaCy's order: tests/test_gap_matcher.py compares the
lists with spaCy's on random patterns and texts and on the real patterns over the samples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_BOUNDED = re.compile(r"\{(\d*),(\d+)\}")


def _width(token: dict) -> tuple[int, int]:
    """Fewest and most tokens one pattern token can take (only the operators our patterns use)."""
    op = token.get("OP")
    if op is None or op == "1":
        return 1, 1
    if op == "?":
        return 0, 1
    if op in ("*", "+"):
        return (0 if op == "*" else 1), 1 << 20
    m = _BOUNDED.fullmatch(op)
    if m:
        return int(m.group(1) or 0), int(m.group(2))
    m = re.fullmatch(r"\{(\d+)\}", op)
    if m:
        return int(m.group(1)), int(m.group(1))
    raise ValueError(f"unsupported pattern operator {op!r}")


def _is_gap(token: dict) -> bool:
    m = _BOUNDED.fullmatch(token.get("OP", ""))
    return m is not None and m.group(1) in ("", "0")


def unbounded(pattern: list[dict]) -> tuple[list[dict], tuple[int, int] | None]:
    """`pattern` with its `{0,N}` token made `*`, and the lengths (in tokens) the original allows;
    the pattern unchanged and None unless that gap is its only variable-width token and does not end it.

    Only then is a hit's length enough to tell the original's hits from the others, and only then
    did spaCy list the hits in the same order (checked against random patterns: with a second gap
    or an optional token, the unbounded form can report a hit earlier among those ending together)."""
    gaps = [i for i, t in enumerate(pattern) if _is_gap(t)]
    if len(gaps) != 1 or gaps[0] == len(pattern) - 1 or any(t.get("OP") for t in pattern if not _is_gap(t)):
        return pattern, None
    n = len(pattern) - 1
    out = [{**t, "OP": "*"} if _is_gap(t) else t for t in pattern]
    return out, (n, n + _width(pattern[gaps[0]])[1])


class GapMatcher:
    """Drop-in for `spacy.matcher.Matcher` (add, __call__) for patterns with bounded gaps."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.limits: dict[int, tuple[int, int, int]] = {}  # inner key -> (key, fewest, most tokens)
        self._n = 0

    def add(self, key: str, patterns: Iterable[list[dict]]) -> None:
        """Adds each pattern in order; those with a bounded gap go under an inner key of their own."""
        key_id = self.vocab.strings.add(key)
        for p in patterns:
            fast, lengths = unbounded(p)
            if lengths is None:
                self.matcher.add(key, [p])
                continue
            self._n += 1
            inner = f"{key}\u241f{self._n}"
            self.limits[self.vocab.strings.add(inner)] = (key_id, *lengths)
            self.matcher.add(inner, [fast])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        out: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for m, s, e in self.matcher(doc):
            spec = self.limits.get(m)
            if spec is not None:
                m, lo, hi = spec
                if not lo <= e - s <= hi:
                    continue
            if (m, s, e) not in seen:
                seen.add((m, s, e))
                out.append((m, s, e))
        return out





def _words(token: dict) -> frozenset[str] | None:
    """The lower-case words a required pattern token accepts, or None when it is not a plain word test."""
    if token.get("OP") or set(token) - {"LOWER", "ORTH"} or len(token) != 1:
        return None
    attr, value = next(iter(token.items()))
    if isinstance(value, dict):
        if set(value) != {"IN"} or attr != "LOWER":
            return None
        value = value["IN"]
    else:
        value = [value]
    if attr == "ORTH":  # an exact form: its lower case is what a LOWER array holds
        return frozenset(v.lower() for v in value)
    return frozenset(value)


class SparseMatcher:
    """A GapMatcher run only over the stretches of a Doc where some pattern can start and end.

    A pattern that begins with a plain word and is at most `width` tokens long (a "*" reaches to
    the end of the Doc) needs that word at its start and its last required word within its width
    after it. Spans
    around such starts (each as long as the longest pattern that passed there, plus two tokens, and
    merged when they touch) are matched with the full pattern set. A Matcher's output over a span
    that holds every token a start's states can reach is the full Doc's output for those starts, in
    the same order, so the result equals the full Matcher's over the Doc; most of a window's tokens
    are never walked by 176 pattern states.
    """

    MARGIN = 2

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.inner = GapMatcher(vocab)
        self.starts: dict[int, list[tuple[frozenset[int] | None, int]]] = {}  # first word -> (last words, width)
        self.anywhere = False  # a pattern this front cannot reason about: match every Doc whole

    def add(self, key: str, patterns: Iterable[list[dict]]) -> None:
        patterns = list(patterns)
        self.inner.add(key, patterns)
        strings = self.vocab.strings
        for p in patterns:
            first = _words(p[0])
            _, lengths = unbounded(p)
            lo_hi = [_width(t) for t in p]
            width = lengths[1] if lengths else sum(hi for _, hi in lo_hi)
            if first is None:
                self.anywhere = True
                continue
            required = [i for i, t in enumerate(p) if i > 0 and not t.get("OP")]
            last = _words(p[required[-1]]) if required else None
            # no later required word test: the first word alone decides
            last_ids = frozenset(strings.add(w) for w in last) if last is not None else None
            for w in first:
                self.starts.setdefault(strings.add(w), []).append((last_ids, width))

    def spans(self, lowers: list[int]) -> list[tuple[int, int]]:
        """Token ranges that hold every possible hit, in order, disjoint, MARGIN apart."""
        out: list[list[int]] = []
        starts = self.starts
        n = len(lowers)
        for i, h in enumerate(lowers):
            rules = starts.get(h)
            if rules is None:
                continue
            reach = 0
            for last, width in rules:
                if width <= reach:
                    continue
                if last is None or not last.isdisjoint(lowers[i + 1:i + width]):
                    reach = width
            if not reach:
                continue
            end = min(i + reach + self.MARGIN, n)
            if out and i <= out[-1][1] + self.MARGIN:
                out[-1][1] = max(out[-1][1], end)
            else:
                out.append([i, end])
        return [(a, b) for a, b in out]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.anywhere:
            return self.inner(doc)
        from spacy.attrs import LOWER

        out: list[tuple[int, int, int]] = []
        for a, b in self.spans(doc.to_array(LOWER).tolist()):
            out.extend((m, s + a, e + a) for m, s, e in self.inner(doc[a:b]))
        return out


def rebuilt(matcher: Matcher, keys: Iterable[int]) -> SparseMatcher:
    """A SparseMatcher with `matcher`'s patterns, key by key in the order given (its insertion order)."""
    fast = SparseMatcher(matcher.vocab)
    for k in keys:
        _, patterns = matcher.get(k)
        fast.add(matcher.vocab.strings[k], patterns)
    return fast
