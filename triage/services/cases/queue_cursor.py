"""Page cursors: the sort keys of the row a page continues from, as a short URL-safe token.

A token names its order, so a cursor from another order is refused rather than misread, and
carries the row's position in the list, shown as "26–50 of 1,234" (a hint only: rows
received meanwhile may shift it). Nothing in a token is personal: ranks, codes, a worker's
name as shown on the page, a time, ids.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import TypeDecorator

from triage.services.cases.queue_query import QueueOrder
from triage.storage.keyset import SortKey

MAX_TOKEN_CHARS = 600
MAX_TEXT_CHARS = 200  # longer than any name or code the keys hold
INT_RANGE = range(-(2**31), 2**31)  # the database's integer columns


@dataclass(frozen=True, slots=True)
class Cursor:
    """The row a page continues from: its sort-key values and its position (from 1)."""

    values: tuple[object, ...]
    position: int


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def encode_cursor(order: QueueOrder, cursor: Cursor) -> str:
    body = {
        "o": order.sort.value,
        "d": order.descending,
        "n": cursor.position,
        "k": [_plain(v) for v in cursor.values],
    }
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _typed(value: object, expected: type) -> object:
    """The value as the key's Python type, or ValueError."""
    if expected is datetime and isinstance(value, str):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a cursor time needs its offset")
        return moment.astimezone(UTC)
    if expected is int and type(value) is int and value in INT_RANGE:
        return value
    if expected is str and isinstance(value, str) and _plain_text(value):
        return value
    raise ValueError("a cursor value of the wrong type")


def _plain_text(value: str) -> bool:
    """Text a database takes as a parameter (PostgreSQL refuses NUL)."""
    return len(value) <= MAX_TEXT_CHARS and "\x00" not in value


def _python_type(key: SortKey) -> type:
    """int, str or datetime: what a key's column holds (seen through a type decorator)."""
    kind = key.expression.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind.python_type


def decode_cursor(token: str, order: QueueOrder, keys: Sequence[SortKey]) -> Cursor | None:
    """The cursor in `token` if it is well formed and made for `order`; else None."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        body = json.loads(raw.decode())
        if not isinstance(body, dict) or body.get("o") != order.sort.value:
            return None
        if body.get("d") is not order.descending:
            return None
        position, values = body.get("n"), body.get("k")
        if type(position) is not int or position < 1 or not isinstance(values, list):
            return None
        if len(values) != len(keys):
            return None
        typed = tuple(_typed(v, _python_type(k)) for v, k in zip(values, keys, strict=True))
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError):
        return None
    return Cursor(typed, position)
