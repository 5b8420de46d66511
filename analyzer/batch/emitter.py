"""Records as they complete: made safe to print, written (in input order with --ordered), counted, and
each failure told on stderr in one line."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from analyzer.batch.discovery import sha256_file
from analyzer.batch.records import RecordFile, StreamOutput
from analyzer.batch.summary import Stats
from analyzer.paths import make_record_safe
from analyzer.progress import Progress
from analyzer.results import Analysis


class Emitter:
    """Writes records (in input order with `ordered`), prints failures, keeps the counts."""

    def __init__(self, out: RecordFile | StreamOutput, stats: Stats, progress: Progress, ordered: bool,
                 shas: dict) -> None:
        self.out = out
        self.stats = stats
        self.progress = progress
        self.ordered = ordered
        self.shas = shas
        self.held: dict[int, Analysis] = {}
        self.next = 0

    def add(self, idx: int, r: Analysis) -> None:
        if r.error and r.sha256 is None and r.path not in ("-", "<stdin>"):
            r.sha256 = self.shas.get(r.path) or sha256_file(r.path)  # lets --resume skip known failures too
        make_record_safe(r)  # a file name that is not UTF-8: escaped in `path`, exact in `path_bytes`
        self.progress.done += 1
        if r.error:
            self.progress.failed += 1
            self.progress.clear()
            sys.stderr.write(f"analyze: {r.path}: {r.error}\n")
        if self.ordered:
            self.held[idx] = r
            self._flush()
        else:
            self._write(r)
        self.progress.update(force=bool(r.error))

    def _flush(self) -> None:
        while self.next in self.held:
            self._write(self.held.pop(self.next))
            self.next += 1

    def finish(self) -> None:
        for idx in sorted(self.held):
            self._write(self.held.pop(idx))

    def _write(self, r: Analysis) -> None:
        with _ctrl_c_held():
            self.out.write(r)
            self.stats.files += 1
            if r.error:
                self.stats.failures[r.error] += 1
            else:
                self.stats.labels[r.label.value if r.label else "?"] += 1
                self.stats.pages += r.pages or 0


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C waits until a record is both written and counted, so the note on interruption tells the number
    of records the file holds (one arriving between the two made it tell one fewer). A handler, not a signal
    mask: Python raises KeyboardInterrupt in the main thread whichever thread the kernel chose."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    old = signal.signal(signal.SIGINT, lambda signum, _frame: came.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old if old is not None else signal.default_int_handler)
        if came:
            signal.raise_signal(signal.SIGINT)  # the held Ctrl-C, now under the run's own handler
