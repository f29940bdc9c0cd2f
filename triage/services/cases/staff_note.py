"""Staff add a note to a case's timeline, and may send it to whoever holds the case."""

from __future__ import annotations

from datetime import datetime

from triage.services.cases.staff_common import (
    DONE,
    NOTE_MAX_CHARS,
    StaffOutcome,
    StaffResult,
    cleaned,
    holder_of,
    queue,
    run_staff_action,
    staff_actor,
    to_worker,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import StaffNote
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWork


async def add_staff_note(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, text: str, tell_holder: bool
) -> StaffResult:
    """A note on the timeline (open or closed case); with `tell_holder`, also in Telegram."""
    note = cleaned(text, NOTE_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        assert report.id is not None
        holder = await holder_of(uow, report)
        if tell_holder and holder is None:
            return StaffResult(StaffOutcome.NO_HOLDER)
        data = {"text": note, "told_holder": tell_holder}
        event = await add_event(
            uow.session, report.id, "staff_note", staff_actor(viewer), data, now
        )
        await uow.session.flush()
        if tell_holder and holder is not None:
            to = to_worker(holder, f"staff-note:{event.id}")
            message = deps.messages.staff_note(to, StaffNote(report.reference, note))
            await queue(uow, report, message, now)
        return DONE

    return await run_staff_action(deps, viewer, reference, "staff_note", body)
