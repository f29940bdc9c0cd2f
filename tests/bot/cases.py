"""Cases and workers for the bot's handler tests, arranged through the services and rows (not
through a reporter's chat): workers as the admin adds them, a report as the questionnaire files it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from triage.domain.age import ChildAge
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.storage.tables import Assignment, Report, Worker

PHONE = "+6281234567890"
# A single past slap: SEDANG under the guideline (docs/triage.md), whatever the rules version.
STORY = "Anak tetangga pernah ditampar sekali oleh bapaknya."


async def add_worker(
    deps: TriageDeps,
    name: str,
    telegram_id: int | None,
    regions: list[str],
    role: str = "worker",
) -> int:
    """A worker record; `telegram_id` None: imported but not yet bound (to be invited)."""
    now = datetime.now(UTC)
    async with deps.uow() as unit:
        worker = Worker(
            name=name,
            telegram_user_id=telegram_id,
            role=role,
            region_codes=regions,
            created_at=now,
            updated_at=now,
        )
        unit.session.add(worker)
        await unit.commit()
        assert worker.id is not None
        return worker.id


async def file_case(
    deps: TriageDeps, reporter_chat_id: int, *, danger: bool = False, region: str = "31.74"
) -> str:
    """A report as the questionnaire submits it (the reporter agreed to be called); routed."""
    facts = ReportFacts(
        categories=(Category.KEKERASAN_FISIK,),
        child_age=ChildAge.exact(7),
        immediate_danger=Answer.YES if danger else Answer.NO,
        description=STORY,
        region_code=region,
    )
    details = ReportDetails("id", "Gang Mawar 3", None, None, None, None, (), PHONE, True, True)
    async with deps.uow() as unit:
        submitted = await submit_report(unit.session, deps, facts, details, reporter_chat_id)
        await unit.commit()
    return submitted.reference


async def active_assignment(deps: TriageDeps, reference: str) -> Assignment:
    """The case's current assignment."""
    async with deps.uow() as unit:
        query = (
            select(Assignment)
            .join(Report, col(Report.id) == col(Assignment.report_id))
            .where(col(Report.reference) == reference, col(Assignment.active))
        )
        return (await unit.session.exec(query)).one()


async def report_by_reference(deps: TriageDeps, reference: str) -> Report:
    async with deps.uow() as unit:
        query = select(Report).where(col(Report.reference) == reference)
        return (await unit.session.exec(query)).one()
