"""A read page's lines, held packed in one blob until every page is read and layout can start.

A long document's pages all wait for the running headers to be known, so a page is kept as one
bytes blob (text, line extents, word boxes), spooled to a temporary file past a little memory, with
the few facts that every page is needed for at once (letters, margin lines, compounds) computed when
it is stored. Engines that can build the packed form directly (`pdfium_fast`) hand it over with
`PageLines.set_packed`, without a `Line` object per line.
"""

from __future__ import annotations

import re
import struct
from array import array
from dataclasses import dataclass

from analyzer.readers.spool import PageSpool

Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom (points, origin top-left)

MARGIN_ZONE = 0.08  # running headers/footers live within this fraction of the page height

# letter runs joined by hyphens; a match can only start where a run starts (the lookbehind changes no match,
# it spares the search from retrying at every letter inside a word)
COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-\u2013\u2014\[(]?\s*"
    r"(?:\d{1,4}|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|[a-z]{1,2}-\d{1,3})"
    r"\s*[-\u2013\u2014\])]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.I,
)
_ROMAN_ITEM = re.compile(r"\(\s*[ivxlcdm]+\s*\)", re.I)


@dataclass(slots=True)
class Line:
    text: str  # normalized words joined by single spaces (a word never holds a space)
    boxes: array  # x0, top, x1, bottom per word, as float32
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")

    @property
    def height(self) -> float:
        return self.bottom - self.top


# lines packed: their texts, their extents (x0, top, x1, bottom per line) and their word boxes (float32 bytes)
Packed = tuple[list[str], list[float], bytes]

_HEAD = struct.Struct("<III")  # lines, words, bytes of text


def pack_lines(lines: list[Line]) -> Packed:
    """Lines as texts, flat extents and the bytes of their word boxes."""
    boxes = array("f")
    for ln in lines:
        boxes.extend(ln.boxes)
    return [ln.text for ln in lines], [v for ln in lines for v in (ln.x0, ln.top, ln.x1, ln.bottom)], boxes.tobytes()


def unpack_lines(blob: bytes, first_only: bool = False) -> list[Line]:
    """The lines of a page blob (only the first with `first_only`)."""
    n_lines, n_words, n_text = _HEAD.unpack_from(blob)
    if not n_lines:
        return []
    at = _HEAD.size
    texts = blob[at:at + n_text].decode("utf-8", "surrogatepass").split("\n")
    at += n_text
    extents = array("d", blob[at:at + 32 * n_lines]).tolist()
    at += 32 * n_lines
    boxes = array("f", blob[at:at + 16 * n_words])
    out: list[Line] = []
    k = 0
    for text, x0, top, x1, bottom in zip(texts[:1] if first_only else texts, extents[0::4], extents[1::4],
                                         extents[2::4], extents[3::4], strict=False):
        n = k + 4 * (text.count(" ") + 1)
        out.append(Line(text, boxes[k:n], x0, top, x1, bottom))
        k = n
    return out


_ASCII_ALNUM = b"".join(bytes([c]) for c in range(128) if chr(c).isalnum())


def count_alnum(text: str) -> int:
    """Letters and digits in `text`."""
    if text.isascii():  # the common case, counted in C: bytes.translate deletes the letters and digits
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_ALNUM))
    return sum(map(str.isalnum, text))


def line_key(text: str) -> str:
    """A line's text as running headers are compared: lowercased, spaces single, digits '#'."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip())) and not _ROMAN_ITEM.fullmatch(text.strip())


def in_zone(line: Line, height: float | None) -> bool:
    """Whether the line lies in the top or bottom margin of a page `height` points high."""
    if not height:
        return False
    return line.bottom <= MARGIN_ZONE * height or line.top >= (1 - MARGIN_ZONE) * height


@dataclass(slots=True, eq=False)
class PageLines:
    """One page's lines, packed into one blob between extraction and layout, with the few facts
    about them that are needed for every page at once (letters, margin lines, compounds).

    `lines` unpacks on reading and packs on assignment; `spill` moves the blob to a PageSpool,
    so a long document's pages wait on disk rather than in memory.
    """

    number: int  # 1-based
    width: float | None = None
    height: float | None = None
    image_cover: float = 0.0  # share of the page area covered by images (0 when unknown)
    has_marks: bool = True  # anything drawn on the page (False: a blank page; checked only when text is scarce)
    ocr: bool = False
    error: str | None = None  # set when the page could not be read
    line_count: int = 0
    alnum: int = 0  # letters and digits on the page
    margin_keys: frozenset[str] = frozenset()  # keys of the lines in the top and bottom margins
    compounds: frozenset[str] = frozenset()  # hyphenated words written inside its lines
    # a line holding a compound might be removed as a running line or page number: the compounds of the
    # page are then only known once it is stripped
    strippable_compounds: bool = False
    _blob: bytes = b""
    _spool: PageSpool | None = None
    _ref: tuple[int, int] | None = None

    def _bytes(self) -> bytes:
        return self._spool.get(self._ref) if self._ref is not None and self._spool is not None else self._blob

    @property
    def lines(self) -> list[Line]:
        return unpack_lines(self._bytes()) if self.line_count else []

    @lines.setter
    def lines(self, lines: list[Line]) -> None:
        if lines:
            self.set_packed(*pack_lines(lines))
        else:
            self.release()

    def set_packed(self, texts: list[str], extents: list[float], boxes: bytes) -> None:
        """Store packed lines (see `Packed`), as assigning `lines` does."""
        if not texts:
            self.release()
            return
        text = "\n".join(texts)
        raw = text.encode("utf-8", "surrogatepass")
        self.line_count = len(texts)
        # letters and digits (count_alnum, its ASCII case on the bytes at hand)
        self.alnum = len(raw) - len(raw.translate(None, _ASCII_ALNUM)) if len(raw) == len(text) else count_alnum(text)
        height = self.height
        if height:
            low, high = MARGIN_ZONE * height, (1 - MARGIN_ZONE) * height
            zone = [b <= low or t >= high for t, b in zip(extents[1::4], extents[3::4], strict=True)]
            self.margin_keys = frozenset(line_key(t) for t, z in zip(texts, zone, strict=True) if z)
        else:
            zone = [False] * len(texts)
            self.margin_keys = frozenset()
        compounds: set[str] = set()
        risky = False
        if "-" in text:
            for t, z in zip(texts, zone, strict=True):
                if "-" in t:
                    found = COMPOUND.findall(t)
                    if found:
                        compounds.update(w.lower() for w in found)
                        risky = risky or z or is_page_number(t)
        self.compounds, self.strippable_compounds = frozenset(compounds), risky
        self._ref = None
        self._blob = b"".join((_HEAD.pack(len(texts), len(boxes) // 16, len(raw)), raw,
                               array("d", extents).tobytes(), boxes))
        self._store()

    def release(self) -> None:
        """Forget the lines (as assigning an empty list does)."""
        self.line_count = self.alnum = 0
        self.margin_keys = self.compounds = frozenset()
        self.strippable_compounds = False
        self._ref, self._blob = None, b""

    @property
    def first_line(self) -> Line | None:
        return unpack_lines(self._bytes(), first_only=True)[0] if self.line_count else None

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    def spill(self, spool: PageSpool) -> None:
        """Keep the lines (now and after any change) in `spool` rather than in memory."""
        self._spool = spool
        self._store()

    def _store(self) -> None:
        if self._spool is None or not self._blob:
            return
        try:
            self._ref, self._blob = self._spool.put(self._blob), b""
        except OSError:  # no room for a temporary file: the page stays in memory, the read goes on
            pass
