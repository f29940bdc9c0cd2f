"""A case's lifecycle: statuses, how they move, who may act, and the codes of its actions.

Pure: stdlib and triage.domain only. The enum values are what the database stores.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from triage.domain.roster import Role, codes_cover


class CaseStatus(StrEnum):
    """Where a case stands. An escalation changes who holds a case, not its status."""

    NEW = "new"  # nobody holds it (the national queue)
    ASSIGNED = "assigned"  # routed to someone, not yet accepted
    ACCEPTED = "accepted"
    CONTACTED = "contacted"  # the child, family or reporter reached
    VISITED = "visited"
    REFERRED = "referred"  # passed to a service (police, health, ...)
    CLOSED = "closed"


# How far a case has come, in order; a status only moves forward along it.
PROGRESS: tuple[CaseStatus, ...] = (
    CaseStatus.NEW,
    CaseStatus.ASSIGNED,
    CaseStatus.ACCEPTED,
    CaseStatus.CONTACTED,
    CaseStatus.VISITED,
    CaseStatus.REFERRED,
)
OPEN_STATUSES: tuple[CaseStatus, ...] = PROGRESS
FINISHED_STATUSES: tuple[CaseStatus, ...] = (CaseStatus.CLOSED,)


class DeclineReason(StrEnum):
    """Why a worker declines an assignment; OTHER comes with a typed text."""

    AREA = "area"  # outside my region
    LEAVE = "leave"  # on leave or sick
    LOAD = "load"  # caseload full
    OTHER = "other"


class Referral(StrEnum):
    """The services a case can be referred to."""

    POLICE = "police"
    HEALTH = "health"
    UPTD_PPA = "uptd_ppa"
    LKSA = "lksa"
    OTHER = "other"


class Outcome(StrEnum):
    """How a case was closed."""

    HANDLED = "handled"  # the child is safe
    REFERRED = "referred"
    UNFOUNDED = "unfounded"
    UNREACHABLE = "unreachable"
    OTHER = "other"


class Stale(StrEnum):
    """Why an action on a case can no longer be taken (a replayed or outdated button)."""

    CLOSED = "closed"  # the case is closed
    GONE = "gone"  # the assignment was passed on


def is_open(status: CaseStatus) -> bool:
    """Whether work on the case goes on (it counts in caseloads, lists and digests)."""
    return status in OPEN_STATUSES


def is_finished(status: CaseStatus) -> bool:
    return status in FINISHED_STATUSES


def may_move(current: CaseStatus, target: CaseStatus) -> bool:
    """Forward along PROGRESS, or closing from any open status; nothing leaves CLOSED."""
    if not is_open(current):
        return False
    if target is CaseStatus.CLOSED:
        return True
    return PROGRESS.index(target) > PROGRESS.index(current)


def advanced(current: CaseStatus, target: CaseStatus) -> CaseStatus:
    """The status after a step towards `target`: `target` if allowed, else unchanged."""
    return target if may_move(current, target) else current


def routed_status(holder_id: int | None) -> CaseStatus:
    """The status a (re)routing before acceptance leaves: ASSIGNED to someone, or NEW."""
    return CaseStatus.ASSIGNED if holder_id is not None else CaseStatus.NEW


# What staff may set by hand on the case page. NEW and ASSIGNED come from routing, and
# closing has its own form, since it needs an outcome.
STAFF_SETTABLE: tuple[CaseStatus, ...] = (
    CaseStatus.ACCEPTED,
    CaseStatus.CONTACTED,
    CaseStatus.VISITED,
    CaseStatus.REFERRED,
)
# What each status set by staff says happened (the milestones it implies, in order).
ACCEPT_IMPLIED = frozenset(STAFF_SETTABLE)
CONTACT_IMPLIED = frozenset({CaseStatus.CONTACTED, CaseStatus.VISITED})


def staff_may_set(current: CaseStatus, target: CaseStatus, *, has_holder: bool) -> bool:
    """Forward along PROGRESS to a staff-settable status, once someone holds the case."""
    return has_holder and target in STAFF_SETTABLE and may_move(current, target)


def staff_targets(current: CaseStatus, *, has_holder: bool) -> tuple[CaseStatus, ...]:
    """The statuses staff may set now, in progress order."""
    return tuple(s for s in STAFF_SETTABLE if staff_may_set(current, s, has_holder=has_holder))


def reassigned_status(current: CaseStatus) -> CaseStatus:
    """A hand-over to someone else: not yet accepted becomes ASSIGNED; progress is kept."""
    if current in (CaseStatus.NEW, CaseStatus.ASSIGNED):
        return CaseStatus.ASSIGNED
    return current


def may_act(
    worker_id: int | None,
    role: str,
    region_codes: Collection[str],
    *,
    assignee_id: int | None,
    case_region: str | None,
) -> bool:
    """The assigned worker, or a supervisor whose regions cover the case's kabupaten/kota."""
    if worker_id is not None and assignee_id == worker_id:
        return True
    return role == Role.SUPERVISOR and codes_cover(region_codes, case_region)


def stale_action(status: CaseStatus, assignment_active: bool) -> Stale | None:
    """Why an action on this assignment comes too late, if it does (a closed case first)."""
    if is_finished(status):
        return Stale.CLOSED
    return None if assignment_active else Stale.GONE
