"""Progress on stderr for a run, drawn by rich: files done of total, rate, elapsed, ETA and failures.

The batch runner and the Dask runner only set `done` and `failed` and call `update()`; they call
`clear()` before they print a line of their own, and the bar comes back on the next update. With one
file there is nothing to count, so the line shows the file's name and the time spent instead, redrawn
whenever the worker pool looks in (no thread of ours: the workers are forked, and a thread would force a
slower start method). Nothing is drawn when stderr is not a terminal.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich import progress as rp
from rich.console import Console

REDRAW_SECONDS = 0.2


def _columns(single: bool) -> list[rp.ProgressColumn]:
    if single:
        return [rp.SpinnerColumn(), rp.TextColumn("{task.description}"), rp.TimeElapsedColumn()]
    return [rp.TextColumn("{task.description}"), rp.BarColumn(bar_width=24), rp.MofNCompleteColumn(),
            rp.TextColumn("files"), rp.TextColumn("{task.fields[rate]}"), rp.TimeElapsedColumn(),
            rp.TextColumn("ETA"), rp.TimeRemainingColumn(), rp.TextColumn("{task.fields[failed]} failed")]


class Progress:
    """A transient progress line for `total` files; inert when `enabled` is false."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None, name: str | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.name = name
        self._done = 0
        self.failed = 0
        self.t0 = time.monotonic()
        self.last = 0.0
        self._bar: rp.Progress | None = None
        self._task: rp.TaskID | None = None
        if self.single:
            self.update(force=True)  # no thread redraws it (workers fork), so show the file's name at once

    @property
    def done(self) -> int:
        return self._done

    @done.setter
    def done(self, value: int) -> None:
        self._done = value
        if self.single and value >= self.total:
            self.clear()  # before the record is printed on the same screen

    @property
    def single(self) -> bool:
        return self.total == 1

    def _start(self) -> None:
        console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        self._bar = rp.Progress(*_columns(self.single), console=console, transient=True, auto_refresh=False,
                                redirect_stdout=False, redirect_stderr=False)
        self._bar.start()
        what = f"analyzing {self.name}" if self.single and self.name else "analyzing"
        self._task = self._bar.add_task(what, total=self.total, rate="", failed=0)

    def update(self, force: bool = False) -> None:
        """Redraw, at most every REDRAW_SECONDS unless `force`."""
        if not self.enabled or (self.single and self.done >= self.total):
            return
        now = time.monotonic()
        if not force and now - self.last < REDRAW_SECONDS:
            return
        self.last = now
        if self._bar is None:
            self._start()
        elapsed = now - self.t0
        rate = f"{self.done / elapsed:.2f} files/s" if elapsed > 0 else ""
        self._bar.update(self._task, completed=self.done, rate=rate, failed=self.failed)
        self._bar.refresh()

    def clear(self) -> None:
        """Take the line off the screen (it comes back on the next update)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
