"""Where results go may never destroy an input: checks made before any analysis, and atomic writes.

`-o` naming an input (or any document) is refused with one line, before anything is read. A report
(table, JSON, HTML) is written to a temporary file beside the target and renamed into place when it
is complete, so a failure half-way leaves the old file as it was. Devices (/dev/null, /dev/stdout)
are written directly, after a zero-byte write that fails at once on a device that cannot take data
(/dev/full). JSONL and CSV record files are appended to as records finish (that is what makes
`--resume` possible), so they are checked, not renamed.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from analyzer.paths import printable

TABLE_SUFFIXES = ("", ".txt", ".text", ".out", ".log")


class OutputError(ValueError):
    """An output that cannot or must not be written (a ValueError: the CLI prints one line, exit 2)."""


def _show(path: os.PathLike | str) -> str:
    return printable(os.fspath(path))[0]


def written_by_analyze(path: Path) -> bool:
    """Whether an existing file looks like one of our own outputs (so it may be replaced or resumed)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    text = head.decode("utf-8", "replace")
    body = text.lstrip()
    if not body:
        return True
    if body[0] in "{[":
        return '"schema_version"' in body
    if body.startswith("path,") and "sha256" in body.split("\n", 1)[0]:
        return True
    if body.startswith("<!DOCTYPE html>") and "recourse-analyzer" in _tail(path):
        return True
    lines = text.split("\n")
    return len(lines) > 1 and lines[1].lstrip().startswith(
        ("RECOURSE", "LIMITED-RECOURSE", "NON-RECOURSE", "NOT-A-LOAN", "ERROR:"))


def _tail(path: Path, n: int = 65536) -> str:
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - n))
        return f.read().decode("utf-8", "replace")


def check_output(output: Path, input_keys: Iterable[tuple[int, int]], resume: bool,
                 why_not_document: Callable[[str], str | None]) -> None:
    """Refuse, before any analysis, an output that is an input, a document, a folder or unwritable.
    `why_not_document` is discovery's test (None: the file is a document), passed in by the batch."""
    name = _show(output)
    try:
        st = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{name}: cannot use as output: {exc.strerror}") from None
    if st is None:
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"{name}: cannot write output: folder {_show(parent)} does not exist")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"{name}: cannot write output: folder {_show(parent)} is not writable")
        _check_space(parent, name)
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{name}: is a folder; name a file for the output")
    if not stat.S_ISREG(st.st_mode):
        _probe_device(output, name)
        return
    ours = written_by_analyze(output)
    if (st.st_dev, st.st_ino) in set(input_keys) and not ours:
        raise OutputError(f"{name}: refusing to write the output over one of the inputs")
    if st.st_size and not ours and why_not_document(str(output)) is None:
        raise OutputError(f"{name}: refusing to overwrite an existing document; choose another output name")
    if not os.access(output, os.W_OK):
        raise OutputError(f"{name}: cannot write output: permission denied")
    _check_space(output.parent if str(output.parent) else Path("."), name)


def _check_space(folder: Path, name: str) -> None:
    try:
        vfs = os.statvfs(folder)
    except OSError:
        return
    if vfs.f_bavail == 0 and vfs.f_blocks > 0:
        raise OutputError(f"{name}: cannot write output: no space left on device")


def _probe_device(output: Path, name: str) -> None:
    try:
        fd = os.open(output, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO with no reader yet: it will block on open later, as asked
            return
        raise OutputError(f"{name}: cannot write output: {exc.strerror}") from None
    try:
        os.write(fd, b"")
    except OSError as exc:
        if exc.errno != errno.EAGAIN:
            raise OutputError(f"{name}: cannot write output: {exc.strerror}") from None
    finally:
        os.close(fd)


class AtomicTextFile:
    """A text file written beside `target` and renamed over it by `commit()`; `discard()` leaves no trace."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.direct = self.target.exists() and not self.target.is_file()  # a device or FIFO
        if self.direct:
            self.tmp = None
            self.file = open(self.target, "w", encoding="utf-8")  # noqa: SIM115
            return
        folder = self.target.parent if str(self.target.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.target.name}.", suffix=".part")
        self.tmp = Path(tmp)
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        self.file = os.fdopen(fd, "w", encoding="utf-8")

    def fileno(self) -> int:
        return self.file.fileno()

    def commit(self) -> None:
        try:
            self.file.flush()
            if self.tmp is not None:
                os.fsync(self.file.fileno())
            self.file.close()
        except OSError as exc:
            self.discard()
            raise OutputError(f"{_show(self.target)}: cannot write output: {exc.strerror or exc}") from None
        if self.tmp is not None:
            os.replace(self.tmp, self.target)
            self.tmp = None

    def discard(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                self.tmp.unlink()
            except OSError:
                pass
            self.tmp = None
