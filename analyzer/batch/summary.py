"""What a run tells the user on stderr: the counts it keeps, the summary at the end, the note on Ctrl-C."""

from __future__ import annotations

import shlex
import sys
from collections import Counter
from dataclasses import dataclass, field

from analyzer.batch.config import BatchConfig
from analyzer.batch.records import shown
from analyzer.paths import printable
from analyzer.progress import clock

MAX_REASONS = 12  # failure reasons listed one per line; the rest are summed


@dataclass
class Stats:
    labels: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    resumed: int = 0
    pages: int = 0
    files: int = 0
    workers: int = 0


class Interrupted(SystemExit):
    """Ctrl-C during a batch: the summary line has been printed; exit status 130."""

    def __init__(self) -> None:
        super().__init__(130)


def interrupted_note(cfg: BatchConfig, stats: Stats) -> str:
    """What was written before Ctrl-C and, for a record file, the command that finishes the job."""
    n = stats.files
    where = f" to {shown(cfg.output)}" if cfg.output else ""
    line = f"analyze: interrupted; {n} record{'s' if n != 1 else ''} written{where}"
    if cfg.output is not None and cfg.fmt in ("jsonl", "csv"):
        args = [a for a in sys.argv[1:] if a != "--resume"]
        cmd = shlex.join(["analyze", *(printable(a)[0] for a in args), "--resume"])
        return f"{line}; to finish the job: {cmd}\n"
    return f"{line} (not resumable: use -o FILE.jsonl or FILE.csv and --resume)\n"


def _failure_lines(failures: Counter) -> list[str]:
    n_failed = sum(failures.values())
    if not n_failed:
        return []
    lines = [f"  failed: {n_failed}"]
    groups = failures.most_common()
    for reason, n in groups[:MAX_REASONS]:
        text = reason if len(reason) <= 100 else reason[:97] + "..."
        lines.append(f"    {n:>5}  {text}")
    if len(groups) > MAX_REASONS:
        rest = sum(n for _r, n in groups[MAX_REASONS:])
        lines.append(f"    {rest:>5}  (other reasons: {len(groups) - MAX_REASONS})")
    return lines


def summary_text(stats: Stats, elapsed: float, cfg: BatchConfig | None = None) -> str:
    """Files and pages per second, labels, failures grouped by reason, what resume and discovery skipped."""
    rate = stats.files / elapsed if elapsed > 0 else 0.0
    prate = stats.pages / elapsed if elapsed > 0 else 0.0
    workers = f" with {stats.workers} worker{'s' if stats.workers != 1 else ''}" if stats.workers else ""
    lines = [f"analyzed {stats.files} file{'s' if stats.files != 1 else ''} in {clock(elapsed)} "
             f"({elapsed:.1f} s{workers}): {rate:.2f} files/s, {prate:.1f} pages/s"]
    if stats.labels:
        lines.append("  " + "   ".join(f"{label}: {n}" for label, n in sorted(stats.labels.items())))
    lines.extend(_failure_lines(stats.failures))
    if stats.resumed:
        lines.append(f"  already recorded, skipped (--resume): {stats.resumed}")
    if stats.skipped:
        parts = ", ".join(f"{n} {why}" for why, n in sorted(stats.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"  not analyzed: {parts}")
    return "\n".join(lines) + "\n"
