"""fewer_collections: the collector's thresholds raised for a run and restored after it, also after an error."""

from __future__ import annotations

import gc

import pytest

from site_builder.runtime import THRESHOLDS, fewer_collections


def test_thresholds_are_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == before


def test_thresholds_are_restored_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("x")
    assert gc.get_threshold() == before


def test_cycles_are_still_collected() -> None:
    class Node:
        other: object = None

    with fewer_collections():
        first, second = Node(), Node()
        first.other, second.other = second, first
        del first, second
        assert gc.collect() >= 2
