"""the directory of services, and cases' referrals to them

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-27 09:00:00

Adds `service` (the directory: name, type, the region codes served, public contact details,
opening hours, what it offers, when it was last verified, active) and `referral` (a case
referred to a service, or to one the worker typed, with its status sent → accepted →
completed or declined; `typed_service` and `decline_note` hold typed words, sealed).
`ix_referral_status_updated` lets the reminder sweep read only the open referrals.

Downgrade drops both tables (the referrals' timeline events stay).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString
_time = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _text(length=200), nullable=False),
        sa.Column("type", _text(length=24), nullable=False),
        sa.Column("region_codes", sa.JSON(), nullable=False),
        sa.Column("address", _text(length=300), nullable=True),
        sa.Column("phone", _text(length=32), nullable=True),
        sa.Column("whatsapp", _text(length=32), nullable=True),
        sa.Column("hours", _text(length=200), nullable=True),
        sa.Column("offers", _text(length=500), nullable=True),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", _time(), nullable=False),
        sa.Column("updated_at", _time(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_type_name", "service", ["type", "name"], unique=False)
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("service_type", _text(length=24), nullable=False),
        sa.Column("typed_service", sa.Text(), nullable=True),
        sa.Column("status", _text(length=16), nullable=False),
        sa.Column("decline_note", sa.Text(), nullable=True),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _time(), nullable=False),
        sa.Column("updated_at", _time(), nullable=False),
        sa.Column("reminded_at", _time(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"]),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"]),
        sa.ForeignKeyConstraint(["worker_id"], ["worker.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_referral_report_id", "referral", ["report_id"], unique=False)
    op.create_index("ix_referral_service_id", "referral", ["service_id"], unique=False)
    op.create_index(
        "ix_referral_status_updated", "referral", ["status", "updated_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_referral_status_updated", table_name="referral")
    op.drop_index("ix_referral_service_id", table_name="referral")
    op.drop_index("ix_referral_report_id", table_name="referral")
    op.drop_table("referral")
    op.drop_index("ix_service_type_name", table_name="service")
    op.drop_table("service")
