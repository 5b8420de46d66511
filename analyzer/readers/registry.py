"""The registry of readers and the options they share.

Reader modules import this module, never the `analyzer.readers` package (whose front door imports the text
reader): so no reader and the package import each other. Each reader registers itself with `register`;
the reader is chosen by content (magic bytes) first and by suffix second.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from analyzer.document import Document


@dataclass(frozen=True)
class ReadOptions:
    password: str | None = None
    # pdfplumber | pdfium | fast (pdfium, the evidence pages re-read by pdfplumber: Analyzer's default). The
    # reader's own default stays pdfplumber: read_bytes alone gives exact boxes without the second step.
    engine: str = "pdfplumber"
    ocr: str = "auto"  # auto | always | never
    max_bytes: int = 512 * 1024 * 1024
    max_pages: int = 20_000
    page_range: tuple[int, int] | None = None  # 1-based, inclusive: read only these pages (a split of a big PDF)
    split_workers: int = 1  # >1: a large PDF is read by this many processes, a range of pages each


Reader = Callable[[bytes, str, ReadOptions], Document]


@dataclass(frozen=True)
class Entry:
    fmt: str
    sniff: Callable[[bytes], bool]
    suffixes: tuple[str, ...]
    read: Reader


REGISTRY: list[Entry] = []
_BUILTIN = ("pdf", "docx", "edgar", "html", "text")  # modules in this package; sniff order matters
_loaded = False


def register(fmt: str, sniff: Callable[[bytes], bool], suffixes: tuple[str, ...]) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        REGISTRY.append(Entry(fmt, sniff, suffixes, fn))
        return fn

    return deco


def load_builtin() -> None:
    """Import the built-in reader modules once (each registers itself)."""
    global _loaded
    if not _loaded:
        _loaded = True
        for name in _BUILTIN:
            try:
                importlib.import_module(f"analyzer.readers.{name}")
            except ModuleNotFoundError as exc:  # optional reader whose module is absent
                if exc.name != f"analyzer.readers.{name}":
                    raise


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
_ARCHIVE_MAGIC = (b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")


def sniff_format(head: bytes, name: str = "") -> str | None:
    """The registered format for these leading bytes, or None."""
    load_builtin()
    for e in REGISTRY:
        if e.sniff(head):
            return e.fmt
    suffix = os.path.splitext(name)[1].lower()
    for e in REGISTRY:
        if suffix in e.suffixes:
            return e.fmt
    return None


def describe_non_document(head: bytes) -> str | None:
    if head.startswith(_IMAGE_MAGIC):
        return "an image file, not a document (no text layer)"
    if head.startswith(_ARCHIVE_MAGIC) or (head.startswith(b"PK\x03\x04") and b"word/" not in head[:4096]):
        return "an archive, not a document"
    return None
