"""deactivate workers from the admin view

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-14 09:00:00

Adds `worker.active` (true for every existing worker), `worker.deactivated_at` and
`worker.deactivation_reason`. A deactivated worker stays for the case history; routing, the
bot and the CSV import pass them by.

Downgrade drops the three columns (deactivated workers would count as active again).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("deactivated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "deactivation_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True
            )
        )


def downgrade() -> None:
    # recreate="never": copying `worker` would drop the table the reports point at.
    with op.batch_alter_table("worker", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("deactivation_reason")
        batch_op.drop_column("deactivated_at")
        batch_op.drop_column("active")
