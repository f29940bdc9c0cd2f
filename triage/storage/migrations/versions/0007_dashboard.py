"""indexes for the dashboard and the case map

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 09:00:00

Two covering indexes, so that the dashboard's two queries read an index and nothing else:

- `ix_report_period` on report (received_at, then every column the dashboard reads: urgency,
  status, kabkota_code, assigned_worker_id, accepted_at, first_contact_at, closed_at, id):
  a period's cases come from one range of it.
- `ix_deadline_first_step` on deadline (report_id, kind, status, due_at, key), partial: only
  the rows whose key ends in ":l1" (the first step of a breach, the target itself; not the
  reminders, nor the later escalation steps), about three rows per case of the eight.

No data changes. Downgrade drops both.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIRST_STEP_KEYS = "\"key\" LIKE '%\\:l1'"  # the backslash: `:l1` is no parameter
PERIOD_COLUMNS = [
    "received_at", "urgency", "status", "kabkota_code", "assigned_worker_id",
    "accepted_at", "first_contact_at", "closed_at", "id",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_report_period", "report", PERIOD_COLUMNS, unique=False)
    op.create_index(
        "ix_deadline_first_step",
        "deadline",
        ["report_id", "kind", "status", "due_at", "key"],
        unique=False,
        sqlite_where=text(FIRST_STEP_KEYS),
        postgresql_where=text(FIRST_STEP_KEYS),
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_first_step", table_name="deadline")
    op.drop_index("ix_report_period", table_name="report")
