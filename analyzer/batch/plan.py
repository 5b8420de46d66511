"""What a run will do: the inputs discovered, less what --resume finds recorded, and the large-file policy.

A PDF whose expected cost exceeds an equal share of the whole batch's would leave the other cores idle at
the end; it goes first, alone, its pages read by `workers` processes under its worker
(analyzer/readers/pdf_split.py). The rest go longest first, so that no worker is left with a giant.
Shared by the local pool and the Dask runner, so both skip, resume and record alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyzer.batch.config import BatchConfig
from analyzer.batch.discovery import discover, local_record, sha256_file
from analyzer.batch.emitter import Emitter
from analyzer.batch.records import RecordFile, StreamOutput, resume_skips
from analyzer.batch.summary import Stats
from analyzer.pool import Task
from analyzer.progress import Progress

PDF_WEIGHT = 4  # a PDF byte costs about this many text bytes to read


def plan(inputs: list[str], cfg: BatchConfig, out: RecordFile | StreamOutput,
         stats: Stats) -> tuple[list[str], Progress, Emitter]:
    """What to analyze (discovered, less what --resume finds recorded), with its progress and emitter."""
    items = list(discover(inputs, stats.skipped, out.keys()))
    shas: dict[str, str | None] = {}
    if cfg.resume and isinstance(out, RecordFile) and out.recorded:
        shas = {p: sha256_file(p) for p in items if p != "-"}
        skip = resume_skips(items, shas, out.recorded)
        stats.resumed = sum(1 for p in items if p in skip)
        items = [p for p in items if p not in skip]
    progress = Progress(len(items), cfg.progress and _isatty(sys.stderr), name=items[0] if len(items) == 1 else None)
    return items, progress, Emitter(out, stats, progress, ordered=cfg.ordered, shas=shas)


def tasks_for(items: list[str], emitter: Emitter, workers: int) -> list[Task]:
    """Pool tasks (payload: source, name, split) for the items that need reading, in the order to run them;
    the records of those that need none (missing, a folder) go straight to `emitter`."""
    tasks = []
    for idx, item in enumerate(items):
        if item == "-":
            tasks.append(Task(idx, (sys.stdin.buffer.read(), "<stdin>", 1)))
        elif (rec := local_record(item)) is not None:
            emitter.add(idx, rec)
        else:
            tasks.append(Task(idx, (Path(item), item, 1)))
    big = {t.key for t in oversized(tasks, workers)}
    for t in tasks:
        if t.key in big:
            t.payload, t.cores = (t.payload[0], t.payload[1], workers), workers
    tasks.sort(key=lambda t: (t.cores == 1, -expected_cost(t)))
    return tasks


def oversized(tasks: list[Task], workers: int) -> list[Task]:
    """PDFs whose expected cost exceeds an equal share of the whole batch's."""
    if workers < 2 or not tasks:
        return []
    total = sum(expected_cost(t) for t in tasks)
    return [t for t in tasks if isinstance(t.payload[0], Path) and t.payload[0].suffix.lower() == ".pdf"
            and expected_cost(t) * workers > total]


def expected_cost(task: Task) -> int:
    """Bytes, with PDF bytes weighted up: a PDF page costs far more to read than its text does."""
    source = task.payload[0]
    if not isinstance(source, Path):
        return len(source) if isinstance(source, bytes) else 0
    try:
        size = source.stat().st_size
    except OSError:
        return 0
    return size * PDF_WEIGHT if source.suffix.lower() == ".pdf" else size


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
