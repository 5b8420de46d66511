"""`analyze --help` and `--version` answer without importing the pipeline, the result models or a PDF engine.

They run in a fresh interpreter (this test process has long imported everything), and the modules
loaded by the time the command exits are checked against those that cost start-up time.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "thinc", "pydantic", "numpy", "pdfplumber", "pdfminer", "pypdfium2", "jinja2",
         "analyzer.api", "analyzer.results", "analyzer.nlp", "analyzer.classify", "analyzer.batch",
         "analyzer.readers")

PROBE = """
import json, sys
sys.argv = ["analyze", sys.argv[1]]
from analyzer.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.write("\\n" + json.dumps(sorted(sys.modules)))
"""


def _modules_after(option: str) -> tuple[str, set[str]]:
    out = subprocess.run([sys.executable, "-c", PROBE, option], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    head, _, tail = out.rpartition("\n")
    return head, set(json.loads(tail))


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_skip_heavy_modules(option: str) -> None:
    printed, loaded = _modules_after(option)
    assert "analyze" in printed  # the command did answer
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_package_names_still_resolve() -> None:
    import analyzer
    from analyzer import Analyzer, Label

    assert Analyzer is analyzer.api.Analyzer
    assert Label.recourse.value == "recourse"
    with pytest.raises(AttributeError):
        analyzer.no_such_name  # noqa: B018
