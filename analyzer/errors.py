"""Typed errors: every failure a user can see has a short reason and names no internals."""

from __future__ import annotations


class AnalyzerError(Exception):
    """A document could not be analyzed; `reason` is the one-line explanation."""

    code = "error"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InputError(AnalyzerError):
    code = "input"


class UnsupportedFormat(AnalyzerError):
    code = "unsupported_format"


class CorruptDocument(AnalyzerError):
    code = "corrupt"


class EncryptedDocument(AnalyzerError):
    code = "encrypted"


class NoText(AnalyzerError):
    code = "no_text"


class ResourceLimit(AnalyzerError):
    code = "resource_limit"
