"""Helpers for the worker end-to-end tests: cases filed straight through the service, workers
without a Telegram account, the bot's answers to button presses, and rows to inspect."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from sqlmodel import SQLModel, col, select

from tests.e2e.harness import RunningApp, eventually
from tests.support.botapi_stub import BotApiStub
from triage.domain.age import ChildAge
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.intake.submit import submit_report
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T = TypeVar("T", bound=SQLModel)
PHONE = "+6281234567890"


async def file_case(
    app: RunningApp, reporter_chat_id: int, *, danger: bool = False, region: str = "31.74"
) -> str:
    """A report as the questionnaire would submit it (reporter agreed to be called)."""
    deps = app.deps
    facts = ReportFacts(
        categories=(Category.KEKERASAN_FISIK,),
        child_age=ChildAge.exact(7),
        immediate_danger=Answer.YES if danger else Answer.NO,
        description="Anak tetangga sering dipukul bapaknya sampai menangis tiap malam.",
        region_code=region,
    )
    details = ReportDetails("id", "Gang Mawar 3", None, None, None, None, (), PHONE, True, True)
    async with app.uow() as uow:
        submitted = await submit_report(uow.session, deps, facts, details, reporter_chat_id)
        await uow.commit()
    return submitted.reference


async def add_unbound_worker(
    uow: UnitOfWorkFactory, name: str, regions: list[str], role: str = "worker"
) -> int:
    """A worker the admin imported without a Telegram account (to be invited)."""
    now = datetime.now(UTC)
    async with uow() as unit:
        worker = Worker(name=name, role=role, region_codes=regions, created_at=now, updated_at=now)
        unit.session.add(worker)
        await unit.commit()
        assert worker.id is not None
        return worker.id


async def answer_to(stub: BotApiStub, query_id: str) -> tuple[str | None, bool]:
    """The bot's answer to a button press (text, shown as an alert), once it came."""

    async def answered() -> bool:
        return any(q == query_id for q, _text, _alert in stub.answered_callbacks)

    await eventually(answered)
    return next((text, alert) for q, text, alert in stub.answered_callbacks if q == query_id)


async def rows(uow: UnitOfWorkFactory, table: type[T]) -> list[T]:
    async with uow() as unit:
        query = select(table).order_by(col(table.id))  # type: ignore[attr-defined]
        return list((await unit.session.exec(query)).all())


async def active_assignment(uow: UnitOfWorkFactory, reference: str) -> Assignment:
    async with uow() as unit:
        query = (
            select(Assignment)
            .join(Report, col(Report.id) == col(Assignment.report_id))
            .where(col(Report.reference) == reference, col(Assignment.active))
        )
        return (await unit.session.exec(query)).one()


async def report_by_reference(uow: UnitOfWorkFactory, reference: str) -> Report:
    async with uow() as unit:
        query = select(Report).where(col(Report.reference) == reference)
        return (await unit.session.exec(query)).one()
