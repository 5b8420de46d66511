"""The road from a source to an Analysis: read -> find clauses -> decide -> Analysis.

Every front door (CLI, batch workers, spaCy users, Dask) comes through here.
Document problems never raise: they come back as an Analysis with `error` set,
so that a batch records them and goes on.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from analyzer.confidence import MAX_REVIEW
from analyzer.document import Document
from analyzer.errors import AnalyzerError
from analyzer.heap import held_heap
from analyzer.items import list_items
from analyzer.judgment import HELD_BELOW, judge_document
from analyzer.law import deficiency_law
from analyzer.nlp.frames import LIMITING, Finding
from analyzer.nlp.lexicon import lexicon
from analyzer.pool import Failure, ProcessPool, Task
from analyzer.readers import ReadOptions, read_bytes, read_path, read_text
from analyzer.results import Analysis, Details, DocumentKind, Evidence, EvidenceItem, PageBox
from analyzer.words import readable

if TYPE_CHECKING:
    from analyzer.kinds import KindResult

Source = str | os.PathLike | bytes | IO[bytes] | IO[str]

# how many clauses of an informational kind are worth showing a reviewer
PER_KIND = {"promise_to_pay": 3, "guaranty": 3, "governing_law": 2, "personal_liability": 5,
            "deficiency_allowed": 3, "without_recourse_transfer": 6}
MAX_SET_ASIDE = 10
ITEMIZED = {"carve_out", "springing_recourse"}
_PATH_SUFFIXES = (".pdf", ".txt", ".text", ".md", ".htm", ".html", ".docx", ".xml")


def _is_path_like(s: str) -> bool:
    """An existing file, or a space-free name with a document suffix; anything else is text."""
    if "\n" in s or len(s) >= 4096:
        return False
    return os.path.exists(s) or (" " not in s.strip() and s.lower().endswith(_PATH_SUFFIXES))


class Analyzer:
    """Reusable analyzer; the spaCy pipeline is built on first use and kept for the process."""

    def __init__(self, password: str | None = None, engine: str = "fast", ocr: str = "auto",
                 split_workers: int = 1) -> None:
        self.options = ReadOptions(password=password, engine=engine, ocr=ocr, split_workers=split_workers)

    def read(self, source: Source, name: str | None = None) -> Document:
        if isinstance(source, os.PathLike) or (isinstance(source, str) and _is_path_like(source)):
            return read_path(source, self.options)
        if isinstance(source, bytes):
            return read_bytes(source, name or "<bytes>", self.options)
        if isinstance(source, str):
            return read_text(source, name or "<text>")
        if isinstance(source, io.TextIOBase) or hasattr(source, "read"):
            data = source.read()
            label = name or getattr(source, "name", None) or "<stream>"
            if isinstance(data, str):
                return read_text(data, str(label))
            return read_bytes(data, str(label), self.options)
        raise TypeError(f"cannot analyze a {type(source).__name__}")

    @held_heap()  # collections walk this analysis's objects, not the whole heap (analyzer/heap.py)
    def analyze(self, source: Source, name: str | None = None) -> Analysis:
        t0 = time.perf_counter()
        label = name or (str(source) if isinstance(source, (str, os.PathLike)) and _is_path_like(str(source))
                         else "<text>" if isinstance(source, str) else getattr(source, "name", "<bytes>"))
        try:
            doc = self.read(source, name)
        except AnalyzerError as exc:
            return Analysis(path=str(label), error=exc.reason, error_code=exc.code,
                            seconds=round(time.perf_counter() - t0, 3))
        result = analyze_document(doc)
        if doc.reread is not None:  # the fast PDF engine: evidence pages re-read exactly, here, in this process
            from analyzer.readers.pdf_exact import refine_evidence

            refine_evidence(doc, result)
        result.seconds = round(time.perf_counter() - t0, 3)
        return result

    def pipe(self, sources: Iterable[Source], workers: int = 1) -> Iterator[Analysis]:
        """Analyses in input order; with workers > 1, in worker processes (analyzer/pool.py)."""
        if workers <= 1:
            for s in sources:
                yield self.analyze(s)
            return
        yield from map_ordered(list(sources), self.options, workers)


def analyze(source: Source, **options) -> Analysis:
    """One-shot analysis of a path, bytes, file object or text."""
    return Analyzer(**options).analyze(source)


def analyze_document(doc: Document) -> Analysis:
    judgment = judge_document(doc)
    kind, findings, decision, reviews = judgment.kind, judgment.findings, judgment.decision, judgment.reviews
    decisive = {id(f) for f in decision.decisive} if kind.is_loan else set()
    evidence = [_evidence(doc, f, id(f) in decisive) for f in _select(findings, decisive)]
    details = Details(**decision.details)
    details.protected_parties = sorted({p for e in evidence if e.kind in LIMITING for p in e.protected_parties})
    label, confidence, reasons, warnings = judgment.label, judgment.confidence, decision.reasons, decision.warnings
    if kind.is_loan:
        warnings = [*warnings, *(f"review: recourse language no clause explains, p. {doc.page_at(r.start)}: "
                                 f"\"{r.quote}\"" for r in reviews[:MAX_REVIEW])]
        if judgment.doubted:
            warnings.append(f"review: confidence held at {HELD_BELOW} or less: {len(judgment.doubted)} sentence(s) "
                            "of recourse language no clause explains stand beside the clauses that decided the label")
        if judgment.orphans:
            warnings.append(f"review: confidence held at {HELD_BELOW} or less: springing recourse on p. "
                            f"{doc.page_at(judgment.orphans[0].start)} but no limit on recourse was read for it "
                            "to spring from")
        if judgment.contested:
            f = judgment.contested[0]
            warnings.append(f"review: confidence held at {HELD_BELOW} or less: the exculpation stands beside a clause "
                            f"on p. {doc.page_at(f.start)} that lets the lender pursue the borrower "
                            f"({f.kind.replace('_', ' ')}): recourse for a part of the debt, or a contradiction")
        if len(reviews) > MAX_REVIEW:
            warnings.append(f"review: {len(reviews) - MAX_REVIEW} more sentence(s) of unexplained recourse language")
        reasons = [*reasons, f"document: {kind.explanation}"]
        if kind.kind != DocumentKind.unknown:  # the kind is known to be a loan: the rough word count is moot
            warnings = [w for w in warnings if w != "not_a_loan_agreement"]
    else:
        # not a loan instrument: no recourse label, and none of its recourse language counts
        reasons = [kind.explanation, *_guaranty_reasons(kind),
                   "not a loan instrument, so no recourse label: its recourse language is listed, not counted"]
        details = Details(governing_law=details.governing_law, guarantors=kind.guarantors)
        warnings = [w for w in warnings if w != "not_a_loan_agreement"]
    warnings = list(doc.warnings) + warnings
    reasons = [readable(x) for x in reasons]  # reasons a person reads: words, not the code's names
    # the overlay stands beside the decision: it reads the text on its own and never touches the label
    try:
        law = deficiency_law(doc.text, _governing_law(doc, findings, details.governing_law))
    except Exception as exc:  # noqa: BLE001 - the overlay is advice beside the label: it must never cost the record
        law = None
        warnings.append(f"deficiency_law_failed: {type(exc).__name__}")
    return Analysis(
        path=doc.source, sha256=doc.sha256, format=doc.format, label=label, document_kind=kind.kind,
        confidence=confidence, reasons=reasons, evidence=evidence, details=details,
        # physical page count: a text reader drops empty pages but keeps the numbers of the others
        pages=max((pg.number for pg in doc.pages), default=0), ocr_pages=doc.ocr_pages,
        warnings=warnings, deficiency_law=law,
    )


def _governing_law(doc: Document, findings: list, place: str | None) -> tuple[str, str] | None:
    """The governing-law clause the decision chose, as (place, sentence) for the law overlay."""
    f = next((f for f in findings if f.kind == "governing_law" and f.value == place and f.aside is None), None)
    return (place, " ".join(doc.text[f.start:f.end].split())) if f and place else None


def _guaranty_reasons(kind: KindResult) -> list[str]:
    if kind.family != "guaranty":
        return []
    who = " and ".join(kind.guarantors) if kind.guarantors else "the guarantor (not named in the opening)"
    return [f"guarantor: {who}; guarantees {kind.guaranteed}"]


def _select(findings: list[Finding], decisive: set[int]) -> list[Finding]:
    seen: dict[str, int] = {}
    aside = 0
    out = []
    for f in findings:
        keep = id(f) in decisive or (f.kind in LIMITING and f.limits_borrower) or f.kind in (
            "carve_out", "springing_recourse", "recourse_title")
        if not keep and f.note:
            aside += 1
            keep = aside <= MAX_SET_ASIDE
        if not keep:
            seen[f.kind] = seen.get(f.kind, 0) + 1
            keep = seen[f.kind] <= PER_KIND.get(f.kind, 5)
        if keep:
            out.append(f)
    return out


def _evidence(doc: Document, f: Finding, decisive: bool) -> Evidence:
    boxes = doc.boxes_for(f.start, f.end) if len(doc.box_start) else []
    page = boxes[0][0] if boxes else doc.page_at(f.start)
    return Evidence(
        kind=f.kind, polarity=f.polarity, text=doc.text[f.start:f.end], start=f.start, end=f.end, page=page,
        bbox=boxes[0][1] if boxes else None, boxes=[PageBox(page=p, bbox=b) for p, b in boxes],
        section=doc.section_at(f.start), rule=f.rule, score=f.score, cue=f.cue, scope=f.scope,
        scope_cue=f.scope_cue, protected_parties=f.protected_parties, limits_borrower=f.limits_borrower,
        decisive=decisive, note=f.note, categories=f.categories, triggers=f.triggers,
        items=_items(doc, f) if f.kind in ITEMIZED else [],
    )


def _items(doc: Document, f: Finding) -> list[EvidenceItem]:
    """Each item of the list a carve-out or springing clause announces or contains, with its page and boxes."""
    group = "springing_triggers" if f.kind == "springing_recourse" else "carve_out_categories"
    out = []
    for a, b in list_items(doc.text, f.start, f.end):
        boxes = doc.boxes_for(a, b) if len(doc.box_start) else []
        out.append(EvidenceItem(text=doc.text[a:b], start=a, end=b, page=boxes[0][0] if boxes else doc.page_at(a),
                                boxes=[PageBox(page=p, bbox=x) for p, x in boxes],
                                categories=lexicon().categories(group, doc.text[a:b])))
    return out


def analyze_path(path: str | Path, options: dict | None = None) -> Analysis:
    """Batch entry point: a plain function of a path, cheap to pickle."""
    return Analyzer(**(options or {})).analyze(Path(path))


# ---------------------------------------------------------------------------------- in worker processes


def start_worker(options: dict) -> Analyzer:
    """Pool setup of an analysis worker: the pipeline and the readers are loaded once, before the memory
    ceiling is set, and the heap is settled so that forked workers share the loaded pages."""
    from analyzer.nlp.pipeline import get_nlp, settle_worker_heap
    from analyzer.readers import sniff_format

    get_nlp()
    sniff_format(b"", "")  # registers the readers
    analyzer = Analyzer(**options)
    settle_worker_heap()
    return analyzer


def analyze_task(analyzer: Analyzer, payload: tuple) -> Analysis:
    """Pool work of an analysis worker: `payload` is (source, name, split); `split` > 1 reads a PDF with that
    many page-range processes, children of this worker."""
    source, name, split = payload
    if split > 1:
        o = analyzer.options
        return Analyzer(o.password, o.engine, o.ocr, split_workers=split).analyze(source, name=name)
    return analyzer.analyze(source, name=name)


def task_label(idx: int, source: object, name: str | None) -> str:
    """The `path` of a record for a source that gave no Analysis."""
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)) and len(str(source)) < 4096 and "\n" not in str(source):
        return str(source)
    return f"<input {idx}>"


def failed_analysis(idx: int, payload: tuple, failure: Failure) -> Analysis:
    """The error record of a task the pool reports as failed (timeout, crash, memory, internal error)."""
    return Analysis(path=task_label(idx, payload[0], payload[1]), error=failure.reason, error_code=failure.code,
                    seconds=failure.seconds)


def analysis_pool(workers: int, options: dict, timeout: float | None = 300.0, memory_mb: int = 2048,
                  tick: Callable[[], None] | None = None) -> ProcessPool:
    """A pool of analysis workers (the spaCy pipeline loaded once in each) under the per-file limits."""
    return ProcessPool(workers, analyze_task, setup=start_worker, setup_args=(dict(options),), timeout=timeout,
                       memory_mb=memory_mb, tick=tick)


def map_ordered(sources: list, options: ReadOptions | dict | None, workers: int, timeout: float = 300.0,
                memory_mb: int = 2048) -> Iterator[Analysis]:
    """Analyses of `sources` (paths, bytes, text) in input order, from worker processes."""
    opts = vars(options) if isinstance(options, ReadOptions) else dict(options or {})
    opts = {k: opts[k] for k in ("password", "engine", "ocr") if k in opts}
    tasks = [Task(i, (Path(s) if isinstance(s, os.PathLike) else s, str(s) if isinstance(s, os.PathLike) else None,
                      1)) for i, s in enumerate(sources)]
    held: dict[int, Analysis] = {}
    nxt = 0
    for task, outcome in analysis_pool(workers, opts, timeout, memory_mb).imap_unordered(tasks):
        held[task.key] = failed_analysis(task.key, task.payload, outcome) if isinstance(outcome, Failure) else outcome
        while nxt in held:
            yield held.pop(nxt)
            nxt += 1
