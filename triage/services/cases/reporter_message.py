"""Staff send the reporter a message through the bot, if the reporter asked to be kept
informed (the "Kabari saya" choice on the summary, stored as `report.notify_reporter`)."""

from __future__ import annotations

from datetime import datetime

from triage.services.cases.staff_common import (
    DONE,
    MESSAGE_MAX_CHARS,
    StaffOutcome,
    StaffResult,
    cleaned,
    queue,
    run_staff_action,
    staff_actor,
    to_reporter,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import ReporterUpdate
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWork


async def message_reporter(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, text: str
) -> StaffResult:
    """Queue the message in the reporter's language; the timeline keeps what was sent."""
    words = cleaned(text, MESSAGE_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        assert report.id is not None
        if not report.notify_reporter:
            return StaffResult(StaffOutcome.NOT_INFORMED)
        data = {"text": words}
        actor = staff_actor(viewer)
        event = await add_event(uow.session, report.id, "reporter_messaged", actor, data, now)
        await uow.session.flush()
        to = to_reporter(report, f"staff-message:{event.id}")
        update = ReporterUpdate(report.reference, words)
        await queue(uow, report, deps.messages.reporter_update(to, update), now)
        return DONE

    return await run_staff_action(deps, viewer, reference, "message_reporter", body)
