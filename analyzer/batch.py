"""Discovery and the run over many files (sequential first version)."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.results import Analysis

SKIP_NAMES = {"manifest.csv", "labels.csv", ".ds_store", "thumbs.db"}


@dataclass
class BatchConfig:
    fmt: str = "jsonl"
    output: Path | None = None
    options: dict = field(default_factory=dict)
    workers: int = 0
    timeout: float = 300.0
    memory_mb: int = 2048
    resume: bool = False
    ordered: bool = False
    progress: bool = True
    summary: bool = True
    verbose: bool = False
    dask: str | None = None


def discover(inputs: list[str]) -> Iterator[str]:
    """Files named, found in folders (recursively, sorted) or matched by globs."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.lower() not in SKIP_NAMES and not name.startswith("."):
                        yield os.path.join(root, name)
        elif not p.exists() and any(ch in item for ch in "*?["):
            yield from sorted(glob.glob(item, recursive=True))
        else:
            yield item


def analyze_one(item: str, options: dict) -> Analysis:
    from analyzer.api import Analyzer

    analyzer = Analyzer(**options)
    if item == "-":
        data = sys.stdin.buffer.read()
        return analyzer.analyze(data, name="<stdin>")
    return analyzer.analyze(Path(item), name=item)


def run(inputs: list[str], cfg: BatchConfig) -> int:
    """Analyze every input, write records; returns the number of failures."""
    from analyzer.render import writer

    out = open(cfg.output, "w", encoding="utf-8") if cfg.output else sys.stdout  # noqa: SIM115
    w = writer(cfg.fmt, out, verbose=cfg.verbose)
    failures = 0
    try:
        for item in discover(inputs):
            r = analyze_one(item, cfg.options)
            if r.error:
                failures += 1
                sys.stderr.write(f"analyze: {item}: {r.error}\n")
            w.write(r)
    finally:
        w.close()
        if cfg.output:
            out.close()
    return failures


def map_ordered(sources: list, options, workers: int) -> Iterator[Analysis]:
    from concurrent.futures import ProcessPoolExecutor

    from analyzer.api import analyze_path

    opts = options.__dict__ if hasattr(options, "__dict__") else dict(options)
    opts = {k: opts[k] for k in ("password", "engine", "ocr") if k in opts}
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(analyze_path, sources, [opts] * len(sources))
