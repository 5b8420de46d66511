"""``python -m tests.paraphrase``: generate the documents, analyze them, print accuracy per family."""

from __future__ import annotations

import argparse
import sys

from . import FAMILIES, PER_FAMILY, SEED, family, generate
from .run import score, table


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.paraphrase", description=__doc__)
    p.add_argument("--family", action="append", help="only this family (repeatable)")
    p.add_argument("--limit", type=int, default=PER_FAMILY, help=f"documents per family (default {PER_FAMILY})")
    p.add_argument("--show-failures", type=int, default=3, metavar="N", help="failing examples per family")
    p.add_argument("--jsonl", metavar="FILE", help="write every document with its expected and given label")
    p.add_argument("--seed", default=SEED, help="generation seed (default: the one the tests use)")
    p.add_argument("--by-variant", action="store_true", help="also the accuracy of each template of a family")
    p.add_argument("--list", action="store_true", help="list the families and their expected labels")
    args = p.parse_args(argv)
    if args.list:
        for fam in FAMILIES:
            print(f"{fam.name:<30} {fam.label:<17} {fam.why}")
        return 0
    try:
        fams = [family(name) for name in args.family] if args.family else None
    except KeyError as exc:
        p.error(str(exc.args[0]))
    if args.limit < 1:
        p.error("--limit must be at least 1")
    docs = generate(fams, args.limit, args.seed)
    try:
        out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    except OSError as exc:
        print(f"{args.jsonl}: cannot write: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        scores, seconds = score(docs, max(args.show_failures, 0), out)
    finally:
        if out:
            out.close()
    print(table(scores, seconds, args.show_failures, args.by_variant))
    return 0


if __name__ == "__main__":
    sys.exit(main())
