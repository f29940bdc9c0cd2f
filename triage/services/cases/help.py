"""A worker asks for help: the supervisors over the case's kabupaten/kota, else its province."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select

from triage.services.cases.accept import Acting, ActionResult, ActionStatus, run_action
from triage.services.cases.facts import case_place
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import HelpRequest
from triage.services.outbox.port import Envelope
from triage.services.outbox.queue import enqueue
from triage.storage.tables import CaseEvent, Worker
from triage.storage.uow import UnitOfWork

REPEAT_AFTER = timedelta(minutes=30)  # a second press within this is the same request


async def supervisors_for(
    uow: UnitOfWork, kabkota_code: str | None, asking: int | None = None
) -> list[Worker]:
    """Supervisors bound to Telegram covering the kabupaten/kota; if none, its province.

    The one asking (`asking`, a worker id) is left out before the level is chosen, so a
    supervisor who holds the case and asks is sent on to the province.
    """
    if not kabkota_code:
        return []
    query = select(Worker).where(
        col(Worker.role) == "supervisor",
        col(Worker.telegram_user_id).is_not(None),
        col(Worker.active).is_(True),
    )
    rows = (await uow.session.exec(query.order_by(col(Worker.id)))).all()
    everyone = [w for w in rows if w.id != asking]
    for code in (kabkota_code, kabkota_code.split(".", 1)[0]):
        found = [w for w in everyone if code in w.region_codes]
        if found:
            return found
    return []


async def _recently_asked(uow: UnitOfWork, acting: Acting, now: datetime) -> bool:
    query = select(col(CaseEvent.id)).where(
        col(CaseEvent.report_id) == acting.report_id,
        col(CaseEvent.kind) == "help_requested",
        col(CaseEvent.actor) == acting.actor,
        col(CaseEvent.at) > now - REPEAT_AFTER,
    )
    return (await uow.session.exec(query)).first() is not None


async def request_help(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> ActionResult:
    """Tell the supervisors through the outbox; `detail` says how many were told."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if await _recently_asked(uow, acting, now):
            return acting.result(ActionStatus.ALREADY_DONE)
        helpers = await supervisors_for(uow, acting.report.kabkota_code, acting.worker.id)
        data = {"assignment_id": acting.assignment.id, "supervisor_ids": [w.id for w in helpers]}
        await add_event(uow.session, acting.report_id, "help_requested", acting.actor, data, now)
        for helper in helpers:
            await _tell(uow, deps, acting, helper, now)
        status = ActionStatus.DONE if helpers else ActionStatus.NOBODY
        return acting.result(status, detail=str(len(helpers)))

    return await run_action(deps, telegram_user_id, assignment_id, "help", body)


async def _tell(
    uow: UnitOfWork, deps: TriageDeps, acting: Acting, helper: Worker, now: datetime
) -> None:
    assert helper.telegram_user_id is not None
    stamp = int(now.timestamp())
    report = acting.report
    to = Envelope(f"help:{acting.assignment.id}:{helper.id}:{stamp}", helper.telegram_user_id)
    request = HelpRequest(
        acting.worker.name, report.reference, report.urgency, case_place(deps, report)
    )
    message = deps.messages.help_request(to, request)
    await enqueue(uow.session, message, now, report_id=acting.report_id)
