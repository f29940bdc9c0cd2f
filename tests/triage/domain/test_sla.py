"""SLA deadlines, cancellation on events, escalation order, digests and stale cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from triage.domain.model import Urgency
from triage.domain.roster import Role, RosterEntry
from triage.domain.routing import RoutingKind, next_escalation
from triage.domain.rules.model import Rules, SlaTargets
from triage.domain.sla import (
    ACCEPT_KINDS,
    CaseEvent,
    Deadline,
    DeadlineKind,
    breached,
    deadlines_for,
    due,
    next_digest_at,
    on_event,
    stale_check,
    stale_key,
)
from triage.domain.timezones import WIB, WIT, WITA

M, H, D = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
RULES = Rules(
    version="test-1",
    sla={
        Urgency.DARURAT: SlaTargets(accept=15 * M, first_contact=1 * H, closure=3 * D),
        Urgency.TINGGI: SlaTargets(accept=1 * H, first_contact=4 * H, closure=7 * D),
        Urgency.SEDANG: SlaTargets(accept=4 * H, first_contact=1 * D, closure=14 * D),
        Urgency.RENDAH: SlaTargets(accept=1 * D, first_contact=3 * D, closure=30 * D),
    },
    caseload_weights=dict.fromkeys(Urgency, 1),
)
OPENED = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
REF = "LS-2026-000123"

K = DeadlineKind


def offsets(deadlines: list[Deadline]) -> list[tuple[str, int, timedelta]]:
    return [(d.kind.value, d.level, d.due_at - OPENED) for d in deadlines]


@pytest.mark.parametrize(
    ("urgency", "expected"),
    [
        (
            Urgency.DARURAT,
            [
                ("accept_reminder", 0, 7.5 * M),
                ("accept_breach", 1, 15 * M),
                ("accept_breach", 2, 30 * M),  # equal instants sort by key
                ("contact_reminder", 0, 30 * M),
                ("accept_breach", 3, 45 * M),
                ("contact_breach", 1, 1 * H),
                ("closure_reminder", 0, 1.5 * D),
                ("closure_breach", 1, 3 * D),
            ],
        ),
        (
            Urgency.TINGGI,
            [
                ("accept_reminder", 0, 30 * M),
                ("accept_breach", 1, 1 * H),
                ("accept_breach", 2, 2 * H),
                ("contact_reminder", 0, 2 * H),
                ("accept_breach", 3, 3 * H),
                ("contact_breach", 1, 4 * H),
                ("closure_reminder", 0, 3.5 * D),
                ("closure_breach", 1, 7 * D),
            ],
        ),
        (
            Urgency.SEDANG,
            [
                ("accept_reminder", 0, 2 * H),
                ("accept_breach", 1, 4 * H),
                ("accept_breach", 2, 8 * H),
                ("accept_breach", 3, 12 * H),
                ("contact_reminder", 0, 12 * H),
                ("contact_breach", 1, 1 * D),
                ("closure_reminder", 0, 7 * D),
                ("closure_breach", 1, 14 * D),
            ],
        ),
        (
            Urgency.RENDAH,
            [
                ("accept_reminder", 0, 12 * H),
                ("accept_breach", 1, 1 * D),
                ("contact_reminder", 0, 1.5 * D),
                ("accept_breach", 2, 2 * D),
                ("accept_breach", 3, 3 * D),
                ("contact_breach", 1, 3 * D),
                ("closure_reminder", 0, 15 * D),
                ("closure_breach", 1, 30 * D),
            ],
        ),
    ],
)
def test_deadlines_for_each_urgency(
    urgency: Urgency, expected: list[tuple[str, int, timedelta]]
) -> None:
    assert offsets(deadlines_for(REF, OPENED, urgency, RULES)) == expected


def test_keys_are_deterministic_and_unique() -> None:
    first = deadlines_for(REF, OPENED, Urgency.TINGGI, RULES)
    again = deadlines_for(REF, OPENED, Urgency.TINGGI, RULES)
    assert [d.key for d in first] == [d.key for d in again]
    assert len({d.key for d in first}) == len(first)
    assert first[0].key == "LS-2026-000123:accept_reminder:g0:l0"


def test_reminder_fraction_comes_from_the_rules() -> None:
    rules = Rules(RULES.version, RULES.sla, RULES.caseload_weights, reminder_fraction=0.8)
    reminder = deadlines_for(REF, OPENED, Urgency.TINGGI, rules)[0]
    assert (reminder.kind, reminder.due_at - OPENED) == (K.ACCEPT_REMINDER, 48 * M)


@pytest.mark.parametrize(
    ("now", "due_kinds"),
    [
        (OPENED, []),
        (OPENED + 7 * M, []),
        (OPENED + 7.5 * M, ["accept_reminder"]),
        (OPENED + 15 * M, ["accept_reminder", "accept_breach"]),
        (OPENED + 59 * M, ["accept_reminder"] + ["accept_breach"] * 2 + ["contact_reminder", "accept_breach"]),
        (OPENED + 4 * D, ["accept_reminder"] + ["accept_breach"] * 2 + ["contact_reminder", "accept_breach"] + ["contact_breach", "closure_reminder", "closure_breach"]),
    ],
)  # fmt: skip
def test_due_with_an_injected_now(now: datetime, due_kinds: list[str]) -> None:
    deadlines = deadlines_for(REF, OPENED, Urgency.DARURAT, RULES)
    assert [d.kind.value for d in due(deadlines, now)] == due_kinds
    assert [d for d in deadlines if breached(d, now)] == due(deadlines, now)


@pytest.mark.parametrize(
    ("event", "remaining"),
    [
        (CaseEvent.ACCEPTED, {K.CONTACT_REMINDER, K.CONTACT_BREACH, K.CLOSURE_REMINDER, K.CLOSURE_BREACH}),
        (CaseEvent.FIRST_CONTACT, {K.CLOSURE_REMINDER, K.CLOSURE_BREACH}),
        (CaseEvent.CLOSED, set()),
    ],
)  # fmt: skip
def test_events_cancel_deadlines(event: CaseEvent, remaining: set[DeadlineKind]) -> None:
    pending = deadlines_for(REF, OPENED, Urgency.SEDANG, RULES)
    change = on_event(event, REF, Urgency.SEDANG, OPENED + H, RULES)
    assert change.schedule == ()
    assert {d.kind for d in change.apply(pending)} == remaining


def test_reassignment_restarts_accept_deadlines_with_a_new_generation() -> None:
    pending = deadlines_for(REF, OPENED, Urgency.TINGGI, RULES)
    at = OPENED + 50 * M
    after = on_event(CaseEvent.REASSIGNED, REF, Urgency.TINGGI, at, RULES, generation=1).apply(
        pending
    )
    accept = [d for d in after if d.kind in ACCEPT_KINDS]
    assert [(d.kind, d.level, d.due_at - at) for d in accept] == [
        (K.ACCEPT_REMINDER, 0, 30 * M),
        (K.ACCEPT_BREACH, 1, 1 * H),
        (K.ACCEPT_BREACH, 2, 2 * H),
        (K.ACCEPT_BREACH, 3, 3 * H),
    ]
    assert {d.generation for d in accept} == {1}
    assert not {d.key for d in accept} & {d.key for d in pending}
    contact_and_closure = [d for d in after if d.kind not in ACCEPT_KINDS]
    assert contact_and_closure == [d for d in pending if d.kind not in ACCEPT_KINDS]


def test_reassignment_needs_a_new_generation() -> None:
    with pytest.raises(ValueError, match="generation"):
        on_event(CaseEvent.REASSIGNED, REF, Urgency.TINGGI, OPENED, RULES)


def test_breaches_escalate_kabkota_then_province_then_national() -> None:
    """Drive the accept breaches through routing, as the sweep will."""
    roster = [
        RosterEntry(1, Role.WORKER, frozenset({"31.74"}), on_duty=True),
        RosterEntry(3, Role.SUPERVISOR, frozenset({"31.74"}), on_duty=True),
        RosterEntry(4, Role.SUPERVISOR, frozenset({"31"}), on_duty=True),
    ]
    kind, holder = RoutingKind.ASSIGNED, 1
    breaches = [
        d for d in deadlines_for(REF, OPENED, Urgency.DARURAT, RULES) if d.kind is K.ACCEPT_BREACH
    ]
    seen = []
    for deadline in breaches:
        step = next_escalation("31.74", kind, holder, roster, frozenset(), deadline.due_at, RULES)
        kind, holder = step.kind, step.worker_id or 0
        seen.append((deadline.level, deadline.due_at - OPENED, step.kind, step.worker_id))
    assert seen == [
        (1, 15 * M, RoutingKind.SUPERVISOR_KABKOTA, 3),
        (2, 30 * M, RoutingKind.SUPERVISOR_PROVINCE, 4),
        (3, 45 * M, RoutingKind.NATIONAL_QUEUE, None),
    ]  # fmt: skip


# 00:30 UTC Monday = 07:30 WIB, 08:30 WITA, 09:30 WIT; 23:30 UTC Sunday = 06:30 WIB Monday.
@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), WIB, datetime(2026, 11, 24, 0, 0, tzinfo=UTC)),
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), WITA, datetime(2026, 11, 23, 23, 0, tzinfo=UTC)),
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), WIT, datetime(2026, 11, 23, 22, 0, tzinfo=UTC)),
        (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), WIB, datetime(2026, 11, 23, 0, 0, tzinfo=UTC)),
        (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), WIT, datetime(2026, 11, 23, 22, 0, tzinfo=UTC)),
        # exactly at 07:00 local: the next one is tomorrow
        (datetime(2026, 11, 23, 0, 0, tzinfo=UTC), WIB, datetime(2026, 11, 24, 0, 0, tzinfo=UTC)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), WITA, datetime(2027, 1, 1, 23, 0, tzinfo=UTC)),
        # a zone with daylight saving: 07:00 on the night clocks go forward is 05:00 UTC
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), ZoneInfo("Europe/Berlin"), datetime(2026, 3, 29, 5, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_next_digest_at(now: datetime, zone: ZoneInfo, expected: datetime) -> None:
    result = next_digest_at(now, zone, RULES.digest_hour)
    assert result == expected
    assert result.tzinfo is UTC
    assert result.astimezone(zone).hour == 7


@pytest.mark.parametrize(
    ("quiet_for", "stale"),
    [(timedelta(0), False), (14 * D - timedelta(seconds=1), False), (14 * D, True), (30 * D, True)],
)
def test_stale_check(quiet_for: timedelta, stale: bool) -> None:
    assert stale_check(OPENED, OPENED + quiet_for, RULES) is stale


def test_stale_key_changes_with_each_quiet_spell() -> None:
    assert stale_key(REF, OPENED) == stale_key(REF, OPENED)
    assert stale_key(REF, OPENED) != stale_key(REF, OPENED + H)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="now"):
        due([], datetime(2026, 11, 23))
    with pytest.raises(ValueError, match="case_opened_at"):
        deadlines_for(REF, datetime(2026, 11, 23), Urgency.RENDAH, RULES)


def test_missing_targets_are_named() -> None:
    rules = Rules("partial", {Urgency.DARURAT: RULES.sla[Urgency.DARURAT]}, {})
    with pytest.raises(KeyError, match="RENDAH"):
        deadlines_for(REF, OPENED, Urgency.RENDAH, rules)
