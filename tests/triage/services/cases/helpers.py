"""Arrange helpers for the case use-case tests: five staff in two kabupaten/kota, a movable
clock, a submitted case and readers of the stored rows. The `world` fixture is in conftest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from sqlmodel import SQLModel, col, select

from tests.support.deps import Clock, make_deps
from triage.domain.age import ChildAge
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.storage.tables import Assignment, CaseEvent, Deadline, Report
from triage.storage.tables import Worker as WorkerRow
from triage.storage.uow import UnitOfWorkFactory

T = TypeVar("T", bound=SQLModel)
START = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
SARI, BUDI, RINA, PROV, EKA = 1001, 1002, 1003, 1004, 1005  # Telegram ids
REPORTER_CHAT = 9001
STAFF = [
    (SARI, "Sari", "worker", ["31.74"]),
    (BUDI, "Budi", "worker", ["31.74"]),
    (RINA, "Rina", "supervisor", ["31.74"]),
    (PROV, "Pak Prov", "supervisor", ["31"]),
    (EKA, "Eka", "worker", ["32.73"]),
]


@dataclass
class World:
    deps: TriageDeps
    clock: Clock
    ids: dict[int, int] = field(default_factory=dict)  # telegram id -> worker id


async def make_world(uow_factory: UnitOfWorkFactory) -> World:
    """Sari and Budi (workers) and Rina (supervisor) in Jakarta Selatan, Pak Prov over DKI
    Jakarta, Eka (worker) in Kota Bandung; the clock stands at START."""
    clock = Clock(START)
    deps = make_deps(uow_factory, clock=clock)
    ids = {}
    async with uow_factory() as uow:
        for telegram_id, name, role, regions in STAFF:
            row = WorkerRow(
                name=name,
                telegram_user_id=telegram_id,
                role=role,
                region_codes=regions,
                created_at=START,
                updated_at=START,
            )
            uow.session.add(row)
            await uow.session.flush()
            assert row.id is not None
            ids[telegram_id] = row.id
        await uow.commit()
    return World(deps, clock, ids)


async def new_case(world: World, *, notify: bool = True, danger: bool = False) -> int:
    """A physical-violence report in Jakarta Selatan (SEDANG, or DARURAT with `danger`);
    returns its first assignment id."""
    facts = ReportFacts(
        categories=(Category.KEKERASAN_FISIK,),
        child_age=ChildAge.exact(7),
        immediate_danger=Answer.YES if danger else Answer.NO,
        # one past slap, nothing repeated or ongoing: SEDANG under the guideline
        description="Anak tetangga pernah ditampar sekali.",
        region_code="31.74",
    )
    details = ReportDetails("id", None, None, None, None, None, (), "+6281234567890", True, notify)
    async with world.deps.uow() as uow:
        submitted = await submit_report(uow.session, world.deps, facts, details, REPORTER_CHAT)
        await uow.commit()
    reports = {r.id: r.reference for r in await rows(world, Report)}
    assignments = await rows(world, Assignment)
    found = [a.id for a in assignments if reports[a.report_id] == submitted.reference]
    assert found[0] is not None
    return found[0]


async def rows(world: World, table: type[T]) -> list[T]:
    async with world.deps.uow() as uow:
        found = (await uow.session.exec(select(table).order_by(col(table.id)))).all()  # type: ignore[attr-defined]
        return list(found)


async def kinds(world: World) -> list[str]:
    return [e.kind for e in await rows(world, CaseEvent)]


async def deadline_states(world: World) -> dict[str, str]:
    return {d.key.split(":", 1)[1]: d.status for d in await rows(world, Deadline)}
