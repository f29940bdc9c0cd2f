"""the inbox of updates received by webhook

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-20 09:00:00

Adds `inbox_update`: every update Telegram posts to the webhook is written here before
Telegram is answered, then processed; one row per `update_id` (unique), so a redelivered
update is ignored. `status` is pending, processed, failed or abandoned; `attempts` counts
processings; `claimed_by` and `claimed_until` lease a row to the process working on it.
`ix_inbox_update_waiting` (status, update_id) finds what is left to process in order;
`processed_at` is indexed for the retention sweep. `payload` is the update as Telegram sent
it, personal data: never logged, deleted some days after processing.

Downgrade drops the table (updates not yet processed are lost with it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("processed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("claimed_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("update_id"),
    )
    with op.batch_alter_table("inbox_update", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_update_waiting", ["status", "update_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_inbox_update_processed_at"), ["processed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("inbox_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_update_processed_at"))
        batch_op.drop_index("ix_inbox_update_waiting")
    op.drop_table("inbox_update")
