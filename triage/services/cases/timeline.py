"""Case rows as the case page shows them: timeline entries with only safe facts, assignment
lines, and response times against the SLA targets. No I/O: rows in, plain data out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from triage.domain.case import FINISHED_STATUSES
from triage.domain.model import Urgency
from triage.domain.rules.model import Rules
from triage.services.cases.detail_model import AssignmentLine, ResponseTime, TimelineEntry
from triage.storage.tables import Assignment, CaseEvent, Report

HIDDEN_KINDS = ("awaiting_input", "input_cancelled")  # bot screen state, not case progress
SAFE_FACTS: Mapping[str, tuple[str, ...]] = {
    "received": ("urgency",),
    "routed": ("kind",),
    "escalated": ("to", "level"),
    "referred": ("to", "type"),
    "referral_updated": ("from", "to"),
    "closed": ("outcome",),
    "declined": ("reason",),
    "rated": ("rating",),
    "urgency_override": ("old", "new"),
    "reassigned": ("kind",),
    "status_changed": ("from_status", "to_status", "to"),
    "marked_duplicate": ("of",),
    "unmarked_duplicate": ("of",),
}
# Words staff (or a declining worker) wrote, shown under the event; the reporter's never.
STAFF_TEXT = {
    "urgency_override": "reason",
    "declined": "text",
    "reassigned": "reason",
    "status_changed": "reason",
    "closed": "reason",
    "marked_duplicate": "reason",
    "unmarked_duplicate": "reason",
    "staff_note": "text",
    "reporter_messaged": "text",
}
HOLDER_EVENTS = ("routed", "escalated", "reassigned")  # their facts name the new holder
FACT_CHARS = 32


def worker_ids(events: Iterable[CaseEvent], assignments: Iterable[Assignment]) -> set[int]:
    ids = {row.worker_id for row in assignments if row.worker_id is not None}
    ids |= {w for e in events if isinstance(w := e.data.get("worker_id"), int)}
    actors = (e.actor.removeprefix("worker:") for e in events if e.actor.startswith("worker:"))
    return ids | {int(actor) for actor in actors if actor.isdigit()}


def assignment_line(row: Assignment, names: Mapping[int, str]) -> AssignmentLine:
    code, _, typed = (row.decline_reason or "").partition(": ")
    return AssignmentLine(
        worker_name=names.get(row.worker_id) if row.worker_id is not None else None,
        kind=row.kind,
        assigned_at=row.created_at,
        active=row.active,
        accepted_at=row.accepted_at,
        declined_at=row.declined_at,
        decline_code=code or None,
        decline_text=typed or None,
    )


def timeline_entry(event: CaseEvent, names: Mapping[int, str]) -> TimelineEntry:
    """Only whitelisted short codes of the event's data; free text only where staff wrote it."""
    facts = {
        key: str(value)[:FACT_CHARS]
        for key in SAFE_FACTS.get(event.kind, ())
        if isinstance(value := event.data.get(key), str | int) and not isinstance(value, bool)
    }
    worker_id = event.data.get("worker_id")
    if event.kind in HOLDER_EVENTS and isinstance(worker_id, int):
        facts["worker"] = names.get(worker_id, "")
    actor_id = event.actor.removeprefix("worker:")
    actor_name = names.get(int(actor_id)) if actor_id.isdigit() else None
    text = event.data.get(STAFF_TEXT.get(event.kind, ""))
    return TimelineEntry(
        event.at,
        event.kind,
        event.actor,
        actor_name,
        facts,
        text if isinstance(text, str) else None,
    )


def response_times(report: Report, rules: Rules, now: datetime) -> tuple[ResponseTime, ...]:
    """Accept, first contact and closure, each from receipt; an open case's clock runs to now."""
    known = report.urgency in Urgency.__members__
    targets = rules.sla.get(Urgency(report.urgency)) if known else None
    measures = (
        ("accept", report.accepted_at, targets.accept if targets else None),
        ("first_contact", report.first_contact_at, targets.first_contact if targets else None),
        ("closure", report.closed_at, targets.closure if targets else None),
    )
    finished = report.status in FINISHED_STATUSES
    times = []
    for name, done, target in measures:
        end = done or (None if finished else now)
        elapsed = end - report.received_at if end is not None else None
        overdue = target is not None and elapsed is not None and elapsed > target
        times.append(ResponseTime(name, done, elapsed, target, overdue))
    return tuple(times)
