"""NLP + judgment throughput (characters/s) on a folder of texts, side by side with another commit.

    python bench/bench_nlp.py                          # ../shared/corpus/dev, this tree against main's base
    python bench/bench_nlp.py --base HEAD~1 --rounds 5
    python bench/bench_nlp.py --profile                # where the clause finder's time goes, this tree only

Each side runs in a fresh process (its own `analyzer` package first on sys.path; the base one is
exported with `git archive`), reads every text once (reading is not timed), builds the pipeline,
warms up on the first text, then times, per round, (1) `find_clauses` over every text, the NLP
stage, and (2) `judge_document`, NLP plus judgment, as the analysis runs it. Rounds alternate
which side goes first. It prints CPU characters/s (median of rounds) and a digest of every clause
found (every field of every Finding): the two digests must be equal when a change is meant to be a
pure speed-up. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
BASE = "b21a5a9"  # main when issue 17's NLP point was opened

CHILD = r"""
import hashlib, json, sys, time
root, folder, rounds, profile = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
sys.path.insert(0, root)
import spacy
# the installed checkout's entry points would register its spaCy factories beside the ones the tree under
# test registers itself (E004 for an older base): factories come from the imported code only
spacy.registry._entry_point_factories.entry_points = False
from pathlib import Path
from analyzer.readers import read_path
from analyzer.judgment import judge_document
from analyzer.nlp.pipeline import find_clauses, get_nlp
assert Path(sys.modules["analyzer"].__file__).resolve().is_relative_to(Path(root).resolve())
docs = [read_path(p) for p in sorted(Path(folder).glob("*.txt"))]
chars = sum(len(d.text) for d in docs)
get_nlp()
judge_document(docs[0])
if profile:
    import cProfile, pstats
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        find_clauses(d.text)
    pr.disable()
    pstats.Stats(pr, stream=sys.stderr).sort_stats("tottime").print_stats(14)
digest = hashlib.sha256()
nlp, whole = [], []
for _ in range(rounds):
    c = time.process_time()
    found = [find_clauses(d.text) for d in docs]
    nlp.append(time.process_time() - c)
    c = time.process_time()
    for d in docs:
        judge_document(d)
    whole.append(time.process_time() - c)
for fs in found:
    for f in fs:
        digest.update(repr(f).encode())  # every field of every clause
    digest.update(b"|")
print(json.dumps({"docs": len(docs), "chars": chars, "nlp": nlp, "whole": whole,
                  "clauses": sum(map(len, found)), "digest": digest.hexdigest()[:16]}))
"""


def run(root: Path, folder: Path, rounds: int, profile: bool = False) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(folder), str(rounds), "1" if profile else "0"],
                         capture_output=True, text=True, check=False, cwd=root)
    if out.returncode != 0:
        raise SystemExit(f"the run in {root} failed:\n{out.stderr[-2000:]}")
    if profile:
        print(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def export(rev: str, into: Path) -> Path:
    """The tree of `rev` as files under `into` (git archive: no checkout, no second worktree)."""
    tar = into / "base.tar"
    subprocess.run(["git", "archive", "-o", str(tar), rev], cwd=ROOT, check=True)
    with tarfile.open(tar) as t:
        t.extractall(into / "base", filter="data")
    return into / "base"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEV)
    ap.add_argument("--base", default=BASE, help="commit to compare with (default %(default)s); '' for none")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=2, help="alternating fresh-process runs of each side")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder}: no such folder of texts")
    if args.profile:
        run(ROOT, args.folder, 1, profile=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"this tree": ROOT}
        if args.base:
            sides[f"base {args.base}"] = export(args.base, Path(tmp))
        results: dict[str, list[dict]] = {name: [] for name in sides}
        names = list(sides)
        for p in range(args.pairs):
            for name in names[p % 2:] + names[:p % 2]:
                results[name].append(run(sides[name], args.folder, args.rounds))
        print(f"{'side':<16} {'docs':>4} {'M chars':>7} {'NLP M chars/s':>13} {'NLP+judgment':>12} "
              f"{'clauses':>7}  digest")
        speed = {}
        for name, runs in results.items():
            r = runs[0]
            nlp = statistics.median(t for x in runs for t in x["nlp"])
            whole = statistics.median(t for x in runs for t in x["whole"])
            speed[name] = (r["chars"] / nlp / 1e6, r["chars"] / whole / 1e6)
            print(f"{name:<16} {r['docs']:>4} {r['chars'] / 1e6:>7.2f} {speed[name][0]:>13.2f} {speed[name][1]:>12.2f} "
                  f"{r['clauses']:>7}  {r['digest']}")
        if len(names) == 2:
            a, b = (speed[n] for n in names)
            same = results[names[0]][0]["digest"] == results[names[1]][0]["digest"]
            print(f"this tree / base: NLP {a[0] / b[0]:.2f}x, NLP+judgment {a[1] / b[1]:.2f}x; "
                  f"clauses {'identical' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
