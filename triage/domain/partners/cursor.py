"""The cases feed's cursor: where the last page ended, opaque to the partner. Pure.

It is the last case's change time and id, `<microseconds since the epoch>.<id>` in URL-safe
base64 without padding. Anything else (bad base64, bad numbers, a cursor from the future
far beyond any clock) is `MalformedCursor`: the API answers 400, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_CURSOR_CHARS = 64
MAX_ID = 2**63 - 1  # the databases' bigint
_BODY = re.compile(r"([0-9]{1,17})\.([0-9]{1,19})")  # at most year 5138; a 64-bit id
_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")


class MalformedCursor(ValueError):
    """Not a cursor this API gave out."""


@dataclass(frozen=True, slots=True, order=True)
class Cursor:
    changed_at: datetime
    id: int


def encode_cursor(cursor: Cursor) -> str:
    micros = (cursor.changed_at - EPOCH) // timedelta(microseconds=1)
    raw = f"{micros}.{cursor.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str) -> Cursor:
    if not text or len(text) > MAX_CURSOR_CHARS or not _ALPHABET.fullmatch(text):
        raise MalformedCursor("not a cursor")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
    except (binascii.Error, ValueError) as exc:
        raise MalformedCursor("not a cursor") from exc
    match = _BODY.fullmatch(raw)
    if match is None:
        raise MalformedCursor("not a cursor")
    try:
        changed_at = EPOCH + timedelta(microseconds=int(match.group(1)))
    except OverflowError as exc:
        raise MalformedCursor("not a cursor") from exc
    case_id = int(match.group(2))
    if case_id > MAX_ID:
        raise MalformedCursor("not a cursor")
    return Cursor(changed_at, case_id)
