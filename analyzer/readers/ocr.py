"""OCR for PDF pages without a text layer: pypdfium2 renders, the `tesseract` command reads.

`ocr_page(data, page_number, options)` is the hook `analyzer.readers.pdf` calls for each page
that needs it. It returns the page's words `(text, x0, top, x1, bottom)` in Tesseract's reading
order (block, paragraph, line, word), in PDF points with the origin at the displayed page's
top-left corner, like the text-layer engines.

- The engine is the `tesseract` executable (Debian: `apt-get install tesseract-ocr`), run as a
  subprocess with one thread (`OMP_THREAD_LIMIT=1`: on 2 cores Tesseract's own threading is 3-7x
  slower). No Python wrapper, no new Python dependency.
- The page is rendered at 300 dpi in grayscale and handed over as an uncompressed PGM on stdin
  (PNG encoding alone would cost seconds a page). A page that is one upright embedded JPEG covering
  the page is handed over as those JPEG bytes instead, undecoded. Renders larger than
  MAX_PIXELS are downscaled.
- Every word gets its line's top and bottom (Tesseract's word boxes hug the ink, so "a" and "by"
  would differ), which keeps the lines of a page even for the shared layout code.
- Bounded: TIMEOUT_S per page; on expiry the process is killed and OcrTimeout raised. On Linux
  the process also dies with the process that started it (a batch worker killed on timeout).
- Without the executable, `ocr_page` raises OcrUnavailable and the PDF reader names the pages it
  could not read; it never returns a silent empty result for that reason.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

from analyzer.readers.registry import ReadOptions

Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom (points, origin top-left)

DPI = 300
MAX_PIXELS = 50_000_000  # a render above this is downscaled (about 24 x 24 inches at 300 dpi)
TIMEOUT_S = 60.0  # per page
LANG = "eng"
PSM = 3  # fully automatic page segmentation, no orientation detection
MIN_CONF = 20.0  # below this a word is dropped unless 3+ letters or digits make up half of it (_keep)
MIN_CONF_SYMBOLS = 50.0  # below this, words without a letter or digit are dropped (specks read as "|", "~")
JPEG_DPI_RANGE = (200.0, 600.0)  # an embedded JPEG outside this resolution is rendered instead
INSTALL_HINT = "install tesseract-ocr"


class OcrUnavailable(RuntimeError):
    """The OCR engine (the `tesseract` executable) is not installed."""


class OcrTimeout(TimeoutError):
    """Tesseract did not finish a page within the time allowed."""


def engine() -> str | None:
    """Path of the `tesseract` executable, or None when it is not installed."""
    return shutil.which("tesseract")


def available() -> bool:
    return engine() is not None


# --------------------------------------------------------------------------- page image


@dataclass(frozen=True)
class PageImage:
    data: bytes  # a binary PGM (P5) or a JPEG file
    kind: str  # "pgm" | "jpeg"
    dpi: float  # pixels per inch, for Tesseract's size estimates
    scale: float  # points per pixel
    dx: float = 0.0  # where pixel (0, 0) lies on the page, in points from the top-left corner
    dy: float = 0.0


def _pgm(bitmap) -> bytes:
    """A rendered 8-bit gray bitmap as a binary PGM (rows packed: the stride may be padded)."""
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buf = memoryview(bitmap.buffer).cast("B")
    header = b"P5\n%d %d\n255\n" % (width, height)
    if stride == width:
        return header + bytes(buf[: width * height])
    return header + b"".join(buf[i * stride : i * stride + width] for i in range(height))


def render_page(page, dpi: float = DPI, max_pixels: int = MAX_PIXELS) -> PageImage:
    """Render a pypdfium2 page as displayed (its /Rotate applied), grayscale, downscaled if huge."""
    width, height = page.get_size()
    scale = dpi / 72.0
    pixels = width * scale * height * scale
    if pixels > max_pixels:
        scale *= math.sqrt(max_pixels / pixels)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        if bitmap.n_channels != 1:  # a pdfium build that ignores the gray request: convert
            image = bitmap.to_pil().convert("L")
            data = b"P5\n%d %d\n255\n" % image.size + image.tobytes()
            px_w = image.size[0]
        else:
            data, px_w = _pgm(bitmap), bitmap.width
    finally:
        bitmap.close()
    pt_per_px = width / px_w if px_w else 1.0 / scale
    return PageImage(data=data, kind="pgm", dpi=72.0 / pt_per_px, scale=pt_per_px)


def embedded_jpeg(page) -> PageImage | None:
    """The page's JPEG, when the page is nothing but one upright JPEG covering it; else None.

    Cheap: one object to look at. Anything unusual (a rotated page or image, a mask, CMYK, a
    resolution outside JPEG_DPI_RANGE, other objects on the page) returns None, and the page is
    rendered instead.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360 or pdfium_c.FPDFPage_CountObjects(page.raw) != 1:
        return None
    obj = next(iter(page.get_objects(max_depth=1)), None)
    if not isinstance(obj, pdfium.PdfImage) or obj.get_filters() != ["DCTDecode"]:
        return None
    meta = obj.get_metadata()
    if meta.colorspace not in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB):
        return None
    if meta.bits_per_pixel not in (8, 24):
        return None
    m = obj.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:  # skewed, rotated or mirrored
        return None
    px_w, px_h = obj.get_px_size()
    if px_w <= 0 or px_h <= 0:
        return None
    left, bottom, right, top = obj.get_bounds()
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    page_w, page_h = cx1 - cx0, cy1 - cy0
    covered_w = min(right, cx1) - max(left, cx0)
    covered_h = min(top, cy1) - max(bottom, cy0)
    if covered_w < 0.95 * page_w or covered_h < 0.95 * page_h:
        return None
    pt_per_px = (right - left) / px_w
    if abs((top - bottom) / px_h - pt_per_px) > 0.02 * pt_per_px:  # stretched: dpi differs per axis
        return None
    dpi = 72.0 / pt_per_px
    if not JPEG_DPI_RANGE[0] <= dpi <= JPEG_DPI_RANGE[1]:
        return None
    raw = bytes(obj.get_data(decode_simple=False))
    if not raw.startswith(b"\xff\xd8"):
        return None
    return PageImage(data=raw, kind="jpeg", dpi=dpi, scale=pt_per_px, dx=left - cx0, dy=cy1 - top)


def page_image(data: bytes, page_number: int, password: str | None = None, dpi: float = DPI,
               use_jpeg: bool = True) -> PageImage:
    """The image Tesseract reads for a 1-based page of a PDF given as bytes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data, password=password or None)
    try:
        if not 1 <= page_number <= len(pdf):
            raise ValueError(f"no page {page_number}")
        page = pdf[page_number - 1]
        try:
            image = embedded_jpeg(page) if use_jpeg else None
            return image or render_page(page, dpi)
        finally:
            page.close()
    finally:
        pdf.close()


# --------------------------------------------------------------------------- tesseract


def _die_with_parent():
    """A preexec_fn for Linux (None elsewhere): the kernel SIGKILLs Tesseract when its parent dies."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import signal

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here, in the parent
    except (OSError, AttributeError):
        return None
    sig = int(signal.SIGKILL)
    return lambda: prctl(1, sig, 0, 0, 0)  # PR_SET_PDEATHSIG


_PREEXEC = _die_with_parent()


def run_tesseract(image: bytes, dpi: float = DPI, timeout: float | None = TIMEOUT_S,
                  threads: int | None = 1, lang: str = LANG, psm: int = PSM) -> str:
    """Tesseract's TSV for one image (bytes on stdin). `threads=None` leaves Tesseract's own threading on."""
    exe = engine()
    if exe is None:
        raise OcrUnavailable(f"tesseract is not installed; {INSTALL_HINT}")
    env = dict(os.environ)
    if threads is None:
        env.pop("OMP_THREAD_LIMIT", None)
    else:
        env["OMP_THREAD_LIMIT"] = str(threads)
    cmd = [exe, "-", "-", "--dpi", str(round(dpi)), "--psm", str(psm), "-l", lang, "tsv"]
    try:
        done = subprocess.run(cmd, input=image, capture_output=True, env=env, timeout=timeout,
                              preexec_fn=_PREEXEC, check=False)
    except subprocess.TimeoutExpired:  # run() has killed and reaped the process
        raise OcrTimeout(f"tesseract took longer than {timeout:g} s") from None
    except FileNotFoundError:  # removed between the lookup and the start
        raise OcrUnavailable(f"tesseract is not installed; {INSTALL_HINT}") from None
    if done.returncode != 0:
        err = [ln for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        raise RuntimeError(f"tesseract exit {done.returncode}: {err[-1] if err else 'no message'}")
    return done.stdout.decode("utf-8", "replace")


def _keep(text: str, conf: float) -> bool:
    """False for Tesseract's junk: specks and smudges read as symbols or as a letter or two.

    Confidence alone is not enough: Tesseract gives 0 to some words it reads right ("attorneys'"
    with a curly apostrophe), so an unsure word is dropped only when it also looks like junk.
    """
    if not text:
        return False
    alnum = sum(ch.isalnum() for ch in text)
    if alnum == 0:
        return conf >= MIN_CONF_SYMBOLS
    return conf >= MIN_CONF or (alnum >= 3 and alnum >= 0.5 * len(text))


def parse_tsv(tsv: str, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> list[Word]:
    """Words of a Tesseract TSV, in its order, as boxes in points (`scale` points per pixel, then offset).

    A word gets its own left and right and its line's top and bottom.
    """
    words: list[Word] = []
    line_top = line_bottom = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t", 11)
        if len(cols) < 11:
            continue
        try:
            level = int(cols[0])
            left, top, width, height = (int(v) for v in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        if level == 4:
            line_top, line_bottom = top, top + height
            continue
        if level != 5:
            continue
        text = cols[11].strip() if len(cols) > 11 else ""
        if not _keep(text, conf):
            continue
        t = top if line_top is None else min(top, line_top)
        b = top + height if line_bottom is None else max(top + height, line_bottom)
        words.append((text, dx + left * scale, dy + t * scale, dx + (left + width) * scale, dy + b * scale))
    return words


def ocr_image(image: PageImage, timeout: float | None = None, threads: int | None = 1) -> list[Word]:
    """Words of a page image, in points; `timeout` defaults to TIMEOUT_S (read at call time)."""
    tsv = run_tesseract(image.data, image.dpi, timeout=TIMEOUT_S if timeout is None else timeout, threads=threads)
    return parse_tsv(tsv, image.scale, image.dx, image.dy)


def ocr_page(data: bytes, page_number: int, options: ReadOptions) -> list[Word]:
    """The hook `analyzer.readers.pdf` calls: words of a 1-based page, in points, origin top-left.

    Raises OcrUnavailable without the engine, OcrTimeout after TIMEOUT_S.
    """
    if engine() is None:  # before rendering anything
        raise OcrUnavailable(f"tesseract is not installed; {INSTALL_HINT}")
    image = page_image(data, page_number, options.password)
    return ocr_image(image)
