"""Region codes that overlap: a kabupaten/kota with itself, or with its province."""

from __future__ import annotations

import pytest

from triage.domain.roster import regions_overlap


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (["31.74"], ["31.74"], True),
        (["31.74"], ["31"], True),  # the province holds the kabupaten/kota
        (["31"], ["31.74"], True),
        (["31"], ["31"], True),
        (["31.74"], ["31.71"], False),  # neighbours in one province
        (["31.74"], ["32"], False),
        (["32.73", "31.74"], ["31.71", "31.74"], True),
        ([], ["31"], False),
        (["31"], [], False),
        (["3"], ["31.74"], False),  # a prefix is not a province
    ],
)
def test_regions_overlap_both_ways(first: list[str], second: list[str], overlap: bool) -> None:
    assert regions_overlap(first, second) is overlap
    assert regions_overlap(second, first) is overlap
