"""The one process pool: every parallel path (a batch, `Analyzer.pipe`, evaluation, a split PDF's page
readers, the child a Dask task starts) runs its work here, under the per-file limits of analyzer/limits.py.

Why our own pool and not `concurrent.futures` or pebble: one hung or crashing document must cost only its
own worker, and the limit that matters is CPU time of the worker's whole process tree (a split PDF's page
readers included), not wall time. The parent knows what each worker is doing, since when and how much CPU
it has used; it kills a worker past the CPU budget (or stalled, or past the wall-clock backstop), on death
or when its memory passes the ceiling, reports that one task as a `Failure` and starts a replacement.
`ProcessPoolExecutor` breaks the whole pool when one worker dies, and neither it nor pebble measures CPU
of a process tree. Measured against both on bench/bench_batch.py's PDFs: same throughput (ARCHITECTURE.md).

A worker runs `setup(*setup_args)` once (load what every task needs, before the memory ceiling is set),
then `work(state, payload)` for each task. Workers are forked when this process has a single thread
(cheap, and they inherit what is already loaded), else started by forkserver or spawn, in which case
`setup` and `work` must be importable module-level functions.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from analyzer.limits import WALL_FACTOR, die_with_parent, limit_memory, timeout_message, tree_cpu_seconds

STARTUP_TIMEOUT = 180.0  # seconds a new worker may take to run its setup
MAX_STARTUP_FAILURES = 3  # workers dying in a row before becoming ready: give up
POLL_SECONDS = 0.5  # how often the parent looks at CPU and memory when nothing happens
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_THREAD_LIMIT")

_HELD_FDS: set[int] = set()  # output files open in this process: a forked worker closes them
_LIMITS: tuple[int, float | None] = (0, None)  # in a worker: the (memory MB, CPU seconds) it runs under


@dataclass
class Task:
    """One unit of work: `payload` goes to `work`; `cores` > 1 runs it alone (it starts that many processes)."""

    key: Any
    payload: Any
    cores: int = 1


@dataclass
class Failure:
    """A task that gave no result: why (one line), a short code, the seconds it ran, and the exception the
    work raised when there was one (so that a caller can raise it again)."""

    reason: str
    code: str
    seconds: float | None = None
    exc: BaseException | None = None


def hold_fd(fd: int) -> None:
    """Mark an output file of this process: forked workers close it, so that none holds it open."""
    _HELD_FDS.add(fd)


def release_fd(fd: int) -> None:
    _HELD_FDS.discard(fd)


def worker_limits() -> tuple[int, float | None]:
    """(memory MB, CPU seconds) of the pool worker this code runs in; (0, None) outside a worker.
    A pool started inside a worker (a split PDF's page readers) runs under the same limits."""
    return _LIMITS


def short(exc: BaseException, limit: int = 160) -> str:
    """`Type: message` on one line, at most `limit` characters."""
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---------------------------------------------------------------------------------------------- the worker


def _detach(close: list, close_fds: tuple, parent_pid: int) -> None:
    """A new worker lets go of what belongs to the parent and dies with it."""
    for c in close:  # the parent's ends of the other workers' pipes (fork start method)
        c.close()
    for fd in close_fds:  # the parent's output files
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_FDS.clear()  # those numbers may name other files from now on
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # nothing a library prints may land in the parent's stdout (records) or stderr (progress)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = sys.stderr = open(devnull, "w")  # noqa: SIM115
    die_with_parent(parent_pid)
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")


def _run_one(work: Callable, state: Any, payload: Any) -> tuple[Any, bool]:
    """(result or Failure, fatal): a MemoryError leaves the heap suspect, so the worker ends after it."""
    t0 = time.perf_counter()
    try:
        return work(state, payload), False
    except MemoryError:
        return Failure("memory limit exceeded", "resource_limit", round(time.perf_counter() - t0, 3)), True
    except Exception as exc:  # noqa: BLE001 - a bug must cost one task, not the pool
        return Failure(f"internal error: {short(exc)}", "internal", round(time.perf_counter() - t0, 3), exc), False


def _send_result(conn, key: Any, result: Any) -> None:
    try:
        conn.send(("done", key, result))
    except Exception as exc:  # noqa: BLE001 - an exception that will not pickle: send it without the object
        if not isinstance(result, Failure):
            raise
        result.exc = None
        conn.send(("done", key, result))
        del exc


def _worker_main(conn, setup: Callable | None, setup_args: tuple, work: Callable, limits: tuple[int, float | None],
                 parent_pid: int, close: list, close_fds: tuple) -> None:
    """A worker: run the setup once, then one task at a time until told to stop. Never raises and never
    prints: everything goes back through `conn`."""
    global _LIMITS
    try:
        _detach(close, close_fds, parent_pid)
        _LIMITS = limits
        try:
            state = setup(*setup_args) if setup is not None else None
            limit_memory(limits[0])
        except BaseException as exc:  # noqa: BLE001
            conn.send(("failed", short(exc)))
            return
        conn.send(("ready", os.getpid()))
        while (msg := conn.recv()) is not None:
            key, payload = msg
            result, fatal = _run_one(work, state, payload)
            _send_result(conn, key, result)
            if fatal:
                return
    except BaseException:  # noqa: BLE001 - broken pipe, parent gone, interrupted: leave quietly
        return


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
    """The parent's view of one worker process: its pipe, its task, and the clocks its limits are checked on."""

    def __init__(self, pool: ProcessPool) -> None:
        ctx = pool.ctx
        for stream in (sys.stdout, sys.stderr):  # a forked child must not flush the parent's buffers again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self.conn, child = ctx.Pipe()
        fork = ctx.get_start_method() == "fork"
        others = [w.conn for w in pool.workers] if fork else []
        self.proc = ctx.Process(target=_worker_main, name=pool.name, daemon=False,  # it may start a pool itself
                                args=(child, pool.setup, pool.setup_args, pool.work, (pool.memory_mb, pool.timeout),
                                      os.getpid() if fork else 0, others, tuple(_HELD_FDS) if fork else ()))
        self.proc.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.since = time.monotonic()  # start of the current task, or of the start-up
        self.cpu0 = 0.0  # CPU used by the worker's process tree when the current task began
        self.cpu_last = 0.0  # CPU the task had used at the last look
        self.progress_at = self.since  # when the task last used CPU
        self.dead = False
        self.failure: str | None = None  # start-up failure reported by the worker
        self.counted = False  # its start-up failure has been counted

    def send(self, task: Task) -> None:
        self.task = task
        self.since = time.monotonic()
        self.cpu0 = tree_cpu_seconds(self.proc.pid) or 0.0
        self.cpu_last, self.progress_at = 0.0, self.since
        self.conn.send((task.key, task.payload))

    def cpu_used(self) -> float | None:
        """CPU seconds the current task has used (the worker and its children), None if unknown."""
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


# ---------------------------------------------------------------------------------------------- the pool


class ProcessPool:
    """Long-lived worker processes, one task each at a time, with a per-task CPU budget (plus a stall check
    and a wall-clock backstop) and a memory ceiling (RLIMIT_AS in the worker, RSS watched by the parent)."""

    def __init__(self, workers: int, work: Callable[[Any, Any], Any], setup: Callable[..., Any] | None = None,
                 setup_args: tuple = (), timeout: float | None = 300.0, memory_mb: int = 2048,
                 tick: Callable[[], None] | None = None, name: str = "analyze-worker") -> None:
        self.size = max(1, workers)
        self.work = work
        self.setup = setup
        self.setup_args = setup_args
        self.timeout = timeout if timeout and timeout > 0 else None
        self.memory_mb = memory_mb
        self.tick = tick
        self.name = name
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.startup_failures = 0
        self.last_failure = ""

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def imap_unordered(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Any]]:
        """(task, result or Failure) for each task, as they complete; the workers end afterwards."""
        try:
            yield from self.run_tasks(tasks)
        finally:
            self.close()

    def run_tasks(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Any]]:
        """Like imap_unordered, but the workers stay up afterwards for more tasks (close() ends them)."""
        queue = deque(tasks)
        for _ in range(min(self.size, len(queue)) - len(self.workers)):
            self.workers.append(_Worker(self))
        while queue or any(w.task for w in self.workers):
            yield from self._hand_out(queue)
            yield from self._wait_and_collect()
            self._replace_dead(need=len(queue))
            if not self.workers and queue:  # no worker would start: the rest fail, and the run stops
                while queue:
                    yield queue.popleft(), Failure(f"worker failed to start: {self.last_failure}", "worker")
                break

    def _hand_out(self, queue: deque) -> Iterator[tuple[Task, Failure]]:
        for w in self.workers:
            busy = [x.task for x in self.workers if x.task]
            if any(t.cores > 1 for t in busy) or (queue and queue[0].cores > 1 and busy):
                return  # a task that starts processes of its own runs alone
            if not (w.ready and w.task is None and queue):
                continue
            task = queue.popleft()
            try:
                w.send(task)
            except (OSError, ValueError):  # died between tasks: the task goes back
                queue.appendleft(task)
                w.task = None
                w.dead = True
            except Exception as exc:  # noqa: BLE001 - a payload that cannot be pickled
                w.task = None
                yield task, Failure(f"cannot hand this source to a worker: {short(exc, 80)}", "input")

    def _deadline(self, now: float) -> float:
        deadline = now + POLL_SECONDS
        for w in self.workers:
            if w.task and self.timeout:
                deadline = min(deadline, w.since + self.timeout * WALL_FACTOR)
            elif not w.ready:
                deadline = min(deadline, w.since + STARTUP_TIMEOUT)
        return deadline

    def _wait_and_collect(self) -> Iterator[tuple[Task, Any]]:
        from multiprocessing.connection import wait

        now = time.monotonic()
        handles = [h for w in self.workers if not w.dead for h in (w.conn, w.proc.sentinel)]
        ready = set(wait(handles, timeout=max(0.0, self._deadline(now) - now))) if handles else set()
        for w in self.workers:
            if w.dead or not (w.conn in ready or w.proc.sentinel in ready):
                continue
            yield from self._drain(w)
            if not w.dead and w.proc.sentinel in ready and not w.proc.is_alive():
                yield from self._drain(w)
                w.dead = True
        now = time.monotonic()
        for w in self.workers:
            yield from self._check(w, now)
        if self.tick:
            self.tick()

    def _check(self, w: _Worker, now: float) -> Iterator[tuple[Task, Failure]]:
        """A worker that died, overran its time, failed to start or passed the memory ceiling."""
        if w.dead:
            if w.task:
                yield self._lost(w, *self._death_reason(w))
            elif not w.ready:
                self._startup_failed(w)
            return
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

    def _drain(self, w: _Worker) -> Iterator[tuple[Task, Any]]:
        try:
            while not w.dead and w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "ready":
                    w.ready = True
                    self.startup_failures = 0
                elif msg[0] == "failed":
                    w.failure = msg[1]
                elif msg[0] == "done" and w.task is not None and msg[1] == w.task.key:
                    task, w.task = w.task, None
                    yield task, msg[2]
        except (EOFError, OSError):
            w.dead = True
        except Exception as exc:  # noqa: BLE001 - an unpicklable or garbled answer: the worker is suspect
            w.kill()
            if w.task:
                yield self._lost(w, f"worker sent an unreadable result ({short(exc, 80)})", "crash")

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

    def _lost(self, w: _Worker, reason: str, code: str) -> tuple[Task, Failure]:
        task = w.task
        seconds = round(time.monotonic() - w.since, 3)
        w.task = None
        w.dead = True
        return task, Failure(reason, code, seconds)

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
        """Ask idle workers to stop, then kill whatever is left (a busy worker's task is abandoned)."""
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

