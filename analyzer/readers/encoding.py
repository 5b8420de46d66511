"""Text encodings: BOMs, UTF-16 without a BOM, UTF-8, and otherwise a guess by charset-normalizer.

Agreements arrive as Windows-1252 exports, UTF-16 HTML saved by Word, Latin-1 mail bodies. Refusing
them as binary (or reading UTF-16 as spaced-out letters) loses a document silently, so the encoding
is found and, when it was guessed, the guess is said in the record's warnings.
"""

from __future__ import annotations

import codecs
import unicodedata

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SAMPLE = 4096


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are mostly ASCII characters two bytes wide."""
    sample = head[:SAMPLE]
    n = len(sample) // 2
    if n < 4:
        return None
    even, odd = sample[0:2 * n:2].count(0), sample[1:2 * n:2].count(0)
    if odd >= 0.6 * n and even <= 0.02 * n:
        return "utf-16-le"
    if even >= 0.6 * n and odd <= 0.02 * n:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's pick; among equally clean candidates Windows-1252 first, Mac code pages last
    (on a short agreement with one accented letter, several code pages decode without a flaw)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:262144]))
    if not matches:
        return None
    tied = [m for m in matches if m.chaos <= matches[0].chaos + 0.01]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    usual = [m for m in tied if not m.encoding.startswith("mac_")]
    return (usual or tied)[0].encoding


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """(text, encoding, warning or None). A declared charset (an HTML meta) is taken when it decodes."""
    enc = bom_encoding(data)
    if enc:
        return data.decode(enc, "replace"), enc, None
    wide = utf16_without_bom(data)
    if wide:
        return data.decode(wide, "replace"), wide, f"text encoding {wide} without byte-order mark (detected)"
    if declared:
        try:
            return data.decode(declared), declared, None
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    guess = _guess(data) or "cp1252"
    try:
        text = data.decode(guess, "replace")
    except LookupError:
        guess, text = "cp1252", data.decode("cp1252", "replace")
    return text, guess, f"text is not UTF-8: read as {guess} (guessed by charset-normalizer)"


def _printable_share(sample: str) -> float:
    ok = sum(ch.isprintable() or ch.isspace() or unicodedata.category(ch) == "Cf" for ch in sample)
    return ok / max(len(sample), 1)


def looks_textual(head: bytes) -> bool:
    """Whether these leading bytes are text in some encoding (not binary data)."""
    if not head:
        return False
    sample = head[:SAMPLE]
    enc = bom_encoding(sample) or utf16_without_bom(sample)
    if enc:
        text = sample[: len(sample) - len(sample) % 4].decode(enc, "ignore")
        return _printable_share(text) >= 0.95
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut at the edge
            text = sample[: exc.start].decode("utf-8")
        else:
            guess = _guess(sample)
            if guess is None:
                return False
            try:
                text = sample.decode(guess)
            except (UnicodeDecodeError, LookupError):
                return False
    return _printable_share(text) >= 0.95
