"""Where the tests find ../shared (read-only documents beside the repository: the dev corpus, the hostile
robustness PDFs): one place, `shared_path`, so that every test that needs it skips the same way, saying
which path was missing. Set RECOURSE_SHARED to use a copy elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("RECOURSE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


def shared_path(*parts: str) -> Path:
    """A path under ../shared (it may not exist; see `needs_shared`)."""
    return SHARED.joinpath(*parts)


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip unless ../shared/<parts> exists, with the reason shown in pytest's summary (-rs)."""
    path = shared_path(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present (../shared, or set RECOURSE_SHARED)")


@pytest.fixture
def shared():
    """`shared("corpus", "dev")`: the path, or the test is skipped saying which path is missing."""

    def find(*parts: str) -> Path:
        path = shared_path(*parts)
        if not path.exists():
            pytest.skip(f"{path} not present (../shared, or set RECOURSE_SHARED)")
        return path

    return find
