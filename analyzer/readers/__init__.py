"""Readers turn a source (path, bytes or text) into a Document: this is their front door.

Each reader module registers itself in analyzer/readers/registry.py; the reader is chosen by content
(magic bytes) first and by suffix second, so a `.pdf` that is really text is read as text and an unknown
suffix still works.
"""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.document import Document, sha256_bytes
from analyzer.errors import InputError, UnsupportedFormat
from analyzer.readers.registry import (
    REGISTRY,
    ReadOptions,
    describe_non_document,
    load_builtin,
    register,
    sniff_format,
)

__all__ = ["ReadOptions", "describe_non_document", "read_bytes", "read_path", "read_text", "register",
           "sniff_format"]


def read_bytes(data: bytes, name: str = "<bytes>", options: ReadOptions | None = None) -> Document:
    options = options or ReadOptions()
    if not data:
        raise InputError("empty file")
    if len(data) > options.max_bytes:
        raise InputError(f"file larger than {options.max_bytes // (1024 * 1024)} MB")
    load_builtin()
    head = data[:8192]
    fmt = None
    for e in REGISTRY:
        if e.sniff(head):
            fmt = e
            break
    if fmt is None:
        what = describe_non_document(head)
        if what:
            raise UnsupportedFormat(what)
        suffix = os.path.splitext(name)[1].lower()
        fmt = next((e for e in REGISTRY if suffix in e.suffixes and e.fmt != "pdf"), None)
        fmt = fmt or next(e for e in REGISTRY if e.fmt == "text")
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
    from analyzer.readers.text import document_from_text  # not at the top: readers register in sniff order

    doc = document_from_text(text, name)
    doc.sha256 = sha256_bytes(text.encode("utf-8", "surrogatepass"))
    return doc
