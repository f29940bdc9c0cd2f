"""Numbered pages: every item on exactly one page, out-of-range numbers brought back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.domain.paging import Page, page_number, page_of


def test_the_last_page_holds_the_rest() -> None:
    assert page_of(250, 3, 100) == Page(3, 3, 200, 250, 250)
    assert (page_of(250, 3, 100).previous, page_of(250, 3, 100).next) == (2, None)
    assert (page_of(250, 1, 100).previous, page_of(250, 1, 100).next) == (None, 2)


def test_numbers_past_either_end_give_the_nearest_page() -> None:
    assert page_of(250, 9, 100).number == 3
    assert page_of(250, 0, 100).number == 1
    assert page_of(0, 4, 100) == Page(1, 1, 0, 0, 0)


def test_a_page_holds_at_least_one_item() -> None:
    with pytest.raises(ValueError, match="at least one item"):
        page_of(10, 1, 0)


@pytest.mark.parametrize(
    ("text", "number"),
    [(None, 1), ("", 1), ("2", 2), ("0", 1), ("-3", 1), ("x", 1), ("٣", 1), ("9" * 12, 1)],
)
def test_page_numbers_from_a_url(text: str | None, number: int) -> None:
    assert page_number(text) == number


@given(st.integers(0, 5000), st.integers(1, 300))
def test_every_item_is_on_exactly_one_page(total: int, size: int) -> None:
    first = page_of(total, 1, size)
    seen = [i for n in range(1, first.count + 1) for i in range(*_span(page_of(total, n, size)))]
    assert seen == list(range(total))


def _span(page: Page) -> tuple[int, int]:
    return page.start, page.end
