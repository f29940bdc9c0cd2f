"""the change stamp: a version the database moves whenever the dashboard's figures may change

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-29 09:00:00

Adds `change_stamp`, one row (id 1, version 0), and triggers that add one to its version in
every transaction that changes what the dashboard reads:

- `report`: a row added or removed, or a change to its receipt time, urgency, status, place,
  holder, the times of its steps or its reference;
- `deadline`: a row added or removed, or a change to its case, kind, key, status or due time;
- `worker`: a row added or removed, or a new name;
- `outbox_message`: an undeliverable message added or removed, or a message becoming or
  ceasing to be undeliverable, or such a message's channel, case or failure time changed.

A process that keeps computed figures (`triage/services/dashboard/kept.py`) reads the version
on each view and computes again when it moved, so processes sharing one database see each
other's changes. Triggers rather than code: no write path, present or future, can forget it.

SQLite writes one transaction at a time: a row trigger adds one at each changed row.
PostgreSQL: a deferred constraint trigger, which runs at commit and adds one once per
transaction (a transaction-local setting marks it done): the row is locked only from there to
the end of the commit, so writers never wait on it while holding other rows (no deadlock), and
a bulk load writes it once.

Downgrade drops the triggers, the function and the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUMP = "UPDATE change_stamp SET version = version + 1 WHERE id = 1"
UNDELIVERABLE = "'undeliverable'"
# Per table: the columns the dashboard reads, and which rows added or removed count (None: all).
WATCHED: dict[str, tuple[tuple[str, ...], str | None]] = {
    "report": (
        (
            "received_at", "urgency", "status", "kabkota_code", "assigned_worker_id",
            "accepted_at", "first_contact_at", "closed_at", "reference",
        ),
        None,
    ),
    "deadline": (("report_id", "kind", "key", "status", "due_at"), None),
    "worker": (("name",), None),
    "outbox_message": (("status", "channel", "report_id", "failed_at"), "status"),
}  # fmt: skip


def _changed(columns: Sequence[str], differ: str) -> str:
    return " OR ".join(f'OLD."{c}" {differ} NEW."{c}"' for c in columns)


def _when(table: str, event: str, differ: str) -> str | None:
    """The trigger's condition: only the rows the figures can see change."""
    columns, flag = WATCHED[table]
    if event == "UPDATE":
        moved = _changed(columns, differ)
        if flag is None:
            return moved
        return f"({moved}) AND (OLD.{flag} = {UNDELIVERABLE} OR NEW.{flag} = {UNDELIVERABLE})"
    if flag is None:
        return None
    row = "NEW" if event == "INSERT" else "OLD"
    return f"{row}.{flag} = {UNDELIVERABLE}"


def _event(table: str, event: str) -> str:
    columns, _ = WATCHED[table]
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"UPDATE OF {quoted}" if event == "UPDATE" else event


EVENTS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_triggers() -> None:
    for table in WATCHED:
        for event in EVENTS:
            when = _when(table, event, "IS NOT")
            condition = f" WHEN {when}" if when else ""
            op.execute(
                f"CREATE TRIGGER change_stamp_{table}_{event.lower()} "
                f"AFTER {_event(table, event)} ON {table} FOR EACH ROW{condition} "
                f"BEGIN {BUMP}; END"
            )


PG_FUNCTION = f"""
CREATE FUNCTION change_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lapor.change_stamped', true) IS DISTINCT FROM 'on' THEN
        {BUMP};
        PERFORM set_config('lapor.change_stamped', 'on', true);
    END IF;
    RETURN NULL;
END
$$
"""


def _postgresql_triggers() -> None:
    op.execute(PG_FUNCTION)
    for table in WATCHED:
        for event in EVENTS:
            when = _when(table, event, "IS DISTINCT FROM")
            condition = f" WHEN ({when})" if when else ""
            op.execute(
                f"CREATE CONSTRAINT TRIGGER change_stamp_{table}_{event.lower()} "
                f"AFTER {_event(table, event)} ON {table} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW{condition} "
                "EXECUTE FUNCTION change_stamp_bump()"
            )


def upgrade() -> None:
    op.create_table(
        "change_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO change_stamp (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in WATCHED:
        for event in EVENTS:
            on = f" ON {table}" if postgresql else ""
            op.execute(f"DROP TRIGGER IF EXISTS change_stamp_{table}_{event.lower()}{on}")
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS change_stamp_bump()")
    op.drop_table("change_stamp")
