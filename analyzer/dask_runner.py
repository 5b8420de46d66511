"""The batch on a Dask cluster: `analyze DIR --dask local` or `--dask tcp://host:8786`.

The same road as the local batch (discovery, output, --resume, --ordered, progress, summary: all from
`analyzer.batch`); only the executor differs. Each file is one task, `analyzer.api.analyze_path`, run on
a Dask worker (each worker process loads the spaCy pipeline once, on its first task); records are
written through the same writer as they complete (`as_completed`).

- `local`: a LocalCluster of worker processes (`--workers`, default 2; one thread each, so two
  analyses never share a GIL), with `--memory-mb` as each worker's memory limit (the nanny restarts a
  worker that passes it; a file that keeps killing workers becomes an error record).
- any scheduler address (`tcp://host:port`, `tls://...`): the workers must have recourse-analyzer
  installed and see the files under the same paths (a shared file system): only paths travel.

A task that raises, or whose worker dies, becomes an error record for its file; the run goes on.
Limits as in a local batch: a Dask task does not read the file itself but hands it to a child process of
its Dask worker (one long-lived pool of size 1 per Dask worker, analyzer/pool.py), which runs under
`--timeout` (CPU budget) and `--memory-mb` and dies with it. That needs non-daemonic Dask workers:
`local` sets `distributed.worker.daemon: False`; on another cluster, set it there, or the file is read
in the Dask worker itself with a warning in its record saying that the limits were not applied.
Needs the optional dependency: `pip install 'recourse-analyzer[dask]'`.
"""

from __future__ import annotations

import sys
import threading
import time
import uuid
from pathlib import Path

from analyzer.api import Analyzer, analysis_pool, failed_analysis
from analyzer.batch.config import BatchConfig
from analyzer.batch.discovery import local_record
from analyzer.batch.emitter import Emitter
from analyzer.batch.plan import plan
from analyzer.batch.records import RecordFile, StreamOutput, open_output
from analyzer.batch.summary import Interrupted, Stats, interrupted_note, summary_text
from analyzer.pool import Failure, ProcessPool, Task, short
from analyzer.progress import Progress
from analyzer.results import Analysis

LOCAL_WORKERS = 2
CONNECT_TIMEOUT = 30.0  # seconds to reach a remote scheduler and see a worker


def analyze_bytes(data: bytes, name: str, options: dict | None = None) -> Analysis:
    """Task for stdin ('-'): the bytes travel, not a path."""
    return Analyzer(**(options or {})).analyze(data, name=name)


_POOL: ProcessPool | None = None  # per Dask worker process: the child that reads files under the limits
_POOL_KEY: tuple | None = None
_POOL_LOCK = threading.Lock()


def analyze_path_limited(path: str, options: dict, timeout: float | None, memory_mb: int) -> Analysis:
    """Dask task: read `path` in a child process of this Dask worker, under the per-file limits."""
    return _limited(Path(path), path, options, timeout, memory_mb)


def analyze_bytes_limited(data: bytes, name: str, options: dict, timeout: float | None, memory_mb: int
                          ) -> Analysis:
    """Dask task for stdin: the bytes travel, and are read under the limits too."""
    return _limited(data, name, options, timeout, memory_mb)


def _limited(source: Path | bytes, name: str, options: dict, timeout: float | None, memory_mb: int) -> Analysis:
    import multiprocessing as mp

    global _POOL, _POOL_KEY
    if mp.current_process().daemon:  # a daemonic process may not start children
        r = Analyzer(**options).analyze(source, name=name)
        r.warnings.append("--timeout and --memory-mb not applied: this Dask worker is a daemon process "
                          "(set distributed.worker.daemon to False)")
        return r
    key = (tuple(sorted(options.items())), timeout, memory_mb)
    with _POOL_LOCK:
        if _POOL is None or _POOL_KEY != key:
            if _POOL is not None:
                _POOL.close()
            import atexit

            _POOL, _POOL_KEY = analysis_pool(1, options, timeout, memory_mb), key
            atexit.register(_POOL.close)
        task, outcome = next(iter(_POOL.run_tasks([Task(0, (source, name, 1))])))
    return failed_analysis(0, task.payload, outcome) if isinstance(outcome, Failure) else outcome


def connect(address: str, cfg: BatchConfig):
    """(client, cluster or None) for 'local' or a scheduler address."""
    if address != "local" and "://" not in address:
        raise ValueError(f"--dask expects 'local' or a scheduler address such as tcp://host:8786, not {address!r}")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--dask needs the optional dependency: pip install 'recourse-analyzer[dask]'") from None
    import logging

    if address == "local":
        import dask

        with dask.config.set({"distributed.worker.daemon": False}):  # workers start the reading child
            cluster = LocalCluster(n_workers=cfg.workers if cfg.workers > 0 else LOCAL_WORKERS,
                                   threads_per_worker=1, processes=True, dashboard_address=None,
                                   memory_limit=f"{cfg.memory_mb}MiB" if cfg.memory_mb > 0 else None,
                                   silence_logs=logging.ERROR)
        try:
            return Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ValueError(f"--dask: cannot reach the scheduler at {address}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except Exception:  # noqa: BLE001 - a dask TimeoutError: no worker is connected
        client.close()
        raise ValueError(f"--dask: no worker connected to {address} within {CONNECT_TIMEOUT:.0f} s") from None
    return client, None


def _failure(item: str, future) -> Analysis:
    exc = future.exception()
    name = type(exc).__name__
    if name == "KilledWorker":
        return Analysis(path=item, error="worker died repeatedly on this file (memory limit or crash)",
                        error_code="resource_limit")
    return Analysis(path=item, error=f"internal error: {short(exc)}", error_code="internal")


def _submit(client, items: list[str], cfg: BatchConfig, emitter: Emitter, futures: dict) -> None:
    """One Dask task per file that needs reading, into `futures` (its record comes back later); the records
    of the others are written now."""
    options = {k: v for k, v in cfg.options.items() if k in ("password", "engine", "ocr")}
    run_id = uuid.uuid4().hex[:8]
    for idx, item in enumerate(items):
        key = f"analyze-{run_id}-{idx}"
        if item == "-":
            futures[client.submit(analyze_bytes_limited, sys.stdin.buffer.read(), "<stdin>", options,
                                  cfg.timeout, cfg.memory_mb, key=key)] = (idx, "<stdin>")
        elif (rec := local_record(item)) is not None:
            emitter.add(idx, rec)
        else:
            futures[client.submit(analyze_path_limited, item, options, cfg.timeout, cfg.memory_mb,
                                  key=key)] = (idx, item)


def _collect(futures: dict, emitter: Emitter) -> None:
    from dask.distributed import as_completed

    for future in as_completed(list(futures)):
        idx, item = futures.pop(future)
        if future.status == "finished":
            r = future.result()
            r.path = item  # the name as discovered, as the local batch records it
        else:
            r = _failure(item, future)
        future.release()
        emitter.add(idx, r)
    emitter.finish()


def _summary(stats: Stats, elapsed: float, cfg: BatchConfig, local: bool) -> str:
    first, _, rest = summary_text(stats, elapsed, cfg).partition("\n")
    where = "local Dask" if local else f"Dask ({cfg.dask})"
    return first.replace(" worker", f" {where} worker", 1) + "\n" + rest


def run(inputs: list[str], cfg: BatchConfig) -> int:
    """Like `analyzer.batch.run`, with the files analyzed on a Dask cluster; returns the number of failures."""
    t0 = time.monotonic()
    if cfg.resume and not (cfg.output is not None and cfg.fmt in ("jsonl", "csv")):
        raise ValueError("--resume needs --output FILE in JSONL or CSV format")
    client, cluster = connect(cfg.dask or "local", cfg)  # before the output is opened: a bad address costs nothing
    out: RecordFile | StreamOutput | None = None
    stats = Stats()
    progress: Progress | None = None
    futures: dict = {}
    ok = False
    try:
        out = open_output(cfg, inputs)
        items, progress, emitter = plan(inputs, cfg, out, stats)
        _submit(client, items, cfg, emitter, futures)
        stats.workers = len(client.scheduler_info().get("workers", {})) if futures else 0
        progress.update(force=True)
        _collect(futures, emitter)
        ok = True
    except KeyboardInterrupt:
        sys.stderr.write(interrupted_note(cfg, stats))
        raise Interrupted() from None
    finally:
        if futures:  # interrupted: do not leave work queued on a shared cluster
            client.cancel(list(futures))
        if progress:
            progress.clear()
        if out is not None:
            out.close() if ok else out.abort()
        client.close()
        if cluster is not None:
            cluster.close()
    if cfg.summary:
        sys.stderr.write(_summary(stats, time.monotonic() - t0, cfg, cluster is not None))
    return sum(stats.failures.values())
