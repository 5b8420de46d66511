"""The import graph of `analyzer/` keeps the shape ARCHITECTURE.md describes: no cycle, no private name
imported from another module, and every import goes to the same layer or a lower one.

The graph is read with `ast` from the source, imports inside functions included (a lazy import that closes a
cycle is still a cycle). Two kinds of import are left out because they never run when a module is imported:
those under `if TYPE_CHECKING:` and those under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "analyzer"

# ARCHITECTURE.md, "Who may import whom": lowest first; a module may import its own layer and those below.
# A name stands for that module and everything under it; the package `analyzer` itself is the front door.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("analyzer.errors", "analyzer.paths", "analyzer.limits", "analyzer.pool", "analyzer.progress",
                    "analyzer.safe_output", "analyzer.results", "analyzer.document", "analyzer.sections",
                    "analyzer.words", "analyzer.items", "analyzer.heap")),
    ("readers", ("analyzer.readers",)),
    ("language", ("analyzer.nlp", "analyzer.law", "analyzer.kinds", "analyzer.classify", "analyzer.confidence")),
    ("judgment", ("analyzer.judgment",)),
    ("road", ("analyzer.api", "analyzer.spacy_classifier")),
    ("rooms", ("analyzer.render", "analyzer.batch", "analyzer.dask_runner", "analyzer.evaluate",
               "analyzer.kinds_eval")),
    ("front door", ("analyzer.cli",)),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _skipped_block(node: ast.AST) -> bool:
    """`if TYPE_CHECKING:` and `if __name__ == "__main__":` bodies never run on import."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
        return True
    if isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
        return True
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators))


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if _skipped_block(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def build_graph() -> tuple[dict[str, set[str]], list[str]]:
    """(module -> analyzer modules it imports, private cross-module imports as 'importer: module.name')."""
    files = {module_name(p): p for p in ROOT.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in files}
    private = []
    for mod, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                edges[mod].update(a.name for a in node.names if a.name in files)
                continue
            base = _absolute(node, mod, path.name == "__init__.py")
            if not base.startswith("analyzer"):
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in files:  # `from analyzer.readers import pdf`: the submodule
                    edges[mod].add(full)
                    continue
                if base in files:
                    edges[mod].add(base)
                if alias.name.startswith("_") and base != mod:
                    private.append(f"{mod}: {base}.{alias.name}")
        edges[mod].discard(mod)
    return edges, private


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[v] = min(low[v], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    cycles.append(sorted(comp))
    return cycles


def layer_of(module: str) -> int:
    if module == "analyzer":
        return len(LAYERS) - 1
    for i, (_name, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to ARCHITECTURE.md")


@pytest.fixture(scope="module")
def graph() -> tuple[dict[str, set[str]], list[str]]:
    return build_graph()


def test_no_import_cycle(graph) -> None:
    edges, _ = graph
    assert find_cycles(edges) == []


def test_no_private_name_crosses_modules(graph) -> None:
    _, private = graph
    assert private == []


def test_every_import_goes_down_or_sideways(graph) -> None:
    edges, _ = graph
    upward = [f"{m} ({LAYERS[layer_of(m)][0]}) -> {t} ({LAYERS[layer_of(t)][0]})"
              for m, targets in sorted(edges.items()) for t in sorted(targets) if layer_of(t) > layer_of(m)]
    assert upward == []


def test_one_module_starts_processes() -> None:
    """The one pool: only analyzer/pool.py creates processes."""
    needles = ("ProcessPoolExecutor", "multiprocessing.Process", "os.fork", "ctx.Process")
    starters = sorted(str(p.relative_to(ROOT.parent)) for p in ROOT.rglob("*.py")
                      if any(n in p.read_text(encoding="utf-8") for n in needles))
    assert starters == ["analyzer/pool.py"]


def test_the_checker_sees_a_cycle_and_a_lazy_import() -> None:
    """The graph code itself: a cycle closed by an import inside a function is found."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(edges) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from analyzer import api\nif TYPE_CHECKING:\n    import analyzer.cli\n")
    assert [n.module for n in _imports(tree) if isinstance(n, ast.ImportFrom)] == ["analyzer"]
    assert not [n for n in _imports(tree) if isinstance(n, ast.Import)]


def test_every_module_reads_in_one_sitting() -> None:
    """ARCHITECTURE.md: no module in analyzer/ passes 500 lines."""
    long = {str(p.relative_to(ROOT.parent)): n for p in ROOT.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
