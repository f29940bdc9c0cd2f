"""Column helpers shared by the tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field


def json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON)


def json_dict() -> Any:
    return Field(default_factory=dict, sa_type=JSON)
