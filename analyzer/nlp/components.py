"""spaCy pipeline components, registered as factories through entry points.

`recourse_clauses` writes judged clauses to `doc.spans["recourse"]` (one span per
finding, label = kind) and their details to `doc._.recourse_evidence`;
`recourse_classifier` (analyzer/spacy_classifier.py: it sits above the judgment, which this layer
must not import) turns them into `doc._.recourse` (label, confidence, reasons). Both work in a blank
English pipeline or inside any other English pipeline.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyzer.nlp.context import CueMatcher, hits_in
from analyzer.nlp.defined import document_amounts
from analyzer.nlp.frames import Context, Finding
from analyzer.nlp.gaps import SparseMatcher, rebuilt
from analyzer.nlp.judges import judge
from analyzer.nlp.lexicon import load_patterns
from analyzer.nlp.roles import document_obligors
from analyzer.nlp.sentences import SentenceIndex
from analyzer.nlp.windows import candidate_windows, chunks

SPAN_KEY = "recourse"
_OPERATIVE = re.compile(r"FOR VALUE RECEIVED|\bpromises?\s+to\s+(?:re)?pay\b|\b(?:is|are)\s+(?:made|entered)\b|"
                        r"\bentered\s+into\b|\bby\s+and\s+(?:between|among)\b|\bSection\s+1\b|\b(?:ARTICLE|Article)\s+"
                        r"(?:I|1)\b|^\s*1\.\s", re.I | re.M)
TOP_CHARS = 600  # the opening of a document, where titles stand

if not Doc.has_extension("recourse_evidence"):
    Doc.set_extension("recourse_evidence", default=None)
if not Span.has_extension("recourse"):  # the whole frame of a clause, for spaCy users
    Span.set_extension("recourse", default=None)
if not Doc.has_extension("recourse"):
    Doc.set_extension("recourse", default=None)


class LegalSentencizer:
    """Sets sentence starts from the legal-text boundary rules in `sentences.py`."""

    def __call__(self, doc: Doc) -> Doc:
        starts = set(SentenceIndex(doc.text).starts)
        for token in doc:
            token.is_sent_start = token.i == 0 or (token.idx in starts)
        return doc

    def to_disk(self, path, exclude=()):  # stateless: rebuilt from the factory
        pass

    def from_disk(self, path, exclude=()):
        return self


def expand_first_token(pattern: list[dict]) -> list[list[dict]]:
    """Equivalent patterns whose first token is a plain LOWER equality.

    spaCy checks set predicates ({"IN": [...]}) in Python for every token, but plain
    equalities in C; splitting the first token's set makes matching ~5x faster.
    """
    first, rest = pattern[0], pattern[1:]
    if first.get("OP") == "?":
        return expand_first_token(rest) + expand_first_token([{k: v for k, v in first.items() if k != "OP"}] + rest)
    value = first.get("LOWER")
    if isinstance(value, dict) and set(value) == {"IN"} and set(first) == {"LOWER"}:
        return [[{"LOWER": w}] + rest for w in value["IN"]]
    return [pattern]


class ClauseMatcher:
    """Finds recourse phrases with token patterns (data files) and judges each in its sentence."""

    def __init__(self, nlp: Language, name: str = "recourse_clauses") -> None:
        self.name = name
        self.nlp = nlp  # for its tokenizer: windows are tokenized as `pipeline.find_clauses` does
        self.matcher = SparseMatcher(nlp.vocab)  # the same matches as spaCy's Matcher, in the same order, sooner
        self.kinds: dict[int, tuple[str, str]] = {}
        for p in load_patterns():
            key = nlp.vocab.strings.add(p["id"])
            self.kinds[key] = (p["judge"], p["id"])
            self.matcher.add(p["id"], expand_first_token(p["pattern"]))
        self.cue_matcher = CueMatcher(nlp.vocab)
        # the cue rules' own Matcher, rebuilt with the same patterns in the same order (see nlp/gaps.py)
        self.cue_matcher.matcher = rebuilt(self.cue_matcher.matcher, self.cue_matcher.rules)

    def findings(self, doc: Doc, offset: int = 0, title_end: int = TOP_CHARS,
                 index: SentenceIndex | None = None) -> list[Finding]:
        """Judged clauses of one text; offsets are shifted by `offset` (its place in a larger document);
        `index`: its sentences, when cut from the whole document's."""
        text = doc.text
        best: dict[tuple[int, str], Finding] = {}
        cues = None
        sentence_cues: dict[int, tuple[int, list]] = {}
        for match_id, start, end in self.matcher(doc):
            judge_name, rule = self.kinds[match_id]
            a0 = doc[start].idx
            a1 = doc[end - 1].idx + len(doc[end - 1].text)
            if index is None:
                index = SentenceIndex(text)  # boundaries computed once, on first use
            s, e = index.around(a0)
            if a0 < s or a1 > e:
                continue
            if s not in sentence_cues:
                if cues is None:
                    cues = self.cue_matcher(doc)
                span = doc.char_span(s, e, alignment_mode="expand")
                t0, t1 = (span.start, span.end) if span is not None else (start, end)
                sentence_cues[s] = (t0, hits_in(doc, cues, t0, t1))
            t0, hits = sentence_cues[s]
            ctx = Context(text=text[s:e], sent_start=s, a0=a0 - s, a1=a1 - s, section=None,
                          at_top=offset + s < title_end, cues=hits, at0=start - t0, at1=end - t0)
            f = judge(ctx, judge_name, rule)
            if f is None:
                continue
            key = (f.start, f.kind)
            old = best.get(key)
            if old is None or (f.limits_borrower, f.score) > (old.limits_borrower, old.score):
                best[key] = f
        out = sorted(best.values(), key=lambda f: (f.start, f.kind))
        if offset:
            for f in out:
                f.start += offset
                f.end += offset
                f.anchor = (f.anchor[0] + offset, f.anchor[1] + offset)
        return out

    def doc_findings(self, text: str, index: SentenceIndex | None = None) -> list[Finding]:
        """Judged clauses of a whole text, found exactly as `pipeline.find_clauses` finds them:
        only the sentences that hold a pattern key are matched, chunk by chunk, so a Doc up to
        nlp.max_length costs time for its candidate sentences, not for all its tokens. `index`: the
        text's sentences, when the caller shares them with other readers of the text."""
        out: list[Finding] = []
        opening = _OPERATIVE.search(text, 0, TOP_CHARS)
        title_end = opening.start() if opening else TOP_CHARS  # titles stand before the first operative words
        index = index or SentenceIndex(text)
        with document_obligors(text), document_amounts(text):
            for offset, piece in chunks(text):
                windows = candidate_windows(piece, index.clip(offset, offset + len(piece)))
                docs = self.nlp.tokenizer.pipe(piece[s:e] for s, e in windows)
                for (s, e), wdoc in zip(windows, docs, strict=True):
                    out.extend(self.findings(wdoc, offset + s, title_end, index.clip(offset + s, offset + e)))
        return out

    def __call__(self, doc: Doc) -> Doc:
        found = self.doc_findings(doc.text)
        spans = []
        for f in found:
            span = doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")
            if span is not None:
                span._.recourse = frame_of(f)
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc._.recourse_evidence = [asdict(f) for f in found]
        return doc

    def to_disk(self, path, exclude=()):
        pass

    def from_disk(self, path, exclude=()):
        return self


def frame_of(f: Finding) -> dict:
    """A clause's frame as plain data: kind, polarity, the cue that decided, scope, exceptions, whom it
    protects, whether it binds the borrower and, when set aside, why."""
    return {"kind": str(f.kind), "polarity": f.polarity, "rule": f.rule, "cue": f.cue, "scope": f.scope,
            "scope_cue": f.scope_cue, "exceptions": list(f.exceptions), "protected_parties": list(f.protected_parties),
            "limits_borrower": f.limits_borrower, "set_aside": f.aside.value if f.aside else None,
            "categories": list(f.categories), "triggers": list(f.triggers), "anchor": list(f.anchor)}


@Language.factory("legal_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> LegalSentencizer:
    return LegalSentencizer()


@Language.factory("recourse_clauses")
def make_clause_matcher(nlp: Language, name: str) -> ClauseMatcher:
    return ClauseMatcher(nlp, name)
