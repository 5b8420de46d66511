"""What both PDF engines and the assembly share: thresholds, a page's image cover, short error text."""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

from analyzer.errors import ResourceLimit
from analyzer.readers.registry import ReadOptions

# A new word starts where the gap between two characters exceeds this share of the font size (both
# engines). pdfplumber's default (3 pt flat) glues the words of tightly justified lines
# ("noGroupMemberhas", 2.7 pt gaps at 10 pt); word gaps as tight as 0.126 em occur ("June 21",
# "EXHIBIT A" in corpus 029.pdf), kerning inside words stays well under 0.1 em.
X_TOLERANCE_RATIO = 0.12
MIN_TEXT_CHARS = 10  # fewer letters/digits than this on a page: no text layer
LOW_DENSITY_CHARS = 100  # fewer than this, over images covering LOW_DENSITY_COVER of the page
LOW_DENSITY_COVER = 0.25


def needs_ocr(alnum: int, has_marks: bool = True) -> bool:
    """True when a page with `alnum` letters and digits has (practically) no text layer but
    something is drawn on it.

    `has_marks` is False for a page with nothing at all on it (a blank page is not a scan).
    """
    return has_marks and alnum < MIN_TEXT_CHARS


def short(exc: BaseException, limit: int = 90) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


def cover(boxes: Iterable[tuple[float, float, float, float]], width: float, height: float) -> float:
    """Share of the page area covered by boxes (overlaps counted twice, capped at 1)."""
    area = 0.0
    for x0, top, x1, bottom in boxes:
        w = min(x1, width) - max(x0, 0.0)
        h = min(bottom, height) - max(top, 0.0)
        if w > 0 and h > 0:
            area += w * h
    return min(area / (width * height), 1.0) if width > 0 and height > 0 else 0.0


def check_pages(n: int, options: ReadOptions) -> None:
    if n > options.max_pages:
        raise ResourceLimit(f"PDF has {n} pages; the limit is {options.max_pages}")


def close_quietly(*objs) -> None:
    """Release engine objects; a failure to close a broken page must not hide the page's own result."""
    for obj in objs:
        if obj is not None:
            try:
                obj.close()
            except Exception:  # noqa: BLE001, S110
                pass


_BARE: dict[str, object] = {}


def bare_c(name: str):
    """pypdfium2.raw's C function `name` without its declared argument types, for calls made once per text
    line or per character with arguments already of the C types (a handle, ints, a pointer): ctypes then
    converts nothing, ~0.4 us less a call. The same function, calling convention and return type."""
    fn = _BARE.get(name)
    if fn is None:
        import pypdfium2.raw as pdfium_c

        typed = getattr(pdfium_c, name)
        fn = type(typed)(ctypes.cast(typed, ctypes.c_void_p).value)
        fn.restype = typed.restype
        _BARE[name] = fn
    return fn
