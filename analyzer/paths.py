"""File names that are not valid UTF-8: carried losslessly, written safely.

On POSIX a file name is bytes. Python hands undecodable bytes over as lone surrogates
(surrogateescape), which opens the file fine but cannot be written as UTF-8 JSON or CSV. A record
keeps a printable `path` (invalid bytes shown as ``\\xNN``) and, only for such names, `path_bytes`:
the exact name as base64, from which `--resume` (or a user) gets the real file back.
"""

from __future__ import annotations

import base64
import os


def _raw(path: str) -> bytes:
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate that did not come from a file name
        return path.encode("utf-8", "surrogatepass")


def printable(path: str) -> tuple[str, str | None]:
    """(UTF-8-safe form of `path`, base64 of its bytes or None when the name is already valid UTF-8)."""
    try:
        path.encode("utf-8")
        return path, None
    except UnicodeEncodeError:
        raw = _raw(path)
        return raw.decode("utf-8", "backslashreplace"), base64.b64encode(raw).decode("ascii")


def original(path: str, path_bytes: str | None) -> str:
    """The path as the file system knows it (surrogate-escaped str), from a record's two fields."""
    if path_bytes:
        try:
            return os.fsdecode(base64.b64decode(path_bytes, validate=True))
        except ValueError:
            pass
    return path


def make_record_safe(result) -> None:
    """Rewrite an Analysis's `path` in place so that every output format can write it."""
    safe, raw = printable(result.path)
    if raw is not None:
        result.path, result.path_bytes = safe, raw
