"""why an outbox message is undeliverable, and since when

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-20 09:00:00

Adds `outbox_message.failure` (blocked, deactivated, chat_not_found, refused or
too_many_attempts) and `outbox_message.failed_at`. Rows already undeliverable were all
refused with a 403 (the only permanent failure before): they get `forbidden`-like
`refused`, `failed_at` from their creation time, and their text dropped, as new ones are.

Downgrade drops both columns (the dropped texts stay dropped).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failure", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True)
        )
        batch_op.add_column(
            sa.Column("failed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    op.execute(
        "UPDATE outbox_message SET failure = 'refused', failed_at = created_at, text = '',"
        " reply_markup = NULL WHERE status = 'undeliverable'"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("failed_at")
        batch_op.drop_column("failure")
