"""The batch worker's heap treatment, made safe for applications that embed the analyzer.

Reading a PDF allocates a dict per character; that sets off full garbage collections every page
or two, and each walks the whole heap: the loaded spaCy pipeline (~90K objects) and whatever the
host application holds. Batch workers freeze their heap for good (`pipeline.settle_worker_heap`),
which an application cannot be asked to accept: cycles among frozen objects are never collected.

`held_heap` freezes what is alive only for the length of one analysis and unfreezes it after, so
collections during the analysis walk the analysis's own objects, and afterwards the collector sees
the host's objects again as before (nothing is lost: cycles that became garbage meanwhile are
collected at the next full collection). A process whose heap is already frozen (a batch worker) or
whose collector is off is left alone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_heap() -> Iterator[None]:
    """Keep the objects alive at entry out of the collector's walks until exit (usable as a decorator)."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
