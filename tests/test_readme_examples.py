"""Every ```python block of README.md runs (a fresh interpreter each, from the repository root).

Blocks written as an interactive session (lines starting with `>>> `) are checked with doctest.
A block whose first line is `# not run` (or that sits under `<!-- not run -->`) is skipped.
Skipped as a whole while README.md has no python blocks.
"""

from __future__ import annotations

import re
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
