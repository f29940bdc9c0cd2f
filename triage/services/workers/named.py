"""Finding the worker a console command names: an id ("12", "#12"), or a name that may be
shared or misspelt, so the caller can list the candidates instead of guessing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.workers.fields import name_key
from triage.storage.tables import Worker

MAX_SIMILAR = 10


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str
    role: str
    region_codes: tuple[str, ...]
    active: bool


@dataclass(frozen=True, slots=True)
class NameMatch:
    """`exact`: the worker with this id (active or not), or the active workers with this name
    (case and spaces aside). When none is exact, `similar`: active workers whose name holds
    the text, to suggest."""

    exact: tuple[Candidate, ...]
    similar: tuple[Candidate, ...] = ()

    @property
    def one(self) -> Candidate | None:
        return self.exact[0] if len(self.exact) == 1 else None


def _candidate(worker: Worker) -> Candidate:
    assert worker.id is not None
    return Candidate(worker.id, worker.name, worker.role, tuple(worker.region_codes), worker.active)


async def workers_named(deps: TriageDeps, name_or_id: str) -> NameMatch:
    text = name_or_id.strip().removeprefix("#")
    async with deps.uow() as uow:
        if text.isascii() and text.isdigit():
            worker = await uow.session.get(Worker, int(text)) if len(text) <= 18 else None
            return NameMatch(() if worker is None else (_candidate(worker),))
        query = select(Worker).where(col(Worker.active).is_(True)).order_by(col(Worker.id))
        active = (await uow.session.exec(query)).all()
    key = name_key(text)
    exact = tuple(_candidate(w) for w in active if name_key(w.name) == key)
    if exact or not key:
        return NameMatch(exact)
    similar = [_candidate(w) for w in active if key in name_key(w.name)]
    return NameMatch((), tuple(similar[:MAX_SIMILAR]))
