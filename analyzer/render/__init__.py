"""Output formats, one module each; `writer(fmt)` picks one by name."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from analyzer.results import Analysis

FORMATS = {"table": "table", "json": "jsonfmt", "jsonl": "jsonfmt", "csv": "csvfmt", "html": "html"}


class Writer(Protocol):
    def write(self, result: Analysis) -> None: ...
    def close(self) -> None: ...


def writer(fmt: str, out: TextIO, **kw) -> Writer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"analyzer.render.{FORMATS[fmt]}")
    return module.make_writer(fmt, out, **kw)
