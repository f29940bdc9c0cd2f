"""encrypt the sensitive columns at rest (AES-GCM under the data keys)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-28 09:00:00

The story, the place (address, latitude, longitude), the reporter's phone, rating comment
and files, assessment reasons (they may quote the story), decline reasons, timeline event
data (notes, typed reasons), questionnaire drafts, outbox texts and webhook inbox payloads
become TEXT holding sealed values (triage/storage/encryption/cipher.py). Every existing value
is sealed in batches under the current data key, which `lapor-sosial migrate` (or `run`)
passes in from DATA_KEYS (development: var/data_key); a database with values to seal and no
key is refused.

PostgreSQL changes each column's type in place; SQLite cannot, so a new TEXT column takes the
sealed values, the old one is dropped and the new one renamed (no table copy: other tables'
rows point at `report`). `ix_report_phone_retention` is dropped and made again around it.

Downgrade opens every value with the same keys and restores the old types.
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from triage.storage.encryption.cipher import Keyring
from triage.storage.encryption.reseal import SealedColumn, open_sealed_values, seal_plain_values
from triage.storage.migrate import KEYRING

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PHONE_KEPT = sa.text("contact_phone IS NOT NULL")
NEW = "__sealed"

# (table, key, column, the type before, NOT NULL)
COLUMNS: tuple[tuple[str, str, str, sa.types.TypeEngine[object], bool], ...] = (
    ("report", "id", "description", sa.Text(), True),
    ("report", "id", "latitude", sa.Float(), False),
    ("report", "id", "longitude", sa.Float(), False),
    ("report", "id", "address", sa.String(length=500), False),
    ("report", "id", "evidence", sa.JSON(), True),
    ("report", "id", "contact_phone", sa.String(length=32), False),
    ("report", "id", "rating_comment", sa.String(length=1000), False),
    ("assessment", "id", "reasons", sa.JSON(), True),
    ("assignment", "id", "decline_reason", sa.String(length=500), False),
    ("case_event", "id", "data", sa.JSON(), True),
    ("draft", "chat_id", "answers", sa.JSON(), True),
    ("outbox_message", "id", "text", sa.Text(), True),
    ("inbox_update", "id", "payload", sa.JSON(), True),
)


def _keyring(connection: sa.engine.Connection) -> Keyring:
    keyring = op.get_context().config.attributes.get(KEYRING) if op.get_context().config else None
    if isinstance(keyring, Keyring):
        return keyring
    for table, _key, column, _old, _required in COLUMNS:
        query = sa.text(f"SELECT 1 FROM {table} WHERE {column} IS NOT NULL LIMIT 1")  # noqa: S608
        if connection.execute(query).first() is not None:
            raise RuntimeError(
                "revision 0014 encrypts the stored reports and needs the data keys: run "
                "`lapor-sosial migrate` with DATA_KEYS set (development: var/data_key)"
            )
    return Keyring.of("none", {"none": "no values to seal, so no key is used"})


def _as_text(value: object) -> str:
    """A stored plain value as the text its sealed form holds (a float by its repr; SQLite
    gives JSON as its text already, PostgreSQL after the type change too)."""
    return repr(value) if isinstance(value, float) else str(value)


def upgrade() -> None:
    connection = op.get_bind()
    keyring = _keyring(connection)
    sqlite = connection.dialect.name == "sqlite"
    op.drop_index("ix_report_phone_retention", table_name="report")
    for table, key, column, old, required in COLUMNS:
        spec = SealedColumn(table, key, column)
        if not sqlite:
            if not isinstance(old, sa.Text):
                op.execute(
                    f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE TEXT USING "{column}"::text'
                )
            seal_plain_values(connection, spec, keyring, as_text=_as_text)
        elif isinstance(old, sa.Text):
            seal_plain_values(connection, spec, keyring, as_text=_as_text)
        else:
            _swap_sqlite(
                spec,
                sa.Text(),
                required,
                lambda column, target: seal_plain_values(
                    connection, column, keyring, target=target, as_text=_as_text
                ),
            )
    _phone_index()


def downgrade() -> None:
    connection = op.get_bind()
    keyring = _keyring(connection)
    sqlite = connection.dialect.name == "sqlite"
    op.drop_index("ix_report_phone_retention", table_name="report")
    for table, key, column, old, required in COLUMNS:
        spec = SealedColumn(table, key, column)
        if isinstance(old, sa.Text):
            open_sealed_values(connection, spec, keyring)
        elif not sqlite:
            open_sealed_values(connection, spec, keyring)
            kind = old.compile(dialect=connection.dialect)
            op.execute(
                f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE {kind} USING "{column}"::{kind}'
            )
        else:
            _swap_sqlite(
                spec,
                old,
                required,
                lambda column, target: open_sealed_values(
                    connection, column, keyring, target=target
                ),
            )
    _phone_index()


def _swap_sqlite(
    spec: SealedColumn,
    kind: sa.types.TypeEngine[object],
    required: bool,
    fill: Callable[[SealedColumn, str], int],
) -> None:
    """A new column of `kind` filled by `fill`, in place of the old one (SQLite ≥ 3.35)."""
    temporary = spec.column + NEW
    with op.batch_alter_table(spec.table, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                temporary,
                kind,
                nullable=not required,
                server_default=sa.text("''") if required else None,
            )
        )
    fill(spec, temporary)
    op.execute(f'ALTER TABLE {spec.table} DROP COLUMN "{spec.column}"')
    op.execute(f'ALTER TABLE {spec.table} RENAME COLUMN "{temporary}" TO "{spec.column}"')


def _phone_index() -> None:
    op.create_index(
        "ix_report_phone_retention",
        "report",
        ["closed_at"],
        sqlite_where=PHONE_KEPT,
        postgresql_where=PHONE_KEPT,
    )
