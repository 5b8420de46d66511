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
`--timeout` is not enforced on Dask (a task cannot be interrupted there).
Needs the optional dependency: `pip install 'recourse-analyzer[dask]'`.
"""

from __future__ import annotations

import os
import sys
import time
import uuid

from analyzer.batch import (
    BatchConfig,
    Progress,
    RecordFile,
    Stats,
    StreamOutput,
    _missing,
    _short,
    plan,
    summary_text,
)
from analyzer.results import Analysis

LOCAL_WORKERS = 2
CONNECT_TIMEOUT = 30.0  # seconds to reach a remote scheduler and see a worker


def analyze_bytes(data: bytes, name: str, options: dict | None = None) -> Analysis:
    """Task for stdin ('-'): the bytes travel, not a path."""
    from analyzer.api import Analyzer

    return Analyzer(**(options or {})).analyze(data, name=name)


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
        cluster = LocalCluster(n_workers=cfg.workers if cfg.workers > 0 else LOCAL_WORKERS, threads_per_worker=1,
                               processes=True, dashboard_address=None,
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
    return Analysis(path=item, error=f"internal error: {_short(exc)}", error_code="internal")


def run(inputs: list[str], cfg: BatchConfig) -> int:
    """Like `analyzer.batch.run`, with the files analyzed on a Dask cluster; returns the number of failures."""
    t0 = time.monotonic()
    durable = cfg.output is not None and cfg.fmt in ("jsonl", "csv")
    if cfg.resume and not durable:
        raise ValueError("--resume needs --output FILE in JSONL or CSV format")
    client, cluster = connect(cfg.dask or "local", cfg)  # before the output is opened: a bad address costs nothing
    out: RecordFile | StreamOutput | None = None
    stats = Stats()
    progress: Progress | None = None
    futures: dict = {}
    try:
        from dask.distributed import as_completed

        from analyzer.api import analyze_path

        out = RecordFile(cfg.output, cfg.fmt, cfg.resume) if durable else StreamOutput(cfg)
        items, progress, emitter = plan(inputs, cfg, out, stats)
        options = {k: v for k, v in cfg.options.items() if k in ("password", "engine", "ocr")}
        run_id = uuid.uuid4().hex[:8]
        for idx, item in enumerate(items):
            key = f"analyze-{run_id}-{idx}"
            if item == "-":
                futures[client.submit(analyze_bytes, sys.stdin.buffer.read(), "<stdin>", options, key=key)] = (
                    idx, "<stdin>")
            elif not os.path.exists(item):
                emitter.add(idx, _missing(item))
            else:
                futures[client.submit(analyze_path, item, options, key=key)] = (idx, item)
        stats.workers = len(client.scheduler_info().get("workers", {})) if futures else 0
        progress.update(force=True)
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
    finally:
        if futures:  # interrupted: do not leave work queued on a shared cluster
            client.cancel(list(futures))
        if progress:
            progress.clear()
        if out is not None:
            out.close()
        client.close()
        if cluster is not None:
            cluster.close()
    if cfg.summary:
        first, _, rest = summary_text(stats, time.monotonic() - t0, cfg).partition("\n")
        where = "local Dask" if cluster is not None else f"Dask ({cfg.dask})"
        sys.stderr.write(first.replace(" worker", f" {where} worker", 1) + "\n" + rest)
    return sum(stats.failures.values())

