"""Page pictures for reports: the reader side of the narrow interface the HTML renderer uses.

The renderer never opens a source document; it asks `page_images(path, pages)` for the pages that hold
evidence and gets back images with the page size in points, so that boxes in PDF points can be placed
on them. Only PDFs have pages to show. When `sha256` is given and the file no longer has it, nothing is
returned: boxes measured on the old file would land on the wrong words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCALE = 2.0  # pixels per PDF point: sharp at normal zoom and on dense screens
MAX_PIXELS = 40_000_000  # a page larger than this at SCALE is drawn smaller rather than filling memory


@dataclass
class PageImage:
    image: Any  # PIL.Image.Image
    width: float  # the page's width in PDF points
    height: float


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _is_pdf(path: Path) -> bool:
    with open(path, "rb") as f:
        return b"%PDF-" in f.read(1024)


def page_images(path: str | Path, pages: Iterable[int], scale: float = SCALE, password: str | None = None,
                sha256: str | None = None) -> dict[int, PageImage]:
    """Images of `pages` (1-based) of the PDF at `path`; pages it does not have are left out.

    Returns {} for a file that is gone, not a PDF, or changed since `sha256`; never raises for the
    document's sake, since a picture is a convenience to the report, not part of the analysis."""
    p = Path(path)
    wanted = sorted({n for n in pages if n >= 1})
    try:
        if not wanted or not p.is_file() or not _is_pdf(p) or (sha256 and _sha256(p) != sha256):
            return {}
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(p), password=password)
    except Exception:  # noqa: BLE001 - unreadable now: the report says the pictures are unavailable
        return {}
    out: dict[int, PageImage] = {}
    try:
        for n in wanted:
            if n > len(doc):
                continue
            page = doc[n - 1]
            try:
                w, h = page.get_size()
                s = min(scale, (MAX_PIXELS / max(w * h, 1.0)) ** 0.5)
                out[n] = PageImage(page.render(scale=s).to_pil(), w, h)
            except Exception:  # noqa: BLE001 - one bad page leaves the others
                continue
            finally:
                page.close()
    finally:
        doc.close()
    return out
