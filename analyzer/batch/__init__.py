"""The run over many files, one room per job:

- discovery.py: what to analyze (folders, globs, stdin; content sniffing; links and our own output skipped)
- records.py: where records go (the durable JSONL/CSV record file and --resume, or a report stream)
- plan.py: discovered less resumed, and the large-file policy (a big PDF read by several processes)
- emitter.py: records written as they complete (or in input order), counted, failures told on stderr
- summary.py: the counts, the summary at the end, the note on Ctrl-C
- runner.py: the run itself, on the worker pool of analyzer/pool.py (or on Dask: analyzer/dask_runner.py)

The names below are the ones the CLI, the tests and the benchmarks use (`analyzer.batch.plan` is the module).
"""

from __future__ import annotations

from analyzer.api import map_ordered
from analyzer.batch.config import BatchConfig
from analyzer.batch.discovery import discover, local_record, sha256_file, why_not_document
from analyzer.batch.emitter import Emitter
from analyzer.batch.records import RecordFile, StreamOutput, open_output
from analyzer.batch.runner import DaskNotImplemented, run
from analyzer.batch.summary import Interrupted, Stats, interrupted_note, summary_text
from analyzer.progress import Progress

__all__ = ["BatchConfig", "DaskNotImplemented", "Emitter", "Interrupted", "Progress", "RecordFile", "Stats",
           "StreamOutput", "discover", "interrupted_note", "local_record", "map_ordered", "open_output",
           "run", "sha256_file", "summary_text", "why_not_document"]
