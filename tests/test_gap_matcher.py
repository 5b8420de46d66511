"""The clause and cue matchers (nlp/gaps.py) must give spaCy's Matcher's output exactly: the same
(key, start, end) triples in the same order, since the clause finder keeps the first of two equal findings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher

from analyzer.nlp.components import expand_first_token
from analyzer.nlp.context import cue_rules
from analyzer.nlp.gaps import GapMatcher, SparseMatcher, unbounded
from analyzer.nlp.lexicon import load_patterns
from analyzer.nlp.pipeline import candidate_windows

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORDS = ["a", "b", "c", "d", "e", "not", "to", ","]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def both(nlp, rules: list[tuple[str, list[list[dict]]]], cls=SparseMatcher):
    slow, fast = Matcher(nlp.vocab), cls(nlp.vocab)
    for key, patterns in rules:
        slow.add(key, patterns)
        fast.add(key, patterns)
    return slow, fast


def test_a_bounded_gap_keeps_its_bound(nlp):
    slow, fast = both(nlp, [("g", [[{"LOWER": "a"}, {"OP": "{0,3}"}, {"LOWER": "b"}]])])
    for gap in range(6):
        doc = nlp(" ".join(["a"] + ["x"] * gap + ["b"]))
        assert fast(doc) == slow(doc)
        assert bool(fast(doc)) == (gap <= 3)


def test_only_a_lone_inner_gap_is_unbounded():
    fast, lengths = unbounded([{"LOWER": "a"}, {"OP": "{0,4}"}, {"LOWER": "b"}])
    assert lengths == (2, 6) and fast[1] == {"OP": "*"}
    # a second gap, an optional token or a gap at the end would change spaCy's order: left alone
    for p in ([{"LOWER": "a"}, {"OP": "{0,4}"}, {"LOWER": "b"}, {"OP": "{0,2}"}, {"LOWER": "c"}],
              [{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}, {"OP": "{0,3}"}, {"LOWER": "c"}],
              [{"LOWER": "a"}, {"OP": "{0,3}"}]):
        assert unbounded(p) == (p, None)


def _random_pattern(rng: random.Random) -> list[dict]:
    out = []
    for i in range(rng.randint(1, 5)):
        words = rng.sample(WORDS, rng.randint(1, 3))
        spec: dict = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
        if i and rng.random() < 0.45:
            op = rng.choice(["?", "{0,2}", "{0,4}", "*", "gap"])
            spec = {"OP": f"{{0,{rng.randint(1, 6)}}}"} if op == "gap" else {**spec, "OP": op}
        out.append(spec)
    return out


@pytest.mark.parametrize("seed", range(16))
def test_random_patterns_and_texts_give_spacys_list(nlp, seed):
    rng = random.Random(seed)
    rules = [(f"k{i}", [_random_pattern(rng) for _ in range(rng.randint(1, 3))]) for i in range(12)]
    for cls in (GapMatcher, SparseMatcher):
        slow, fast = both(nlp, rules, cls)
        for _ in range(40):
            doc = nlp(" ".join(rng.choice(WORDS + ["x", "y"]) for _ in range(rng.randint(1, 60))))
            assert fast(doc) == slow(doc), (cls.__name__, doc.text)


def test_the_real_patterns_give_spacys_list_on_the_samples(nlp):
    clause = [(p["id"], expand_first_token(p["pattern"])) for p in load_patterns()]
    cues = [("cue:" + rid, pats) for rid, (_, pats) in cue_rules().items()]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    assert texts, "the samples are part of the repository"
    windows = [t[s:e] for t in texts for s, e in candidate_windows(t)]
    for rules in (clause, cues):
        slow, fast = both(nlp, rules)
        found = 0
        for doc in nlp.tokenizer.pipe(windows):
            want = slow(doc)
            assert fast(doc) == want, doc.text[:200]
            found += len(want)
        assert found > 20  # the comparison saw real hits, not only empty lists


def test_the_regrouped_prefilter_finds_what_the_prefilter_finds():
    from analyzer.nlp.lexicon import prefilter
    from analyzer.nlp.windows import fast_prefilter

    assert fast_prefilter() is not prefilter()  # the regrouped form is built, not the fallback
    texts = [p.read_text(encoding="utf-8").lower() for p in sorted(SAMPLES.glob("*.txt"))]
    rng = random.Random(7)
    words = sorted({w for t in texts for w in t.split()})
    texts += [" ".join(rng.choice(words) for _ in range(400)) for _ in range(50)]
    hits = 0
    for t in texts:
        want = [m.span() for m in prefilter().finditer(t)]
        assert [m.span() for m in fast_prefilter().finditer(t)] == want
        hits += len(want)
    assert hits > 100


def test_keys_lose_their_capturing_groups_but_nothing_else():
    from analyzer.nlp.windows import _uncaptured

    assert _uncaptured("(other|general) (funds?|assets)") == "(?:other|general) (?:funds?|assets)"
    assert _uncaptured(r"\(x\) [(]y (?=z)") == r"\(x\) [(]y (?=z)"  # escaped, in a class, already a group
    assert _uncaptured(r"(a) \1") == r"(a) \1"  # a backreference needs its group
