"""Pathological inputs: each must give a result or a clear error within time and memory limits.

    .venv/bin/python bench/pathological.py [--only NAME ...] [--pages 5000] [--small-pages 500]
                                           [--text-mb 50] [--bomb-gb 4] [--engine pdfium]
                                           [--timeout 600] [--memory-mb 2048] [--json out.json] [--keep DIR]

Generates (in a temp folder, or --keep DIR) and analyzes, each in a fresh subprocess under RLIMIT_AS
(--memory-mb, as `analyze --memory-mb`) and a wall timeout, measuring the child's peak RSS (wait4):

    pages_small / pages_large  a --small-pages and a --pages page PDF, a few lines of text per page: peak RSS
                               should stay flat (pages are read and released one at a time). Large page
                               counts run with --engine (default pdfium: pdfplumber needs ~10x longer per
                               page); `--engine pdfplumber` or `--both-engines` to measure pdfplumber too.
    text_paragraphs            a --text-mb MB text file with ordinary paragraph breaks (chunked for spaCy)
    text_no_blank_lines        the same size with no blank line anywhere (chunks must still be cut)
    text_one_line              the same size with no line break at all
    bomb_<engine>              a PDF whose FlateDecode content stream inflates to --bomb-gb GB
    nested_<engine>            an array nested 100,000 deep in the page dictionary and in the content stream
    huge_page_<engine>         a 14400 x 14400 pt page (the PDF maximum) with text spread over it
    giant_line_<engine>        all text in one line of ~1 MB characters running off the page
    whitespace_txt / _pdf      a text file of whitespace only, and a PDF whose only text is spaces

Verdict "ok" = a label, or an error that is one clear line (no traceback, no Python exception names);
"LIMIT" = killed by the timeout or the memory ceiling (bounded, but not a clear answer);
"CRASH" = anything else (non-zero exit, signal, traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLAUSES = [
    "The Borrower shall not be personally liable for the payment of the Loan.",
    "Lender shall look solely to the Property for repayment of the Debt.",
    "Notwithstanding the foregoing, Borrower shall be personally liable for losses arising from fraud.",
    "Borrower promises to pay to the order of Lender the principal sum with interest.",
]
WORDS = ("the loan agreement lender borrower property interest rate payment schedule section article "
         "hereunder thereof default notice business day maturity date amount principal covenant").split()
_INTERNAL = ("Traceback", "Error:", "object has no attribute", "NoneType", "KeyError", "IndexError", "TypeError",
             "ValueError", "AttributeError", "RecursionError", "\n")


# ------------------------------------------------------------------------------------------------ PDF writer


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A classic PDF from object bodies (object 1 is the catalog); a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _esc(s: str) -> bytes:
    return s.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_content(lines: list[str], x: float = 72, top: float = 720, size: float = 11, lead: float = 14) -> bytes:
    parts = [b"BT /F1 %g Tf %g TL %g %g Td" % (size, lead, x, top)]
    for ln in lines:
        parts.append(b"(" + _esc(ln) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def simple_pdf(pages: list[bytes], mediabox: tuple[float, float] = (612, 792), page_extra: bytes = b"",
               content_extra: bytes = b"") -> bytes:
    """Catalog, page tree, one font, and one page per content stream."""
    n = len(pages)
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n, FONT]
    for i, content in enumerate(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 3 0 R >> >> "
                    % mediabox + page_extra + b" /Contents %d 0 R >>" % (first_page + 2 * i + 1))
        objs.append(stream(content, content_extra))
    return pdf_bytes(objs)


# ------------------------------------------------------------------------------------------------ generators


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def gen_pages(path: Path, pages: int) -> None:
    rng = random.Random(pages)
    contents = []
    for i in range(pages):
        lines = [f"Section {i + 1}. Page {i + 1} of the agreement"] + [_sentence(rng, 10) for _ in range(4)]
        if i % 10 == 3:
            lines.append(CLAUSES[i % len(CLAUSES)])
        contents.append(text_content(lines))
    path.write_bytes(simple_pdf(contents))


def gen_text(path: Path, megabytes: int, blank_lines: bool, one_line: bool = False) -> None:
    """~megabytes of prose wrapped at ~78 columns, paragraphs separated by a blank line or not at all;
    with `one_line`, no line break anywhere (one 50 MB line)."""
    rng = random.Random(megabytes * 2 + blank_lines)
    target = megabytes * 1024 * 1024
    block: list[str] = []
    for p in range(400):  # 400 distinct paragraphs, repeated (generation stays fast)
        sents = [_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 8))]
        if p % 25 == 0:
            sents.insert(1, CLAUSES[p % len(CLAUSES)])
        text = " ".join(sents)
        lines, line = [], ""
        for w in text.split():
            if len(line) + len(w) + 1 > 78:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
        block.append("\n".join(lines))
    sep = " " if one_line else "\n\n" if blank_lines else "\n"
    chunk = sep.join(block) + sep
    if one_line:
        chunk = chunk.replace("\n", " ")
    data = chunk.encode()
    with path.open("wb") as f:
        written = 0
        while written < target:
            f.write(data)
            written += len(data)


def gen_bomb(path: Path, gigabytes: float) -> None:
    """One page whose content stream (FlateDecode) inflates to `gigabytes` GB of spaces after one real line."""
    c = zlib.compressobj(9)
    parts = [c.compress(text_content([CLAUSES[0]]) + b"\n")]
    block = b" " * (1 << 24)
    for _ in range(int(gigabytes * 64)):
        parts.append(c.compress(block))
    parts.append(c.flush())
    path.write_bytes(simple_pdf([b"".join(parts)], content_extra=b"/Filter /FlateDecode "))


def gen_nested(path: Path, depth: int = 100_000) -> None:
    deep = b"[" * depth + b"1" + b"]" * depth
    content = text_content([CLAUSES[0], CLAUSES[1]]) + b"\n" + deep + b" pop\n"
    path.write_bytes(simple_pdf([content], page_extra=b"/Deep " + deep))


def gen_huge_page(path: Path) -> None:
    rng = random.Random(5)
    parts = []
    for i in range(200):
        x, y = rng.uniform(10, 14000), rng.uniform(10, 14380)
        parts.append(text_content([CLAUSES[i % len(CLAUSES)] if i % 20 == 0 else _sentence(rng)], x=x, top=y))
    path.write_bytes(simple_pdf([b"\n".join(parts)], mediabox=(14400, 14400)))


def gen_giant_line(path: Path, chars: int = 1_000_000) -> None:
    rng = random.Random(9)
    bits, size = [], 0
    while size < chars:
        s = CLAUSES[len(bits) % 2] if len(bits) % 200 == 7 else _sentence(rng)
        bits.append(s)
        size += len(s) + 1
    line = " ".join(bits)[:chars]
    content = b"BT /F1 2 Tf 10 400 Td (" + _esc(line) + b") Tj ET"
    path.write_bytes(simple_pdf([content]))


def gen_whitespace_txt(path: Path) -> None:
    path.write_bytes(" \t\n\r\n\f\u00a0\u2003\u200b".encode() * 20000)


def gen_whitespace_pdf(path: Path) -> None:
    path.write_bytes(simple_pdf([text_content([" " * 80] * 40), text_content(["   "])]))


# ------------------------------------------------------------------------------------------------ runner


def run_one(path: str, engine: str, memory_mb: int) -> None:
    """Child side: analyze one file under RLIMIT_AS and print one JSON line."""
    if memory_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, resource.RLIM_INFINITY))
    import logging

    logging.disable(logging.CRITICAL)
    from analyzer.api import Analyzer

    a = Analyzer(engine=engine, ocr="never")
    a.analyze("warm-up: the Borrower shall not be personally liable.")  # load the pipeline before timing
    t0 = time.perf_counter()
    r = a.analyze(Path(path))
    print(json.dumps({"label": r.label.value if r.label else None, "error": r.error, "code": r.error_code,
                      "pages": r.pages, "evidence": len(r.evidence), "warnings": r.warnings[:3],
                      "seconds": round(time.perf_counter() - t0, 2)}))


@dataclass
class Outcome:
    case: str
    engine: str
    size_mb: float
    verdict: str
    answer: str
    seconds: float
    peak_rss_mb: float
    note: str = ""


def measure(case: str, path: Path, engine: str, timeout: float, memory_mb: int, note: str = "") -> Outcome:
    cmd = [PYTHON, str(Path(__file__).resolve()), "--child", str(path), "--engine", engine.strip("-") or "pdfium",
           "--memory-mb", str(memory_mb)]
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, start_new_session=True)
        deadline = t0 + timeout + 120  # + pipeline load
        status = rusage = None
        timed_out = False
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    rss = rusage.ru_maxrss / 1024 if rusage else 0.0
    size = path.stat().st_size / (1024 * 1024)
    if timed_out:
        return Outcome(case, engine, size, "LIMIT", f"timeout after {timeout:g} s", round(wall, 1), rss, note)
    line = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    try:
        r = json.loads(line)
    except json.JSONDecodeError:
        why = f"exit {proc.returncode}"
        if proc.returncode < 0:
            why = f"killed by {signal.Signals(-proc.returncode).name}"
        tail = stderr.strip().splitlines()[-1][:100] if stderr.strip() else ""
        verdict = "LIMIT" if "MemoryError" in stderr or proc.returncode in (-signal.SIGKILL, -signal.SIGABRT) \
            else "CRASH"
        return Outcome(case, engine, size, verdict, f"{why} {tail}".strip(), round(wall, 1), rss, note)
    if r["error"]:
        clear = not any(s in r["error"] for s in _INTERNAL)
        answer = f"error ({r['code']}): {r['error']}"
        verdict = "ok" if clear else "UNCLEAR"
    else:
        answer = f"{r['label']}, {r['pages']} p., {r['evidence']} clauses"
        if r["warnings"]:
            answer += f"; warns {r['warnings'][0][:40]}"
        verdict = "ok"
    return Outcome(case, engine, size, verdict, answer, r["seconds"], rss, note)


def print_table(rows: list[Outcome], out=sys.stdout) -> None:
    w = out.write
    w(f"\n{'case':<26}{'engine':<11}{'input MB':>9}{'seconds':>9}{'peak RSS MB':>12}  {'verdict':<8}answer\n")
    for r in rows:
        w(f"{r.case:<26}{r.engine:<11}{r.size_mb:>9.1f}{r.seconds:>9.1f}{r.peak_rss_mb:>12.0f}  {r.verdict:<8}"
          f"{r.answer[:110]}\n")
        if r.note:
            w(f"{'':<26}{r.note}\n")


CASES = ("pages_small", "pages_large", "text_paragraphs", "text_no_blank_lines", "text_one_line", "bomb", "nested",
         "huge_page", "giant_line", "whitespace_txt", "whitespace_pdf")


def main(argv: list[str] | None = None) -> list[Outcome]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", choices=CASES, help="run these cases only")
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--small-pages", type=int, default=500)
    ap.add_argument("--text-mb", type=int, default=50)
    ap.add_argument("--bomb-gb", type=float, default=4.0)
    ap.add_argument("--engine", choices=("pdfium", "pdfplumber"), default="pdfium",
                    help="engine for the page-count cases")
    ap.add_argument("--both-engines", action="store_true", help="page-count cases with both engines")
    ap.add_argument("--timeout", type=float, default=600.0, help="wall seconds per case (plus pipeline load)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="RLIMIT_AS per case (0: none)")
    ap.add_argument("--keep", type=Path, help="generate the inputs here and keep them")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        run_one(args.child, args.engine, args.memory_mb)
        return []

    only = set(args.only or CASES)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pathological-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[Outcome] = []
    engines = ("pdfium", "pdfplumber")

    def go(case: str, path: Path, engine: str, note: str = "") -> None:
        r = measure(case, path, engine, args.timeout, args.memory_mb, note)
        rows.append(r)
        print(f"  {r.case} [{r.engine}]: {r.verdict} {r.answer[:90]} ({r.seconds:.1f} s, {r.peak_rss_mb:.0f} MB)",
              file=sys.stderr, flush=True)

    try:
        page_engines = engines if args.both_engines else (args.engine,)
        for case, n in (("pages_small", args.small_pages), ("pages_large", args.pages)):
            if case in only:
                p = folder / f"{case}_{n}.pdf"
                gen_pages(p, n)
                for e in page_engines:
                    go(case, p, e, "")
        if "pages_small" in only and args.engine == "pdfium" and not args.both_engines:
            # pdfplumber on the small file only: its time per page says why the large one uses pdfium
            go("pages_small", folder / f"pages_small_{args.small_pages}.pdf", "pdfplumber")
        for case, blank, one in (("text_paragraphs", True, False), ("text_no_blank_lines", False, False),
                                 ("text_one_line", False, True)):
            if case in only:
                p = folder / f"{case}.txt"
                gen_text(p, args.text_mb, blank, one)
                go(case, p, "-")
                p.unlink()
        for case, gen in (("bomb", lambda p: gen_bomb(p, args.bomb_gb)), ("nested", gen_nested),
                          ("huge_page", gen_huge_page), ("giant_line", gen_giant_line)):
            if case in only:
                p = folder / f"{case}.pdf"
                gen(p)
                for e in engines:
                    go(f"{case}_{e}", p, e)
        if "whitespace_txt" in only:
            p = folder / "whitespace.txt"
            gen_whitespace_txt(p)
            go("whitespace_txt", p, "-")
        if "whitespace_pdf" in only:
            p = folder / "whitespace.pdf"
            gen_whitespace_pdf(p)
            for e in engines:
                go(f"whitespace_pdf_{e}", p, e)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    small = {r.engine: r for r in rows if r.case == "pages_small"}
    for r in rows:
        if r.case == "pages_small":
            r.note = f"{r.seconds / max(args.small_pages, 1) * 1000:.0f} ms/page"
        if r.case == "pages_large" and r.engine in small and small[r.engine].peak_rss_mb:
            ratio = r.peak_rss_mb / small[r.engine].peak_rss_mb
            r.note = (f"peak RSS x{ratio:.2f} vs {args.small_pages} pages ({small[r.engine].peak_rss_mb:.0f} MB); "
                      f"{r.seconds / max(args.pages, 1) * 1000:.0f} ms/page")
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return rows


if __name__ == "__main__":
    main()
