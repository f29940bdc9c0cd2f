"""remember when a closed case was anonymised, and find due cases by closing time

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-20 09:00:00

Adds `report.anonymised_at`: when the daily retention run cleared the case's personal
details (triage/domain/retention.py); NULL for every existing case, which the next run
anonymises if it closed long enough ago. `ix_report_retention` indexes `closed_at` over the
cases not yet anonymised and `ix_report_phone_retention` over the cases that still keep a
phone number (partial indexes), so each step reads only the cases still to do.

Downgrade drops the indexes and the column (the cleared details do not come back).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_ANONYMISED = sa.text("anonymised_at IS NULL")
PHONE_KEPT = sa.text("contact_phone IS NOT NULL")


def upgrade() -> None:
    # recreate="never": a nullable column is added in place on SQLite too.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("anonymised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    op.create_index(
        "ix_report_retention",
        "report",
        ["closed_at"],
        sqlite_where=NOT_ANONYMISED,
        postgresql_where=NOT_ANONYMISED,
    )
    op.create_index(
        "ix_report_phone_retention",
        "report",
        ["closed_at"],
        sqlite_where=PHONE_KEPT,
        postgresql_where=PHONE_KEPT,
    )


def downgrade() -> None:
    op.drop_index("ix_report_phone_retention", table_name="report")
    op.drop_index("ix_report_retention", table_name="report")
    # recreate="never": copying the table instead would drop `report` itself, which the rows
    # of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("anonymised_at")
