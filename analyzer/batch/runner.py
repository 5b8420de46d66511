"""The run over many files: plan, hand every file to the worker pool, write records as they complete.

Every file (stdin, a single file and a split PDF included) is analyzed in worker processes under the
limits (--timeout CPU budget, --memory-mb; analyzer/pool.py): the parent only discovers, schedules and
writes. `--dask` hands the same plan to analyzer/dask_runner.py instead.
"""

from __future__ import annotations

import os
import sys
import time

from analyzer.api import analysis_pool, failed_analysis
from analyzer.batch.config import BatchConfig
from analyzer.batch.emitter import Emitter
from analyzer.batch.plan import plan, tasks_for
from analyzer.batch.records import open_output
from analyzer.batch.summary import Interrupted, Stats, interrupted_note, summary_text
from analyzer.pool import Failure
from analyzer.progress import Progress


class DaskNotImplemented(NotImplementedError, ValueError):
    """--dask without analyzer.dask_runner (a ValueError, so that the CLI prints one line)."""


def _run_dask(inputs: list[str], cfg: BatchConfig) -> int:
    try:
        from analyzer import dask_runner
    except ModuleNotFoundError as exc:
        if exc.name != "analyzer.dask_runner":
            raise
        raise DaskNotImplemented("--dask is not available in this installation; run without it to use "
                                 "local worker processes (--workers N)") from None
    return dask_runner.run(inputs, cfg)


def _analyze_all(items: list[str], cfg: BatchConfig, progress: Progress, emitter: Emitter, stats: Stats) -> None:
    workers = cfg.workers if cfg.workers > 0 else (os.cpu_count() or 1)
    tasks = tasks_for(items, emitter, workers)
    if tasks:
        stats.workers = min(workers, len(tasks))
        pool = analysis_pool(workers, cfg.options, cfg.timeout, cfg.memory_mb, tick=progress.update)
        for task, outcome in pool.imap_unordered(tasks):
            if isinstance(outcome, Failure):
                outcome = failed_analysis(task.key, task.payload, outcome)
            emitter.add(task.key, outcome)
    emitter.finish()


def run(inputs: list[str], cfg: BatchConfig) -> int:
    """Analyze every input, write records as they complete; returns the number of failures."""
    if cfg.dask:
        return _run_dask(inputs, cfg)
    t0 = time.monotonic()
    out = open_output(cfg, inputs)
    stats = Stats()
    progress: Progress | None = None
    try:
        items, progress, emitter = plan(inputs, cfg, out, stats)
        _analyze_all(items, cfg, progress, emitter, stats)
    except KeyboardInterrupt:
        if progress:
            progress.clear()
        out.abort()
        sys.stderr.write(interrupted_note(cfg, stats))
        raise Interrupted() from None
    except BaseException:
        out.abort()
        raise
    finally:
        if progress:
            progress.clear()
    out.close()
    if cfg.summary:
        sys.stderr.write(summary_text(stats, time.monotonic() - t0, cfg))
    return sum(stats.failures.values())
