"""The Word reader's view of WordprocessingML: attribute and child lookup by local name (transitional or
strict namespaces), toggles, alternate content, and the styles and list numbering a paragraph refers to."""

from __future__ import annotations

import re
from collections.abc import Callable

from analyzer.readers.flow import list_label

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = ("0", "false", "off", "none")
HEADING_NAME = re.compile(r"(heading\s*\d|title)$", re.I)


# --------------------------------------------------------------------------- XML helpers


def local_name(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def xml_attr(el, name: str) -> str | None:
    """An attribute by local name (transitional `w:` first, then any namespace, e.g. strict OOXML)."""
    v = el.get(W + name)
    if v is None:
        suffix = "}" + name
        for k, val in el.attrib.items():
            if k.endswith(suffix) or k == name:
                return val
    return v


def xml_child(el, name: str):
    if el is None:
        return None
    for c in el:
        if local_name(c.tag) == name:
            return c
    return None


def is_on(el) -> bool:
    """A toggle property (`<w:vanish/>`, `<w:pageBreakBefore w:val="0"/>`)."""
    return el is not None and (xml_attr(el, "val") or "1").lower() not in OFF


def to_int(s: str | None, default: int = 0) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def alternate(el):
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    fallback = None
    for c in el:
        name = local_name(c.tag)
        if name == "Choice":
            return c
        if name == "Fallback":
            fallback = c
    return fallback


def part_element(part):
    from docx.opc.part import XmlPart
    from docx.oxml.parser import parse_xml

    if isinstance(part, XmlPart):
        return part.element
    return parse_xml(part.blob)


def related_part(part, kind: str):
    """The part related to `part` by a relationship type ending in `/kind`, or None."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] == kind:
            return rel.target_part
    return None


# --------------------------------------------------------------------------- styles and numbering


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, tuple[str, str | None, object]] = {}
        self.default: str | None = None
        for st in root if root is not None else ():
            if local_name(st.tag) != "style" or xml_attr(st, "type") not in (None, "paragraph"):
                continue
            sid = xml_attr(st, "styleId") or ""
            name_el, based = xml_child(st, "name"), xml_child(st, "basedOn")
            name = (xml_attr(name_el, "val") or "") if name_el is not None else ""
            self.by_id[sid] = (name, xml_attr(based, "val") if based is not None else None, xml_child(st, "pPr"))
            if (xml_attr(st, "default") or "").lower() in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None):
        sid = sid or self.default
        for _ in range(16):
            rec = self.by_id.get(sid or "")
            if rec is None:
                return
            yield sid, rec
            sid = rec[1]

    def is_heading(self, sid: str | None) -> bool:
        for style_id, (name, _, ppr) in self.chain(sid):
            if HEADING_NAME.match(name) or HEADING_NAME.match(style_id or ""):
                return True
            lvl = xml_child(ppr, "outlineLvl")
            if lvl is not None and to_int(xml_attr(lvl, "val"), 9) < 9:
                return True
        return False

    def ppr(self, sid: str | None, name: str):
        for _, (_, _, ppr) in self.chain(sid):
            el = xml_child(ppr, name)
            if el is not None:
                return el
        return None


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: list_label(n, "a"),
    "upperLetter": lambda n: list_label(n, "A"),
    "lowerRoman": lambda n: list_label(n, "i"),
    "upperRoman": lambda n: list_label(n, "I"),
    "ordinal": lambda n: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}",
}


class Numbering:
    """Renders list numbers ("5.1", "(a)") as Word shows them, counting as it goes."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, tuple[int, str, str, str, bool]]] = {}
        self.links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        for el in root if root is not None else ():
            name = local_name(el.tag)
            if name == "abstractNum":
                aid = xml_attr(el, "abstractNumId") or ""
                levels = self.levels.setdefault(aid, {})
                for lvl in el:
                    n = local_name(lvl.tag)
                    if n == "lvl":
                        levels[to_int(xml_attr(lvl, "ilvl"))] = self._level(lvl)
                    elif n == "numStyleLink":
                        self.links[aid] = xml_attr(lvl, "val") or ""
            elif name == "num":
                aid_el = xml_child(el, "abstractNumId")
                overrides = {}
                for ov in el:
                    if local_name(ov.tag) == "lvlOverride":
                        so = xml_child(ov, "startOverride")
                        if so is not None:
                            overrides[to_int(xml_attr(ov, "ilvl"))] = to_int(xml_attr(so, "val"), 1)
                self.nums[xml_attr(el, "numId") or ""] = (xml_attr(aid_el, "val") or "" if aid_el is not None else "",
                                                      overrides)

    @staticmethod
    def _level(lvl) -> tuple[int, str, str, str, bool]:
        def val(name: str, default: str = "") -> str:
            el = xml_child(lvl, name)
            v = xml_attr(el, "val") if el is not None else None
            return default if v is None else v

        return (to_int(val("start", "1"), 1), val("numFmt", "decimal"), val("lvlText"), val("suff", "tab"),
                is_on(xml_child(lvl, "isLgl")))

    def _num_pr(self, ppr, sid: str | None) -> tuple[str | None, int]:
        num_pr = xml_child(ppr, "numPr")
        num_id = ilvl = None
        if num_pr is not None:
            n, i = xml_child(num_pr, "numId"), xml_child(num_pr, "ilvl")
            num_id = xml_attr(n, "val") if n is not None else None
            ilvl = xml_attr(i, "val") if i is not None else None
        if num_id is None:
            style_pr = self.styles.ppr(sid, "numPr")
            if style_pr is not None:
                n, i = xml_child(style_pr, "numId"), xml_child(style_pr, "ilvl")
                num_id = xml_attr(n, "val") if n is not None else None
                ilvl = ilvl if ilvl is not None else (xml_attr(i, "val") if i is not None else None)
        return num_id, max(0, min(to_int(ilvl), 8))

    def _abstract(self, num_id: str) -> tuple[str, dict[int, int]]:
        aid, overrides = self.nums.get(num_id, ("", {}))
        link = self.links.get(aid)
        if link and not self.levels.get(aid, {}).get(0):
            style_pr = self.styles.ppr(link, "numPr")
            n = xml_child(style_pr, "numId")
            if n is not None:
                aid = self.nums.get(xml_attr(n, "val") or "", (aid, {}))[0]
        return aid, overrides

    def label(self, ppr, sid: str | None) -> str:
        num_id, ilvl = self._num_pr(ppr, sid)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self._abstract(num_id)
        levels = self.levels.get(aid, {})
        key = f"n{num_id}" if overrides else f"a{aid}"
        counts = self.counters.setdefault(key, [None] * 9)

        def start(i: int) -> int:
            return overrides.get(i, levels[i][0] if i in levels else 1)

        c = counts[ilvl]
        counts[ilvl] = start(ilvl) if c is None else c + 1
        for j in range(ilvl + 1, 9):
            counts[j] = None
        lvl = levels.get(ilvl)
        if lvl is None or lvl[1] == "bullet" or not lvl[2]:
            return ""
        legal = lvl[4]

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i < 9:
                return ""
            n = counts[i] if counts[i] is not None else start(i)
            fmt = "decimal" if legal else (levels[i][1] if i in levels else "decimal")
            if fmt == "none":
                return ""
            return _FORMATS.get(fmt, str)(n)

        text = re.sub(r"%(\d)", number, lvl[2]).strip()
        return f"{text}{'' if lvl[3] == 'nothing' else ' '}" if text else ""
