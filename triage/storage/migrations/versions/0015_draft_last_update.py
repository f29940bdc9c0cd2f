"""the last Telegram update applied to a draft, and the one that submitted a report

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-20 09:00:00

Adds `draft.last_update_id` (NULL for drafts begun before this revision): the update_id of
the last update that changed the draft, written in the same transaction as the change. An
update processed a second time (its process died after the change and before the inbox row
was marked processed; another process takes it over) is then recognised: the last one
shows the current question again, an older one changes nothing.

Adds `report.intake_update_id` (NULL before this revision): the update that submitted the
report, so a submit processed a second time answers with the report's reference.

Downgrade drops both columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("draft") as batch:
        batch.add_column(sa.Column("last_update_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("report") as batch:
        batch.add_column(sa.Column("intake_update_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # recreate="never": copying `report` instead would drop it, which the rows of other tables
    # still point at (and trip over its computed columns).
    with op.batch_alter_table("report", recreate="never") as batch:
        batch.drop_column("intake_update_id")
    with op.batch_alter_table("draft") as batch:
        batch.drop_column("last_update_id")
