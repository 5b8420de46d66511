"""The spaCy front door: factories found through entry points, usable in any English pipeline,
serializable (nlp.to_disk / spacy.load, DocBin with user data) and agreeing with the analyzer's API."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from analyzer.api import analyze

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

LIMITED = (
    "PROMISSORY NOTE\n\n9. Exculpation. Borrower shall not be personally liable for the payment of the "
    "indebtedness evidenced by this Note, and Lender shall look solely to the Property for repayment. "
    "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud, "
    "intentional misrepresentation or waste.\n"
)
NON_RECOURSE = (
    "PROMISSORY NOTE\n\nBorrower promises to pay Lender the principal sum of $100,000.00 with interest.\n\n"
    "Borrower shall have no personal liability for the payment of the Loan, and Lender shall look solely to "
    "the Property for repayment.\n"
)
RECOURSE = (
    "PROMISSORY NOTE\n\nBorrower promises to pay Lender the principal sum of $100,000.00 with interest.\n\n"
    "Borrower shall be personally liable for the full amount of the Loan, and Lender may recover any "
    "deficiency from Borrower.\n"
)
TEXTS = {"limited-recourse": LIMITED, "non-recourse": NON_RECOURSE, "recourse": RECOURSE}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("recourse_clauses")
    nlp.add_pipe("recourse_classifier")
    return nlp


def test_factories_are_declared_as_entry_points():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for name in ("recourse_clauses", "recourse_classifier", "legal_sentencizer"):
        assert names.get(name, "").startswith(("analyzer.nlp.components:", "analyzer.spacy_classifier:")), name


def test_fresh_interpreter_finds_the_factories_without_importing_the_package(tmp_path):
    """`spacy.blank('en').add_pipe('recourse_clauses')` works with nothing of ours imported first."""
    code = (
        "import json, sys, spacy\n"
        "texts = json.loads(sys.stdin.read())\n"
        "before = 'analyzer' in sys.modules\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('recourse_clauses'); nlp.add_pipe('recourse_classifier')\n"
        "print(json.dumps({'imported_before': before, 'loaded': 'analyzer.nlp.components' in sys.modules}))\n"
        "for want, text in texts.items():\n"
        "    print(json.dumps({'want': want, 'got': nlp(text)._.recourse}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(TEXTS), capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert lines[0] == {"imported_before": False, "loaded": True}  # spaCy loaded it through the entry point
    assert len(lines) == 1 + len(TEXTS)
    for line in lines[1:]:
        got = line["got"]
        assert got["label"] == line["want"], got
        assert 0 < got["confidence"] <= 1 and got["reasons"]


def test_the_documented_one_liner_prints_the_label(tmp_path):
    code = ("import spacy; nlp=spacy.blank('en'); nlp.add_pipe('recourse_clauses'); "
            f"nlp.add_pipe('recourse_classifier'); print(nlp({LIMITED!r})._.recourse)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "'label': 'limited-recourse'" in proc.stdout


@pytest.mark.parametrize("want", list(TEXTS))
def test_classifier_sets_label_confidence_reasons(nlp, want):
    doc = nlp(TEXTS[want])
    rec = doc._.recourse
    assert set(rec) == {"label", "confidence", "reasons"}
    assert rec["label"] == want
    assert isinstance(rec["confidence"], float) and 0 < rec["confidence"] <= 1
    assert rec["reasons"] and all(isinstance(r, str) for r in rec["reasons"])
    # the same answer as the API
    api = analyze(TEXTS[want])
    assert (api.label.value, api.confidence) == (rec["label"], rec["confidence"])


def test_spans_and_evidence(nlp):
    doc = nlp(LIMITED)
    spans = doc.spans["recourse"]
    labels = [s.label_ for s in spans]
    assert "carve_out" in labels and "exculpation" in labels
    carve = next(s for s in spans if s.label_ == "carve_out")
    assert carve.text.startswith("Notwithstanding the foregoing, Borrower shall be personally liable")
    ev = doc._.recourse_evidence
    assert len(ev) == len(spans)
    for d, s in zip(ev, spans, strict=True):
        assert d["kind"] == s.label_
        assert doc.text[d["start"]:d["end"]] == s.text
    assert next(d for d in ev if d["kind"] == "carve_out")["categories"]


def test_classifier_needs_the_clause_component():
    nlp = spacy.blank("en")
    nlp.add_pipe("recourse_classifier")
    with pytest.raises(ValueError, match="recourse_clauses"):
        nlp(LIMITED)


def test_inside_another_english_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PARTY", "pattern": "Borrower"}])
    nlp.add_pipe("legal_sentencizer")
    nlp.add_pipe("recourse_clauses")
    nlp.add_pipe("recourse_classifier")
    doc = nlp(LIMITED)
    assert doc._.recourse["label"] == "limited-recourse"
    assert any(e.label_ == "PARTY" for e in doc.ents)  # the other components still did their work
    assert len(list(doc.sents)) >= 3


def test_to_disk_and_spacy_load_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == ["recourse_clauses", "recourse_classifier"]
    for want, text in TEXTS.items():
        assert loaded(text)._.recourse["label"] == want
    assert loaded.from_bytes(nlp.to_bytes())(LIMITED)._.recourse == nlp(LIMITED)._.recourse


def test_docbin_with_user_data_round_trip(nlp):
    docs = [nlp(t) for t in TEXTS.values()]
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for a, b in zip(docs, back, strict=True):
        assert [(s.start_char, s.end_char, s.label_) for s in a.spans["recourse"]] == [
            (s.start_char, s.end_char, s.label_) for s in b.spans["recourse"]]
        assert b._.recourse_evidence is not None
        assert json.loads(json.dumps(b._.recourse_evidence)) == json.loads(json.dumps(a._.recourse_evidence))
        assert b._.recourse["label"] == a._.recourse["label"]
        # the classifier runs again on a deserialized doc (lists came back as tuples)
        b._.recourse = None
        assert nlp.get_pipe("recourse_classifier")(b)._.recourse == a._.recourse


def test_a_doc_up_to_max_length(nlp):
    filler = ("The parties agree that this paragraph concerns notices, which shall be delivered in writing "
              "to the addresses set forth above. ")
    block = filler * 40 + "\n\n"
    n = (nlp.max_length - 2 * len(LIMITED)) // len(block)
    text = block * (n // 2) + LIMITED + "\n\n" + block * (n - n // 2) + LIMITED
    assert nlp.max_length - 10_000 < len(text) <= nlp.max_length
    doc = nlp(text)
    assert doc._.recourse["label"] == "limited-recourse"
    starts = [s.start_char for s in doc.spans["recourse"] if s.label_ == "carve_out"]
    assert len(starts) == 2 and starts[1] > 0.9 * len(text)
    assert text[starts[1]:].startswith("Notwithstanding the foregoing")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_component_agrees_with_the_api_on_samples(nlp, path):
    from analyzer.readers import read_path

    text = read_path(path).text
    api = analyze(path)
    rec = nlp(text)._.recourse
    assert (rec["label"], rec["confidence"]) == (api.label.value, api.confidence)


def test_each_span_carries_its_frame(nlp):
    """A spaCy user gets the whole judgment on span._.recourse, not only a label."""
    doc = nlp("PROMISSORY NOTE\n\nMaker promises to pay Holder $10.\n\nExcept as provided in Section 9, Maker shall "
              "have no personal liability for this Note. No officer of Maker shall be personally liable for it.")
    frames = {span._.recourse["rule"]: span._.recourse for span in doc.spans["recourse"]}
    limit = next(f for f in frames.values() if f["kind"] == "no_personal_liability" and f["limits_borrower"])
    assert limit["polarity"] == "negated" and limit["cue"] and limit["exceptions"]
    others = [f for f in (span._.recourse for span in doc.spans["recourse"]) if f["set_aside"]]
    assert others and "officer" in others[0]["protected_parties"]
