"""Issue 14, hostile input round two: each case an attacker or a careless user found, as a test.

Every input is generated here (the 100 MB-image PDF too); nothing reads /work/shared.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import hooks
import pytest
from hostile_files import HTML, NOTE, big_inline_image_pdf, size_lying_docx, xobject_bomb_pdf

import analyzer.cli  # noqa: F401 - loaded here so that forked workers start warm
from analyzer import batch
from analyzer.batch import BatchConfig, run
from analyzer.errors import CorruptDocument, ResourceLimit
from analyzer.readers import read_bytes, read_path
from analyzer.safe_output import OutputError

_EXE = Path(sys.executable).with_name("analyze")
ANALYZE = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from analyzer.cli import main; main()"]
TEXT = ("LOAN AGREEMENT No. {n}\n\nBorrower promises to pay Lender the principal sum of ${n},000.00 with interest.\n\n"
        "Borrower shall have no personal liability for the payment of the Loan, and Lender shall look solely to the "
        "Property for repayment.\n")


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    from analyzer.nlp.pipeline import get_nlp

    get_nlp()


def cfg(**kw) -> BatchConfig:
    base = {"fmt": "jsonl", "workers": 2, "progress": False, "summary": False, "timeout": 60.0}
    base.update(kw)
    return BatchConfig(**base)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def cli(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*ANALYZE, *args], capture_output=True, text=True, timeout=timeout, **kw)


# 1 ------------------------------------------------------------------------------------------ file names


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "table", "html"])
def test_file_name_not_utf8_is_recorded_in_every_format(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = b"caf\xe9 \xff note.txt"
    bad = folder / os.fsdecode(raw)
    bad.write_text(TEXT.format(n=1), encoding="utf-8")
    (folder / "plain.txt").write_text(TEXT.format(n=2), encoding="utf-8")
    out = tmp_path / f"out.{ 'txt' if fmt == 'table' else fmt}"
    assert run([str(folder)], cfg(output=out, fmt=fmt)) == 0
    page = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
    shown = "caf\\xe9 \\xff note.txt"  # each invalid byte as \xNN
    if fmt == "json":
        assert sorted(Path(r["path"]).name for r in json.loads(page)) == [shown, "plain.txt"]
    elif fmt != "jsonl":
        assert shown in page
    if fmt == "jsonl":
        (rec,) = [r for r in records(out) if r["path_bytes"]]
        assert Path(rec["path"]).name == shown
        assert os.fsencode(folder) + b"/" + raw == base64.b64decode(rec["path_bytes"])
        assert rec["label"] == "non-recourse"
        before = out.read_bytes()
        assert run([str(folder)], cfg(output=out, resume=True)) == 0  # resume knows the file again
        assert out.read_bytes() == before
    if fmt == "csv":
        rows = list(csv.DictReader(page.splitlines()))
        assert len(rows) == 2 and all(r["label"] == "non-recourse" for r in rows)
        (raw_cell,) = [r["path_bytes"] for r in rows if r["path_bytes"]]
        assert base64.b64decode(raw_cell.lstrip("'")).endswith(raw)
        before = out.read_bytes()
        assert run([str(folder)], cfg(output=out, fmt="csv", resume=True)) == 0
        assert out.read_bytes() == before


# 2 ------------------------------------------------------------------------------------------ output over input


def test_output_naming_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(TEXT.format(n=3), encoding="utf-8")
    before = note.read_bytes()
    proc = cli(str(note), "-o", str(note), cwd=tmp_path)
    assert proc.returncode == 2 and note.read_bytes() == before
    assert proc.stderr.count("\n") == 1 and str(note) in proc.stderr and "inputs" in proc.stderr
    folder = tmp_path / "in"
    folder.mkdir()
    other = folder / "existing.txt"
    other.write_text(TEXT.format(n=4), encoding="utf-8")
    with pytest.raises(OutputError, match="existing.txt: refusing"):
        run([str(folder)], cfg(output=other, fmt="csv"))
    assert other.read_text(encoding="utf-8") == TEXT.format(n=4)
    pdf = tmp_path / "agreement.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    with pytest.raises(OutputError, match="overwrite an existing document"):
        run([str(note)], cfg(output=pdf, fmt="json"))


def test_reports_are_renamed_into_place_and_own_outputs_replaced(tmp_path: Path, monkeypatch) -> None:
    note = tmp_path / "note.txt"
    note.write_text(TEXT.format(n=5), encoding="utf-8")
    report = tmp_path / "report.json"
    assert run([str(note)], cfg(output=report, fmt="json")) == 0
    first = report.read_text()
    assert json.loads(first)["label"] == "non-recourse"
    assert run([str(note)], cfg(output=report, fmt="json")) == 0  # our own output: replaced
    first = report.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    def broken_write(self, r):  # a failure half-way: the old report must survive untouched
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.StreamOutput, "write", broken_write)
    with pytest.raises(OSError):
        run([str(note)], cfg(output=report, fmt="json"))
    assert report.read_text() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# 3 ------------------------------------------------------------------------------------------ limits in every process


def test_big_inline_image_pdf_is_bounded_by_the_cpu_limit_alone_and_in_a_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    big = folder / "image.pdf"
    big.write_bytes(big_inline_image_pdf(100))
    for i in range(2):
        (folder / f"note{i}.txt").write_text(TEXT.format(n=i), encoding="utf-8")
    t0 = time.monotonic()
    proc = cli(str(big), "--timeout", "4", "-f", "json", "-q", timeout=200)  # a single file, as named
    single = time.monotonic() - t0
    rec = json.loads(proc.stdout)
    assert proc.returncode == 1 and rec["error"] == "timeout: CPU time limit of 4 s reached", proc.stderr
    assert single < 120
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    assert run([str(folder)], cfg(output=out, timeout=4.0)) == 1  # the split-path candidate of a batch
    assert time.monotonic() - t0 < 120
    recs = {Path(r["path"]).name: r for r in records(out)}
    assert recs["image.pdf"]["error_code"] == "timeout"
    assert recs["note0.txt"]["label"] == recs["note1.txt"]["label"] == "non-recourse"


# 4 ------------------------------------------------------------------------------------------ memory ceiling


def test_xobject_bomb_becomes_a_memory_limit_record(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(xobject_bomb_pdf())
    assert bomb.stat().st_size < 2048
    proc = cli(str(bomb), "--engine", "pdfium", "--memory-mb", "800", "--timeout", "60", "-f", "json", "-q",
               timeout=240)
    rec = json.loads(proc.stdout)
    assert rec["label"] is None and rec["error_code"] in ("resource_limit", "timeout"), rec["error"]
    assert "crashed" not in rec["error"] and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0  # one line naming the file
    assert str(bomb) in proc.stderr


# 5 ------------------------------------------------------------------------------------------ encodings


def test_windows_1252_text_is_read_named_and_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    note = folder / "note.txt"
    note.write_bytes(NOTE.encode("cp1252"))
    doc = read_path(note)
    assert "Société Générale" in doc.text and "\ufffd" not in doc.text  # (the cleaner makes the en dash a hyphen)
    from analyzer.readers.encoding import decode_text

    assert "$10,000.00 \u2013 with" in decode_text(note.read_bytes())[0]
    assert any("cp1252" in w for w in doc.warnings)
    out = tmp_path / "out.jsonl"
    assert run([str(folder)], cfg(output=out)) == 0
    (rec,) = records(out)
    assert rec["label"] == "non-recourse" and any("cp1252" in w for w in rec["warnings"])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_html_without_bom_is_read_as_html(tmp_path: Path, codec: str) -> None:
    data = HTML.encode(codec)
    doc = read_bytes(data, "note.html")
    assert doc.format == "html" and "no personal liability" in doc.text
    assert any(codec in w for w in doc.warnings)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.htm").write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert run([str(folder)], cfg(output=out)) == 0
    (rec,) = records(out)
    assert rec["label"] == "non-recourse"


def test_binary_junk_is_still_not_text() -> None:
    from analyzer.readers.encoding import looks_textual

    assert not looks_textual(bytes(range(256)) * 8)
    assert not looks_textual(os.urandom(4096).replace(b"\x00", b"\x01"))


# 7 ------------------------------------------------------------------------------------------ DOCX sizes


def test_size_lying_docx_is_counted_while_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "lying.docx"
    size_lying_docx(bomb, inflated_mb=300)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    t0 = time.monotonic()
    with pytest.raises(ResourceLimit, match="counted while inflating"):
        read_path(bomb)
    assert time.monotonic() - t0 < 60
    # and within a ceiling far below what inflating it whole would need
    script = ("import resource, sys\nfrom analyzer.errors import ResourceLimit\n"
              "from analyzer.readers import read_path\n"
              "resource.setrlimit(resource.RLIMIT_AS, (400 << 20, resource.RLIM_INFINITY))\n"
              "try:\n    read_path(sys.argv[1])\nexcept ResourceLimit as exc:\n    print(exc.reason)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, timeout=120)
    assert "counted while inflating" in proc.stdout, proc.stderr[-300:]
    small = tmp_path / "small.docx"
    size_lying_docx(small, inflated_mb=1)
    with pytest.raises(CorruptDocument, match="misstate the size"):
        read_path(small)


_OOM_SCRIPT = """
import io, resource, sys, zipfile
from analyzer.errors import AnalyzerError
from analyzer.readers import read_bytes
para = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
body = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + para * 1500000 + b"</w:body></w:document>")
ct = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
      b'wordprocessingml.document.main+xml"/></Types>')
rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", ct)
    z.writestr("_rels/.rels", rels)
    z.writestr("word/document.xml", body)
data = buf.getvalue()
del body
resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024, resource.RLIM_INFINITY))
try:
    read_bytes(data, "tiny-paragraphs.docx")
    print("read")
except AnalyzerError as exc:
    print(type(exc).__name__, exc.reason)
"""


def test_docx_parser_out_of_memory_is_said_as_such() -> None:
    """51 MB of tiny paragraphs under a 600 MB ceiling: libxml2 fails an allocation, which is no syntax error."""
    proc = subprocess.run([sys.executable, "-c", _OOM_SCRIPT], capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip() == "ResourceLimit Word file too large to read: the XML parser ran out of memory", (
        proc.stdout + proc.stderr[-500:])


# 8 ------------------------------------------------------------------------------------------ resume and garbage


def test_resume_moves_a_garbled_line_aside_and_reanalyzes_its_file(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"n{i}.txt").write_text(TEXT.format(n=i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run([str(folder)], cfg(output=out, ordered=True))
    lines = out.read_bytes().splitlines(keepends=True)
    garbled = lines[2][:40] + b"\x00garbage}\n"
    out.write_bytes(b"".join(lines[:2]) + garbled + b"".join(lines[3:]))
    capsys.readouterr()
    assert run([str(folder)], cfg(output=out, resume=True)) == 0
    err = capsys.readouterr().err
    assert "1 unreadable record line(s) moved to" in err and "out.jsonl.rejected" in err
    assert (tmp_path / "out.jsonl.rejected").read_bytes() == garbled
    recs = records(out)  # every line parses
    assert sorted(Path(r["path"]).name for r in recs) == [f"n{i}.txt" for i in range(5)]

    # CSV: a row with the wrong number of cells, between two good ones
    table = tmp_path / "out.csv"
    run([str(folder)], cfg(output=table, fmt="csv", ordered=True))
    rows = table.read_bytes().splitlines(keepends=True)
    table.write_bytes(b"".join(rows[:3]) + b"garbage,1\n" + b"".join(rows[4:]))
    assert run([str(folder)], cfg(output=table, fmt="csv", resume=True)) == 0
    assert (tmp_path / "out.csv.rejected").read_bytes() == b"garbage,1\n"
    with open(table, newline="", encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    assert sorted(Path(r["path"]).name for r in got) == [f"n{i}.txt" for i in range(5)]


# 9 ------------------------------------------------------------------------------------------ silent skips


def test_unreadable_and_empty_folders_get_records(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "in"
    locked = root / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text(TEXT.format(n=1))
    (root / "ok.txt").write_text(TEXT.format(n=2))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    real = os.scandir

    def scandir(path="."):  # root ignores permissions: refuse this one folder as EACCES would
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    assert run([str(root), str(empty)], cfg(output=out)) == 2
    recs = {r["path"]: r for r in records(out)}
    assert recs[str(locked)]["error"] == "cannot read folder: Permission denied"
    assert recs[str(empty)]["error"].startswith("no documents in this folder")
    assert recs[str(root / "ok.txt")]["label"] == "non-recourse"


def test_unknown_output_suffix_and_unwritable_device_fail_up_front(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(TEXT.format(n=1))
    proc = cli(str(note), "-o", str(tmp_path / "out.xlsx"))
    assert proc.returncode == 2 and "out.xlsx" in proc.stderr and proc.stderr.count("\n") == 1
    assert not (tmp_path / "out.xlsx").exists()
    if os.path.exists("/dev/full"):
        with pytest.raises(OutputError, match="/dev/full: cannot write output: No space left"):
            run([str(note)], cfg(output=Path("/dev/full"), fmt="html"))
    with pytest.raises(OutputError, match="does not exist"):
        run([str(note)], cfg(output=tmp_path / "nowhere" / "out.jsonl"))


# 10 ----------------------------------------------------------------------------------------- CPU, not wall time


def test_timeout_is_cpu_time_and_the_error_names_the_limit(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-spin.txt").write_text(TEXT.format(n=1))
    (folder / "b-hang.txt").write_text(TEXT.format(n=2))
    (folder / "c.txt").write_text(TEXT.format(n=3))
    hooks.install(monkeypatch, spin="-spin.txt", hang="-hang.txt")
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    assert run([str(folder)], cfg(output=out, timeout=2.0, workers=3)) == 2
    assert time.monotonic() - t0 < 60
    recs = {Path(r["path"]).name: r for r in records(out)}
    assert recs["a-spin.txt"]["error"] == "timeout: CPU time limit of 2 s reached"
    assert recs["b-hang.txt"]["error"].startswith("timeout: no progress for 2 s (the read was blocked")
    assert recs["c.txt"]["label"] == "non-recourse"


def test_a_slow_but_working_read_is_not_cut_by_wall_time(monkeypatch) -> None:
    """A loaded machine: the read takes more wall time than the budget but keeps using CPU."""
    from analyzer.api import analyze_task
    from analyzer.pool import ProcessPool, _Worker

    pool = ProcessPool(1, analyze_task, timeout=2.0)
    w = _Worker.__new__(_Worker)
    w.since = w.progress_at = 100.0
    w.cpu_last = 0.0
    used = iter([0.3, 0.6, 0.9, 1.2, 1.5, 2.1])
    monkeypatch.setattr(_Worker, "cpu_used", lambda self: next(used))
    verdicts = [pool._over_time(w, 100.0 + 3 * k) for k in range(1, 7)]  # 3 s of wall per 0.3 s of CPU
    assert verdicts == [None, None, None, None, None, "cpu"]


# 11 ----------------------------------------------------------------------------------------- Ctrl-C


def test_ctrl_c_says_what_was_written_and_how_to_finish(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"n{i:02d}.txt").write_text(TEXT.format(n=i))
    out = tmp_path / "out.jsonl"
    env = hooks.env(delay=0.5)
    proc = subprocess.Popen([sys.executable, hooks.HOOKED_CLI, str(folder), "-o", str(out), "--workers", "1", "-q"],
                            env=env,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 2):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err
    n = out.read_bytes().count(b"\n")
    assert 2 <= n < 12
    assert f"interrupted; {n} records written to {out}" in err
    assert f"to finish the job: analyze {folder} -o {out} --workers 1 -q --resume" in err
    again = cli(str(folder), "-o", str(out), "--workers", "1", "-q", "--resume")
    assert again.returncode == 0 and len(records(out)) == 12
