"""The cue lexicon (patterns/lexicon.json) compiled to word-boundary regexes, once per process."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


def _alternation(words: list[str]) -> re.Pattern[str]:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.I)


class Lexicon:
    def __init__(self, data: dict) -> None:
        self.raw = data
        self.words: dict[str, re.Pattern[str]] = {}
        self.groups: dict[str, dict[str, re.Pattern[str]]] = {}
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if isinstance(value, list):
                self.words[key] = _alternation(value)
            elif isinstance(value, dict):
                self.groups[key] = {k: _alternation(v) for k, v in value.items()}

    def find(self, key: str, text: str) -> re.Match[str] | None:
        return self.words[key].search(text)

    def findall(self, key: str, text: str) -> list[str]:
        return [m.group(0).lower() for m in self.words[key].finditer(text)]

    def last(self, key: str, text: str) -> re.Match[str] | None:
        m = None
        for m in self.words[key].finditer(text):  # noqa: B007 - we want the last one
            pass
        return m

    def categories(self, group: str, text: str) -> list[str]:
        return [name for name, rx in self.groups[group].items() if rx.search(text)]


@cache
def lexicon() -> Lexicon:
    data = json.loads(resources.files("analyzer.nlp").joinpath("patterns/lexicon.json").read_text("utf-8"))
    return Lexicon(data)


@cache
def load_patterns() -> list[dict]:
    """Every matcher pattern, from one JSONL file per evidence kind."""
    out: list[dict] = []
    folder = resources.files("analyzer.nlp").joinpath("patterns")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".jsonl") and entry.name != "cues.jsonl":  # cue rules: nlp/context.py
            for line in entry.read_text("utf-8").splitlines():
                if line.strip():
                    out.append(json.loads(line))
    return out



@cache
def prefilter() -> re.Pattern[str]:
    """A regex (for lower-cased text) that every pattern's hit must contain.

    Each pattern names its rarest required words in `key`. Sentences without a hit
    are never tokenized, which is where most of a long credit agreement's text goes.
    """
    keys = sorted({p["key"] for p in load_patterns()}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(f"(?:{k})" for k in keys) + r")")
