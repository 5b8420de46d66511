"""Generated paraphrases of every recourse construction (issue 11, point 4).

Every family is held to 0.98 (the floors that held families below it while they were being fixed are gone:
all 26 reached it). `python -m tests.paraphrase` prints where each family stands.

The test analyzes the same 5,200 documents as ``python -m tests.paraphrase`` (about 35 s on two shared
cores); if that ever grows past two minutes, lower SAMPLE (documents per family, a fixed seeded prefix) to no
fewer than 60, which keeps more than 1,500 documents.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import needs_shared, shared_path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:       # `tests.paraphrase` is imported as the command imports it
    sys.path.insert(0, str(ROOT))

from tests.paraphrase import FAMILIES, PER_FAMILY, SEED, generate  # noqa: E402
from tests.paraphrase.run import distinct_first, score  # noqa: E402

SAMPLE = PER_FAMILY
THRESHOLD = 0.98
LABELS = {"recourse", "limited-recourse", "non-recourse"}
CORPUS = shared_path("corpus", "dev")
# the constructions issue 11 names; the generator must keep a family for each
REQUIRED = {"revenue_only", "asset_limited", "asset_limited_carveouts", "proviso_full_recourse",
            "crossref_exception", "pawn_forfeiture", "principal_shield", "officer_only_titled", "title_only",
            "conduit", "amendment", "other_debt", "plain_promise", "personal_liability", "deficiency_allowed",
            "joint_several", "plain_exculpation", "exculpation_carveouts", "springing", "cap",
            "structured_limited", "without_recourse_endorsement", "negated_negation", "consumer_deficiency",
            "consumer_home_only", "texas_home_equity", "creditor_bars_suit", "pursuit_for_part",
            "cap_defined_amount", "pool_beyond_collateral"}


def test_generator_covers_the_families_with_enough_documents() -> None:
    docs = list(generate())
    assert len(docs) >= 5000
    assert REQUIRED <= {f.name for f in FAMILIES}
    assert {d.label for d in docs} == LABELS
    per_family = Counter(d.family for d in docs)
    assert min(per_family.values()) >= 150
    assert len({d.text for d in docs}) >= 0.95 * len(docs), "too many identical documents"


def test_generator_varies_the_wording() -> None:
    docs = list(generate(per_family=60))
    obligors = Counter()
    for d in docs:
        m = re.search(r'\((?:individually and collectively, )?(?:the )?"([^"]+)"\)', d.text)
        obligors[m.group(1) if m else "?"] += 1
    assert len(obligors) >= 8, obligors
    consumer = [d for d in docs if re.search(r"\b(?:You|I) (?:promise|agree|received|are not)", d.text)]
    assert consumer, "no consumer plain-English document"
    for family in ("crossref_exception", "proviso_full_recourse", "exculpation_carveouts"):
        sentences = {d.construction for d in docs if d.family == family}
        assert len(sentences) >= 50, f"{family}: only {len(sentences)} distinct constructions"
    lists = "\n".join(d.construction for d in docs if d.family == "exculpation_carveouts")
    for marker in ("(a) ", "(i) ", "\n1. ", "\n- "):
        assert marker in lists, f"list style {marker!r} never generated"


def test_generation_is_deterministic() -> None:
    first = [d.text for d in generate(per_family=3)]
    assert first == [d.text for d in generate(per_family=3, seed=SEED)]
    assert first != [d.text for d in generate(per_family=3, seed="another seed")]


@needs_shared("corpus", "dev")
def test_no_generated_text_copies_the_corpus() -> None:
    """Our own wording only: no run of 16 words in common with a real document of the corpus."""
    n = 16

    def runs(text: str) -> set[tuple[str, ...]]:
        w = re.findall(r"[a-z0-9]+", text.lower())
        return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}

    corpus: set[tuple[str, ...]] = set()
    for path in CORPUS.glob("*.txt"):
        corpus |= runs(path.read_text(encoding="utf-8", errors="replace"))
    shared = set().union(*(runs(d.text) for d in generate(per_family=40))) & corpus
    assert not shared, [" ".join(s) for s in list(shared)[:5]]


@pytest.fixture(scope="module")
def sample_scores():
    scores, _ = score(generate(per_family=SAMPLE), keep_failures=5)
    return scores


@pytest.mark.parametrize("family", [f.name for f in FAMILIES])
def test_family_accuracy(sample_scores, family: str) -> None:
    s = sample_scores[family]
    assert s.n == SAMPLE
    examples = "\n".join(f"  expected {d.label}, got {got}: {' '.join(d.construction.split())[:240]}"
                         for d, got in distinct_first(s.failures)[:8])
    assert s.accuracy >= THRESHOLD, (f"{family}: {s.right}/{s.n} = {s.accuracy:.3f} < {THRESHOLD}; "
                                     f"labels given {dict(s.got)}\n{examples}")


def test_template_grammar() -> None:
    import random

    from tests.paraphrase.grammar import expand, render

    rng = random.Random(1)
    ctx = {"subj": "the Company", "who": "[{subj}|it]"}
    assert expand("{Subj} pays.", ctx, rng) == "The Company pays."
    seen = {expand("[a|b[c|d]]", ctx, rng) for _ in range(200)}
    assert seen == {"a", "bc", "bd"}
    assert {expand("x[? y]", ctx, rng) for _ in range(100)} == {"x", "x y"}
    assert {expand("{who}", ctx, rng) for _ in range(100)} == {"the Company", "it"}
    assert render("A [|b] , c.", ctx, rng) in {"A, c.", "A b, c."}
    with pytest.raises(KeyError):
        expand("{missing}", ctx, rng)
    with pytest.raises(ValueError):
        expand("[open", ctx, rng)
