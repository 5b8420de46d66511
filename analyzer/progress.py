"""Progress on stderr for a run, drawn by rich: files done of total, rate, elapsed, ETA and failures.

The batch runner and the Dask runner only set `done` and `failed` and call `update()`; they call
`clear()` before they print a line of their own, and the bar comes back on the next update. With one
file there is nothing to count, so the line shows the file's name and the time spent instead. A single
PDF is read in this process (its pages split across forked workers), where nothing calls `update()` for
minutes at a time; an interval timer (SIGALRM) redraws the line then. Not a thread: the readers fork,
and choose a slower start method when another thread is alive. Nothing is drawn when stderr is not a
terminal.

The readers say what a long read is doing through `status("OCR page 3 of 12")`, which costs nothing
when no line listens (an API call, a batch of many files, a forked worker) and is shown after the
file's name when one does. rich is imported only when a line is drawn.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich import progress as rp

REDRAW_SECONDS = 0.2
TIMER_SECONDS = 1.0  # how often the timer redraws a single file's line

_listener: tuple[int, Callable[[str], None]] | None = None  # (pid, callback) of the line that shows status


def status(text: str) -> None:
    """Tell the single-file progress line what the read is doing now; a no-op when none listens here."""
    if _listener is not None and _listener[0] == os.getpid():
        _listener[1](text)


def _columns(single: bool) -> list[rp.ProgressColumn]:
    from rich import progress as rp

    if single:
        return [rp.SpinnerColumn(), rp.TextColumn("{task.description}"), rp.TimeElapsedColumn()]
    return [rp.TextColumn("{task.description}"), rp.BarColumn(bar_width=24), rp.MofNCompleteColumn(),
            rp.TextColumn("files"), rp.TextColumn("{task.fields[rate]}"), rp.TimeElapsedColumn(),
            rp.TextColumn("ETA {task.fields[eta]}"), rp.TextColumn("{task.fields[failed]} failed")]


def clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


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
        self._drawing = False
        self._timer = False
        self.detail = ""
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
        from rich import progress as rp
        from rich.console import Console

        console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        self._bar = rp.Progress(*_columns(self.single), console=console, transient=True, auto_refresh=False,
                                redirect_stdout=False, redirect_stderr=False)
        self._bar.start()
        if self.single:
            self._start_timer()
            global _listener
            _listener = (os.getpid(), self._status)
        self._task = self._bar.add_task(self._what(), total=self.total, rate="", eta="-:--", failed=0)

    def _what(self) -> str:
        what = f"analyzing {self.name}" if self.single and self.name else "analyzing"
        return what + (f" · {self.detail}" if self.detail else "")

    def _status(self, text: str) -> None:
        self.detail = text
        if self._task is not None and self._bar is not None:
            self._bar.update(self._task, description=self._what())  # drawn by the next tick

    def update(self, force: bool = False) -> None:
        """Redraw, at most every REDRAW_SECONDS unless `force`."""
        if not self.enabled or (self.single and self.done >= self.total):
            return
        now = time.monotonic()
        if not force and now - self.last < REDRAW_SECONDS:
            return
        self.last = now
        self._drawing = True
        try:
            self._draw(now)
        finally:
            self._drawing = False

    def _draw(self, now: float) -> None:
        if self._bar is None:
            self._start()
        if self._task is None:
            return
        elapsed = now - self.t0
        per_s = self.done / elapsed if elapsed > 0 else 0.0
        # over the whole run, not rich's last-30-s window: files of a batch take minutes each at times
        eta = clock((self.total - self.done) / per_s) if per_s > 0 else "-:--"
        self._bar.update(self._task, completed=self.done, rate=f"{per_s:.2f} files/s", eta=eta, failed=self.failed)
        self._bar.refresh()

    def _start_timer(self) -> None:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if not usable or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
            return  # someone else's alarm: leave it alone

        def tick(_signum, _frame) -> None:
            if self._task is not None and self._bar is not None and not self._drawing:
                self.update(force=True)

        signal.signal(signal.SIGALRM, tick)
        signal.setitimer(signal.ITIMER_REAL, TIMER_SECONDS, TIMER_SECONDS)
        self._timer = True

    def _stop_timer(self) -> None:
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            self._timer = False

    def clear(self) -> None:
        """Take the line off the screen (it comes back on the next update)."""
        global _listener
        if _listener is not None and _listener[1] == self._status:
            _listener = None
        self._stop_timer()
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
