"""an index of the open cases, for the dashboard's and the map's counts of open cases now

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-22 09:00:00

`ix_report_open` on report (urgency, status, kabkota_code, assigned_worker_id), partial: only
the open cases (every status but closed). The dashboard counts the open cases now by those
four keys, and the map by kabupaten/kota; with a million reports, most of them closed, that
read every row of the table, and now reads this index alone, already in the dashboard's
grouping order. The queries name the open statuses as literals (`OPEN_CASES` in
triage/storage/tables/cases.py) so that SQLite, which does not look into bound parameters
when it plans, sees that the index covers them.

No data changes. Downgrade drops the index.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of OPEN_CASES at this revision: the statuses of PROGRESS, sorted.
OPEN_CASES = "status IN ('accepted', 'assigned', 'contacted', 'new', 'referred', 'visited')"


def upgrade() -> None:
    op.create_index(
        "ix_report_open",
        "report",
        ["urgency", "status", "kabkota_code", "assigned_worker_id"],
        unique=False,
        sqlite_where=text(OPEN_CASES),
        postgresql_where=text(OPEN_CASES),
    )


def downgrade() -> None:
    op.drop_index("ix_report_open", table_name="report")
