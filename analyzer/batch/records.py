"""Where a run's records go: a durable JSONL/CSV record file (and `--resume` from it), or a report stream.

A JSONL or CSV file is written one whole record per ``write()`` and flushed at once, so a run killed at
any moment keeps every finished record; ``--resume`` drops a partial last line, moves garbled lines to
``OUTPUT.rejected``, skips files whose content (sha256) is already recorded and appends the rest. Other
formats (JSON array, table, HTML) go through analyzer/render to stdout or to a file renamed into place when
complete. The output is checked before anything is read (analyzer/safe_output.py). The formats themselves
live in analyzer/render; this module only decides where and how durably they are written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from analyzer.batch.config import BatchConfig
from analyzer.batch.discovery import FileKey, file_key, why_not_document
from analyzer.paths import original, printable
from analyzer.pool import hold_fd, release_fd
from analyzer.render import writer
from analyzer.render.csvfmt import COLUMNS, row
from analyzer.render.jsonfmt import record
from analyzer.results import Analysis
from analyzer.safe_output import AtomicTextFile, OutputError, check_output

FSYNC_SECONDS = 2.0


def csv_line(values: list) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow(values)
    return buf.getvalue().encode("utf-8")


def shown(path: os.PathLike | str) -> str:
    """A path as printed in a one-line message (control characters escaped)."""
    return printable(os.fspath(path))[0]


class RecordFile:
    """A JSONL or CSV file written one whole record per write(), flushed at once and fsynced now and then.
    With resume, a partial last record is cut off first and the recorded contents are read back."""

    def __init__(self, path: Path, fmt: str, resume: bool) -> None:
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"--resume needs JSONL or CSV output, not {fmt}")
        self.path = Path(path)
        self.fmt = fmt
        self.recorded: dict[str, list[str]] = {}  # sha256 -> paths recorded with it
        self.kept = 0
        self.dropped_partial = False
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        if resume and self.path.exists():
            self._load_and_repair()
        else:
            flags |= os.O_TRUNC
        self.fd = os.open(self.path, flags, 0o644)
        hold_fd(self.fd)
        self.last_sync = time.monotonic()
        if fmt == "csv" and os.fstat(self.fd).st_size == 0:
            self._write(csv_line(COLUMNS))

    def keys(self) -> list[FileKey]:
        """The identity of the file being written: discovery never takes it for an input."""
        return [file_key(os.fstat(self.fd))]

    def _load_and_repair(self) -> None:
        data = self.path.read_bytes()
        self.rejected: list[tuple[int, int]] = []  # byte spans of lines that are not records: moved aside
        good = self._read_jsonl(data) if self.fmt == "jsonl" else self._read_csv(data)
        if self.rejected:
            self._move_rejected(data, good)
        elif good < len(data):
            self.dropped_partial = True
            with open(self.path, "r+b") as f:
                f.truncate(good)

    def _move_rejected(self, data: bytes, good: int) -> None:
        """Append the garbled lines to OUTPUT.rejected and rewrite OUTPUT without them (atomically)."""
        kept, at = [], 0
        for start, end in self.rejected:
            kept.append(data[at:start])
            at = end
        kept.append(data[at:good])
        side = Path(str(self.path) + ".rejected")
        with open(side, "ab") as f:
            f.write(b"".join(data[a:b] for a, b in self.rejected))
        tmp = self.path.with_name(f".{self.path.name}.resume.part")
        tmp.write_bytes(b"".join(kept))
        os.replace(tmp, self.path)
        sys.stderr.write(f"analyze: {shown(self.path)}: {len(self.rejected)} unreadable record "
                         f"line(s) moved to {shown(side)}; their files will be analyzed again\n")

    def _remember(self, sha: object, path: object, path_bytes: object = None) -> None:
        if isinstance(sha, str) and sha:
            real = original(str(path), path_bytes if isinstance(path_bytes, str) else None)
            self.recorded.setdefault(sha, []).append(real)
            self.kept += 1

    def _read_jsonl(self, data: bytes) -> int:
        end = data.rfind(b"\n") + 1  # everything after the last newline is a partial record
        at = 0
        while at < end:
            stop = data.index(b"\n", at) + 1
            line = data[at:stop]
            if line.strip():
                try:
                    rec = json.loads(line)
                except ValueError:
                    rec = None
                if isinstance(rec, dict) and "path" in rec:
                    self._remember(rec.get("sha256"), rec.get("path"), rec.get("path_bytes"))
                else:
                    self.rejected.append((at, stop))
            at = stop
        return end

    def _read_csv(self, data: bytes) -> int:
        good, header, rows = _csv_rows(data)
        if header is None:
            return 0
        try:
            i_sha, i_path = header.index("sha256"), header.index("path")
        except ValueError:
            raise ValueError(f"{self.path}: not a CSV written by analyze (no sha256 column)") from None
        i_raw = header.index("path_bytes") if "path_bytes" in header else None
        for cells, span in rows:
            if len(cells) == len(header):
                raw = cells[i_raw].lstrip("'") if i_raw is not None else None  # safe_cell may prefix a quote
                self._remember(cells[i_sha], cells[i_path], raw)
            else:
                self.rejected.append(span)
        return good

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def write(self, r: Analysis) -> None:
        self._write((record(r) + "\n").encode("utf-8") if self.fmt == "jsonl" else csv_line(row(r)))
        if time.monotonic() - self.last_sync > FSYNC_SECONDS:
            self.sync()

    def sync(self) -> None:
        try:
            os.fsync(self.fd)
        except OSError:
            pass
        self.last_sync = time.monotonic()

    def close(self) -> None:
        if self.fd >= 0:
            self.sync()
            release_fd(self.fd)
            os.close(self.fd)
            self.fd = -1

    def abort(self) -> None:
        self.close()  # every record written so far stays: that is what --resume continues from


def _csv_rows(data: bytes) -> tuple[int, list[str] | None, list[tuple[list[str], tuple[int, int]]]]:
    """(bytes of whole rows, header, [(row, byte span)]) of a CSV record file; a row without its line end
    (or with an unterminated quote) at the end is partial and not counted."""
    text = data.decode("utf-8", "surrogateescape")
    consumed = [0]  # bytes of `data` the csv reader has taken so far

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed[0] += len(line.encode("utf-8", "surrogateescape"))
            yield line

    good, header, rows = 0, None, []
    try:
        for cells in csv.reader(lines()):
            if data[consumed[0] - 1: consumed[0]] != b"\n":
                break  # the last record has no line end: partial
            if header is None:
                header = cells
            else:
                rows.append((cells, (good, consumed[0])))
            good = consumed[0]
    except csv.Error:
        pass  # an unterminated quote at the end: a partial record
    return good, header, rows


class StreamOutput:
    """Any format through analyzer.render, to stdout or a plain file (JSON array, table, html)."""

    def __init__(self, cfg: BatchConfig) -> None:
        self.target = cfg.output
        self.file = AtomicTextFile(cfg.output) if cfg.output else None
        if self.file:
            hold_fd(self.file.fileno())
        self.w = writer(cfg.fmt, self.file.file if self.file else sys.stdout, verbose=cfg.verbose,
                        options=cfg.options, target=cfg.output)

    def keys(self) -> list[FileKey]:
        """The file being replaced, the temporary file that will replace it and the folder of pages an HTML
        report writes beside itself (`folder`): never inputs."""
        if self.file is None:
            return []
        out = []
        paths = (self.target, self.file.tmp, getattr(self.w, "folder", None))
        for path in (p for p in paths if p is not None):
            try:
                out.append(file_key(os.stat(path)))
            except OSError:
                continue
        return out

    def write(self, r: Analysis) -> None:
        try:
            self.w.write(r)
        except OSError as exc:
            raise OutputError(f"{shown(self.target) if self.target else 'stdout'}: cannot write output: "
                              f"{exc.strerror or exc}") from None

    def close(self) -> None:
        if self.file is None:
            self.w.close()
            return
        release_fd(self.file.fileno())
        try:
            self.w.close()
        except OSError as exc:
            self.file.discard()
            raise OutputError(f"{shown(self.target)}: cannot write output: {exc.strerror or exc}") from None
        except BaseException:
            self.file.discard()
            raise
        self.file.commit()

    def abort(self) -> None:
        if self.file is not None:
            release_fd(self.file.fileno())
            self.file.discard()


def _named_keys(inputs: list[str]) -> list[FileKey]:
    keys = []
    for item in inputs:
        try:
            keys.append(file_key(os.stat(item)))
        except (OSError, ValueError):
            continue
    return keys


def open_output(cfg: BatchConfig, inputs: list[str]) -> RecordFile | StreamOutput:
    """The output, checked first: never an input or a document, and writable (clear one-line errors)."""
    durable = cfg.output is not None and cfg.fmt in ("jsonl", "csv")
    if cfg.resume and not durable:
        raise ValueError("--resume needs --output FILE in JSONL or CSV format")
    if cfg.output is not None:
        check_output(Path(cfg.output), _named_keys(inputs), cfg.resume, why_not_document)
    return RecordFile(cfg.output, cfg.fmt, cfg.resume) if durable else StreamOutput(cfg)


def resume_skips(paths: list[str], shas: dict[str, str | None], recorded: dict[str, list[str]]) -> set[str]:
    """Paths whose content is already recorded: under the same path, or under a path that is no longer an
    input (a moved or renamed file). Each record excuses one input, so copies each get their own record."""
    inputs = set(paths)
    spare = {sha: [p for p in ps if p not in inputs] for sha, ps in recorded.items()}
    skip = set()
    for p in paths:
        sha = shas.get(p)
        if not sha or sha not in recorded:
            continue
        if p in recorded[sha]:
            skip.add(p)
        elif spare.get(sha):
            spare[sha].pop()
            skip.add(p)
    return skip
