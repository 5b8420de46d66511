"""What a run was asked to do (the CLI's options, as the batch and the Dask runner see them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BatchConfig:
    fmt: str = "jsonl"
    output: Path | None = None
    options: dict = field(default_factory=dict)  # reader options: password, engine, ocr
    workers: int = 0  # 0: one per CPU
    timeout: float = 300.0  # CPU seconds per file
    memory_mb: int = 2048
    resume: bool = False
    ordered: bool = False
    progress: bool = True
    summary: bool = True
    verbose: bool = False
    dask: str | None = None  # None: local worker processes; 'local' or a scheduler address: Dask
