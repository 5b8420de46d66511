"""Every ```python block of README.md runs (a fresh interpreter each, from the repository root), and every
terminal example (a ``` block whose first line is `$ analyze ...`) prints what the README shows, at 100
columns without colour. `UPDATE_README=1 pytest tests/test_readme_examples.py` rewrites those examples
from what the tool prints now.

Blocks written as an interactive session (lines starting with `>>> `) are checked with doctest.
A block whose first line is `# not run` (or that sits under `<!-- not run -->`) is skipped.
Skipped as a whole while README.md has no python blocks.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"(<!--\s*not run\s*-->\s*\n)?^```python[^\n]*\n(.*?)^```", re.M | re.S)


def blocks() -> list[tuple[int, str]]:
    if not README.is_file():
        return []
    text = README.read_text(encoding="utf-8")
    out = []
    for m in _BLOCK.finditer(text):
        code = m.group(2)
        if m.group(1) or code.lstrip().startswith("# not run"):
            continue
        out.append((text.count("\n", 0, m.start(2)) + 1, code))
    return out


BLOCKS = blocks()


@pytest.mark.skipif(not BLOCKS, reason="README.md has no ```python blocks")
@pytest.mark.parametrize(("line", "code"), BLOCKS, ids=[f"README.md:{n}" for n, _ in BLOCKS] or None)
def test_readme_python_block(line, code, tmp_path):
    if any(x.startswith(">>> ") for x in code.splitlines()):
        runner = ("import doctest, sys\n"
                  "test = doctest.DocTestParser().get_doctest(sys.stdin.read(), {}, 'README', 'README.md', 0)\n"
                  "r = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)\n"
                  "r.run(test)\n"
                  "sys.exit(1 if r.failures else 0)\n")
        proc = subprocess.run([sys.executable, "-c", runner], input=code, capture_output=True, text=True, cwd=ROOT,
                              timeout=300)
    else:
        script = tmp_path / "block.py"
        script.write_text(code, encoding="utf-8")
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, f"README.md line {line}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"


_TERMINAL = re.compile(r"^```\n\$ (analyze [^\n]*)\n(.*?)^```", re.M | re.S)


def terminal_examples() -> list[tuple[str, str]]:
    if not README.is_file():
        return []
    return [(m.group(1), m.group(2)) for m in _TERMINAL.finditer(README.read_text(encoding="utf-8"))]


EXAMPLES = terminal_examples()


def _printed(command: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS")}
    proc = subprocess.run([sys.executable, "-m", "analyzer.cli", *shlex.split(command)[1:]], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**env, "COLUMNS": "100", "NO_COLOR": "1"})
    return proc.stdout.rstrip("\n") + "\n"


@pytest.mark.skipif(not EXAMPLES, reason="README.md has no terminal examples")
@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES] or None)
def test_readme_terminal_example(command, shown):
    printed = _printed(command)
    if os.environ.get("UPDATE_README") and printed != shown:
        text = README.read_text(encoding="utf-8")
        README.write_text(text.replace(f"$ {command}\n{shown}", f"$ {command}\n{printed}", 1), encoding="utf-8")
        shown = printed
    assert printed == shown, f"README.md's example of `{command}` no longer matches; UPDATE_README=1 rewrites it"
