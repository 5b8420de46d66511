"""Issue 15's standing rules, checked on the source: HTML comes from the templates (no tags built in
Python), no hand-drawn progress bar, and render/ reaches the reader side only through page_images."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "analyzer"
TAG = re.compile(r"<(?:/?(?:html|body|div|span|section|table|tr|td|th|li|ul|ol|p|a|img|mark|figure|h[1-6]|style)"
                 r"\b)", re.I)


def strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs]


def test_no_html_built_in_python_outside_the_readers():
    offenders = [f"{p.relative_to(PACKAGE)}: {s[:60]!r}" for p in PACKAGE.rglob("*.py")
                 if "readers" not in p.parts for s in strings(p) if TAG.search(s)]
    assert offenders == []
    assert TAG.search("<section class='doc'>")  # the check can see a tag


def test_no_hand_drawn_progress_bar():
    offenders = [f"{p.relative_to(PACKAGE)}: {s[:40]!r}" for p in PACKAGE.rglob("*.py") for s in strings(p)
                 if "\x1b[" in s or ("\r" in s and "#" in s)]
    assert offenders == []


def test_render_reaches_the_readers_only_for_page_images():
    for path in (PACKAGE / "render").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analyzer.readers"):
                assert node.module == "analyzer.readers.page_images", (path.name, node.module)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                raise AssertionError(f"{path.name} opens a file")
