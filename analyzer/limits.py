"""Per-file limits for every process that reads documents: memory ceiling, CPU budget, death with the parent.

A document is untrusted: a reader may allocate without end (a PDF whose form XObjects draw each other) or
compute without end (a 100 MB inline image). Whatever process reads a file (a batch worker, a page-range
reader of a split PDF, the child a Dask task starts) is a worker of analyzer/pool.py and runs under the
same three rules:

- memory: RLIMIT_AS at the ceiling, so an allocation fails inside the process instead of the machine
  swapping; the parent also watches RSS;
- time: the budget is CPU seconds (a loaded machine does not make a document fail); a read that uses no
  CPU at all for as long as the budget is blocked and ended too; a wall-clock cap of 10x the budget
  catches anything else; the error names the limit that was hit;
- lifetime: PR_SET_PDEATHSIG makes the kernel SIGKILL a child whose parent dies, even by SIGKILL, so a
  killed batch leaves no reader behind.
"""

from __future__ import annotations

import os
import signal

WALL_FACTOR = 10.0  # the wall-clock backstop is this many times the CPU budget
_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def die_with_parent(parent_pid: int = 0) -> None:
    """Linux: the kernel SIGKILLs this process when its parent dies; elsewhere nothing (pipes still close)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux
        pass
    if parent_pid and os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)


def limit_memory(memory_mb: int) -> None:
    """RLIMIT_AS at `memory_mb`, but never below what this process already maps plus headroom."""
    if memory_mb <= 0:
        return
    try:
        import resource

        with open("/proc/self/statm") as f:
            vsz = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _set_soft_limit(resource.RLIMIT_AS, max(memory_mb * 1024 * 1024, vsz + 256 * 1024 * 1024))
    except (OSError, ValueError, ImportError):
        pass


def _set_soft_limit(which: int, value: int) -> None:
    """Lower a soft resource limit to `value`, never above the hard limit."""
    import resource

    _soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
    except OSError:
        return None
    return data[data.rfind(")") + 2:].split()  # after the command name, which may hold spaces


def cpu_seconds(pid: int, reaped_children: bool = True) -> float | None:
    """User + system CPU of `pid` (with its reaped children's when asked), or None when it cannot be read."""
    f = _stat_fields(pid)
    if f is None:
        return None
    ticks = int(f[11]) + int(f[12])  # utime, stime
    if reaped_children:
        ticks += int(f[13]) + int(f[14])  # cutime, cstime
    return ticks / _CLK_TCK


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(x) for x in f.read().split())
        except (OSError, ValueError):
            continue
    return out


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU used by `pid`, its reaped children and its live descendants (a split PDF's page readers)."""
    total = cpu_seconds(pid)
    if total is None:
        return None
    stack = _children(pid)
    seen = set()
    while stack:
        child = stack.pop()
        if child in seen:
            continue
        seen.add(child)
        total += cpu_seconds(child) or 0.0
        stack.extend(_children(child))
    return total


def timeout_message(kind: str, budget: float) -> str:
    """The one-line reason for a timeout record, naming which limit was hit."""
    if kind == "cpu":
        return f"timeout: CPU time limit of {budget:g} s reached"
    if kind == "stall":
        return f"timeout: no progress for {budget:g} s (the read was blocked or waiting; CPU limit {budget:g} s)"
    return f"timeout: wall-clock limit of {budget * WALL_FACTOR:g} s reached ({WALL_FACTOR:g}x the CPU limit)"
