"""Does a change to the pdfium reader change what it reads? Dump, then compare, the Documents it makes.

    python bench/bench_reader_identity.py --save /tmp/before.json      # on the code before the change
    python bench/bench_reader_identity.py --compare /tmp/before.json   # on the code after it

Reads, with `--engine pdfium` and no OCR, every PDF of samples/, ../shared/corpus/dev, ../shared/robustness
(when present) and the realistic agreements of bench_speed (60, 300 and 1,000 pages, built in a temporary
folder unless --realistic names a folder holding them). For each file it keeps digests of Document.text,
box_start and box_xy, the pages' (number, start, end, width, height, ocr, grid) and the warnings, or the
error's class and message: a speed-up of the reader must leave every one of them exactly as it was.
Exits 1 when a file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SIZES = (60, 300, 1000)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def describe(path: Path) -> dict:
    """What the pdfium reader makes of `path`, as comparable JSON values."""
    from analyzer.readers import ReadOptions, read_bytes

    try:
        doc = read_bytes(path.read_bytes(), path.name, ReadOptions(engine="pdfium", ocr="never"))
    except Exception as exc:  # the errors are part of the output being compared
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "text": _digest(doc.text.encode("utf-8", "surrogatepass")),
        "chars": len(doc.text),
        "pages": [[p.number, p.start, p.end, p.width, p.height, p.ocr, list(p.grid)] for p in doc.pages],
        "box_start": _digest(doc.box_start.tobytes()),
        "box_xy": _digest(doc.box_xy.tobytes()),
        "words": len(doc.box_start),
        "warnings": list(doc.warnings),
    }


def pdfs(realistic: Path) -> list[tuple[str, Path]]:
    """(key, path) of every PDF compared, the key stable across checkouts."""
    found = [(f"samples/{p.relative_to(ROOT / 'samples')}", p) for p in sorted((ROOT / "samples").rglob("*.pdf"))]
    for folder in ("corpus/dev", "robustness"):
        base = SHARED / folder
        if base.is_dir():
            found += [(f"shared/{folder}/{p.relative_to(base)}", p) for p in sorted(base.rglob("*.pdf"))]
    found += [(f"realistic_{n}", realistic / f"realistic_{n}.pdf") for n in SIZES]
    return found


def _realistic(folder: Path) -> None:
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "samples")]
    from bench_speed import build_realistic

    for n in SIZES:
        if not (folder / f"realistic_{n}.pdf").exists():
            build_realistic(n, folder)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the dump here")
    group.add_argument("--compare", type=Path, help="compare against this dump")
    ap.add_argument("--realistic", type=Path, help="folder with (or for) realistic_{60,300,1000}.pdf")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.realistic or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        _realistic(folder)
        dump = {key: describe(path) for key, path in pdfs(folder)}
    if args.save:
        args.save.write_text(json.dumps(dump, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(dump)} PDFs dumped to {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = 0
    for key in sorted(set(before) | set(dump)):
        old, new = before.get(key), dump.get(key)
        if old != new:
            differ += 1
            fields = sorted(k for k in set(old or {}) | set(new or {}) if (old or {}).get(k) != (new or {}).get(k))
            print(f"DIFFERS {key}: {', '.join(fields) or 'missing on one side'}")
    errors = sum("error" in v for v in dump.values())
    print(f"{len(dump)} PDFs compared ({errors} rejected with an error on both sides): "
          f"{len(dump) - differ} identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
