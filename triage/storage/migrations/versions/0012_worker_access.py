"""invites that expire, who redeemed them, and accounts whose worker access ended

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-16 09:00:00

Adds to `worker`:
- `invite_expires_at`: when the open invite stops working. An invite made before this
  revision counts from the worker row's last change (`updated_at`, set when the invite was
  made) plus 72 hours, the default INVITE_TTL_HOURS.
- `invite_redeemed_at`, `invite_redeemed_username`: when the invite that made the current
  Telegram binding was redeemed, and the @username Telegram gave then (NULL without one);
  both NULL for a binding made by the CSV import. Shown to staff who may manage the worker.
- `ended_telegram_user_id` (indexed): the Telegram account whose access ended by
  deactivation, unbinding or a move to another account, so the bot answers it "your access
  has ended" instead of treating it as a stranger.

Downgrade drops the four columns and the index.
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_INVITES_LAST = timedelta(hours=72)


def upgrade() -> None:
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invite_expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("invite_redeemed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "invite_redeemed_username",
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("ended_telegram_user_id", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            "ix_worker_ended_telegram_user_id", ["ended_telegram_user_id"], unique=False
        )
    _expire_open_invites()


def _expire_open_invites() -> None:
    """Open invites made before expiry existed get the default lifetime from their making."""
    worker = sa.table(
        "worker",
        sa.column("id", sa.Integer()),
        sa.column("invite_code_hash", sa.String()),
        sa.column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("invite_expires_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    bind = op.get_bind()
    open_invites = bind.execute(
        sa.select(worker.c.id, worker.c.updated_at).where(worker.c.invite_code_hash.is_not(None))
    ).all()
    for worker_id, made_at in open_invites:
        bind.execute(
            worker.update()
            .where(worker.c.id == worker_id)
            .values(invite_expires_at=made_at + OLD_INVITES_LAST)
        )


def downgrade() -> None:
    # recreate="never": copying `worker` would drop the table the reports point at.
    with op.batch_alter_table("worker", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_worker_ended_telegram_user_id")
        batch_op.drop_column("ended_telegram_user_id")
        batch_op.drop_column("invite_redeemed_username")
        batch_op.drop_column("invite_redeemed_at")
        batch_op.drop_column("invite_expires_at")
