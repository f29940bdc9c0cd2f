"""SLA timers as a small state machine: deadlines, events that cancel them, breaches. Pure.

Deadline kinds (targets come from `rules.sla[urgency]`; f = `rules.reminder_fraction`):

    kind              level  due at                          what the sweep does
    ACCEPT_REMINDER   0      assigned_at + f * accept        remind the assignee
    ACCEPT_BREACH     1..3   assigned_at + level * accept    escalate one step (next_escalation):
                                                             kab/kota, then province supervisor,
                                                             then the national queue
    CONTACT_REMINDER  0      opened_at + f * first_contact   remind the assignee
    CONTACT_BREACH    1      opened_at + first_contact       tell the supervisor one step up
    CLOSURE_REMINDER  0      opened_at + f * closure         remind the assignee
    CLOSURE_BREACH    1      opened_at + closure             tell the supervisor one step up

Events: ACCEPTED cancels the accept deadlines; FIRST_CONTACT cancels accept and contact
deadlines (contacting implies the case was taken); CLOSED cancels everything; REASSIGNED
cancels the accept deadlines and starts new ones from the re-assignment time under a new
generation, so their keys differ from the old ones. Contact and closure run from the
opening of the case whoever holds it. Escalation notifies; it does not re-assign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum

from triage.domain.deadline_keys import DeadlineKey as DeadlineKey
from triage.domain.deadline_keys import DeadlineKind as DeadlineKind
from triage.domain.model import Urgency
from triage.domain.rules.model import Rules, SlaTargets
from triage.domain.timezones import require_aware

ESCALATION_STEPS = 3  # kab/kota supervisor, province supervisor, national queue


ACCEPT_KINDS = frozenset({DeadlineKind.ACCEPT_REMINDER, DeadlineKind.ACCEPT_BREACH})
CONTACT_KINDS = frozenset({DeadlineKind.CONTACT_REMINDER, DeadlineKind.CONTACT_BREACH})


class CaseEvent(StrEnum):
    """Case events that change the SLA timers (others, such as notes, change nothing)."""

    REASSIGNED = "reassigned"
    ACCEPTED = "accepted"
    FIRST_CONTACT = "first_contact"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One timer of one case. `level` is the escalation step, 0 for a plain reminder.

    `generation` counts assignments of the case (0 first, +1 per re-assignment); only the
    accept deadlines carry a generation other than 0.
    """

    case_ref: str
    kind: DeadlineKind
    due_at: datetime
    level: int = 0
    generation: int = 0

    @property
    def key(self) -> str:
        """Deterministic and unique per case, so storage can enforce "fires once"."""
        return DeadlineKey(self.case_ref, self.kind, self.generation, self.level).format()


def soonest(deadline: Deadline) -> tuple[datetime, str]:
    """Sort key: due time, then key, so equal instants keep a stable order."""
    return (deadline.due_at, deadline.key)


@dataclass(frozen=True, slots=True)
class SlaChange:
    """What an event does: cancel every pending deadline of these kinds, then schedule."""

    cancel_kinds: frozenset[DeadlineKind]
    schedule: tuple[Deadline, ...] = ()

    def apply(self, pending: Iterable[Deadline]) -> list[Deadline]:
        kept = [d for d in pending if d.kind not in self.cancel_kinds]
        return sorted([*kept, *self.schedule], key=soonest)


def targets_for(urgency: Urgency, rules: Rules) -> SlaTargets:
    try:
        return rules.sla[urgency]
    except KeyError:
        raise KeyError(f"rules {rules.version!r} have no SLA targets for {urgency}") from None


def accept_deadlines(
    case_ref: str, assigned_at: datetime, urgency: Urgency, rules: Rules, generation: int = 0
) -> list[Deadline]:
    """The reminder and the escalation steps for accepting one assignment."""
    accept = targets_for(urgency, rules).accept
    start = require_aware(assigned_at, "assigned_at")
    reminder_at = start + accept * rules.reminder_fraction
    reminder = Deadline(case_ref, DeadlineKind.ACCEPT_REMINDER, reminder_at, 0, generation)
    steps = [
        Deadline(case_ref, DeadlineKind.ACCEPT_BREACH, start + accept * level, level, generation)
        for level in range(1, ESCALATION_STEPS + 1)
    ]
    return [reminder, *steps]


def deadlines_for(
    case_ref: str, case_opened_at: datetime, urgency: Urgency, rules: Rules
) -> list[Deadline]:
    """Every deadline of a newly opened (and routed) case, soonest first."""
    targets = targets_for(urgency, rules)
    opened = require_aware(case_opened_at, "case_opened_at")
    fraction = rules.reminder_fraction
    contact, closure = targets.first_contact, targets.closure
    deadlines = [
        *accept_deadlines(case_ref, opened, urgency, rules),
        Deadline(case_ref, DeadlineKind.CONTACT_REMINDER, opened + contact * fraction),
        Deadline(case_ref, DeadlineKind.CONTACT_BREACH, opened + contact, 1),
        Deadline(case_ref, DeadlineKind.CLOSURE_REMINDER, opened + closure * fraction),
        Deadline(case_ref, DeadlineKind.CLOSURE_BREACH, opened + closure, 1),
    ]
    return sorted(deadlines, key=soonest)


def on_event(
    event: CaseEvent,
    case_ref: str,
    urgency: Urgency,
    at: datetime,
    rules: Rules,
    generation: int = 0,
) -> SlaChange:
    """The change one event makes. For REASSIGNED, `generation` is the new assignment's."""
    if event is CaseEvent.ACCEPTED:
        return SlaChange(ACCEPT_KINDS)
    if event is CaseEvent.FIRST_CONTACT:
        return SlaChange(ACCEPT_KINDS | CONTACT_KINDS)
    if event is CaseEvent.CLOSED:
        return SlaChange(frozenset(DeadlineKind))
    if generation < 1:
        raise ValueError("a re-assignment needs a generation of 1 or more")
    fresh = accept_deadlines(case_ref, at, urgency, rules, generation)
    return SlaChange(ACCEPT_KINDS, tuple(fresh))


def breached(deadline: Deadline, now: datetime) -> bool:
    """Whether the deadline is due (at or after its instant)."""
    return require_aware(now, "now") >= deadline.due_at


def due(deadlines: Iterable[Deadline], now: datetime) -> list[Deadline]:
    """The deadlines due at `now`, soonest first."""
    require_aware(now, "now")
    return sorted((d for d in deadlines if now >= d.due_at), key=soonest)


def stale_check(last_event_at: datetime, now: datetime, rules: Rules) -> bool:
    """Whether an open case has had no event for `rules.stale_after` (14 days by default)."""
    return require_aware(now, "now") - last_event_at >= rules.stale_after


def stale_key(case_ref: str, last_event_at: datetime) -> str:
    """One stale reminder per quiet spell: the key changes when a new event happens."""
    return f"{case_ref}:stale:{int(require_aware(last_event_at).timestamp())}"


def next_digest_at(now: datetime, zone: tzinfo, digest_hour: int) -> datetime:
    """The first `digest_hour`:00 local time in `zone` strictly after `now`, as UTC-aware."""
    local = require_aware(now, "now").astimezone(zone)
    day = local.date()
    candidate = datetime.combine(day, time(digest_hour), tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(day + timedelta(days=1), time(digest_hour), tzinfo=zone)
    return candidate.astimezone(UTC)
