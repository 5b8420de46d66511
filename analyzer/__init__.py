"""recourse-analyzer: is a loan recourse, limited-recourse or non-recourse, and which clauses say so.

The public names are resolved on first use (PEP 562): the `analyze` command imports this package
before it parses its options, and `--help` or `--version` must not pay for spaCy and the result
models (about a second) that `analyzer.api` pulls in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analyzer.api import Analyzer, analyze
    from analyzer.results import SCHEMA_VERSION, Analysis, Evidence, Label

__all__ = ["Analyzer", "analyze", "Analysis", "Evidence", "Label", "SCHEMA_VERSION"]
__version__ = "0.1.0"

_HOME = {"Analyzer": "analyzer.api", "analyze": "analyzer.api", "Analysis": "analyzer.results",
         "Evidence": "analyzer.results", "Label": "analyzer.results", "SCHEMA_VERSION": "analyzer.results"}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
