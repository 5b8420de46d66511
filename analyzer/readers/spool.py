"""Where read pages wait for layout: a temporary file once they outgrow a little memory.

Running headers can only be told once every page has been read, so every page is held
until then. Held in the heap, a 1,000-page PDF would keep ~16 MB of page bodies (and the
fragments around them) alive while the Document is built; spooled, the reader's memory
stays flat with length. Small documents never touch the disk.
"""

from __future__ import annotations

import tempfile

SPOOL_MEMORY = 1 << 20  # bytes kept in memory before the spool moves to a temporary file (~60 pages)


class PageSpool:
    """Append-only store of byte blobs, addressed by (offset, length)."""

    def __init__(self, memory: int = SPOOL_MEMORY) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=memory)  # noqa: SIM115 - closed with the spool
        self._end = 0

    def put(self, blob: bytes) -> tuple[int, int]:
        self._file.seek(self._end)
        self._file.write(blob)
        at, self._end = self._end, self._end + len(blob)
        return at, len(blob)

    def get(self, ref: tuple[int, int]) -> bytes:
        at, size = ref
        self._file.seek(at)
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        self._file.close()
