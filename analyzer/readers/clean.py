"""Text clean-up shared by every reader.

Matching works on sentences, so what breaks a sentence apart (hard line breaks,
hyphenation at line ends, ligatures, curly quotes, stray control characters) is
repaired here, before the text becomes Document.text. Paragraph breaks survive
as blank lines because headings and clause boundaries depend on them.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from analyzer.readers.glyphs import repair_unknown_glyphs

_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
    "\u00ad": None, "\ufffe": None, "\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None,
    "\u2060": None, "\ufffd": " ", "\u0000": None,
})
_CONTROL = re.compile(r"[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ ]{2,}")


def normalize_chars(text: str) -> str:
    """Unify quotes, dashes, ligatures and spaces; drop invisible and control characters."""
    if not text.isascii():
        text = repair_unknown_glyphs(unicodedata.normalize("NFKC", text)).translate(_CHAR_MAP)
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    else:
        text = repair_unknown_glyphs(text.replace("\t", " ").replace("\x00", ""))
    return _CONTROL.sub(" ", text)


_ENDS_PARAGRAPH = re.compile(r"[.:;!?\"')\]]$")
_STARTS_BLOCK = re.compile(
    r"^(\(?[a-z0-9]{1,4}[.)]\s|\([a-zA-Z0-9]{1,5}\)|section\s+\d|article\s+[ivxlc\d]"
    r"|[A-Z][A-Z ,.&'-]{6,}$|\d+(\.\d+)*\.?\s+[A-Z])",
    re.I,
)
_HYPHEN_END = re.compile(r"[A-Za-z]-$")


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into paragraphs, keeping real paragraph and heading breaks."""
    lengths = [len(ln) for ln in lines if len(ln) > 20]
    wrap = statistics.median(lengths) if lengths else 80
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append("".join(para))
            para.clear()

    prev = ""
    for raw in lines:
        line = _SPACES.sub(" ", raw.strip())
        if not line:
            flush()
            prev = ""
            continue
        if para:
            short = len(prev) < 0.6 * wrap
            if _STARTS_BLOCK.match(line) and (short or _ENDS_PARAGRAPH.search(prev)):
                flush()
            elif short and _ENDS_PARAGRAPH.search(prev) and line[:1].isupper():
                flush()
            elif _HYPHEN_END.search(prev) and line[:1].islower():
                para[-1] = para[-1][:-1]
            else:
                para.append(" ")
        para.append(line)
        prev = line
    flush()
    return "\n\n".join(out)


def clean_text(raw: str) -> str:
    """Plain text (a page or a whole file) to matching-ready paragraphs."""
    text = normalize_chars(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return join_lines(text.split("\n"))
