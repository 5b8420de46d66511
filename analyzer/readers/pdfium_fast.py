"""pypdfium2 page -> lines, near the cost of pdfium's own text extraction.

The exact reading (`pdf._pdfium_words`) asks pdfium for every character's box: one ctypes call per
character, ~3 ms a page, twice what pdfium needs to extract the text. Here a page costs a handful
of calls per pdfium text line instead:

- pdfium's text, split at its line breaks, gives pieces of one line each; `FPDFText_CountRects`
  says whether a piece is drawn by one text object (the common case in typeset agreements);
- such a piece gets its extent from the loose boxes of its first and last characters and its
  height from the first one's font size, exactly as the per-character reading computes them;
- its words get x positions interpolated along the piece by a table of relative glyph widths,
  computed with numpy for many pages at once (`finish`, after the pages are closed): no Python
  object per word or per character, a few dozen numpy calls per batch rather than per page;
- a piece drawn by several text objects, or on a rotated page, is read the exact way;
- pieces become lines (group_lines' rules, applied a piece at a time) packed as the page store keeps
  them (`page_lines.Packed`), without a Python object per line or per word.

Line geometry (what paragraphs, headings and running headers are decided from) is therefore exact;
a word's horizontal extent inside a line is an estimate, typically within a few points. Callers that
need exact word boxes for evidence (the "fast" engine) take them from pdfplumber on those pages.
"""

from __future__ import annotations

import ctypes
import re
from array import array
from dataclasses import dataclass

import numpy as np

from analyzer.readers.page_lines import Line, Packed, pack_lines
from analyzer.readers.pdf_common import bare_c
from analyzer.readers.pdf_layout import clean_box, group_lines

_PIECE = re.compile(r"\S(?:[^\r\n]*\S)?")  # a line of pdfium's text, without the spaces around it
_PLAIN = re.compile(r"[ ->@-~]*")  # printable ASCII but '?' (maybe a lost glyph): what cleaning leaves alone
_PLAIN_PAGE = re.compile(r"[ ->@-~\r\n]*")  # a page of plain pieces only (the common case: no piece to check)
_SOFT_HYPHENS = "\ufffe\u00ad\u0002"  # an engine's mark of a hyphen that breaks a word at a line end

# relative advance widths (em) of ASCII characters in common text faces; anything else 0.55
_WIDTH = np.full(128, 0.55, dtype=np.float64)
for chars, w in ((" ", 0.28), ("iljI.,;:'!|", 0.26), ("ftr()[]-/`", 0.34), ("sz*\"", 0.5),
                 ("0123456789$#_?abcdeghknopquvxy", 0.556), ("ABCDEFGHJKLNOPQRSTUVXYZ&", 0.68),
                 ("mMW%@", 0.86), ("w", 0.72), ("J", 0.5)):
    for ch in chars:
        _WIDTH[ord(ch)] = w
# the width a glyph counts for, by code point (all past ASCII at 128): spaces count apart, 0.28 each
_GLYPH = np.append(_WIDTH, 0.55)
_GLYPH[32] = 0.0


def fast_lines(textpage, rotation: int, mb: tuple[float, float, float, float], exact_words) -> list[Line]:
    """The page's lines, as `group_lines(exact_words(textpage, rotation, mb))` would give them, with
    word x positions estimated inside pieces drawn by one text object (see the module docstring).

    `exact_words(textpage, rotation, mb, start, end)` is the per-character reading of a character range.
    """
    texts, extents, boxes = fast_packed(textpage, rotation, mb, exact_words)
    out: list[Line] = []
    k = 0
    for i, text in enumerate(texts):
        n = 16 * (text.count(" ") + 1)
        out.append(Line(text, array("f", boxes[k:k + n]), *extents[4 * i:4 * i + 4]))
        k += n
    return out


def fast_packed(textpage, rotation: int, mb: tuple[float, float, float, float], exact_words) -> Packed:
    """`fast_lines`, packed as `PageLines.set_packed` takes them."""
    return finish([fast_draft(textpage, rotation, mb, exact_words)])[0]


@dataclass(slots=True)
class Draft:
    """A page's lines before the estimated word boxes are computed, which `finish` does for several pages
    at once (numpy's cost is per call, and a page is ~40 short calls). Read while the page is open."""

    text: str  # the page's text (index-aligned with pdfium's characters)
    geo: array  # start, end, x0, top, x1, bottom of each one-object piece
    texts: list[str]  # the lines
    extents: list[float]  # x0, top, x1, bottom of each line
    refs: list[int | bytes]  # each line's boxes: the index of its one-object piece, or float32 bytes


def fast_draft(textpage, rotation: int, mb: tuple[float, float, float, float], exact_words) -> Draft:
    """The page's lines (see `fast_lines`), their estimated word boxes left to `finish`."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    n = pdfium_c.FPDFText_CountChars(handle)
    if n <= 0:
        return Draft("", array("d"), [], [], [])
    text = textpage.get_text_range(0, n)
    if rotation != 0 or len(text) != n:  # rotated, or text not index-aligned with the characters
        lines = group_lines(exact_words(textpage, rotation, mb, 0, n, text))
        texts, extents, _ = pack_lines(lines)
        return Draft("", array("d"), texts, extents, [ln.boxes.tobytes() for ln in lines])
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose, count_rects, font_size = (bare_c("FPDFText_GetLooseCharBox"), bare_c("FPDFText_CountRects"),
                                     bare_c("FPDFText_GetFontSize"))
    mx0, my1 = mb[0], mb[3]
    plain_page = _PLAIN_PAGE.fullmatch(text) is not None
    geo = array("d")
    out = _Lines(text, geo)
    texts, extents, refs = out.texts, out.extents, out.refs
    k = 0  # one-object pieces so far
    for m in _PIECE.finditer(text):
        s, e = m.span()
        piece = m.group()
        if not plain_page:
            if piece[-1] in _SOFT_HYPHENS and len(piece) > 1 and piece[-2] not in _SOFT_HYPHENS + " ":
                piece = piece[:-1] + "-"  # as clean_word writes it
            if _PLAIN.fullmatch(piece) is None:
                out.exact(exact_words(textpage, rotation, mb, s, e, text))
                continue
        if not loose(handle, s, ref):
            out.exact(exact_words(textpage, rotation, mb, s, e, text))
            continue
        x0, top, bottom = rect.left - mx0, my1 - rect.top, my1 - rect.bottom
        if not loose(handle, e - 1, ref) or count_rects(handle, s, e - s) != 1:
            out.exact(exact_words(textpage, rotation, mb, s, e, text))
            continue
        x1 = rect.right - mx0
        h = bottom - top
        size = font_size(handle, s)
        if not 0.5 * h <= size <= 2 * h:
            size = h / 1.15  # Tf size before the text matrix: estimate the em from the loose box
        if 0 < size < h <= 2 * size:
            top = bottom - size
        if x1 < x0:
            out.exact(exact_words(textpage, rotation, mb, s, e, text))
            continue
        geo.extend((s, e, x0, top, x1, bottom))
        t = piece if "  " not in piece else " ".join(piece.split())
        # _Lines.add, inlined for the common case: the piece starts a line, the line before is one piece
        cur = out.cur
        if cur:  # the overlap test of add, with min and max written out (in their argument order)
            lt, lb, h = out.top, out.bottom, bottom - top
            lh = lb - lt
            least = h if h < lh else lh
            if ((bottom if bottom < lb else lb) - (top if top > lt else lt)
                    > 0.5 * (0.1 if 0.1 > least else least)):
                out.add(t, k, None, x0, top, x1, bottom, " " not in t)
                k += 1
                continue
            if len(cur) == 1:
                c = cur[0]
                texts.append(c[0])
                extents += c[3:]
                refs.append(c[1])
            else:
                out.flush()
        out.cur = [(t, k, None, x0, top, x1, bottom)]
        out.top, out.bottom = top, bottom
        k += 1
    out.flush()
    return Draft(text, geo, texts, extents, refs)


def finish(drafts: list[Draft]) -> list[Packed]:
    """The drafts' lines packed, their estimated word boxes computed for all the pages at once."""
    fast = [d for d in drafts if d.geo]
    raw, bounds = _word_boxes([d.text for d in fast], [d.geo for d in fast]) if fast else (b"", [0])
    out: list[Packed] = []
    base = 0  # index of the draft's first one-object piece among those of all the drafts
    for d in drafts:
        chunks: list[bytes] = []
        run = -1  # start (in `bounds`) of a run of pieces whose lines follow one another, not yet sliced
        end = 0
        for r in d.refs:
            if r.__class__ is bytes:
                if run >= 0:
                    chunks.append(raw[16 * bounds[run]:16 * bounds[end]])
                    run = -1
                chunks.append(r)
            elif run >= 0 and base + r == end:
                end += 1
            else:
                if run >= 0:
                    chunks.append(raw[16 * bounds[run]:16 * bounds[end]])
                run, end = base + r, base + r + 1
        if run >= 0:
            chunks.append(raw[16 * bounds[run]:16 * bounds[end]])
        out.append((d.texts, d.extents, b"".join(chunks)))
        base += len(d.geo) // 6
    return out


def _word_boxes(texts: list[str], geos: list[array]) -> tuple[bytes, list[int]]:
    """Boxes of the words of every one-object piece of some pages, estimated along its piece: the piece's
    width shared by its characters in proportion to their table widths (a space 0.28 em). Returns the
    boxes (float32 bytes, 16 a word) and where each piece's words start and end among them (pieces
    numbered across the pages, in order).

    The pages are laid side by side, each padded with spaces to one width (so a word ends with its page),
    and each page's glyph widths summed along its own row: the same sums, in the same order, as one page
    alone. Fitting glyphs at the font size and giving the spaces the rest (for justified lines) was tried
    and was no closer on the samples and dev PDFs (median error 1.6 pt against 1.5), the faces vary too much.
    """
    k, span = len(texts), max(map(len, texts)) + 1
    codes = np.frombuffer("".join(t.ljust(span) for t in texts).encode("utf-32-le", "surrogatepass"),
                          dtype=np.uint32)
    glyphs = np.zeros((k, span + 1))  # row p, column j: page p's glyph widths before its character j
    np.cumsum(_GLYPH[np.minimum(codes, 128)].reshape(k, span), axis=1, out=glyphs[:, 1:])
    glyphs = glyphs.ravel()  # character x (of page p) at x + p
    blank = np.flatnonzero(codes == 32)  # spaces before a position, by search: only differences are used
    inked = np.zeros(len(codes) + 2, dtype=bool)
    inked[1:-1] = codes > 32
    edges = np.flatnonzero(inked[1:] != inked[:-1])
    ws, we = edges[0::2], edges[1::2]  # words: runs of characters past the space, [start, end)
    seg = np.frombuffer(b"".join(g.tobytes() for g in geos), dtype=np.float64).reshape(-1, 6)
    page = np.repeat(np.arange(k), [len(g) // 6 for g in geos])
    s, e = seg[:, 0].astype(np.int64) + page * span, seg[:, 1].astype(np.int64) + page * span
    x0, width = seg[:, 2], seg[:, 4] - seg[:, 2]
    i0 = np.searchsorted(ws, s)
    counts = np.searchsorted(ws, e) - i0
    bounds = np.zeros(len(seg) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    which = np.repeat(np.arange(len(seg)), counts)
    picked = np.arange(bounds[-1]) + np.repeat(i0 - bounds[:-1], counts)
    g0, n0 = glyphs[s + page], np.searchsorted(blank, s)
    total = glyphs[e + page] - g0 + 0.28 * (np.searchsorted(blank, e) - n0)
    per_glyph = np.divide(width, total, out=np.zeros_like(width), where=total > 0)
    per_space = 0.28 * per_glyph
    a, b, o, g0, n0, pw = per_glyph[which], per_space[which], x0[which], g0[which], n0[which], page[which]
    start, end = ws[picked], np.minimum(we[picked], e[which])
    xy = np.empty((len(picked), 4), dtype=np.float32)
    xy[:, 0] = o + (glyphs[start + pw] - g0) * a + (np.searchsorted(blank, start) - n0) * b
    xy[:, 1] = seg[which, 3]
    xy[:, 2] = o + (glyphs[end + pw] - g0) * a + (np.searchsorted(blank, end) - n0) * b
    xy[:, 3] = seg[which, 5]
    return xy.tobytes(), bounds.tolist()


class _Lines:
    """Pieces in flow order to lines, with group_lines' rules applied per piece (its words share a baseline).
    A piece is (text, boxes, last word's box, x0, top, x1, bottom): the boxes are float32 bytes, or the
    index of a one-object piece (its last box then None). The page's estimated boxes are only computed
    here when pieces share a line (rare: the boxes decide how); else `finish` does it, for many pages."""

    def __init__(self, text: str, geo: array) -> None:
        self.text, self.geo = text, geo
        self.raw: bytes | None = None
        self.bounds: list[int] = []
        self.texts: list[str] = []
        self.extents: list[float] = []
        self.refs: list[int | bytes] = []
        self.cur: list[tuple] = []  # pieces of the line being built
        self.top = self.bottom = 0.0  # vertical extent of the line being built

    def _bytes(self, bx: bytes | int) -> bytes:
        if bx.__class__ is not int:
            return bx
        if self.raw is None or bx + 1 >= len(self.bounds):  # the pieces read so far
            self.raw, self.bounds = _word_boxes([self.text], [self.geo])
        return self.raw[16 * self.bounds[bx]:16 * self.bounds[bx + 1]]

    def _last(self, piece: tuple) -> tuple:
        return tuple(array("f", self._bytes(piece[1])[-16:])) if piece[2] is None else piece[2]

    def flush(self) -> None:
        cur = self.cur
        if not cur:
            return
        if len(cur) == 1:
            t, bx, _, x0, top, x1, bottom = cur[0]
            self.texts.append(t)
            self.extents += (x0, top, x1, bottom)
            self.refs.append(bx)
            return
        texts = " ".join(p[0] for p in cur).split(" ")
        boxes = array("f")
        for p in cur:
            boxes.frombytes(self._bytes(p[1]))
        if any(boxes[4 * k] < boxes[4 * k - 4] - 1.0 for k in range(1, len(texts))):
            order = sorted(range(len(texts)), key=lambda k: boxes[4 * k])
            texts = [texts[k] for k in order]
            boxes = array("f", [v for k in order for v in boxes[4 * k:4 * k + 4]])
        self.texts.append(" ".join(texts))
        self.extents += (min(p[3] for p in cur), min(p[4] for p in cur), max(p[5] for p in cur),
                         max(p[6] for p in cur))
        self.refs.append(boxes.tobytes())

    def add(self, t: str, bx: bytes | int, last: tuple | None, x0: float, top: float, x1: float, bottom: float,
            one_word: bool) -> None:
        """One piece (or exact word): onto the line being built if it shares its baseline, else a new line."""
        if self.cur:
            overlap = min(self.bottom, bottom) - max(self.top, top)
            if overlap > 0.5 * max(min(self.bottom - self.top, bottom - top), 0.1):
                self._extend((t, bx, last, x0, top, x1, bottom), one_word)
                self.top, self.bottom = min(self.top, top), max(self.bottom, bottom)
                return
            self.flush()
        self.cur = [(t, bx, last, x0, top, x1, bottom)]
        self.top, self.bottom = top, bottom

    def _extend(self, piece: tuple, one_word: bool) -> None:
        _, _, _, x0, top, x1, bottom = piece
        prev = self.cur[-1]
        lb = self._last(prev)
        gap = x0 - lb[2]
        shifted = abs(top - lb[1]) > 1.0 or abs(bottom - lb[3]) > 1.0
        if not (shifted and -0.5 <= gap <= 0.05 * (self.bottom - self.top) and one_word):
            self.cur.append(piece)
            return
        # a raised or lowered mark touching the previous word: one word, as group_lines has it
        nb = array("f", self._bytes(prev[1]))
        nb[-4], nb[-3] = min(nb[-4], x0), min(nb[-3], top)
        nb[-2], nb[-1] = max(nb[-2], x1), max(nb[-1], bottom)
        self.cur[-1] = (prev[0] + piece[0], nb.tobytes(), tuple(nb[-4:]), min(prev[3], x0), min(prev[4], top),
                        max(prev[5], x1), max(prev[6], bottom))

    def exact(self, words: list) -> None:
        """A piece read the exact way: its words one at a time, as group_lines takes them."""
        for raw, x0, top, x1, bottom in words:
            word = clean_box(raw, x0, top, x1, bottom)
            if word is None:
                continue
            parts, x0, top, x1, bottom = word
            box = array("f", (x0, top, x1, bottom))
            self.add(" ".join(parts), (box * len(parts)).tobytes(), tuple(box), x0, top, x1, bottom,
                     len(parts) == 1)
