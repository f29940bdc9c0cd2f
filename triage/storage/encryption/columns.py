"""Column types that seal a value on its way into the database and open it on the way out,
so services read and write plain Python values.

The keyring belongs to the engine (`attach_keyring`, done by `create_engine`): every value
bound or read through it uses that engine's keys. A value of these columns is never compared
or sorted in SQL: searches and filters use references and structured columns.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.types import TypeDecorator

from triage.storage.encryption.cipher import Keyring

KEYRING_ATTRIBUTE = "lapor_sosial_keyring"


class DataKeyMissingError(RuntimeError):
    """A sealed column was used through an engine that has no keyring."""


def attach_keyring(engine: AsyncEngine, keyring: Keyring) -> None:
    setattr(engine.sync_engine.dialect, KEYRING_ATTRIBUTE, keyring)


def keyring_of(dialect: Dialect) -> Keyring:
    keyring = getattr(dialect, KEYRING_ATTRIBUTE, None)
    if not isinstance(keyring, Keyring):
        raise DataKeyMissingError(
            "this database engine has no data keys: create it with create_engine(url, "
            "keyring=...) (the app does so from DATA_KEYS)"
        )
    return keyring


class Sealed(TypeDecorator[Any]):
    """Stored as TEXT, sealed; `context` names the column (`table.column`) and is bound into
    each value, so values cannot be swapped between columns."""

    impl = Text
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def to_text(self, value: Any) -> str:
        raise NotImplementedError

    def from_text(self, text: str) -> Any:
        raise NotImplementedError

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return keyring_of(dialect).seal(self.to_text(value), self.context)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.from_text(keyring_of(dialect).open(value, self.context))


class SealedText(Sealed):
    cache_ok = True

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text


class SealedJSON(Sealed):
    """A JSON document (dict or list), sealed as its JSON text."""

    cache_ok = True

    def to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def from_text(self, text: str) -> Any:
        return json.loads(text)


class SealedFloat(Sealed):
    """A number (a coordinate), sealed as its decimal text."""

    cache_ok = True

    def to_text(self, value: Any) -> str:
        return repr(float(value))

    def from_text(self, text: str) -> Any:
        return float(text)
