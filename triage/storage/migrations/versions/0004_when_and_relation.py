"""keep when it happened and who the reporter is to the child

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 10:00:00

The questionnaire has always asked both, but they were not stored. Adds `report.happened`
("now", "today", "week", "earlier"; NULL when not known) and `report.reporter_relation`
("family", "neighbour", "school", "self", "other"; NULL when not known). Existing rows stay
NULL. Downgrade drops both columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("happened", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "reporter_relation", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True
            )
        )


def downgrade() -> None:
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `report` itself, which the rows of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("reporter_relation")
        batch_op.drop_column("happened")
