"""The bounded store: the least recently used goes first, reading counts as use."""

from __future__ import annotations

import pytest

from triage.services.common.bounded import BoundedLru


def test_the_least_recently_used_goes_first() -> None:
    kept: BoundedLru[str] = BoundedLru(2)
    kept.put("a", "A")
    kept.put("b", "B")
    assert kept.get("a") == "A"  # read: "b" is now the oldest

    kept.put("c", "C")

    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == ("A", None, "C", 2)


def test_made_once_then_given_again() -> None:
    kept: BoundedLru[list[int]] = BoundedLru(4)
    made = [kept.get_or_make("k", lambda: [1]) for _ in range(3)]

    assert made[0] is made[1] is made[2]


def test_popped_and_cleared_values_are_gone() -> None:
    kept: BoundedLru[int] = BoundedLru(4)
    kept.put("a", 1)
    kept.put("b", 2)

    assert kept.pop("a") == 1 and kept.pop("a") is None
    kept.clear()
    assert len(kept) == 0 and list(kept.items()) == []


def test_at_least_one_entry() -> None:
    with pytest.raises(ValueError, match="at least one"):
        BoundedLru(0)
