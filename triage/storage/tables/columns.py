"""Column helpers shared by the tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from triage.storage.encryption.columns import SealedFloat, SealedJSON, SealedText


def json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON)


def json_dict() -> Any:
    return Field(default_factory=dict, sa_type=JSON)


def sealed_text(context: str, *, nullable: bool = True) -> Any:
    """Text encrypted at rest (triage/storage/encryption): `context` is `table.column`."""
    if nullable:
        return Field(default=None, sa_type=SealedText(context))
    return Field(default="", sa_column=Column(SealedText(context), nullable=False))


def sealed_float(context: str) -> Any:
    return Field(default=None, sa_type=SealedFloat(context))


def sealed_json_dict(context: str) -> Any:
    return Field(default_factory=dict, sa_column=Column(SealedJSON(context), nullable=False))


def sealed_json_list(context: str) -> Any:
    return Field(default_factory=list, sa_column=Column(SealedJSON(context), nullable=False))
