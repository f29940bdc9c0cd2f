"""keep the child's age band as chosen

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:00:00

Adds `report.age_band_lower` and `report.age_band_upper`: a band the reporter chose ("6–12
tahun"), both bounds or neither. `report.child_age` now holds only an age the reporter typed.

Existing rows: until now a chosen band was stored as its upper bound (0–5 as 5, 6–12 as 12,
13–17 as 17), so a stored 5, 12 or 17 cannot tell a typed age from a chosen band. Those rows
become the band: the band is true either way (a typed 12 is within 6–12), while keeping 12
would go on claiming an exact age that most reporters never gave (the buttons are the usual
answer). Every other age was typed and stays as it is. Stored urgencies and assessments are
not touched; scoring reads a band as its lower bound, which for these bands is never less
urgent than the upper bound the rows were scored with.

Downgrade puts a band back as its upper bound, as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BANDS = ((0, 5), (6, 12), (13, 17))  # the questionnaire's bands when this revision was made

report = sa.table(
    "report",
    sa.column("child_age", sa.Integer()),
    sa.column("age_band_lower", sa.Integer()),
    sa.column("age_band_upper", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("age_band_lower", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("age_band_upper", sa.Integer(), nullable=True))
    for lower, upper in BANDS:
        op.execute(
            report.update()
            .where(report.c.child_age == upper)
            .values(child_age=None, age_band_lower=lower, age_band_upper=upper)
        )


def downgrade() -> None:
    op.execute(
        report.update()
        .where(report.c.age_band_upper.is_not(None))
        .values(child_age=report.c.age_band_upper)
    )
    # recreate="never": SQLite (3.35+) drops a column in place; copying the table instead
    # would drop `report` itself, which the rows of other tables still point at.
    with op.batch_alter_table("report", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("age_band_upper")
        batch_op.drop_column("age_band_lower")
