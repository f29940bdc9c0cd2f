"""Numbered pages over a list already in order. Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Page:
    """Page `number` (from 1) of `count`: items [start, end) of `total`."""

    number: int
    count: int
    start: int
    end: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def page_of(total: int, wanted: int, size: int) -> Page:
    """The page `wanted` of `total` items, `size` a page; a number past either end gives
    the nearest page (an empty list has one empty page)."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    count = max(1, -(-total // size))
    number = min(max(wanted, 1), count)
    start = (number - 1) * size
    return Page(number, count, start, min(start + size, total), total)


def page_number(text: str | None) -> int:
    """A page number as given in a URL: a whole number from 1; anything else is page 1."""
    if text is None or not (text.isascii() and text.isdecimal()) or len(text) > 6:
        return 1
    return max(int(text), 1)
