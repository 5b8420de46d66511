"""The API's heap treatment (analyzer/heap.py): frozen for one analysis, the host's heap given back after."""

from __future__ import annotations

import gc
import weakref

import pytest

from analyzer.api import Analyzer
from analyzer.heap import held_heap


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture(autouse=True)
def unfrozen():
    if gc.get_freeze_count():
        pytest.skip("this process's heap is frozen already")
    yield
    gc.unfreeze()


def test_frozen_inside_and_given_back_after():
    with held_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_cycle_dropped_during_an_analysis_is_collected_after_it():
    node = Node()
    ref = weakref.ref(node)
    with held_heap():
        del node
        gc.collect()
        assert ref() is not None  # frozen: out of the collector's reach for now
    gc.collect()
    assert ref() is None


def test_a_frozen_worker_heap_stays_frozen():
    gc.freeze()
    before = gc.get_freeze_count()
    with held_heap():
        pass
    assert gc.get_freeze_count() == before > 0


def test_the_api_gives_the_heap_back_even_on_error():
    result = Analyzer().analyze(b"%PDF-1.4 not really", name="broken.pdf")
    assert result.error
    assert gc.get_freeze_count() == 0
    with pytest.raises(TypeError), held_heap():
        raise TypeError("boom")
    assert gc.get_freeze_count() == 0
