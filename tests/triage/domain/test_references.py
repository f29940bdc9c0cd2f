"""Case references as workers type them: read loosely, checked strictly."""

from __future__ import annotations

import pytest

from triage.domain.references import normalise_reference


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("LS-7KQ2-M9XD", "LS-7KQ2-M9XD"),
        ("ls 7kq2 m9xd", "LS-7KQ2-M9XD"),
        ("ls7kq2m9xd", "LS-7KQ2-M9XD"),
        ("15-7KQ2-M9XD", "LS-7KQ2-M9XD"),
        ("7kq2-m9xd", "LS-7KQ2-M9XD"),
        ("LS-1S00-0000", "LS-1S00-0000"),
        ("LS-0L1O-0000", "LS-0110-0000"),
        ("LS-7KQ2-M9X", None),
        ("LS-7KQ2-M9XU", None),
        ("", None),
    ],
)
def test_references_are_read_loosely(typed: str, expected: str | None) -> None:
    assert normalise_reference(typed) == expected
