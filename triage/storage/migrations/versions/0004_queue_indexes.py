"""sort keys and indexes for the staff queue

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-14 09:00:00

The queue sorts by urgency and status in their domain order, not alphabetically. Ordering
by CASE expressions made the database sort every matching row on every page; instead the
database now keeps three computed columns (`urgency_rank`, `status_rank`, and `queue_rank`:
open before closed, then most urgent) and the queue seeks through an index per sort order,
each ending in the tie-breaks received_at DESC, id DESC. Computed columns are VIRTUAL on
SQLite (added in place) and STORED on PostgreSQL (filled for existing rows by the ALTER).

Also: `ix_report_region_key` (the kabupaten/kota code, an unknown one as '') and
`ix_report_received_id`; `ix_deadline_report_kind` for "overdue now" (a breach deadline per
case).

Downgrade drops the indexes and the columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the expressions in triage/storage/tables/cases.py at this revision.
URGENCY_RANK = (
    "CASE urgency WHEN 'DARURAT' THEN 0 WHEN 'TINGGI' THEN 1 WHEN 'SEDANG' THEN 2"
    " WHEN 'RENDAH' THEN 3 ELSE 4 END"
)
STATUS_RANK = (
    "CASE status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 WHEN 'accepted' THEN 2"
    " WHEN 'contacted' THEN 3 WHEN 'visited' THEN 4 WHEN 'referred' THEN 5"
    " WHEN 'closed' THEN 6 ELSE 7 END"
)
QUEUE_RANK = f"CASE WHEN status = 'closed' THEN 10 ELSE 0 END + {URGENCY_RANK}"
COLUMNS = (("urgency_rank", URGENCY_RANK), ("status_rank", STATUS_RANK), ("queue_rank", QUEUE_RANK))
NEWEST = (sa.text("received_at DESC"), sa.text("id DESC"))


def upgrade() -> None:
    # SQLite adds only VIRTUAL computed columns in place; PostgreSQL indexes only STORED ones.
    stored = True if op.get_bind().dialect.name == "postgresql" else None
    with op.batch_alter_table("report", schema=None) as batch_op:
        for name, expression in COLUMNS:
            computed = sa.Computed(expression, persisted=stored)
            batch_op.add_column(sa.Column(name, sa.Integer(), computed))
    for name, _ in COLUMNS:
        op.create_index(f"ix_report_{name}", "report", [sa.column(name), *NEWEST])
    op.create_index(
        "ix_report_region_key", "report", [sa.text("coalesce(kabkota_code, '')"), *NEWEST]
    )
    op.create_index("ix_report_received_id", "report", ["received_at", "id"])
    op.create_index("ix_deadline_report_kind", "deadline", ["report_id", "kind", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_deadline_report_kind", table_name="deadline")
    op.drop_index("ix_report_received_id", table_name="report")
    op.drop_index("ix_report_region_key", table_name="report")
    for name, _ in reversed(COLUMNS):
        op.drop_index(f"ix_report_{name}", table_name="report")
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `report` itself, which the rows of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
