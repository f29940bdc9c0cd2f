"""The case lifecycle: every transition, the open and finished sets, who may act, stale actions."""

from __future__ import annotations

from enum import StrEnum

import pytest

from triage.domain.case import (
    ACCEPT_IMPLIED,
    CONTACT_IMPLIED,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    STAFF_SETTABLE,
    CaseStatus,
    DeclineReason,
    Outcome,
    Referral,
    Stale,
    advanced,
    is_finished,
    is_open,
    may_act,
    may_move,
    reassigned_status,
    routed_status,
    staff_may_set,
    staff_targets,
    stale_action,
)

S = CaseStatus
# Where each status may go: forward along the progress, or closed; nothing leaves CLOSED.
ALLOWED = {
    S.NEW: {S.ASSIGNED, S.ACCEPTED, S.CONTACTED, S.VISITED, S.REFERRED, S.CLOSED},
    S.ASSIGNED: {S.ACCEPTED, S.CONTACTED, S.VISITED, S.REFERRED, S.CLOSED},
    S.ACCEPTED: {S.CONTACTED, S.VISITED, S.REFERRED, S.CLOSED},
    S.CONTACTED: {S.VISITED, S.REFERRED, S.CLOSED},
    S.VISITED: {S.REFERRED, S.CLOSED},
    S.REFERRED: {S.CLOSED},
    S.CLOSED: set(),
}
PAIRS = [(current, target) for current in CaseStatus for target in CaseStatus]


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        (
            CaseStatus,
            ["new", "assigned", "accepted", "contacted", "visited", "referred", "closed"],
        ),
        (DeclineReason, ["area", "leave", "load", "other"]),
        (Referral, ["police", "health", "uptd_ppa", "lksa", "other"]),
        (Outcome, ["handled", "referred", "unfounded", "unreachable", "other"]),
    ],
)
def test_values_are_the_stored_strings(enum: type[StrEnum], values: list[str]) -> None:
    assert [member.value for member in enum] == values


def test_every_status_has_a_row_in_the_table() -> None:
    assert set(ALLOWED) == set(CaseStatus)


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_may_move(current: CaseStatus, target: CaseStatus) -> None:
    assert may_move(current, target) is (target in ALLOWED[current])


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_advanced_moves_only_when_allowed(current: CaseStatus, target: CaseStatus) -> None:
    expected = target if target in ALLOWED[current] else current
    assert advanced(current, target) is expected


@pytest.mark.parametrize(
    ("current", "target", "after"),
    [
        (S.ASSIGNED, S.ACCEPTED, S.ACCEPTED),
        (S.NEW, S.ACCEPTED, S.ACCEPTED),  # a supervisor takes a case from the national queue
        (S.ACCEPTED, S.VISITED, S.VISITED),  # a visit without a separate contact
        (S.VISITED, S.CONTACTED, S.VISITED),  # a later contact does not move it back
        (S.REFERRED, S.REFERRED, S.REFERRED),  # a second referral
        (S.REFERRED, S.ACCEPTED, S.REFERRED),
        (S.ASSIGNED, S.CLOSED, S.CLOSED),
        (S.CLOSED, S.CONTACTED, S.CLOSED),
        (S.CLOSED, S.CLOSED, S.CLOSED),
    ],
)
def test_advanced_examples(current: CaseStatus, target: CaseStatus, after: CaseStatus) -> None:
    assert advanced(current, target) is after


@pytest.mark.parametrize(
    ("status", "open_", "finished"),
    [
        (S.NEW, True, False),
        (S.ASSIGNED, True, False),
        (S.ACCEPTED, True, False),
        (S.CONTACTED, True, False),
        (S.VISITED, True, False),
        (S.REFERRED, True, False),
        (S.CLOSED, False, True),
    ],
)
def test_open_and_finished(status: CaseStatus, open_: bool, finished: bool) -> None:
    assert (is_open(status), is_finished(status)) == (open_, finished)
    assert (status in OPEN_STATUSES, status in FINISHED_STATUSES) == (open_, finished)


def test_open_and_finished_split_the_statuses() -> None:
    assert set(OPEN_STATUSES) | set(FINISHED_STATUSES) == set(CaseStatus)
    assert not set(OPEN_STATUSES) & set(FINISHED_STATUSES)
    assert "closed" in FINISHED_STATUSES and "new" in OPEN_STATUSES  # stored strings match


@pytest.mark.parametrize(("holder", "status"), [(None, S.NEW), (12, S.ASSIGNED), (0, S.ASSIGNED)])
def test_routed_status(holder: int | None, status: CaseStatus) -> None:
    assert routed_status(holder) is status


@pytest.mark.parametrize(
    ("worker_id", "role", "regions", "assignee_id", "case_region", "allowed"),
    [
        (7, "worker", ("31.74",), 7, "31.74", True),  # the assignee
        (7, "worker", (), 7, "32.73", True),  # the assignee, whatever their regions
        (7, "supervisor", (), 7, None, True),  # a supervisor holding the case
        (8, "worker", ("31.74",), 7, "31.74", False),  # a colleague in the same region
        (8, "worker", ("31",), None, "31.74", False),  # a worker and the national queue
        (9, "supervisor", ("31.74",), 7, "31.74", True),  # supervisor over the kabupaten/kota
        (9, "supervisor", ("31",), 7, "31.74", True),  # supervisor over the province
        (9, "supervisor", ("31",), None, "31.74", True),  # ... also for the national queue
        (9, "supervisor", ("32", "31.71"), 7, "31.74", False),  # supervisor elsewhere
        (9, "supervisor", ("31.7",), 7, "31.74", False),  # a prefix is not a region
        (9, "supervisor", ("31",), 7, None, False),  # no known place: the assignee only
        (None, "worker", (), None, "31.74", False),  # nobody is not the nobody assigned
    ],
)
def test_may_act(
    worker_id: int | None,
    role: str,
    regions: tuple[str, ...],
    assignee_id: int | None,
    case_region: str | None,
    allowed: bool,
) -> None:
    result = may_act(worker_id, role, regions, assignee_id=assignee_id, case_region=case_region)
    assert result is allowed


@pytest.mark.parametrize(
    ("status", "active", "stale"),
    [
        *[(status, True, None) for status in OPEN_STATUSES],
        *[(status, False, Stale.GONE) for status in OPEN_STATUSES],
        (S.CLOSED, True, Stale.CLOSED),
        (S.CLOSED, False, Stale.CLOSED),  # closed is said first
    ],
)
def test_stale_action(status: CaseStatus, active: bool, stale: Stale | None) -> None:
    assert stale_action(status, active) is stale


# What staff may set by hand: forward only, never a routing status or CLOSED, and only once
# someone holds the case.
STAFF_ALLOWED = {
    current: {t for t in targets if t not in (S.NEW, S.ASSIGNED, S.CLOSED)}
    for current, targets in ALLOWED.items()
}


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_staff_may_set_forward_statuses_once_someone_holds_the_case(
    current: CaseStatus, target: CaseStatus
) -> None:
    assert staff_may_set(current, target, has_holder=True) is (target in STAFF_ALLOWED[current])
    assert staff_may_set(current, target, has_holder=False) is False


@pytest.mark.parametrize("current", list(CaseStatus))
def test_staff_targets_list_the_allowed_statuses_in_progress_order(current: CaseStatus) -> None:
    targets = staff_targets(current, has_holder=True)
    assert set(targets) == STAFF_ALLOWED[current]
    assert list(targets) == sorted(targets, key=list(CaseStatus).index)
    assert staff_targets(current, has_holder=False) == ()


@pytest.mark.parametrize(
    ("current", "after"),
    [
        (S.NEW, S.ASSIGNED),
        (S.ASSIGNED, S.ASSIGNED),
        (S.ACCEPTED, S.ACCEPTED),
        (S.CONTACTED, S.CONTACTED),
        (S.VISITED, S.VISITED),
        (S.REFERRED, S.REFERRED),
    ],
)
def test_a_hand_over_keeps_progress_and_waits_for_acceptance_before_it(
    current: CaseStatus, after: CaseStatus
) -> None:
    assert reassigned_status(current) is after


def test_what_a_staff_status_implies() -> None:
    assert frozenset(STAFF_SETTABLE) == ACCEPT_IMPLIED
    assert {S.CONTACTED, S.VISITED} == CONTACT_IMPLIED  # a referral is not a contact
