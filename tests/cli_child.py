"""`analyze ARGS` in a child forked from the (warm) test process: the installed command's entry point
without paying the spaCy import again, so that tests which kill runs repeatedly stay fast."""

from __future__ import annotations

import os
import sys


def fork_cli(args: list[str], new_group: bool = False) -> int:
    """The child's pid; with new_group it leads a process group of its own (to kill it whole)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        code = 70
        try:
            if new_group:
                os.setpgid(0, 0)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            sys.stdin = sys.stdout = sys.stderr = open(null, "r+")  # noqa: SIM115
            sys.argv = ["analyze", *args]
            from analyzer.cli import main

            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os._exit(code)
    if new_group:
        try:
            os.setpgid(pid, pid)
        except OSError:  # the child already did it, or is gone
            pass
    return pid
