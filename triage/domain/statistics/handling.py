"""Handling times in the buckets partner systems use. Pure.

Closure: ≤ 30, 31–90, 91–180 and > 180 days from receipt. First contact: ≤ 1, 2–3, 4–7 and
> 7 days. A day is 24 hours from the report's arrival: 30 days and one minute is "31–90".
A case not there yet is "open" (closure) or "waiting" (first contact).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from itertools import pairwise

DAY = timedelta(days=1)


class Measure(StrEnum):
    CLOSURE = "closure"
    FIRST_CONTACT = "first_contact"


OPEN = "open"
WAITING = "waiting"
CLOSURE_DAYS: tuple[int, ...] = (30, 90, 180)
CONTACT_DAYS: tuple[int, ...] = (1, 3, 7)


def _labels(limits: Sequence[int]) -> tuple[str, ...]:
    """ "le30", "31-90", "91-180", "gt180" for (30, 90, 180)."""
    middle = tuple(f"{low + 1}-{high}" for low, high in pairwise(limits))
    return (f"le{limits[0]}", *middle, f"gt{limits[-1]}")


BUCKETS: dict[Measure, tuple[str, ...]] = {
    Measure.CLOSURE: (*_labels(CLOSURE_DAYS), OPEN),
    Measure.FIRST_CONTACT: (*_labels(CONTACT_DAYS), WAITING),
}
_LIMITS = {Measure.CLOSURE: CLOSURE_DAYS, Measure.FIRST_CONTACT: CONTACT_DAYS}


def bucket(measure: Measure, span: timedelta | None) -> str:
    """The bucket of a time from receipt (None: not reached yet)."""
    labels = BUCKETS[measure]
    if span is None:
        return labels[-1]
    for limit, label in zip(_LIMITS[measure], labels, strict=False):
        if span <= DAY * limit:
            return label
    return labels[-2]
