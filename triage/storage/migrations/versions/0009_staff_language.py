"""remember each staff member's language for the admin view

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-15 09:00:00

Adds `staff_user.language`: the language the person chose for the admin view ("id", "en"),
so the same account sees it on every browser and phone. Existing accounts never chose one
and stay NULL (the browser's cookie, then the default, decide until they do).

Downgrade drops the column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )


def downgrade() -> None:
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `staff_user` itself, which the sessions still point at.
    with op.batch_alter_table("staff_user", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("language")
