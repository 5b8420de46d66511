"""pypdfium2 page -> lines, near the cost of pdfium's own text extraction.

The exact reading (`pdf._pdfium_words`) asks pdfium for every character's box: one ctypes call per
character, ~3 ms a page, twice what pdfium needs to extract the text. Here a page costs a handful
of calls per pdfium text line instead:

- pdfium's text, split at its line breaks, gives pieces of one line each; `FPDFText_CountRects`
  says whether a piece is drawn by one text object (the common case in typeset agreements);
- such a piece gets its extent from the loose boxes of its first and last characters and its
  height from the first one's font size, exactly as the per-character reading computes them;
- its words get x positions interpolated along the piece by a table of relative glyph widths,
  computed for the whole page at once with numpy: no Python object per word or per character;
- a piece drawn by several text objects, or on a rotated page, is read the exact way.

Line geometry (what paragraphs, headings and running headers are decided from) is therefore exact;
a word's horizontal extent inside a line is an estimate, typically within a few points. Callers that
need exact word boxes for evidence (the "fast" engine) take them from pdfplumber on those pages.
"""

from __future__ import annotations

import ctypes
import re
from array import array

import numpy as np

from analyzer.readers.pdf_layout import Line, clean_box, group_lines

_PIECE = re.compile(r"[^\r\n]+")
_PLAIN = re.compile(r"[ ->@-~]*")  # printable ASCII but '?' (maybe a lost glyph): what cleaning leaves alone
_SOFT_HYPHENS = "\ufffe\u00ad\u0002"  # an engine's mark of a hyphen that breaks a word at a line end

# relative advance widths (em) of ASCII characters in common text faces; anything else 0.55
_WIDTH = np.full(128, 0.55, dtype=np.float64)
for chars, w in ((" ", 0.28), ("iljI.,;:'!|", 0.26), ("ftr()[]-/`", 0.34), ("sz*\"", 0.5),
                 ("0123456789$#_?abcdeghknopquvxy", 0.556), ("ABCDEFGHJKLNOPQRSTUVXYZ&", 0.68),
                 ("mMW%@", 0.86), ("w", 0.72), ("J", 0.5)):
    for ch in chars:
        _WIDTH[ord(ch)] = w


def _widths(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative relative width of the non-space characters, and count of spaces, before each
    character of `text` (len(text) + 1 values each)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = codes == 32
    w = np.where(codes < 128, _WIDTH[np.minimum(codes, 127)], 0.55)
    w[space] = 0.0
    glyphs = np.zeros(len(w) + 1)
    np.cumsum(w, out=glyphs[1:])
    spaces = np.zeros(len(w) + 1)
    np.cumsum(space, out=spaces[1:])
    return glyphs, spaces


class _Box:
    """Loose character boxes in top-left page coordinates, one ctypes call each."""

    def __init__(self, handle, mb: tuple[float, float, float, float]) -> None:
        import pypdfium2.raw as pdfium_c

        self.handle = handle
        self.rect = pdfium_c.FS_RECTF()
        self.ref = ctypes.byref(self.rect)
        self.loose = pdfium_c.FPDFText_GetLooseCharBox
        self.size = pdfium_c.FPDFText_GetFontSize
        self.mx0, self.my1 = mb[0], mb[3]

    def char(self, i: int) -> tuple[float, float, float, float] | None:
        if not self.loose(self.handle, i, self.ref):
            return None
        r = self.rect
        return r.left - self.mx0, self.my1 - r.top, r.right - self.mx0, self.my1 - r.bottom


def fast_lines(textpage, rotation: int, mb: tuple[float, float, float, float], exact_words) -> list[Line]:
    """The page's lines, as `group_lines(exact_words(textpage, rotation, mb))` would give them, with
    word x positions estimated inside pieces drawn by one text object (see the module docstring).

    `exact_words(textpage, rotation, mb, start, end)` is the per-character reading of a character range.
    """
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    n = pdfium_c.FPDFText_CountChars(handle)
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if rotation != 0 or len(text) != n:  # rotated, or text not index-aligned with the characters
        return group_lines(exact_words(textpage, rotation, mb, 0, n, text))
    box = _Box(handle, mb)
    count_rects = pdfium_c.FPDFText_CountRects
    cum = None
    segs: list[tuple] = []  # (kind, payload): ("fast", start, end, x0, top, x1, bottom) or ("words", words)
    for m in _PIECE.finditer(text):
        s, e = m.span()
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if not piece:
            continue
        s += lead
        e = s + len(piece)
        if piece[-1] in _SOFT_HYPHENS and len(piece) > 1 and piece[-2] not in _SOFT_HYPHENS + " ":
            piece = piece[:-1] + "-"  # as clean_word writes it
        first, last = box.char(s), box.char(e - 1)
        plain = _PLAIN.fullmatch(piece) is not None
        if first is None or last is None or not plain or count_rects(handle, s, e - s) != 1:
            segs.append(("words", exact_words(textpage, rotation, mb, s, e, text)))
            continue
        x0, top, _, bottom = first
        x1 = last[2]
        h = bottom - top
        size = box.size(handle, s)
        if not 0.5 * h <= size <= 2 * h:
            size = h / 1.15  # Tf size before the text matrix: estimate the em from the loose box
        if 0 < size < h <= 2 * size:
            top = bottom - size
        if x1 < x0:
            segs.append(("words", exact_words(textpage, rotation, mb, s, e, text)))
            continue
        if cum is None:
            cum = _widths(text)
        segs.append(("fast", piece, s, e, x0, top, x1, bottom, size))
    return _assemble(text, cum, segs)


def _word_boxes(text: str, cum: tuple[np.ndarray, np.ndarray], fast: list[tuple]) -> list[array]:
    """Boxes of the words of every one-object piece, estimated along its piece, for the page at once:
    the piece's width shared by its characters in proportion to their table widths (a space 0.28 em).

    Fitting glyphs at the font size and giving the spaces the rest (for justified lines) was tried and
    was no closer on the samples and dev PDFs (median error 1.6 pt against 1.5), the faces vary too much.
    """
    glyphs, spaces = cum
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = codes <= 32
    word = ~space
    ws = np.flatnonzero(word & np.concatenate(([True], space[:-1])))
    we = np.flatnonzero(word & np.concatenate((space[1:], [True]))) + 1
    seg = np.array([f[2:] for f in fast], dtype=np.float64)  # s, e, x0, top, x1, bottom, size
    s, e = seg[:, 0].astype(np.int64), seg[:, 1].astype(np.int64)
    x0, width = seg[:, 2], seg[:, 4] - seg[:, 2]
    i0, i1 = np.searchsorted(ws, s), np.searchsorted(ws, e)
    which = np.repeat(np.arange(len(fast)), i1 - i0)
    picked = np.concatenate([np.arange(a, b) for a, b in zip(i0.tolist(), i1.tolist(), strict=True)])
    g0, n0 = glyphs[s], spaces[s]
    total = glyphs[e] - g0 + 0.28 * (spaces[e] - n0)
    per_glyph = np.divide(width, total, out=np.zeros_like(width), where=total > 0)
    per_space = 0.28 * per_glyph
    a, b, o = per_glyph[which], per_space[which], x0[which]
    start, end = ws[picked], np.minimum(we[picked], e[which])
    xy = np.empty((len(picked), 4), dtype=np.float32)
    xy[:, 0] = o + (glyphs[start] - g0[which]) * a + (spaces[start] - n0[which]) * b
    xy[:, 1] = seg[which, 3]
    xy[:, 2] = o + (glyphs[end] - g0[which]) * a + (spaces[end] - n0[which]) * b
    xy[:, 3] = seg[which, 5]
    raw = xy.tobytes()
    bounds = np.concatenate(([0], np.cumsum(i1 - i0))).tolist()
    return [array("f", raw[16 * p:16 * q]) for p, q in zip(bounds, bounds[1:], strict=False)]


class _LineBuilder:
    """Pieces in flow order to lines, with group_lines' rules applied per piece (its words share a baseline)."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.cur: list[tuple[str, array, float, float, float, float]] = []  # pieces of the line being built
        self.top = self.bottom = 0.0  # vertical extent of the line being built

    def flush(self) -> None:
        cur = self.cur
        if not cur:
            return
        if len(cur) == 1:
            self.lines.append(Line(*cur[0]))
            return
        texts = " ".join(p[0] for p in cur).split(" ")
        boxes = array("f")
        for p in cur:
            boxes.extend(p[1])
        if any(boxes[4 * k] < boxes[4 * k - 4] - 1.0 for k in range(1, len(texts))):
            order = sorted(range(len(texts)), key=lambda k: boxes[4 * k])
            texts = [texts[k] for k in order]
            boxes = array("f", [v for k in order for v in boxes[4 * k:4 * k + 4]])
        self.lines.append(Line(" ".join(texts), boxes, min(p[2] for p in cur), min(p[3] for p in cur),
                               max(p[4] for p in cur), max(p[5] for p in cur)))

    def add(self, t: str, bx: array, x0: float, top: float, x1: float, bottom: float, one_word: bool) -> None:
        """One piece (or exact word): onto the line being built if it shares its baseline, else a new line."""
        if self.cur:
            overlap = min(self.bottom, bottom) - max(self.top, top)
            if overlap > 0.5 * max(min(self.bottom - self.top, bottom - top), 0.1):
                self._extend(t, bx, x0, top, x1, bottom, one_word)
                self.top, self.bottom = min(self.top, top), max(self.bottom, bottom)
                return
            self.flush()
        self.cur = [(t, bx, x0, top, x1, bottom)]
        self.top, self.bottom = top, bottom

    def _extend(self, t: str, bx: array, x0: float, top: float, x1: float, bottom: float, one_word: bool) -> None:
        last = self.cur[-1]
        lb = last[1]
        gap = x0 - lb[-2]
        shifted = abs(top - lb[-3]) > 1.0 or abs(bottom - lb[-1]) > 1.0
        if not (shifted and -0.5 <= gap <= 0.05 * (self.bottom - self.top) and one_word):
            self.cur.append((t, bx, x0, top, x1, bottom))
            return
        # a raised or lowered mark touching the previous word: one word, as group_lines has it
        nb = array("f", lb)
        nb[-4], nb[-3] = min(nb[-4], x0), min(nb[-3], top)
        nb[-2], nb[-1] = max(nb[-2], x1), max(nb[-1], bottom)
        self.cur[-1] = (last[0] + t, nb, min(last[2], x0), min(last[3], top), max(last[4], x1), max(last[5], bottom))


def _assemble(text: str, cum, segs: list[tuple]) -> list[Line]:
    """Pieces in flow order to lines (see _LineBuilder); fast pieces get their estimated word boxes."""
    out = _LineBuilder()
    fast = [seg for seg in segs if seg[0] == "fast"]
    boxes = iter(_word_boxes(text, cum, fast) if fast else ())
    for seg in segs:
        if seg[0] == "fast":
            _, piece, _s, _e, x0, top, x1, bottom, _size = seg
            t = " ".join(piece.split())
            out.add(t, next(boxes), x0, top, x1, bottom, " " not in t)
            continue
        for raw, x0, top, x1, bottom in seg[1]:  # exact words, one at a time as group_lines takes them
            word = clean_box(raw, x0, top, x1, bottom)
            if word is None:
                continue
            parts, x0, top, x1, bottom = word
            out.add(" ".join(parts), array("f", (x0, top, x1, bottom) * len(parts)), x0, top, x1, bottom,
                    len(parts) == 1)
    out.flush()
    return out.lines
