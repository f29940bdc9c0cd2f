"""`lapor-sosial keys rotate|status`: re-seal every encrypted value under the current data key.

Each batch is one short transaction over one column (values still sealed under an older key,
in key order), so a rotation may stop at any point and the next run goes on from there;
every run is audited with how many values it moved. The keys come with the engine (the
one the process was wired with), never as arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.storage.encryption.cipher import Keyring
from triage.storage.encryption.columns import keyring_of
from triage.storage.encryption.reseal import (
    DEFAULT_BATCH,
    SealedColumn,
    count_stale,
    rotate_batch,
    sealed_columns,
)
from triage.storage.tables import SQLModel
from triage.storage.uow import UnitOfWork

ACTION = "data_keys_rotated"
Progress = Callable[[str, int], None]  # (table.column, values re-sealed so far in it)


@dataclass(frozen=True, slots=True)
class ColumnState:
    column: str  # table.column
    waiting: int  # values sealed under an older key


@dataclass(frozen=True, slots=True)
class KeyStatus:
    current: str
    known: tuple[str, ...]
    columns: tuple[ColumnState, ...]

    @property
    def waiting(self) -> int:
        return sum(state.waiting for state in self.columns)


def encrypted_columns() -> tuple[SealedColumn, ...]:
    return sealed_columns(SQLModel.metadata)


async def key_status(deps: TriageDeps) -> KeyStatus:
    """The current key id, the ids that may open, and what waits in each column."""
    async with deps.uow() as uow:
        keyring = keyring_of(uow.session.get_bind().dialect)
        states = [
            ColumnState(spec.context, await _count(uow, spec, keyring))
            for spec in encrypted_columns()
        ]
    return KeyStatus(keyring.current, keyring.ids, tuple(states))


async def rotate_keys(
    deps: TriageDeps, actor: str, *, batch: int = DEFAULT_BATCH, progress: Progress | None = None
) -> int:
    """Re-seal every value not under the current key; how many this run moved (audited,
    also when it is interrupted)."""
    moved = 0
    complete = False
    try:
        for spec in encrypted_columns():
            in_column = 0
            while changed := await _one_batch(deps, spec, batch):
                in_column += changed
                if progress is not None:
                    progress(spec.context, in_column)
            moved += in_column
        complete = True
    finally:
        async with deps.uow() as uow:
            current = keyring_of(uow.session.get_bind().dialect).current
            audit(uow.session, actor, ACTION, deps.clock(), key_id=current, values=moved,
                  complete=complete)  # fmt: skip
            await uow.commit()
    return moved


async def _count(uow: UnitOfWork, spec: SealedColumn, keyring: Keyring) -> int:
    return await uow.session.run_sync(
        lambda session: count_stale(session.connection(), spec, keyring)
    )


async def _one_batch(deps: TriageDeps, spec: SealedColumn, batch: int) -> int:
    async with deps.uow() as uow:
        changed = await _reseal(uow, spec, batch)
        await uow.commit()
    return changed


async def _reseal(uow: UnitOfWork, spec: SealedColumn, batch: int) -> int:
    keyring = keyring_of(uow.session.get_bind().dialect)
    return await uow.session.run_sync(
        lambda session: rotate_batch(session.connection(), spec, keyring, batch)
    )
