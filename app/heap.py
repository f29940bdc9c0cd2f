"""What the process made at start-up, kept out of the cyclic garbage collector's walks.

Start-up leaves a few hundred thousand objects that live as long as the process (modules,
the rules and their lexicon, the region directory, the catalogues). A request that makes
many objects (the dashboard reads one row per case of its period when it computes) sets off
full collections, and each full collection walked all of them again: at 100,000 cases that
was most of the dashboard's slowest views on SQLite (p95 about 180-320 ms, about 100-110 ms
with them frozen; `docs/performance.md`). Frozen, they are never collected: only objects made
at start-up, which the process keeps anyway.
"""

from __future__ import annotations

import gc


def freeze_start_up() -> int:
    """Collects once, then moves every object tracked so far to the permanent generation;
    returns how many there are."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
