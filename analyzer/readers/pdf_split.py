"""One large PDF read by several processes at once, a range of pages each, assembled as one Document.

Extraction is ~90% of the cost of a PDF, and pages are independent until running headers
are found and text is laid out, so ranges of pages go to worker processes (which import
only the PDF engine, not spaCy) and the parent assembles the whole: one Document, the
same as a sequential read gives.

The page-range processes come from the one pool (analyzer/pool.py) and run under the limits of the
worker that starts them (its memory ceiling and CPU budget, `pool.worker_limits()`); the kernel kills
them if that worker dies.
"""

from __future__ import annotations

import dataclasses

from analyzer.document import Document
from analyzer.errors import ResourceLimit
from analyzer.pool import Failure, ProcessPool, Task, worker_limits
from analyzer.readers.pdf_pages import assemble, extract_pages, read_plain
from analyzer.readers.registry import ReadOptions
from analyzer.readers.spool import PageSpool

SPLIT_MIN_PAGES = 40  # below this, starting processes costs more than it saves


def page_count(data: bytes, options: ReadOptions) -> int:
    """Pages in the file by pypdfium2 (a millisecond), or 0 when it cannot tell."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data, password=options.password or None)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - the real reader will say what is wrong
        return 0


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous, near-equal 1-based inclusive page ranges covering 1..n."""
    parts = max(1, min(parts, n))
    bounds = [round(i * n / parts) for i in range(parts + 1)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(parts) if bounds[i + 1] > bounds[i]]


def _extract(_state: None, args: tuple[bytes, ReadOptions]) -> tuple[list, dict]:
    data, options = args
    state: dict = {}
    return extract_pages(data, options, state, spool=False), state


def _read_ranges(data: bytes, options: ReadOptions, parts: list[tuple[int, int]]) -> list[tuple[list, dict]]:
    """(pages, reader state) of each range, in order, from page-range processes under this worker's limits."""
    memory_mb, cpu = worker_limits()
    jobs = [(data, dataclasses.replace(options, page_range=r, split_workers=1)) for r in parts]
    results: list = [None] * len(jobs)
    with ProcessPool(len(jobs), _extract, timeout=cpu, memory_mb=memory_mb, name="page-reader") as pool:
        for task, outcome in pool.run_tasks([Task(i, job) for i, job in enumerate(jobs)]):
            if isinstance(outcome, Failure):
                if outcome.exc is not None:  # the reader's own error (corrupt, encrypted...), as a plain read
                    raise outcome.exc
                raise ResourceLimit(f"a page-range reader was stopped: {outcome.reason}")
            results[task.key] = outcome
    return results


def read_pdf_split(data: bytes, name: str, options: ReadOptions, workers: int) -> Document:
    n = page_count(data, options)
    if workers < 2 or n < SPLIT_MIN_PAGES:  # small, or unreadable: the plain reader (and its errors)
        return read_plain(data, name, dataclasses.replace(options, split_workers=1))
    parts = ranges(n, workers)
    from analyzer.progress import status  # the single-file progress line, when one is shown

    status(f"reading {n} pages in {len(parts)} processes")
    results = _read_ranges(data, options, parts)
    pages = [p for part, _ in results for p in part]
    status(f"{n} pages read")
    state: dict = {}
    for _, st in results:
        state.update(st)
    del results
    spool = PageSpool()
    for p in pages:
        p.spill(spool)
    return assemble(data, name, dataclasses.replace(options, split_workers=1), pages, state)
