"""partner systems: API tokens, webhooks, and webhook deliveries in the outbox

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-28 09:00:00

Adds `partner`: one bearer token per partner system (only its SHA-256 hash), its scopes and
regions, expiry, revocation, the rate limit's current window, and an optional webhook URL
with its signing secret (sealed: `partner.webhook_secret`).

`outbox_message` gains `channel` (`telegram` for every existing row, or `webhook`) and
`partner_id`; `chat_id` may be NULL (a webhook delivery has no chat). The partner API's
cases feed pages by `report.last_event_at, report.id` (index `ix_report_changed`); a report
without `last_event_at` (none is made so, but old data may hold one) gets its receipt time.

Downgrade drops the webhook deliveries, the columns, the index and the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("rate_window_started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("rate_window_calls", sa.Integer(), nullable=False),
        sa.Column("webhook_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("webhook_secret", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(
            sa.Column(
                "channel",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="telegram",
            )
        )
        batch.add_column(sa.Column("partner_id", sa.Integer(), nullable=True))
        batch.alter_column("chat_id", existing_type=sa.BigInteger(), nullable=True)
        batch.create_foreign_key(
            "fk_outbox_message_partner_id_partner", "partner", ["partner_id"], ["id"]
        )
        batch.create_index("ix_outbox_message_partner_id", ["partner_id"], unique=False)
    op.execute("UPDATE report SET last_event_at = received_at WHERE last_event_at IS NULL")
    op.create_index("ix_report_changed", "report", ["last_event_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_report_changed", table_name="report")
    op.execute("DELETE FROM outbox_message WHERE channel <> 'telegram'")
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_index("ix_outbox_message_partner_id")
        batch.drop_constraint("fk_outbox_message_partner_id_partner", type_="foreignkey")
        batch.alter_column("chat_id", existing_type=sa.BigInteger(), nullable=False)
        batch.drop_column("partner_id")
        batch.drop_column("channel")
    op.drop_table("partner")
