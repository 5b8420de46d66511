"""Sentence boundaries for legal text, computed on the raw string.

A regex pass over the whole text is far cheaper than a per-token loop and lets the
clause matcher ask for the sentence around a hit without running a parser. Legal
abbreviations ("Sec.", "N.A.", "U.S.", "i.e."), initials and enumerators ("9.4.",
"(a)") do not end a sentence; a blank line always does.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

ABBREVIATIONS = frozenset("""
sec secs no nos inc corp co ltd llc l.l.c lp l.p llp n.a u.s u.s.a i.e e.g etc vs v mr mrs ms dr st jr sr
art arts para paras cf viz approx dept fig p pp esq assn natl bros ave blvd ste mo ft hon gov govt stat
ch cl subsec par sch exh ex min max dist twp rev ref reg regs est div mfg a.m p.m s.a n.v b.v plc ag
gmbh pty cal tex fla ill mass mich minn n.y n.j pa va wash wis ariz colo conn del ga ind kan ky la md
mo neb nev okla ore tenn ut vt w.va wyo d.c u.c.c ucc c.f.r u.s.c sect seq et al id ibid jan feb mar
apr jun jul aug sep sept oct nov dec
""".split())

# a full stop (or ! ?) before a capital or digit, or a blank line (group 1 is then "\n"); the pattern opens
# with a character set so that re scans for it in C (3x the speed of an alternation that opens with a group)
_CANDIDATE = re.compile(r"([.!?\n])(?:(?<=\n)\s*\n|(?<!\n)([\"')\]]*)(\s+)(?=[\"'(\[]?[A-Z0-9]))")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+|\d+(?:\.\d+)*)$")
# a blank line does not end a sentence that goes on into an enumerated item: the text before it stops on a
# semicolon ("...; and"), a comma or a lower-case function word ("losses arising from"), and the next paragraph
# opens with "1." or "(b)" -- a carve-out list set out one item per paragraph is one sentence with its lead-in
_RUNS_ON = re.compile(
    r"(?:[;,]|;\s*(?:and|or)|\b(?:from|of|to|for|by|with|in|on|at|upon|under|against|between|than|that|which"
    r"|and|or|nor|the|any|all|each|including|except|unless|if|whether|arising|resulting|relating))\s*$"
)
_ITEM = re.compile(r"\s*(?:\(?[a-z0-9]{1,4}[.)]|\([a-zA-Z0-9]{1,5}\))\s")
MAX_SENTENCE = 6000  # a "sentence" longer than this (tables, run-on exhibits) is cut at the next boundary-ish point


def boundaries(text: str) -> list[int]:
    """Sorted offsets where sentences start (0 included)."""
    starts = [0]
    para_start = 0
    for m in _CANDIDATE.finditer(text):
        if m.group(1) == "\n":  # blank line
            if not (_ITEM.match(text, m.end()) and _RUNS_ON.search(text, max(0, m.start() - 40), m.start())):
                starts.append(m.end())
            para_start = m.end()
            continue
        dot = m.start(1)
        before = text[max(para_start, dot - 30):dot]
        w = _WORD_BEFORE.search(before)
        if m.group(1) == ".":
            word = w.group(1).lower() if w else ""
            if word.rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word and re.fullmatch(r"[a-z](\.[a-z])+", word):  # U.S, N.A
                continue
            if dot - para_start <= 14 and re.fullmatch(r"\(?[\w.]{1,10}\)?|(section|article|§)\s*[\w.]+",
                                                       text[para_start:dot].strip().lower() or "x"):
                continue  # enumerator at paragraph start: "9.4." "(a)." "Section 9.4."
        starts.append(m.end())
        if m.group(3).count("\n") >= 2:  # the full stop ended a paragraph: the next enumerator is at its start
            para_start = m.end()
    return _cap(text, starts)


def _cap(text: str, starts: list[int]) -> list[int]:
    out: list[int] = []
    ends = starts[1:] + [len(text)]
    for s, e in zip(starts, ends, strict=True):
        out.append(s)
        while e - s > MAX_SENTENCE:
            cut = text.rfind("; ", s, s + MAX_SENTENCE)
            cut = cut + 2 if cut > s + MAX_SENTENCE // 3 else s + MAX_SENTENCE
            out.append(cut)
            s = cut
    return out


def lowered(text: str) -> str:
    """`text` in lower case, offset for offset (the one letter whose lower case is two characters, U+0130,
    is written as a plain i)."""
    low = text.lower()
    return low if len(low) == len(text) else text.replace("\u0130", "I").lower()


class SentenceIndex:
    """Lookup of the sentence around any offset; boundaries are computed on first use, once for a whole
    document (the clause matcher's windows and the unexplained-language scan share them)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        return boundaries(self.text)

    def clip(self, start: int, end: int) -> SentenceIndex:
        """The index of text[start:end] (a chunk cut at a paragraph break): the whole text's boundaries
        inside it, and its own start."""
        piece = SentenceIndex(self.text[start:end])
        lo, hi = bisect.bisect_right(self.starts, start), bisect.bisect_left(self.starts, end)
        piece.starts = [0, *(s - start for s in self.starts[lo:hi])]
        return piece

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[max(i, 0)]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        # trim trailing whitespace so that text[start:end] is the sentence itself
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end

    def next_sentences(self, offset: int, n: int) -> tuple[int, int]:
        """Span from the sentence after `offset` through the n following ones."""
        i = bisect.bisect_right(self.starts, offset)
        j = min(i + n, len(self.starts) - 1)
        start = self.starts[i] if i < len(self.starts) else len(self.text)
        end = self.starts[j] if j > i else len(self.text)
        return start, end
