"""The garbage collector during a build (site/collector.py)."""

from __future__ import annotations

import gc

from generator.site.collector import FULL_THRESHOLD, BuildCollector


def test_the_catalogue_is_frozen_for_the_build_and_everything_restored_after() -> None:
    before = gc.get_threshold()
    collector = BuildCollector()
    kept = [[n] for n in range(1000)]  # objects alive when the catalogue is loaded
    collector.settle()
    try:
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (*before[:2], FULL_THRESHOLD)
        collector.settle()  # a second call changes nothing
        assert gc.get_threshold() == (*before[:2], FULL_THRESHOLD)
    finally:
        collector.restore()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    collector.restore()  # a build that ends twice (error, then shutdown)
    assert gc.get_threshold() == before
