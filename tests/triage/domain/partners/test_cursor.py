from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.domain.partners.cursor import Cursor, MalformedCursor, decode_cursor, encode_cursor


@pytest.mark.parametrize(
    "cursor",
    [
        Cursor(datetime(2026, 11, 29, 3, 4, 5, 123456, tzinfo=UTC), 42),
        Cursor(datetime(1970, 1, 1, tzinfo=UTC), 0),
        Cursor(datetime(2099, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), 2**62),
    ],
)
def test_a_cursor_comes_back_as_it_went(cursor: Cursor) -> None:
    text = encode_cursor(cursor)
    assert decode_cursor(text) == cursor
    assert text.replace("-", "").replace("_", "").isalnum()


@pytest.mark.parametrize(
    "text",
    ["", "=", "!!!", "a", "aGVsbG8", "MTIzNA", "LTEuMQ", "MS4tMQ", "A" * 65, "MTIzNC41\n", "é"],
)
def test_anything_else_is_malformed(text: str) -> None:
    with pytest.raises(MalformedCursor):
        decode_cursor(text)


def test_an_id_beyond_a_bigint_is_malformed() -> None:
    huge = Cursor(datetime(2026, 1, 1, tzinfo=UTC), 2**63)
    with pytest.raises(MalformedCursor):
        decode_cursor(encode_cursor(huge))


def test_a_time_beyond_any_clock_is_malformed() -> None:
    with pytest.raises(MalformedCursor):
        decode_cursor("OTk5OTk5OTk5OTk5OTk5OTk5LjE")  # 99999999999999999.1
