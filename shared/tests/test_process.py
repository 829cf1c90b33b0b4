"""Startup heap: frozen out of the collector's scans, youngest generation collected less often."""

from __future__ import annotations

import gc

from oso_shared.process import GEN0_THRESHOLD, freeze_startup_heap


def test_freeze_startup_heap() -> None:
    before = gc.get_threshold()
    try:
        freeze_startup_heap()
        assert gc.get_freeze_count() > 10_000  # every imported module's objects, at least
        assert gc.get_threshold() == (GEN0_THRESHOLD, before[1], before[2])
        gc.collect()  # the collector still works for what comes after
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
