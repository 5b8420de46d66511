"""JSON (one object, or an array for several) and JSONL (one object per line, flushed)."""

from __future__ import annotations

from typing import TextIO

from analyzer.results import Analysis


def record(result: Analysis) -> str:
    return result.model_dump_json(exclude_none=False)


class JsonlWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: Analysis) -> None:
        self.out.write(record(result) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """A single object for one document; a JSON array when there are several."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.items: list[str] = []

    def write(self, result: Analysis) -> None:
        self.items.append(result.model_dump_json(indent=2))

    def close(self) -> None:
        if len(self.items) == 1:
            self.out.write(self.items[0] + "\n")
        else:
            self.out.write("[\n" + ",\n".join(self.items) + "\n]\n")
        self.out.flush()


def make_writer(fmt: str, out: TextIO, **_kw) -> JsonlWriter | JsonWriter:
    return JsonlWriter(out) if fmt == "jsonl" else JsonWriter(out)
