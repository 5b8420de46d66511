"""Readers turn a source (path, bytes or text) into a Document.

Each reader module registers itself with `register`; the reader is chosen by
content (magic bytes) first and by suffix second, so a `.pdf` that is really
text is read as text and an unknown suffix still works.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analyzer.document import Document, sha256_bytes
from analyzer.errors import InputError, UnsupportedFormat


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
class _Entry:
    fmt: str
    sniff: Callable[[bytes], bool]
    suffixes: tuple[str, ...]
    read: Reader


_REGISTRY: list[_Entry] = []
_BUILTIN = ("pdf", "docx", "edgar", "html", "text")  # modules in this package; sniff order matters
_loaded = False


def register(fmt: str, sniff: Callable[[bytes], bool], suffixes: tuple[str, ...]) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        _REGISTRY.append(_Entry(fmt, sniff, suffixes, fn))
        return fn

    return deco


def _load() -> None:
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
    _load()
    for e in _REGISTRY:
        if e.sniff(head):
            return e.fmt
    suffix = os.path.splitext(name)[1].lower()
    for e in _REGISTRY:
        if suffix in e.suffixes:
            return e.fmt
    return None


def describe_non_document(head: bytes) -> str | None:
    if head.startswith(_IMAGE_MAGIC):
        return "an image file, not a document (no text layer)"
    if head.startswith(_ARCHIVE_MAGIC) or (head.startswith(b"PK\x03\x04") and b"word/" not in head[:4096]):
        return "an archive, not a document"
    return None


def read_bytes(data: bytes, name: str = "<bytes>", options: ReadOptions | None = None) -> Document:
    options = options or ReadOptions()
    if not data:
        raise InputError("empty file")
    if len(data) > options.max_bytes:
        raise InputError(f"file larger than {options.max_bytes // (1024 * 1024)} MB")
    _load()
    head = data[:8192]
    fmt = None
    for e in _REGISTRY:
        if e.sniff(head):
            fmt = e
            break
    if fmt is None:
        what = describe_non_document(head)
        if what:
            raise UnsupportedFormat(what)
        suffix = os.path.splitext(name)[1].lower()
        fmt = next((e for e in _REGISTRY if suffix in e.suffixes and e.fmt != "pdf"), None)
        fmt = fmt or next(e for e in _REGISTRY if e.fmt == "text")
    doc = fmt.read(data, name, options)
    doc.source = name
    doc.sha256 = sha256_bytes(data)
    return doc


def read_path(path: str | Path, options: ReadOptions | None = None) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file")
    if p.is_dir():
        raise InputError("is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, str(path), options)


def read_text(text: str, name: str = "<text>") -> Document:
    from analyzer.readers.text import document_from_text

    doc = document_from_text(text, name)
    doc.sha256 = sha256_bytes(text.encode("utf-8", "surrogatepass"))
    return doc
