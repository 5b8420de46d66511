"""The run over many files: discovery, a pool of worker processes, durable output, resume, progress, summary.

Discovery walks folders recursively in a fixed order (names sorted in each folder), follows symlinks but
visits each folder and each file once (symlink loops end there), and decides by content what is a
document: images, archives, manifests and binary junk found in folders are skipped and counted. A file
named explicitly, and any file ending in ``.pdf``, is always attempted, so a corrupt PDF becomes an
error record rather than vanishing; so is a folder that cannot be listed or holds no document.

Every file (stdin, a single file and a split PDF included) is analyzed in long-lived worker processes,
each loading the spaCy pipeline once; the parent never reads a document. The pool is our own (not
ProcessPoolExecutor) because one hung or crashing document must cost only its own worker: the parent
knows what each worker is doing, since when and how much CPU it has used (analyzer/limits.py), kills it
past the CPU budget, on death or when its memory passes the ceiling, records an error for that file and
starts a replacement.

Output to a JSONL or CSV file is written one whole record per ``write()`` and flushed at once, so a run
killed at any moment keeps every finished record; ``--resume`` drops a partial last line, moves garbled
lines to ``OUTPUT.rejected``, skips files whose content (sha256) is already recorded and appends the rest.
The output is checked before anything is read (analyzer/safe_output.py).

Test hooks, honoured only inside worker processes (the parent reads them once and hands them over):
``ANALYZER_TEST_HANG_SUFFIX`` (a file whose name ends so hangs), ``ANALYZER_TEST_CRASH_SUFFIX`` (its
worker kills itself with SIGKILL), ``ANALYZER_TEST_SPIN_SUFFIX`` (it loops on the CPU) and
``ANALYZER_TEST_DELAY`` (seconds to sleep before each file).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import os
import signal
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.limits import WALL_FACTOR, timeout_message, tree_cpu_seconds
from analyzer.limits import die_with_parent as _die_with_parent
from analyzer.limits import limit_memory as _limit_memory
from analyzer.paths import make_record_safe, original, printable
from analyzer.progress import Progress
from analyzer.readers.text import _looks_textual  # the text reader's own test
from analyzer.results import Analysis
from analyzer.safe_output import AtomicTextFile, OutputError, check_output

SKIP_NAMES = {"manifest.csv", "labels.csv", ".ds_store", "thumbs.db", "desktop.ini"}
# a folder's own notes (README.md, LICENSE, CHANGELOG.txt): text, but about the folder, not an agreement
NOTE_STEMS = {"readme", "license", "licence", "changelog", "changes", "notice", "authors", "copying"}
TEST_HOOKS = ("ANALYZER_TEST_HANG_SUFFIX", "ANALYZER_TEST_CRASH_SUFFIX", "ANALYZER_TEST_DELAY",
              "ANALYZER_TEST_SPIN_SUFFIX")
HEAD_BYTES = 8192
STARTUP_TIMEOUT = 180.0  # seconds a new worker may take to load the pipeline
MAX_STARTUP_FAILURES = 3  # workers dying in a row before becoming ready: give up
POLL_SECONDS = 0.5  # how often the parent looks at memory and redraws progress when nothing happens
FSYNC_SECONDS = 2.0
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_THREAD_LIMIT")


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


class DaskNotImplemented(NotImplementedError, ValueError):
    """--dask without analyzer.dask_runner (a ValueError, so that the CLI prints one line)."""


# ---------------------------------------------------------------------------------------------- discovery


def _has_glob(item: str) -> bool:
    return any(ch in item for ch in "*?[")


def _file_key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def why_not_document(path: str, name: str | None = None) -> str | None:
    """None when `path` should be analyzed, else the reason (a short category) to skip it."""
    name = name or os.path.basename(path)
    lname = name.lower()
    if lname in SKIP_NAMES:
        return "manifest or listing"
    if lname.split(".", 1)[0] in NOTE_STEMS:
        return "folder notes (README, LICENSE...)"
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except FileNotFoundError:
        return "vanished"
    except OSError:
        return None  # unreadable: attempted, so that it is recorded with the reason
    if lname.endswith(".pdf"):
        return None  # a corrupt PDF is still a PDF: one record per PDF
    if not head:
        return "empty file"
    from analyzer.readers import describe_non_document, sniff_format

    what = describe_non_document(head)
    if what:
        return "image" if "image" in what else "archive" if "archive" in what else "not a document"
    fmt = sniff_format(head, name)
    if fmt is None:
        return "not a document type"
    if fmt == "text" and not _looks_textual(head):
        return "binary, not a document"
    return None


def _walk(top: str, skipped: Counter, seen_dirs: set, seen_files: set) -> Iterator[str]:
    try:
        st = os.stat(top)
    except OSError:
        skipped["unreadable folder"] += 1
        return
    if _file_key(st) in seen_dirs:
        skipped["folder already visited (symlink)"] += 1
        return
    seen_dirs.add(_file_key(st))
    try:
        with os.scandir(top) as it:
            names = sorted(e.name for e in it)
    except OSError:
        yield top  # recorded as an error naming the folder, not only counted
        return
    for name in names:
        if name.startswith("."):
            skipped["hidden"] += 1
            continue
        path = os.path.join(top, name)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            skipped["broken symlink" if os.path.islink(path) else "vanished"] += 1
            continue
        except OSError:  # ELOOP (a symlink pointing at itself), EACCES on a link target...
            skipped["unresolvable symlink" if os.path.islink(path) else "unreadable"] += 1
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, skipped, seen_dirs, seen_files)
            continue
        if not stat.S_ISREG(st.st_mode):
            skipped["not a regular file"] += 1
            continue
        if _file_key(st) in seen_files:
            skipped["same file seen before (link)"] += 1
            continue
        seen_files.add(_file_key(st))
        why = why_not_document(path, name)
        if why:
            skipped[why] += 1
            continue
        yield path


def discover(inputs: Iterable[str], skipped: Counter | None = None, exclude: Iterable[tuple[int, int]] = ()
             ) -> Iterator[str]:
    """What to analyze, in a fixed order: files named (always attempted, even when missing, so that
    they are recorded), documents found in folders (recursively) or matched by globs, and '-' (stdin).
    Files skipped are counted in `skipped` by reason; `exclude` holds (st_dev, st_ino) not to yield."""
    skipped = skipped if skipped is not None else Counter()
    seen_dirs: set = set()
    seen_files: set = set(exclude)
    for item in inputs:
        if item == "-":
            yield item
            continue
        try:
            st = os.stat(item)
        except OSError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            found, again = 0, _file_key(st) in seen_dirs
            for path in _walk(item, skipped, seen_dirs, seen_files):
                found += 1
                yield path
            if not found and not again:
                yield item  # a named folder without any document gets a record saying so
        elif st is None and _has_glob(item) and not os.path.lexists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item  # recorded as "no file matches this pattern"
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk(m, skipped, seen_dirs, seen_files)
                    continue
                try:
                    key = _file_key(os.stat(m))
                except OSError:
                    continue
                if key in seen_files:
                    continue
                seen_files.add(key)
                why = why_not_document(m)
                if why:
                    skipped[why] += 1
                else:
                    yield m
        else:
            if st is not None and stat.S_ISREG(st.st_mode):
                if _file_key(st) in seen_files:
                    skipped["same file seen before (link)"] += 1
                    continue
                seen_files.add(_file_key(st))
            yield item


def sha256_file(path: str) -> str | None:
    """sha256 of a regular file's bytes, or None (missing, unreadable, a pipe...)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------- workers


def _short(exc: BaseException, limit: int = 160) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _apply_test_hooks(name: str | None, hooks: dict) -> None:
    if not hooks or not name:
        return
    delay = hooks.get("ANALYZER_TEST_DELAY")
    if delay:
        time.sleep(float(delay))
    if hooks.get("ANALYZER_TEST_HANG_SUFFIX") and name.endswith(hooks["ANALYZER_TEST_HANG_SUFFIX"]):
        while True:
            time.sleep(3600)
    if hooks.get("ANALYZER_TEST_CRASH_SUFFIX") and name.endswith(hooks["ANALYZER_TEST_CRASH_SUFFIX"]):
        os.kill(os.getpid(), signal.SIGKILL)
    if hooks.get("ANALYZER_TEST_SPIN_SUFFIX") and name.endswith(hooks["ANALYZER_TEST_SPIN_SUFFIX"]):
        while True:  # burns CPU, as a reader stuck in a loop does
            pass


def _worker_main(conn, options: dict, memory_mb: int, hooks: dict, parent_pid: int, close: list,
                 timeout: float | None = None, close_fds: tuple = ()) -> None:
    """A worker: load the pipeline once, then analyze one task at a time until told to stop.
    Never raises and never prints: everything goes back through `conn`."""
    try:
        for c in close:  # the parent's ends of the other workers' pipes (fork start method)
            c.close()
        for fd in close_fds:  # the parent's output file: a worker must not hold it open
            try:
                os.close(fd)
            except OSError:
                pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        # nothing a library prints may land in the parent's stdout (records) or stderr (progress)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        sys.stdout = sys.stderr = open(devnull, "w")  # noqa: SIM115
        _die_with_parent(parent_pid)
        for var in _THREAD_VARS:
            os.environ.setdefault(var, "1")
        try:
            from analyzer.api import Analyzer
            from analyzer.nlp.pipeline import get_nlp, settle_worker_heap
            from analyzer.readers import pdf_split, sniff_format

            pdf_split.READER_LIMITS = (memory_mb, timeout)  # page-range readers run under the same limits

            get_nlp()
            sniff_format(b"", "")  # registers the readers
            analyzer = Analyzer(**options)
            settle_worker_heap()
            _limit_memory(memory_mb)
        except BaseException as exc:  # noqa: BLE001
            conn.send(("failed", _short(exc)))
            return
        conn.send(("ready", os.getpid()))
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                return
            if msg is None:
                return
            idx, source, name, split = msg
            _apply_test_hooks(name or (source if isinstance(source, str) else None), hooks)
            fatal = False
            t0 = time.perf_counter()
            try:
                if split > 1:  # a PDF read by `split` page-range processes, children of this worker
                    result = Analyzer(**{**options, "split_workers": split}).analyze(source, name=name)
                else:
                    result = analyzer.analyze(source, name=name)
            except MemoryError:
                fatal = True  # this worker's heap may be in a poor state: let the parent replace it
                result = Analysis(path=_label(idx, source, name), error="memory limit exceeded",
                                  error_code="resource_limit")
            except Exception as exc:  # noqa: BLE001 - a bug must cost one record, not the batch
                result = Analysis(path=_label(idx, source, name), error=f"internal error: {_short(exc)}",
                                  error_code="internal")
            if result.seconds is None:
                result.seconds = round(time.perf_counter() - t0, 3)
            conn.send(("done", idx, result))
            if fatal:
                return
    except BaseException:  # noqa: BLE001 - broken pipe, parent gone, interrupted: leave quietly
        return


def _label(idx: int, source: Any, name: str | None) -> str:
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)) and len(str(source)) < 4096 and "\n" not in str(source):
        return str(source)
    return f"<input {idx}>"


def _rss_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    # fork is cheapest and keeps whatever the parent already loaded; not when other threads may hold locks
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Worker:
    def __init__(self, pool: WorkerPool) -> None:
        ctx = pool.ctx
        for stream in (sys.stdout, sys.stderr):  # a forked child must not flush the parent's buffers again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self.conn, child = ctx.Pipe()
        fork = ctx.get_start_method() == "fork"
        others = [w.conn for w in pool.workers] if fork else []
        self.proc = ctx.Process(target=_worker_main, name="analyze-worker", daemon=False,  # may start page readers
                                args=(child, pool.options, pool.memory_mb, pool.hooks, os.getpid() if fork else 0,
                                      others, pool.timeout, tuple(_PARENT_FDS) if fork else ()))
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, Any, str | None, int] | None = None
        self.since = time.monotonic()  # start of the current task, or of the start-up
        self.cpu0 = 0.0  # CPU used by the worker's process tree when the current task began
        self.cpu_last = 0.0  # CPU the task had used at the last look
        self.progress_at = self.since  # when the task last used CPU
        self.dead = False
        self.failure: str | None = None  # start-up failure reported by the worker
        self.counted = False  # its start-up failure has been counted

    def send(self, task: tuple[int, Any, str | None, int]) -> None:
        self.task = task
        self.since = time.monotonic()
        self.cpu0 = tree_cpu_seconds(self.proc.pid) or 0.0
        self.cpu_last, self.progress_at = 0.0, self.since
        self.conn.send(task)

    def cpu_used(self) -> float | None:
        """CPU seconds the current task has used (worker and page-range readers), None if unknown."""
        now = tree_cpu_seconds(self.proc.pid)
        return None if now is None else now - self.cpu0

    def kill(self) -> None:
        try:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
        except Exception:  # noqa: BLE001
            pass
        self.conn.close()
        self.dead = True


_PARENT_FDS: set[int] = set()  # output files open in this process, closed by forked workers


def as_task(task: tuple) -> tuple[int, Any, str | None, int]:
    """(idx, source, name, split): `split` > 1 reads a PDF with that many page-range processes."""
    return (*task, 1) if len(task) == 3 else tuple(task)  # type: ignore[return-value]


class WorkerPool:
    """Long-lived worker processes, one task each at a time, with a per-task CPU budget (and a wall-clock
    backstop) and a memory ceiling. A task whose `split` is > 1 runs alone: its page readers use the cores."""

    def __init__(self, workers: int, options: dict | None = None, timeout: float = 300.0, memory_mb: int = 2048,
                 tick=None) -> None:
        self.size = max(1, workers)
        self.options = dict(options or {})
        self.timeout = timeout if timeout and timeout > 0 else None
        self.memory_mb = memory_mb
        self.hooks = {k: os.environ[k] for k in TEST_HOOKS if os.environ.get(k)}
        self.tick = tick
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.startup_failures = 0
        self.last_failure = ""

    # -- the loop
    def imap_unordered(self, tasks: Iterable[tuple]) -> Iterator[tuple[int, Analysis]]:
        """(idx, Analysis) for each (idx, source, name[, split]) task, as they complete."""
        try:
            yield from self.run_tasks(tasks)
        finally:
            self.close()

    def run_tasks(self, tasks: Iterable[tuple]) -> Iterator[tuple[int, Analysis]]:
        """Like imap_unordered, but the workers stay up afterwards for more tasks (close() ends them)."""
        queue = deque(as_task(t) for t in tasks)
        for _ in range(min(self.size, len(queue)) - len(self.workers)):
            self.workers.append(_Worker(self))
        while queue or any(w.task for w in self.workers):
            for w in self.workers:
                busy = [x.task for x in self.workers if x.task]
                if any(t[3] > 1 for t in busy) or (queue and queue[0][3] > 1 and busy):
                    break  # a split PDF runs alone
                if w.ready and w.task is None and queue:
                    try:
                        w.send(queue.popleft())
                    except (OSError, ValueError):  # died between tasks: the task goes back
                        queue.appendleft(w.task)
                        w.task = None
                        w.dead = True
                    except Exception as exc:  # noqa: BLE001 - a source that cannot be pickled
                        idx, source, name = w.task[:3]
                        w.task = None
                        yield idx, Analysis(path=_label(idx, source, name), error_code="input",
                                            error=f"cannot hand this source to a worker: {_short(exc, 80)}")
            yield from self._wait_and_collect()
            self._replace_dead(need=len(queue))
            if not self.workers and queue:  # no worker would start: record the rest and stop
                while queue:
                    idx, source, name = queue.popleft()[:3]
                    yield idx, Analysis(path=_label(idx, source, name), error_code="worker",
                                        error=f"worker failed to start: {self.last_failure}")
                break

    def _wait_and_collect(self) -> Iterator[tuple[int, Analysis]]:
        from multiprocessing.connection import wait

        now = time.monotonic()
        deadline = now + POLL_SECONDS
        for w in self.workers:
            limit = self.timeout * WALL_FACTOR if w.task and self.timeout else (
                STARTUP_TIMEOUT if not w.ready else None)
            if limit is not None:
                deadline = min(deadline, w.since + limit)
        handles = [h for w in self.workers if not w.dead for h in (w.conn, w.proc.sentinel)]
        ready = set(wait(handles, timeout=max(0.0, deadline - now))) if handles else set()
        for w in self.workers:
            if w.dead:
                continue
            if w.conn in ready or w.proc.sentinel in ready:
                yield from self._drain(w)
            if not w.dead and w.proc.sentinel in ready and not w.proc.is_alive():
                yield from self._drain(w)
                w.dead = True
        now = time.monotonic()
        for w in self.workers:
            if w.dead:
                if w.task:
                    yield self._lost(w, *self._death_reason(w))
                elif not w.ready:
                    self._startup_failed(w)
                continue
            over = self._over_time(w, now) if w.task and self.timeout is not None else None
            if over:
                w.kill()
                yield self._lost(w, timeout_message(over, self.timeout), "timeout")
            elif not w.ready and now - w.since > STARTUP_TIMEOUT:
                w.kill()
                w.failure = f"no answer within {STARTUP_TIMEOUT:g} s"
                self._startup_failed(w)
            elif w.task and self.memory_mb > 0:
                rss = _rss_bytes(w.proc.pid)
                if rss is not None and rss > self.memory_mb * 1024 * 1024:
                    w.kill()
                    yield self._lost(w, "memory limit exceeded", "resource_limit")
        if self.tick:
            self.tick()

    def _over_time(self, w: _Worker, now: float) -> str | None:
        """Which time limit the task has passed: 'cpu', 'stall' (no CPU used for a whole budget), 'wall'."""
        cpu = w.cpu_used()
        if cpu is None:  # no /proc: wall time is all there is
            return "cpu" if now - w.since > self.timeout else None
        if cpu > w.cpu_last + 0.005:
            w.cpu_last, w.progress_at = cpu, now
        if cpu > self.timeout:
            return "cpu"
        if now - w.progress_at > self.timeout:
            return "stall"
        if now - w.since > self.timeout * WALL_FACTOR:
            return "wall"
        return None

    def _drain(self, w: _Worker) -> Iterator[tuple[int, Analysis]]:
        try:
            while not w.dead and w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "ready":
                    w.ready = True
                    self.startup_failures = 0
                elif msg[0] == "failed":
                    w.failure = msg[1]
                elif msg[0] == "done" and w.task is not None and msg[1] == w.task[0]:
                    w.task = None
                    yield msg[1], msg[2]
        except (EOFError, OSError):
            w.dead = True
        except Exception as exc:  # noqa: BLE001 - an unpicklable or garbled answer: the worker is suspect
            w.kill()
            if w.task:
                yield self._lost(w, f"worker sent an unreadable result ({_short(exc, 80)})", "crash")

    def _death_reason(self, w: _Worker) -> tuple[str, str]:
        try:
            w.proc.join(5)
        except Exception:  # noqa: BLE001
            pass
        code = w.proc.exitcode
        if code is not None and -code == signal.SIGABRT and self.memory_mb > 0:
            # native readers (pdfium) abort when an allocation fails: under RLIMIT_AS that is the ceiling
            return (f"memory limit exceeded: the reader aborted when an allocation failed (ceiling "
                    f"{self.memory_mb} MB)", "resource_limit")
        if code is not None and code < 0:
            return f"worker crashed (signal {-code})", "crash"
        if code == 0:
            return "worker exited unexpectedly", "crash"
        return f"worker crashed (exit code {code})", "crash"

    def _lost(self, w: _Worker, reason: str, code: str) -> tuple[int, Analysis]:
        idx, source, name = w.task[:3]
        seconds = round(time.monotonic() - w.since, 3)
        w.task = None
        w.dead = True
        return idx, Analysis(path=_label(idx, source, name), error=reason, error_code=code, seconds=seconds)

    def _startup_failed(self, w: _Worker) -> None:
        if w.ready or w.counted:
            return
        w.counted = True
        self.startup_failures += 1
        self.last_failure = w.failure or self._death_reason(w)[0]

    def _replace_dead(self, need: int) -> None:
        alive = []
        for w in self.workers:
            if w.dead:
                w.kill()
            else:
                alive.append(w)
        self.workers = alive
        if self.startup_failures >= MAX_STARTUP_FAILURES:
            return
        want = min(self.size, need + sum(1 for w in alive if w.task)) - len(alive)
        for _ in range(max(0, want)):
            self.workers.append(_Worker(self))

    def close(self) -> None:
        for w in self.workers:
            if not w.dead and w.task is None:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
        end = time.monotonic() + 2.0
        for w in self.workers:
            if not w.dead and w.task is None:
                w.proc.join(max(0.0, end - time.monotonic()))
            w.kill()
        self.workers = []


# ---------------------------------------------------------------------------------------------- output


def _csv_line(values: list) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow(values)
    return buf.getvalue().encode("utf-8")


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
        _PARENT_FDS.add(self.fd)
        self.last_sync = time.monotonic()
        if fmt == "csv" and os.fstat(self.fd).st_size == 0:
            from analyzer.render.csvfmt import COLUMNS

            self._write(_csv_line(COLUMNS))

    def key(self) -> tuple[int, int]:
        return _file_key(os.fstat(self.fd))

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
        sys.stderr.write(f"analyze: {printable(str(self.path))[0]}: {len(self.rejected)} unreadable record "
                         f"line(s) moved to {printable(str(side))[0]}; their files will be analyzed again\n")

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
        text = data.decode("utf-8", "surrogateescape")
        consumed = [0]  # bytes of `data` the csv reader has taken so far

        def lines() -> Iterator[str]:
            for line in io.StringIO(text, newline=""):
                consumed[0] += len(line.encode("utf-8", "surrogateescape"))
                yield line

        good, header, rows = 0, None, []
        reader = csv.reader(lines())
        try:
            for row in reader:
                if data[consumed[0] - 1: consumed[0]] != b"\n":
                    break  # the last record has no line end: partial
                if header is None:
                    header = row
                else:
                    rows.append((row, (good, consumed[0])))
                good = consumed[0]
        except csv.Error:
            pass  # an unterminated quote at the end: a partial record
        if header is None:
            return 0
        try:
            i_sha, i_path = header.index("sha256"), header.index("path")
        except ValueError:
            raise ValueError(f"{self.path}: not a CSV written by analyze (no sha256 column)") from None
        i_raw = header.index("path_bytes") if "path_bytes" in header else None
        for row, span in rows:
            if len(row) == len(header):
                raw = row[i_raw].lstrip("'") if i_raw is not None else None  # safe_cell may prefix a quote
                self._remember(row[i_sha], row[i_path], raw)
            else:
                self.rejected.append(span)
        return good

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def write(self, r: Analysis) -> None:
        if self.fmt == "jsonl":
            from analyzer.render.jsonfmt import record

            self._write((record(r) + "\n").encode("utf-8"))
        else:
            from analyzer.render.csvfmt import row

            self._write(_csv_line(row(r)))
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
            _PARENT_FDS.discard(self.fd)
            os.close(self.fd)
            self.fd = -1

    def abort(self) -> None:
        self.close()  # every record written so far stays: that is what --resume continues from


class StreamOutput:
    """Any format through analyzer.render, to stdout or a plain file (JSON array, table, html)."""

    def __init__(self, cfg: BatchConfig) -> None:
        from analyzer.render import writer

        self.target = cfg.output
        self.file = AtomicTextFile(cfg.output) if cfg.output else None
        if self.file:
            _PARENT_FDS.add(self.file.fileno())
        self.w = writer(cfg.fmt, self.file.file if self.file else sys.stdout, verbose=cfg.verbose,
                        options=cfg.options, target=cfg.output)

    def key(self) -> tuple[int, int] | None:
        if self.target is None:
            return None
        try:
            return _file_key(os.stat(self.target))  # the file being replaced: never an input
        except OSError:
            return None

    def write(self, r: Analysis) -> None:
        try:
            self.w.write(r)
        except OSError as exc:
            raise OutputError(f"{_shown(self.target) if self.target else 'stdout'}: cannot write output: "
                              f"{exc.strerror or exc}") from None

    def close(self) -> None:
        if self.file is None:
            self.w.close()
            return
        _PARENT_FDS.discard(self.file.fileno())
        try:
            self.w.close()
        except OSError as exc:
            self.file.discard()
            raise OutputError(f"{_shown(self.target)}: cannot write output: {exc.strerror or exc}") from None
        except BaseException:
            self.file.discard()
            raise
        self.file.commit()

    def abort(self) -> None:
        if self.file is not None:
            _PARENT_FDS.discard(self.file.fileno())
            self.file.discard()


def _shown(path) -> str:
    return printable(os.fspath(path))[0]


def _named_keys(inputs: list[str]) -> list[tuple[int, int]]:
    keys = []
    for item in inputs:
        try:
            keys.append(_file_key(os.stat(item)))
        except (OSError, ValueError):
            continue
    return keys


def open_output(cfg: BatchConfig, inputs: list[str]) -> RecordFile | StreamOutput:
    """The output, checked first: never an input or a document, and writable (clear one-line errors)."""
    durable = cfg.output is not None and cfg.fmt in ("jsonl", "csv")
    if cfg.resume and not durable:
        raise ValueError("--resume needs --output FILE in JSONL or CSV format")
    if cfg.output is not None:
        check_output(Path(cfg.output), _named_keys(inputs), cfg.resume)
    return RecordFile(cfg.output, cfg.fmt, cfg.resume) if durable else StreamOutput(cfg)


def _resume_skips(paths: list[str], shas: dict[str, str | None], recorded: dict[str, list[str]]) -> set[str]:
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


# ------------------------------------------------------------------------------------------------- clock


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# ---------------------------------------------------------------------------------------------- the run


@dataclass
class Stats:
    labels: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    resumed: int = 0
    pages: int = 0
    files: int = 0
    workers: int = 0


def _missing(item: str) -> Analysis:
    reason = "no file matches this pattern" if _has_glob(item) else "no such file or folder"
    return Analysis(path=item, error=reason, error_code="input")


def _folder_record(item: str) -> Analysis:
    """A folder discovery handed over: it could not be listed, or it holds no document."""
    try:
        with os.scandir(item) as it:
            n = sum(1 for _ in it)
    except OSError as exc:
        return Analysis(path=item, error=f"cannot read folder: {exc.strerror or exc}", error_code="input")
    return Analysis(path=item, error=f"no documents in this folder ({n} entries, none analyzable)",
                    error_code="input")


def local_record(item: str) -> Analysis | None:
    """The record of an item that needs no reading (missing, a folder), else None."""
    if not os.path.lexists(item) or (os.path.islink(item) and not os.path.exists(item)):
        return _missing(item)
    if os.path.isdir(item):
        return _folder_record(item)
    return None


class Interrupted(SystemExit):
    """Ctrl-C during a batch: the summary line has been printed; exit status 130."""

    def __init__(self) -> None:
        super().__init__(130)


def _interrupted_note(cfg: BatchConfig, stats: Stats) -> str:
    import shlex

    n = stats.files
    where = f" to {_shown(cfg.output)}" if cfg.output else ""
    line = f"analyze: interrupted; {n} record{'s' if n != 1 else ''} written{where}"
    if cfg.output is not None and cfg.fmt in ("jsonl", "csv"):
        args = [a for a in sys.argv[1:] if a != "--resume"]
        cmd = shlex.join(["analyze", *(printable(a)[0] for a in args), "--resume"])
        return f"{line}; to finish the job: {cmd}\n"
    return f"{line} (not resumable: use -o FILE.jsonl or FILE.csv and --resume)\n"


def run(inputs: list[str], cfg: BatchConfig) -> int:
    """Analyze every input, write records as they complete; returns the number of failures.

    Every file is read in a worker process under the limits (--timeout CPU budget, --memory-mb), a
    single file, stdin and a large split PDF included: the parent only discovers, schedules and writes."""
    if cfg.dask:
        try:
            from analyzer import dask_runner
        except ModuleNotFoundError as exc:
            if exc.name != "analyzer.dask_runner":
                raise
            raise DaskNotImplemented("--dask is not available in this installation; run without it to use "
                                     "local worker processes (--workers N)") from None
        return dask_runner.run(inputs, cfg)
    t0 = time.monotonic()
    out = open_output(cfg, inputs)
    stats = Stats()
    progress: Progress | None = None
    try:
        items, progress, emitter = plan(inputs, cfg, out, stats)
        tasks = []
        for idx, item in enumerate(items):
            if item == "-":
                tasks.append((idx, sys.stdin.buffer.read(), "<stdin>", 1))
            elif (rec := local_record(item)) is not None:
                emitter.add(idx, rec)
            else:
                tasks.append((idx, Path(item), item, 1))
        workers = cfg.workers if cfg.workers > 0 else (os.cpu_count() or 1)
        big = {t[0] for t in _oversized(tasks, workers)}
        # a PDF costlier than its fair share would leave the other cores idle at the end: it goes first, alone,
        # its pages read by `workers` processes under its worker (see readers/pdf_split.py)
        tasks = [(i, src, name, workers if i in big else 1) for i, src, name, _s in tasks]
        if tasks:
            tasks.sort(key=lambda t: (t[3] == 1, -_expected_cost(t)))  # longest first: no worker left with a giant
            stats.workers = min(workers, len(tasks))
            pool = WorkerPool(workers, cfg.options, cfg.timeout, cfg.memory_mb, tick=progress.update)
            for idx, result in pool.imap_unordered(tasks):
                emitter.add(idx, result)
        emitter.finish()
    except KeyboardInterrupt:
        if progress:
            progress.clear()
        out.abort()
        sys.stderr.write(_interrupted_note(cfg, stats))
        raise Interrupted() from None
    except BaseException:
        out.abort()
        raise
    finally:
        if progress:
            progress.clear()
    out.close()
    if cfg.summary:
        sys.stderr.write(summary_text(stats, time.monotonic() - t0, cfg))
    return sum(stats.failures.values())


def plan(inputs: list[str], cfg: BatchConfig, out: RecordFile | StreamOutput,
         stats: Stats) -> tuple[list[str], Progress, _Emitter]:
    """What to analyze (discovered, less what --resume finds recorded), with its progress and emitter.

    Shared by the local pool and the Dask runner, so both skip, resume and record alike."""
    exclude = [k for k in (out.key(),) if k]
    items = list(discover(inputs, stats.skipped, exclude))
    shas: dict[str, str | None] = {}
    if cfg.resume and isinstance(out, RecordFile) and out.recorded:
        shas = {p: sha256_file(p) for p in items if p != "-"}
        skip = _resume_skips(items, shas, out.recorded)
        stats.resumed = sum(1 for p in items if p in skip)
        items = [p for p in items if p not in skip]
    progress = Progress(len(items), cfg.progress and _isatty(sys.stderr), name=items[0] if len(items) == 1 else None)
    return items, progress, _Emitter(out, stats, progress, ordered=cfg.ordered, shas=shas)


def _oversized(tasks: list[tuple], workers: int) -> list[tuple]:
    """PDFs whose expected cost exceeds an equal share of the whole batch's."""
    if workers < 2 or not tasks:
        return []
    total = sum(_expected_cost(t) for t in tasks)
    return [t for t in tasks if isinstance(t[1], Path) and t[1].suffix.lower() == ".pdf"
            and _expected_cost(t) * workers > total]


def _expected_cost(task: tuple) -> int:
    """Bytes, with PDF bytes weighted up: a PDF page costs far more to read than its text does."""
    if not isinstance(task[1], Path):
        return len(task[1]) if isinstance(task[1], bytes) else 0
    try:
        size = task[1].stat().st_size
    except OSError:
        return 0
    return size * 4 if task[1].suffix.lower() == ".pdf" else size


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Emitter:
    """Writes records (in input order with `ordered`), prints failures, keeps the counts."""

    def __init__(self, out, stats: Stats, progress: Progress, ordered: bool, shas: dict) -> None:
        self.out = out
        self.stats = stats
        self.progress = progress
        self.ordered = ordered
        self.shas = shas
        self.held: dict[int, Analysis] = {}
        self.order: list[int] = []
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
        self.out.write(r)
        self.stats.files += 1
        if r.error:
            self.stats.failures[r.error] += 1
        else:
            self.stats.labels[r.label.value if r.label else "?"] += 1
            self.stats.pages += r.pages or 0


def summary_text(stats: Stats, elapsed: float, cfg: BatchConfig | None = None) -> str:
    lines = []
    rate = stats.files / elapsed if elapsed > 0 else 0.0
    prate = stats.pages / elapsed if elapsed > 0 else 0.0
    workers = f" with {stats.workers} worker{'s' if stats.workers != 1 else ''}" if stats.workers else ""
    lines.append(f"analyzed {stats.files} file{'s' if stats.files != 1 else ''} in {_clock(elapsed)} "
                 f"({elapsed:.1f} s{workers}): {rate:.2f} files/s, {prate:.1f} pages/s")
    if stats.labels:
        lines.append("  " + "   ".join(f"{label}: {n}" for label, n in sorted(stats.labels.items())))
    n_failed = sum(stats.failures.values())
    if n_failed:
        lines.append(f"  failed: {n_failed}")
        groups = stats.failures.most_common()
        for reason, n in groups[:12]:
            shown = reason if len(reason) <= 100 else reason[:97] + "..."
            lines.append(f"    {n:>5}  {shown}")
        if len(groups) > 12:
            rest = sum(n for _r, n in groups[12:])
            lines.append(f"    {rest:>5}  (other reasons: {len(groups) - 12})")
    if stats.resumed:
        lines.append(f"  already recorded, skipped (--resume): {stats.resumed}")
    if stats.skipped:
        parts = ", ".join(f"{n} {why}" for why, n in sorted(stats.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"  not analyzed: {parts}")
    return "\n".join(lines) + "\n"


def map_ordered(sources: list, options, workers: int, timeout: float = 300.0, memory_mb: int = 2048
                ) -> Iterator[Analysis]:
    """Analyses of `sources` (paths, bytes, text) in input order, from worker processes."""
    opts = options.__dict__ if hasattr(options, "__dict__") else dict(options or {})
    opts = {k: opts[k] for k in ("password", "engine", "ocr") if k in opts}
    tasks = [(i, Path(s) if isinstance(s, os.PathLike) else s, str(s) if isinstance(s, os.PathLike) else None, 1)
             for i, s in enumerate(sources)]
    held: dict[int, Analysis] = {}
    nxt = 0
    for idx, result in WorkerPool(workers, opts, timeout, memory_mb).imap_unordered(tasks):
        held[idx] = result
        while nxt in held:
            yield held.pop(nxt)
            nxt += 1
