"""The progress line (analyzer/progress.py): counts, rate, ETA and failures for a batch; a single file's
name redrawn by a timer while it is read; nothing at all when not enabled."""

from __future__ import annotations

import io
import signal
import time

from analyzer.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_line_counts_files_rate_eta_and_failures():
    out = Terminal()
    p = Progress(10, enabled=True, stream=out)
    p.t0 -= 6.0  # six seconds in
    p.done, p.failed = 3, 1
    p.update(force=True)
    text = out.getvalue()
    assert "3/10" in text and "0.50 files/s" in text and "ETA 0:14" in text and "1 failed" in text
    p.clear()


def test_disabled_draws_nothing():
    out = Terminal()
    p = Progress(10, enabled=False, stream=out)
    p.done = 5
    p.update(force=True)
    p.clear()
    assert out.getvalue() == ""


def test_single_file_shows_its_name_redrawn_by_a_timer_and_cleared_when_done():
    out = Terminal()
    p = Progress(1, enabled=True, stream=out, name="big.pdf")
    try:
        assert "analyzing big.pdf" in out.getvalue()
        assert signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None)
        before = len(out.getvalue())
        deadline = time.monotonic() + 5
        while len(out.getvalue()) == before and time.monotonic() < deadline:
            time.sleep(0.05)  # no update() call: only the timer can draw
        assert len(out.getvalue()) > before
        p.done = 1  # the record is about to be printed: the line goes first
        assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        p.clear()


def test_readers_status_shows_on_the_single_file_line_and_only_there(tmp_path):
    import os

    import pytest

    from analyzer import progress
    from analyzer.readers import ReadOptions, read_path

    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    for n in range(3):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {n + 1}. Borrower promises to pay Lender the principal sum of $10,000.")
    path = tmp_path / "three.pdf"
    pdf.output(str(path))

    seen: list[str] = []
    progress.status("nobody listens")  # a no-op
    progress._listener = (os.getpid() + 1, seen.append)  # another process's line: not ours to draw
    progress.status("ignored")
    assert seen == []
    progress._listener = (os.getpid(), seen.append)
    try:
        read_path(path, ReadOptions(ocr="never"))
    finally:
        progress._listener = None
    assert seen == ["1 page read", "2 pages read", "3 pages read"]

    out = Terminal()
    p = Progress(1, enabled=True, stream=out, name="three.pdf")
    try:
        progress.status("OCR page 2 of 5")
        p.update(force=True)
        assert "analyzing three.pdf · OCR page 2 of 5" in out.getvalue()
    finally:
        p.clear()
    assert progress._listener is None
