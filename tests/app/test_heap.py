"""Objects made before the freeze are no longer walked by the garbage collector; later ones
are."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.heap import freeze_start_up


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_start_up_objects_leave_the_collector_s_generations() -> None:
    kept = [[n] for n in range(1000)]
    frozen = freeze_start_up()
    assert frozen >= len(kept)
    assert not any(item is kept for item in gc.get_objects())
    later = [[n] for n in range(10)]
    assert any(item is later for item in gc.get_objects())
