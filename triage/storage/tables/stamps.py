"""The change stamp: one row whose version moves with every committed change the dashboard's
figures read (migration 0019's triggers write it, so no code path can forget it)."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

STAMP_ROW = 1  # the only row


class ChangeStamp(SQLModel, table=True):
    """Moved by the database at each commit that changes a case's keys or times, a deadline,
    a worker's name or an undeliverable message; read by processes that keep figures."""

    __tablename__ = "change_stamp"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)
