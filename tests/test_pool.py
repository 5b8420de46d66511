"""The one process pool (analyzer/pool.py) on plain functions: results, a task's own failure, a dying or
spinning worker costing only its task, and the limits a pool inside a worker inherits."""

from __future__ import annotations

import os
import time

from analyzer.errors import CorruptDocument
from analyzer.pool import Failure, ProcessPool, Task, worker_limits


def _square(_state, x):
    return x * x


def _misbehave(_state, x):
    if x == "raise":
        raise CorruptDocument("corrupt PDF: test")
    if x == "exit":
        os._exit(3)
    if x == "spin":
        while True:
            pass
    return x


def _limits(_state, _x):
    return worker_limits()


def _setup(offset):
    return offset


def _add(state, x):
    return state + x


def test_results_come_back_for_every_task():
    with ProcessPool(2, _square, timeout=30) as pool:
        got = dict((t.key, r) for t, r in pool.run_tasks([Task(i, i) for i in range(6)]))
    assert got == {i: i * i for i in range(6)}


def test_setup_runs_once_per_worker_and_feeds_the_work():
    pool = ProcessPool(1, _add, setup=_setup, setup_args=(100,), timeout=30)
    assert [r for _t, r in pool.imap_unordered([Task(0, 1), Task(1, 2)])] == [101, 102]


def test_a_bad_task_costs_only_itself():
    t0 = time.monotonic()
    tasks = [Task(k, k) for k in ("raise", "ok1", "exit", "ok2", "spin", "ok3")]
    with ProcessPool(2, _misbehave, timeout=1.0) as pool:
        got = {t.key: r for t, r in pool.run_tasks(tasks)}
    assert time.monotonic() - t0 < 30
    assert [got[k] for k in ("ok1", "ok2", "ok3")] == ["ok1", "ok2", "ok3"]
    raised = got["raise"]
    assert isinstance(raised, Failure) and raised.code == "internal"
    assert isinstance(raised.exc, CorruptDocument) and raised.exc.reason == "corrupt PDF: test"  # can be re-raised
    assert got["exit"].code == "crash" and got["exit"].reason == "worker crashed (exit code 3)"
    assert got["spin"].code == "timeout" and got["spin"].reason == "timeout: CPU time limit of 1 s reached"


def test_a_pool_inside_a_worker_inherits_its_limits():
    assert worker_limits() == (0, None)  # not a worker
    with ProcessPool(1, _limits, timeout=42.0, memory_mb=4096) as pool:
        (_task, limits), = list(pool.run_tasks([Task(0, None)]))
    assert limits == (4096, 42.0)
