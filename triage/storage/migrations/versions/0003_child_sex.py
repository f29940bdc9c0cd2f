"""keep the child's sex as the reporter gave it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 09:00:00

Adds `report.child_sex`: "female", "male", or NULL when unknown. The questionnaire asks it on
the age question; existing rows were never asked and stay NULL (unknown).

Downgrade drops the column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("child_sex", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )


def downgrade() -> None:
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `report` itself, which the rows of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("child_sex")
