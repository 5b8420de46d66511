"""Test-only misbehaviour for analysis workers: sleep before each file, hang, crash or spin on the CPU for
files whose name ends with a given suffix. Production code knows nothing of this: the hooks wrap
`Analyzer.analyze`, which forked pool workers inherit from the test process.

- in a test: `install(monkeypatch, delay=0.05, hang="-hang.txt")`
- for the installed command in a child process: `[sys.executable, HOOKED_CLI, *args]` with the hooks in
  the environment variable RECOURSE_TEST_HOOKS (JSON), see `env()`
- on Dask workers (spawned, not forked): `dask_preload()` gives the config that loads this file there
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

HOOKED_CLI = str(Path(__file__).resolve())
_VAR = "RECOURSE_TEST_HOOKS"


def _wrap(analyze, delay: float = 0.0, hang: str | None = None, crash: str | None = None,
          spin: str | None = None):
    def hooked(self, source, name=None):
        label = name or (source if isinstance(source, str) else str(source) if isinstance(source, Path) else "")
        if delay:
            time.sleep(delay)
        if hang and label.endswith(hang):
            while True:
                time.sleep(3600)
        if crash and label.endswith(crash):
            os.kill(os.getpid(), signal.SIGKILL)
        if spin and label.endswith(spin):
            while True:  # burns CPU, as a reader stuck in a loop does
                pass
        return analyze(self, source, name)

    return hooked


def _force_fork() -> None:
    """Workers must inherit the patched method: fork them even when another thread is alive."""
    import multiprocessing as mp

    import analyzer.pool

    analyzer.pool._context = lambda: mp.get_context("fork")


def install(monkeypatch=None, **hooks) -> None:
    """Patch Analyzer.analyze in this process (undone by `monkeypatch` when given)."""
    import multiprocessing as mp

    import analyzer.pool
    from analyzer.api import Analyzer

    hooked = _wrap(Analyzer.analyze, **hooks)
    if monkeypatch is None:
        Analyzer.analyze = hooked
        _force_fork()
        return
    monkeypatch.setattr(Analyzer, "analyze", hooked)
    monkeypatch.setattr(analyzer.pool, "_context", lambda: mp.get_context("fork"))


def env(**hooks) -> dict:
    """The environment of a child process that runs HOOKED_CLI with these hooks."""
    return dict(os.environ, **{_VAR: json.dumps(hooks)})


def dask_preload() -> dict:
    """Dask config: each Dask worker loads this file (dask_setup installs the hooks from the environment)."""
    return {"distributed.worker.preload": [HOOKED_CLI]}


def dask_setup(worker=None) -> None:  # noqa: ARG001 - called by Dask with the worker
    if os.environ.get(_VAR):
        install(**json.loads(os.environ[_VAR]))


if __name__ == "__main__":
    install(**json.loads(os.environ.get(_VAR) or "{}"))
    sys.argv = ["analyze", *sys.argv[1:]]
    from analyzer.cli import main

    main()
