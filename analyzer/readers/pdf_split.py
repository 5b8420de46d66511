"""One large PDF read by several processes at once, a range of pages each, assembled as one Document.

Extraction is ~90% of the cost of a PDF, and pages are independent until running headers
are found and text is laid out, so ranges of pages go to worker processes (which import
only the PDF engine, not spaCy) and the parent assembles the whole: one Document, the
same as a sequential read gives.

Each page-range process runs under the limits of the process that started it (`READER_LIMITS`, set by
a batch worker: its memory ceiling and CPU budget) and is killed by the kernel if that process dies.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from analyzer.document import Document
from analyzer.errors import ResourceLimit
from analyzer.limits import reader_process_setup
from analyzer.readers import ReadOptions
from analyzer.readers.pdf import assemble, extract_pages, read_pdf
from analyzer.readers.spool import PageSpool

SPLIT_MIN_PAGES = 40  # below this, starting processes costs more than it saves
READER_LIMITS: tuple[int, float | None] = (0, None)  # (memory MB, CPU seconds) for each page-range process


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


def _extract(args: tuple[bytes, ReadOptions]) -> tuple[list, dict]:
    data, options = args
    state: dict = {}
    return extract_pages(data, options, state, spool=False), state


def read_pdf_split(data: bytes, name: str, options: ReadOptions, workers: int) -> Document:
    n = page_count(data, options)
    if workers < 2 or n < SPLIT_MIN_PAGES:  # small, or unreadable: the plain reader (and its errors)
        return read_pdf(data, name, dataclasses.replace(options, split_workers=1))
    parts = ranges(n, workers)
    from analyzer.progress import status  # the single-file progress line, when one is shown

    status(f"reading {n} pages in {len(parts)} processes")
    method = "fork" if threading.active_count() == 1 else "forkserver"
    jobs = [(data, dataclasses.replace(options, page_range=r, split_workers=1)) for r in parts]
    memory_mb, cpu = READER_LIMITS
    try:
        with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context(method),
                                 initializer=reader_process_setup,
                                 initargs=(memory_mb, cpu, os.getpid() if method == "fork" else 0)) as pool:
            results = list(pool.map(_extract, jobs))
    except BrokenProcessPool:
        limits = [f"{memory_mb} MB memory" if memory_mb else "", f"{cpu:g} s CPU" if cpu else ""]
        shown = " or ".join(x for x in limits if x)
        raise ResourceLimit("a page-range reader was stopped" + (f" (limit reached: {shown})" if shown else
                                                                  " (out of memory?)")) from None
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
