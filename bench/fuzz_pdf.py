"""Mutation fuzzing of the PDF reader: does a damaged PDF ever crash, hang or eat memory?

    .venv/bin/python bench/fuzz_pdf.py [--cases 2000] [--seed 1] [--workers 2] [--timeout 20]
                                       [--memory-mb 1536] [--engine pdfplumber|pdfium|both] [--stage read|full]
                                       [--only CASE ...] [--json summary.json] [--log cases.jsonl]

Each case takes one of samples/*.pdf and applies one or more mutations chosen by a deterministic RNG
(seed + case number): bit flips, byte stomps, truncation, duplicated objects, corrupted xref offsets or
startxref, zeroed / garbage / truncated streams, inserted garbage, deleted ranges, numbers replaced by
extreme values, references pointed at missing objects or at themselves. The case name says it all
(``<sample>.<mutations>.s<seed>.<n>``) and `--only NAME` regenerates exactly that file.

Cases run in long-lived worker processes (reused, replaced after --max-tasks cases), each with
RLIMIT_AS at --memory-mb and a wall timeout per case enforced by the parent (SIGKILL, then a fresh
worker). --stage read runs only `read_bytes`; --stage full (default) also runs the clause finder and
the classifier on the Document (the whole road behind `analyze`). Outcomes:

    result   an Analysis (or a Document for --stage read)
    error    one of our typed errors (AnalyzerError), the expected answer to a broken file
    crash    any other exception (traceback kept), or the worker died on a signal (SIGSEGV, SIGABRT...)
    hang     the case passed the wall timeout
    memory   MemoryError, or the worker was SIGKILLed by someone else (the kernel's OOM killer)

A typed error that was raised while handling some other exception keeps that exception as its
`__context__`; its type is reported ("wrapped") so that a library bug disguised as "corrupt PDF" shows.
Crashing, hanging and memory cases are written to --artifacts (crashes also to tests/data/fuzz/ with
--save-crashes) so they can be replayed and turned into regression tests.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import signal
import sys
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FUZZ_DATA = ROOT / "tests" / "data" / "fuzz"
OUTCOMES = ("result", "error", "crash", "hang", "memory")
# a typed error raised while handling one of these carries a Python message, not a reason a user can act on
_UNCLEAR = {"TypeError", "AttributeError", "KeyError", "IndexError", "ValueError", "AssertionError", "NameError",
            "UnboundLocalError", "ZeroDivisionError", "OverflowError", "UnicodeDecodeError", "UnicodeEncodeError"}

# ------------------------------------------------------------------------------------------------ mutations

_OBJ = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_XREF_ENTRY = re.compile(rb"^(\d{10}) (\d{5}) ([nf])", re.M)
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_NUMBER = re.compile(rb"(?<=[\s\[/])-?\d+(?:\.\d+)?(?=[\s\]/>])")
_REF = re.compile(rb"(\d+) (\d+) R\b")
_SPECIAL = b"()<>[]{}/%\\\n\r\x00 0Rnobjstreamendxref"
_EXTREME = (b"0", b"-1", b"-2147483649", b"2147483648", b"99999999999999999999", b"1e308", b"-0", b"0.0000001",
            b"4294967295", b"9223372036854775808", b"NaN", b"3.4e38", b"100000000")


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def m_bitflip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def m_stomp(rng: random.Random, data: bytes) -> bytes:
    """Overwrite a few bytes with PDF syntax characters or random bytes."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(b))
        b[i] = rng.choice(_SPECIAL) if rng.random() < 0.6 else rng.randrange(256)
    return bytes(b)


def m_truncate(rng: random.Random, data: bytes) -> bytes:
    cut = rng.choice((rng.randrange(len(data)), len(data) - rng.randint(1, 200), rng.randint(8, 600)))
    return data[: max(cut, 1)]


def m_dup_object(rng: random.Random, data: bytes) -> bytes:
    objs = list(_OBJ.finditer(data))
    if not objs:
        return m_insert_garbage(rng, data)
    src = rng.choice(objs)
    chunk = src.group(0)
    if rng.random() < 0.5:  # same number, different body: which one wins?
        chunk = m_stomp(rng, chunk)
    at = rng.choice(objs).end() if rng.random() < 0.8 else _pos(rng, data)
    times = rng.choice((1, 1, 2, 50))
    return data[:at] + (b"\n" + chunk) * times + data[at:]


def m_xref(rng: random.Random, data: bytes) -> bytes:
    entries = list(_XREF_ENTRY.finditer(data))
    start = _STARTXREF.search(data)
    if start is not None and (not entries or rng.random() < 0.3):
        value = rng.choice((b"0", b"1", str(rng.randrange(len(data) * 2)).encode(), b"99999999999", b"-5"))
        return data[: start.start(1)] + value + data[start.end(1):]
    if not entries:
        return m_bitflip(rng, data)
    b = data
    for e in sorted(rng.sample(entries, min(len(entries), rng.randint(1, 4))), key=lambda m: -m.start()):
        choice = rng.random()
        if choice < 0.5:
            new = b"%010d" % rng.randrange(min(len(data) * 2, 10**10))
        elif choice < 0.7:
            new = b"%010d" % rng.choice((0, 1, len(data) - 1, len(data) + 100, 9999999999))
        else:  # point at another object's offset (objects aliasing each other)
            new = rng.choice(entries).group(1)
        kind = e.group(3) if rng.random() < 0.85 else (b"f" if e.group(3) == b"n" else b"n")
        b = b[: e.start()] + new + b" " + e.group(2) + b" " + kind + b[e.end():]
    return b


def _pick_stream(rng: random.Random, data: bytes):
    streams = [m for m in _STREAM.finditer(data) if m.end(1) > m.start(1)]
    return rng.choice(streams) if streams else None


def m_stream_zero(rng: random.Random, data: bytes) -> bytes:
    s = _pick_stream(rng, data)
    if s is None:
        return m_bitflip(rng, data)
    a, z = s.start(1), s.end(1)
    if rng.random() < 0.5:
        return data[:a] + b"\x00" * (z - a) + data[z:]
    i = rng.randrange(a, z)
    j = min(z, i + rng.randint(1, 64))
    return data[:i] + b"\x00" * (j - i) + data[j:]


def m_stream_garbage(rng: random.Random, data: bytes) -> bytes:
    s = _pick_stream(rng, data)
    if s is None:
        return m_insert_garbage(rng, data)
    a, z = s.start(1), s.end(1)
    n = (z - a) if rng.random() < 0.5 else rng.randint(0, 3 * (z - a) + 10)
    return data[:a] + rng.randbytes(n) + data[z:]


def m_stream_truncate(rng: random.Random, data: bytes) -> bytes:
    s = _pick_stream(rng, data)
    if s is None:
        return m_truncate(rng, data)
    a, z = s.start(1), s.end(1)
    return data[: a + rng.randrange(z - a)] + data[z:]


def m_insert_garbage(rng: random.Random, data: bytes) -> bytes:
    at = _pos(rng, data)
    kind = rng.random()
    if kind < 0.4:
        junk = rng.randbytes(rng.randint(1, 4096))
    elif kind < 0.7:
        junk = bytes(rng.choice(_SPECIAL) for _ in range(rng.randint(1, 512)))
    else:  # PDF-looking junk: unbalanced brackets, dictionaries, keywords
        junk = rng.choice((b"[" * 2000, b"<<" * 1000, b"(" * 3000, b"<</Type /Page /Contents 9999 0 R>>",
                           b"1 0 obj\n<< /Length 99999999 >>\nstream\n", b"endstream\nendobj\n", b"trailer <<>>",
                           b"%%EOF", b"xref\n0 999999\n", b"BT /F1 12 Tf (x) Tj ET" * 50))
    return data[:at] + junk + data[at:]


def m_delete(rng: random.Random, data: bytes) -> bytes:
    a = rng.randrange(len(data))
    z = min(len(data), a + rng.choice((1, 8, 64, 512, 4096)))
    return data[:a] + data[z:]


def m_number(rng: random.Random, data: bytes) -> bytes:
    """Replace a few numbers (lengths, counts, MediaBox, offsets, font sizes) by extreme values."""
    nums = list(_NUMBER.finditer(data))
    if not nums:
        return m_bitflip(rng, data)
    b = data
    for m in sorted(rng.sample(nums, min(len(nums), rng.randint(1, 6))), key=lambda m: -m.start()):
        b = b[: m.start()] + rng.choice(_EXTREME) + b[m.end():]
    return b


def m_ref(rng: random.Random, data: bytes) -> bytes:
    """Point indirect references at missing objects, at object 0, or at the object holding them (cycles)."""
    refs = list(_REF.finditer(data))
    if not refs:
        return m_bitflip(rng, data)
    b = data
    for m in sorted(rng.sample(refs, min(len(refs), rng.randint(1, 4))), key=lambda m: -m.start()):
        holder = data.rfind(b" 0 obj", 0, m.start())
        own = data[data.rfind(b"\n", 0, holder) + 1: holder] if holder > 0 else b"1"
        target = rng.choice((b"0", b"99999", b"1", b"2", own if own.isdigit() else b"1"))
        b = b[: m.start()] + target + b" 0 R" + b[m.end():]
    return b


MUTATORS = {
    "bitflip": m_bitflip, "stomp": m_stomp, "truncate": m_truncate, "dupobj": m_dup_object, "xref": m_xref,
    "zerostream": m_stream_zero, "garbstream": m_stream_garbage, "cutstream": m_stream_truncate,
    "garbage": m_insert_garbage, "delete": m_delete, "number": m_number, "ref": m_ref,
}


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


def make_case(n: int, seed: int, samples: list[Path], cache: dict[Path, bytes] | None = None) -> tuple[str, bytes]:
    """The n-th case for this seed: (name, mutated bytes). Deterministic."""
    rng = random.Random(f"fuzz-pdf/{seed}/{n}")
    sample = samples[rng.randrange(len(samples))]
    data = cache[sample] if cache is not None and sample in cache else sample.read_bytes()
    names = list(MUTATORS)
    k = rng.choice((1, 1, 1, 2, 2, 3))
    chosen = [rng.choice(names) for _ in range(k)]
    for name in chosen:
        data = MUTATORS[name](rng, data) or b"%"
    return f"{sample.stem}.{'+'.join(chosen)}.s{seed}.{n:05d}", data


def case_number(name: str) -> tuple[int, int]:
    """(seed, n) from a case name."""
    m = re.search(r"\.s(\d+)\.(\d+)$", name)
    if not m:
        raise ValueError(f"not a case name: {name}")
    return int(m.group(1)), int(m.group(2))


# ------------------------------------------------------------------------------------------------ worker


def _set_limits(memory_mb: int) -> None:
    """The same address-space cap a batch worker runs under."""
    from analyzer.limits import limit_memory as _limit_memory

    if memory_mb > 0:
        _limit_memory(memory_mb)


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(data: bytes, name: str, engine: str, stage: str) -> dict:
    """Run one case in this process; classify the outcome. Used by workers and by the regression tests."""
    from analyzer.api import analyze_document
    from analyzer.errors import AnalyzerError
    from analyzer.readers import ReadOptions, read_bytes

    t0 = time.perf_counter()
    out: dict = {"outcome": "result"}
    try:
        doc = read_bytes(data, name + ".pdf", ReadOptions(engine=engine, ocr="never"))
        out["pages"] = len(doc.pages)
        out["warnings"] = len(doc.warnings)
        if stage == "full":
            r = analyze_document(doc)
            out["label"] = r.label.value if r.label else None
            if r.error:
                out.update(outcome="error", code=r.error_code, reason=r.error)
    except AnalyzerError as exc:
        out.update(outcome="error", code=exc.code, reason=exc.reason)
        ctx = exc.__cause__ or exc.__context__
        while ctx is not None and type(ctx).__name__ == "PdfminerException" and ctx.args \
                and isinstance(ctx.args[0], BaseException):  # pdfplumber's wrapper: name what it wraps
            ctx = ctx.args[0]
        if ctx is not None:
            out["wrapped"] = type(ctx).__name__
    except MemoryError:
        out.update(outcome="memory", reason="MemoryError")
    except RecursionError as exc:  # an Exception, but worth naming
        out.update(outcome="crash", reason=f"RecursionError: {exc}", traceback=traceback.format_exc(limit=30))
    except Exception as exc:  # noqa: BLE001 - that is what we are looking for
        out.update(outcome="crash", reason=f"{type(exc).__name__}: {str(exc)[:200]}",
                   traceback=traceback.format_exc(limit=30))
    out["seconds"] = round(time.perf_counter() - t0, 3)
    return out


def _worker(conn, memory_mb: int, stage: str) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        import logging

        logging.disable(logging.CRITICAL)  # pdfminer warns loudly on every broken file
        import analyzer.readers.pdf  # noqa: F401
        from analyzer.readers import sniff_format

        sniff_format(b"", "")
        if stage == "full":
            from analyzer.nlp.pipeline import get_nlp

            get_nlp()
        import pdfplumber  # noqa: F401
        import pypdfium2  # noqa: F401

        _set_limits(memory_mb)
        conn.send(("ready", os.getpid()))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            name, data, engine = msg
            out = run_case(data, name, engine, stage)
            out["rss_mb"] = round(_peak_rss_mb(), 1)
            conn.send(("done", name, out))
            if out["outcome"] == "memory":
                return  # heap may be in a poor state; the parent starts a fresh worker
    except (EOFError, OSError, KeyboardInterrupt):
        return


@dataclass
class _Slot:
    proc: mp.Process
    conn: object
    ready: bool = False
    task: tuple | None = None  # (name, data, engine)
    since: float = 0.0
    done: int = 0


@dataclass
class Summary:
    cases: int = 0
    counts: dict = field(default_factory=dict)
    by_mutator: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)
    wrapped: dict = field(default_factory=dict)
    unclear: int = 0  # typed errors whose reason is a Python exception message
    unclear_examples: list = field(default_factory=list)
    crashes: list = field(default_factory=list)
    hangs: list = field(default_factory=list)
    memory: list = field(default_factory=list)
    slowest: list = field(default_factory=list)
    slow_retried: list = field(default_factory=list)  # timed out once, answered when retried alone
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    engine: str = ""
    stage: str = ""


def _spawn(ctx, memory_mb: int, stage: str) -> _Slot:
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_worker, args=(child, memory_mb, stage), daemon=True)
    p.start()
    child.close()
    return _Slot(p, parent)


def _kill(slot: _Slot) -> None:
    try:
        os.kill(slot.proc.pid, signal.SIGKILL)
    except (ProcessLookupError, TypeError):
        pass
    slot.proc.join(5)
    try:
        slot.conn.close()
    except OSError:
        pass


def _dead_outcome(code: int | None) -> dict:
    if code is not None and code < 0:
        sig = -code
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGKILL:
            return {"outcome": "memory", "reason": "worker killed (SIGKILL: out of memory?)"}
        return {"outcome": "crash", "reason": f"worker died on {name}"}
    return {"outcome": "crash", "reason": f"worker exited with code {code}"}


def run_cases(tasks: list[tuple[str, bytes, str]], workers: int = 2, timeout: float = 20.0, memory_mb: int = 1536,
              stage: str = "full", max_tasks: int = 200, progress=None) -> dict[str, dict]:
    """Run (name, data, engine) tasks in a pool of limited workers; {name: outcome dict}."""
    ctx = mp.get_context("fork")
    pending = list(reversed(tasks))
    results: dict[str, dict] = {}
    slots = [_spawn(ctx, memory_mb, stage) for _ in range(max(1, min(workers, len(tasks))))]
    try:
        while pending or any(s.task for s in slots):
            for s in slots:
                if s.ready and s.task is None and pending:
                    s.task = pending.pop()
                    s.since = time.monotonic()
                    try:
                        s.conn.send(s.task)
                    except OSError:
                        pass  # found dead below
            now = time.monotonic()
            waits = [s.since + timeout - now for s in slots if s.task]
            handles = [s.conn for s in slots] + [s.proc.sentinel for s in slots]
            ready = set(wait(handles, timeout=max(0.05, min(waits) if waits else 1.0)))
            for i, s in enumerate(slots):
                replace = False
                if s.conn in ready:
                    try:
                        msg = s.conn.recv()
                    except (EOFError, OSError):
                        msg = None
                    if msg is None:
                        replace = True
                    elif msg[0] == "ready":
                        s.ready = True
                    elif msg[0] == "done":
                        results[msg[1]] = msg[2]
                        s.task = None
                        s.done += 1
                        if progress:
                            progress(len(results), len(tasks), msg[1], msg[2])
                        replace = s.done >= max_tasks or msg[2]["outcome"] == "memory"
                if not replace and s.proc.sentinel in ready and s.conn not in ready:
                    replace = True
                if not replace and s.task and time.monotonic() - s.since > timeout:
                    results[s.task[0]] = {"outcome": "hang", "reason": f"no answer after {timeout:g} s",
                                          "seconds": round(time.monotonic() - s.since, 3)}
                    if progress:
                        progress(len(results), len(tasks), s.task[0], results[s.task[0]])
                    s.task = None
                    replace = True
                if replace:
                    _kill(s)
                    if s.task:  # died while working on it
                        out = _dead_outcome(s.proc.exitcode)
                        out["seconds"] = round(time.monotonic() - s.since, 3)
                        results[s.task[0]] = out
                        if progress:
                            progress(len(results), len(tasks), s.task[0], out)
                    elif not s.ready and not s.done:
                        raise RuntimeError(f"a fuzz worker died while starting (exit code {s.proc.exitcode})")
                    slots[i] = _spawn(ctx, memory_mb, stage)
    finally:
        for s in slots:
            try:
                s.conn.send(None)
            except OSError:
                pass
        for s in slots:
            s.proc.join(2)
            if s.proc.is_alive():
                _kill(s)
    return results


# ------------------------------------------------------------------------------------------------ main


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def summarize(tasks: list[tuple[str, bytes, str]], results: dict[str, dict], seconds: float, engine: str,
              stage: str) -> Summary:
    s = Summary(cases=len(tasks), seconds=round(seconds, 1), engine=engine, stage=stage)
    counts: Counter = Counter()
    by_mut: dict[str, Counter] = defaultdict(Counter)
    codes: Counter = Counter()
    wrapped: Counter = Counter()
    for name, _data, eng in tasks:
        r = results.get(name, {"outcome": "crash", "reason": "no outcome recorded"})
        counts[r["outcome"]] += 1
        for mut in name.split(".")[1].split("+"):
            by_mut[mut][r["outcome"]] += 1
        if r["outcome"] == "error":
            codes[f"{r.get('code')}: {_reason_class(r.get('reason', ''))}"] += 1
            if r.get("wrapped"):
                wrapped[r["wrapped"]] += 1
                if r["wrapped"] in _UNCLEAR:
                    s.unclear += 1
                    if len(s.unclear_examples) < 8:
                        s.unclear_examples.append(f"{name}: {r.get('reason')}")
        if r["outcome"] in ("crash", "hang", "memory"):
            item = {"case": name, "engine": eng, "reason": r.get("reason"), "traceback": r.get("traceback")}
            {"crash": s.crashes, "hang": s.hangs, "memory": s.memory}[r["outcome"]].append(item)
        s.peak_rss_mb = max(s.peak_rss_mb, r.get("rss_mb", 0.0))
    s.counts = {k: counts.get(k, 0) for k in OUTCOMES}
    s.by_mutator = {m: {k: c.get(k, 0) for k in OUTCOMES} for m, c in sorted(by_mut.items())}
    s.codes = dict(codes.most_common(15))
    s.wrapped = dict(wrapped.most_common())
    s.slow_retried = [f"{n}: {results[n]['slow']}" for n, _d, _e in tasks if results.get(n, {}).get("slow")]
    s.slowest = sorted(((results[n].get("seconds", 0.0), n) for n, _d, _e in tasks if n in results),
                       reverse=True)[:5]
    return s


def _reason_class(reason: str) -> str:
    """Collapse a reason to its shape (numbers and quoted bits removed) for counting."""
    reason = re.sub(r"\(.*", "(...)", reason)
    reason = re.sub(r"\d+", "N", reason)
    return reason[:70]


def print_table(s: Summary, out=sys.stdout) -> None:
    w = out.write
    w(f"\nfuzz_pdf: {s.cases} cases, engine {s.engine}, stage {s.stage}, {s.seconds:.0f} s, "
      f"worker peak RSS {s.peak_rss_mb:.0f} MB\n\n")
    w(f"{'mutation':<12}" + "".join(f"{k:>9}" for k in OUTCOMES) + "\n")
    for m, c in s.by_mutator.items():
        w(f"{m:<12}" + "".join(f"{c[k]:>9}" for k in OUTCOMES) + "\n")
    w(f"{'TOTAL':<12}" + "".join(f"{s.counts[k]:>9}" for k in OUTCOMES) + "\n")
    w("(a case with several mutations counts once per mutation above; TOTAL counts cases)\n\n")
    if s.codes:
        w("typed errors by kind:\n")
        for k, n in s.codes.items():
            w(f"  {n:>6}  {k}\n")
    if s.wrapped:
        w("typed errors raised while handling (exception type -> count): "
          + ", ".join(f"{k} {v}" for k, v in s.wrapped.items()) + "\n")
    if s.unclear:
        w(f"typed errors whose reason is a Python message (unclear): {s.unclear}, e.g.\n")
        for ex in s.unclear_examples[:5]:
            w(f"  {ex}\n")
    for title, items in (("CRASHES", s.crashes), ("HANGS", s.hangs), ("MEMORY", s.memory)):
        if items:
            w(f"\n{title}:\n")
            for it in items[:30]:
                w(f"  {it['case']} [{it['engine']}]: {it['reason']}\n")
    if s.slow_retried:
        w("\ntimed out once, answered when retried alone with 3x the time: " + "; ".join(s.slow_retried) + "\n")
    if s.slowest:
        w("\nslowest: " + ", ".join(f"{n} {t:.1f}s" for t, n in s.slowest) + "\n")


def build_tasks(cases: int, seed: int, engine: str, only: list[str] | None = None) -> list[tuple[str, bytes, str]]:
    samples = sample_files()
    if not samples:
        raise SystemExit(f"no sample PDFs in {SAMPLES}")
    cache = {p: p.read_bytes() for p in samples}
    engines = ("pdfplumber", "pdfium") if engine == "both" else (engine,)
    numbers = [case_number(n) for n in only] if only else [(seed, i) for i in range(cases)]
    tasks = []
    for sd, i in numbers:
        name, data = make_case(i, sd, samples, cache)
        tasks.append((name, data, engines[i % len(engines)]))
    return tasks


def main(argv: list[str] | None = None) -> Summary:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0, help="wall seconds per case")
    ap.add_argument("--memory-mb", type=int, default=1536, help="RLIMIT_AS per worker")
    ap.add_argument("--engine", choices=("pdfplumber", "pdfium", "both"), default="pdfplumber")
    ap.add_argument("--stage", choices=("read", "full"), default="full")
    ap.add_argument("--max-tasks", type=int, default=200, help="cases per worker before it is replaced")
    ap.add_argument("--only", nargs="*", help="run just these case names")
    ap.add_argument("--artifacts", type=Path, default=Path("/tmp/fuzz_pdf_artifacts"),
                    help="where crashing / hanging / memory cases are written")
    ap.add_argument("--save-crashes", action="store_true", help=f"also copy crashing cases to {FUZZ_DATA}")
    ap.add_argument("--json", type=Path, help="write the summary here")
    ap.add_argument("--log", type=Path, help="one JSON line per case")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    tasks = build_tasks(args.cases, args.seed, args.engine, args.only)
    t0 = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int, name: str, out: dict) -> None:
        if out["outcome"] in ("crash", "hang", "memory") and not args.quiet:
            print(f"  [{out['outcome']}] {name}: {out.get('reason')}", file=sys.stderr, flush=True)
        if not args.quiet and (time.monotonic() - last[0] > 30 or done == total):
            last[0] = time.monotonic()
            print(f"  {done}/{total} cases, {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)

    results = run_cases(tasks, args.workers, args.timeout, args.memory_mb, args.stage, args.max_tasks, progress)
    # a shared machine can make a slow case look hung: retry each hang once, alone, with 3x the time
    retry = [t for t in tasks if results[t[0]]["outcome"] == "hang"]
    if retry:
        again = run_cases(retry, 1, args.timeout * 3, args.memory_mb, args.stage, args.max_tasks)
        for name, out in again.items():
            if out["outcome"] != "hang":
                out["slow"] = f"over {args.timeout:g} s once, {out.get('seconds')} s alone"
                results[name] = out
    s = summarize(tasks, results, time.monotonic() - t0, args.engine, args.stage)

    bad = {name for name, r in results.items() if r["outcome"] in ("crash", "hang", "memory")}
    if bad:
        args.artifacts.mkdir(parents=True, exist_ok=True)
    for name, data, _engine in tasks:
        if name in bad:
            (args.artifacts / f"{_safe_name(name)}.pdf").write_bytes(data)
            tb = results[name].get("traceback")
            if tb:
                (args.artifacts / f"{_safe_name(name)}.txt").write_text(tb)
            if args.save_crashes and results[name]["outcome"] == "crash":
                FUZZ_DATA.mkdir(parents=True, exist_ok=True)
                (FUZZ_DATA / f"{_safe_name(name)}.pdf").write_bytes(data)
    if args.log:
        with args.log.open("w") as f:
            for name, _data, engine in tasks:
                r = {k: v for k, v in results.get(name, {}).items() if k != "traceback"}
                f.write(json.dumps({"case": name, "engine": engine, **r}) + "\n")
    print_table(s)
    if bad:
        print(f"\nproblem cases written to {args.artifacts}")
    if args.json:
        args.json.write_text(json.dumps(asdict(s), indent=1))
    return s


if __name__ == "__main__":
    main()
