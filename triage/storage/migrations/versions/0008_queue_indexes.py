"""sort keys and indexes for the staff queue

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-14 09:00:00

The queue sorts by urgency and status in their domain order, not alphabetically. Ordering
by CASE expressions made the database sort every matching row on every page; instead the
database now keeps three computed columns (`urgency_rank`, `status_rank`, and `queue_rank`:
open before closed, then most urgent) and the queue seeks through an index per order, each
ending in the tie-breaks received_at DESC, id DESC:

- `ix_report_queue_rank` (the default order; it also holds `accepted_at` and
  `first_contact_at`, so "overdue now" is counted from the index alone),
  `ix_report_urgency_rank`, `ix_report_status_rank`;
- `ix_report_region_key` on `coalesce(kabkota_code, '')` (an unknown region first);
- `ix_report_kabkota_queue` (one kabupaten/kota in the default order);
- `ix_report_worker_newest` (a worker's cases, and the unassigned ones, newest first) with
  `ix_worker_name` (the worker order walks the workers by name);
- `ix_report_worker_queue` (one worker's, or the unassigned, cases in the default order);
- `ix_report_received_id` (received time, then id);
- the category filter looks into the JSON list `categories`: on SQLite an index of the
  lists (`ix_report_categories`, scanned instead of the wide table), on PostgreSQL a GIN
  index on the list as jsonb (`ix_report_categories_gin`).

Computed columns are VIRTUAL on SQLite (the only kind it adds in place) and STORED on
PostgreSQL (the only kind it indexes), filled for existing rows by the ALTER.

Downgrade drops the indexes and the columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
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
REPORT_INDEXES = {
    "ix_report_queue_rank": ["queue_rank", *NEWEST, "accepted_at", "first_contact_at"],
    "ix_report_urgency_rank": ["urgency_rank", *NEWEST],
    "ix_report_status_rank": ["status_rank", *NEWEST],
    "ix_report_region_key": [sa.text("coalesce(kabkota_code, '')"), *NEWEST],
    "ix_report_kabkota_queue": ["kabkota_code", "queue_rank", *NEWEST],
    "ix_report_worker_newest": ["assigned_worker_id", *NEWEST],
    "ix_report_worker_queue": ["assigned_worker_id", "queue_rank", *NEWEST],
    "ix_report_received_id": ["received_at", "id"],
}


def upgrade() -> None:
    # SQLite adds only VIRTUAL computed columns in place; PostgreSQL indexes only STORED ones.
    postgresql = op.get_bind().dialect.name == "postgresql"
    stored = True if postgresql else None
    with op.batch_alter_table("report", schema=None) as batch_op:
        for name, expression in COLUMNS:
            computed = sa.Computed(expression, persisted=stored)
            batch_op.add_column(sa.Column(name, sa.Integer(), computed))
    for index, columns in REPORT_INDEXES.items():
        op.create_index(index, "report", columns)
    op.create_index("ix_worker_name", "worker", ["name", "id"])
    if postgresql:
        op.create_index(
            "ix_report_categories_gin",
            "report",
            [sa.text("(categories::jsonb)")],
            postgresql_using="gin",
        )
    else:
        op.create_index("ix_report_categories", "report", ["categories"])


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    categories = "ix_report_categories_gin" if postgresql else "ix_report_categories"
    op.drop_index(categories, table_name="report")
    op.drop_index("ix_worker_name", table_name="worker")
    for index in reversed(REPORT_INDEXES):
        op.drop_index(index, table_name="report")
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `report` itself, which the rows of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
