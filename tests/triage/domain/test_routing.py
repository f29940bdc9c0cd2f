"""Routing: candidates, caseload, round robin, declines, leave, time zones, escalation."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.domain.model import Urgency
from triage.domain.roster import (
    Role,
    RosterEntry,
    covers,
    is_on_leave,
    weighted_load,
    worker_blocker,
)
from triage.domain.routing import RoutingDecision, RoutingKind, next_escalation, route
from triage.domain.rules.model import Rules, SlaTargets
from triage.domain.timezones import WIB, DutyHours

H = timedelta(hours=1)
RULES = Rules(
    version="test-1",
    sla={u: SlaTargets(accept=H, first_contact=4 * H, closure=72 * H) for u in Urgency},
    caseload_weights={Urgency.DARURAT: 4, Urgency.TINGGI: 3, Urgency.SEDANG: 2, Urgency.RENDAH: 1},
)
# Monday 23 Nov 2026, 01:30 UTC = 08:30 WIB = 09:30 WITA = 10:30 WIT.
NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
OFFICE = DutyHours(frozenset(range(5)), time(8), time(16))  # Mon-Fri 08:00-16:00 local


def worker(worker_id: int, *codes: str, **changes: Any) -> RosterEntry:
    fields: dict[str, Any] = {"on_duty": True} | changes
    return RosterEntry(worker_id, Role.WORKER, frozenset(codes or ("31.74",)), **fields)


def supervisor(worker_id: int, *codes: str, **changes: Any) -> RosterEntry:
    fields: dict[str, Any] = {"on_duty": True} | changes
    return RosterEntry(worker_id, Role.SUPERVISOR, frozenset(codes or ("31.74",)), **fields)


def decide(
    roster: list[RosterEntry],
    kabkota: str = "31.74",
    declined: frozenset[int] = frozenset(),
    now: datetime = NOW,
) -> RoutingDecision:
    return route(kabkota, Urgency.TINGGI, roster, declined, now, RULES)


ROUTING_CASES = [
    # (name, roster, kab/kota, declined_by, now, kind, chosen id, reason code)
    (
        "fewest weighted open cases wins over fewest cases",
        [worker(1, open_cases={Urgency.DARURAT: 1}), worker(2, open_cases={Urgency.RENDAH: 3})],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 2, "route.assigned",
    ),
    (
        "a tie goes to the least recently assigned",
        [worker(1, last_assigned_at=NOW - H), worker(2, last_assigned_at=NOW - 2 * H)],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 2, "route.assigned_round_robin",
    ),
    (
        "never assigned comes before assigned",
        [worker(1, last_assigned_at=NOW - H), worker(5)],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 5, "route.assigned_round_robin",
    ),
    (
        "a full tie goes to the lowest id",
        [worker(9), worker(4), worker(6)],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 4, "route.assigned_round_robin",
    ),
    (
        "a worker who declined never gets the case again",
        [worker(1), worker(2, open_cases={Urgency.RENDAH: 5})],
        "31.74", frozenset({1}), NOW, RoutingKind.ASSIGNED, 2, "route.assigned",
    ),
    (
        "on leave is skipped",
        [worker(1, on_leave_until=NOW + H), worker(2, open_cases={Urgency.RENDAH: 5})],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 2, "route.assigned",
    ),
    (
        "leave that has ended does not count",
        [worker(1, on_leave_until=NOW), worker(2, open_cases={Urgency.RENDAH: 5})],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 1, "route.assigned",
    ),
    (
        "the manual switch off is skipped",
        [worker(1, on_duty=False), worker(2, open_cases={Urgency.RENDAH: 5})],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 2, "route.assigned",
    ),
    (
        "a province code covers every kab/kota of the province",
        [worker(1, "31"), worker(2, "32", "31.71")],
        "31.74", frozenset(), NOW, RoutingKind.ASSIGNED, 1, "route.assigned",
    ),
    (
        "no worker: the kab/kota supervisor",
        [worker(1, on_duty=False), supervisor(3, "31"), supervisor(4, "31.74")],
        "31.74", frozenset(), NOW, RoutingKind.SUPERVISOR_KABKOTA, 4, "route.supervisor_kabkota",
    ),
    (
        "supervisors ignore duty hours and the switch (20:30 WIB)",
        [supervisor(3, "31"), supervisor(4, on_duty=False, duty_hours=OFFICE)],
        "31.74", frozenset(), NOW + 12 * H, RoutingKind.SUPERVISOR_KABKOTA, 4,
        "route.supervisor_kabkota",
    ),
    (
        "a supervisor on leave is skipped: the province supervisor",
        [supervisor(3, "31"), supervisor(4, on_leave_until=NOW + H)],
        "31.74", frozenset(), NOW, RoutingKind.SUPERVISOR_PROVINCE, 3, "route.supervisor_province",
    ),
    (
        "no supervisor anywhere: the national queue",
        [worker(1)],
        "31.74", frozenset({1}), NOW, RoutingKind.NATIONAL_QUEUE, None, "route.national_queue",
    ),
    (
        "nobody covers the kab/kota",
        [worker(1, "31"), supervisor(2, "31")],
        "91.01", frozenset(), NOW, RoutingKind.NATIONAL_QUEUE, None,
        "route.national_queue_uncovered",
    ),
    (
        "an unknown region code still gets a decision",
        [worker(1, "31")],
        "99.99", frozenset(), NOW, RoutingKind.NATIONAL_QUEUE, None,
        "route.national_queue_unknown_region",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("roster", "kabkota", "declined", "now", "kind", "chosen", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in ROUTING_CASES],
)
def test_route(
    roster: list[RosterEntry],
    kabkota: str,
    declined: frozenset[int],
    now: datetime,
    kind: RoutingKind,
    chosen: int | None,
    reason: str,
) -> None:
    decision = decide(roster, kabkota, declined, now)
    assert (decision.kind, decision.worker_id, decision.reason_code) == (kind, chosen, reason)


# One worker each in Jakarta (WIB), Makassar (WITA) and Jayapura (WIT), all Mon-Fri 08-16 local.
@pytest.mark.parametrize(
    ("now", "on_duty"),
    [
        # 00:30 UTC = 07:30 WIB, 08:30 WITA, 09:30 WIT
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), {"31.74": False, "73.71": True, "91.71": True}),
        # 01:30 UTC = 08:30 WIB, 09:30 WITA, 10:30 WIT
        (datetime(2026, 11, 23, 1, 30, tzinfo=UTC), {"31.74": True, "73.71": True, "91.71": True}),
        # 07:30 UTC = 14:30 WIB, 15:30 WITA, 16:30 WIT
        (datetime(2026, 11, 23, 7, 30, tzinfo=UTC), {"31.74": True, "73.71": True, "91.71": False}),
        # 08:30 UTC = 15:30 WIB, 16:30 WITA, 17:30 WIT
        (
            datetime(2026, 11, 23, 8, 30, tzinfo=UTC),
            {"31.74": True, "73.71": False, "91.71": False},
        ),
        # Sunday 22 Nov 23:30 UTC = Monday 06:30 WIB, 07:30 WITA, 08:30 WIT
        (
            datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
            {"31.74": False, "73.71": False, "91.71": True},
        ),
        # Friday 27 Nov 23:30 UTC = Saturday morning everywhere
        (
            datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
            {"31.74": False, "73.71": False, "91.71": False},
        ),
    ],
)
def test_duty_hours_follow_the_local_time_zone(now: datetime, on_duty: dict[str, bool]) -> None:
    for worker_id, kabkota in enumerate(on_duty, start=1):
        roster = [worker(worker_id, kabkota, duty_hours=OFFICE), supervisor(90, kabkota)]
        decision = decide(roster, kabkota, now=now)
        expected = RoutingKind.ASSIGNED if on_duty[kabkota] else RoutingKind.SUPERVISOR_KABKOTA
        assert decision.kind is expected, kabkota


def test_home_zone_overrides_the_zone_of_the_region() -> None:
    at = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 14:30 WIB, 16:30 WIT
    remote = worker(1, "91.71", duty_hours=OFFICE, home_zone=WIB)
    assert decide([remote], "91.71", now=at).worker_id == 1


@pytest.mark.parametrize(
    ("roster", "kabkota", "declined", "expected"),
    [
        (
            [worker(7, open_cases={Urgency.SEDANG: 1, Urgency.RENDAH: 1}), worker(8, "31")],
            "31.74",
            frozenset({8}),
            "assigned to worker 7: fewest weighted open cases (3) among 1 on duty",
        ),
        (
            [worker(7, open_cases={Urgency.RENDAH: 3}), worker(8, open_cases={Urgency.RENDAH: 4})],
            "31.74",
            frozenset(),
            "assigned to worker 7: fewest weighted open cases (3) among 2 on duty",
        ),
        (
            [worker(7, on_leave_until=NOW + H), worker(8, on_duty=False), supervisor(3)],
            "31.74",
            frozenset(),
            "no worker on duty in 31.74 (2 covering: 1 on leave, 1 switched off duty), "
            "escalated to supervisor 3 covering 31.74",
        ),
        (
            [supervisor(3, "31")],
            "31.74",
            frozenset(),
            "no worker covers 31.74, no supervisor available for 31.74, "
            "escalated to supervisor 3 covering province 31",
        ),
        ([worker(1, "31")], "91.01", frozenset(), "national queue: nobody covers 91.01"),
        (
            [worker(1, "91")],
            "91.01",
            frozenset({1}),
            "national queue: no worker on duty in 91.01 (1 covering: 1 declined), "
            "no supervisor available for 91.01, no supervisor available for province 91",
        ),
    ],
)
def test_explanations(
    roster: list[RosterEntry], kabkota: str, declined: frozenset[int], expected: str
) -> None:
    assert decide(roster, kabkota, declined).explanation == expected


def test_decision_carries_facts_and_candidate_count() -> None:
    decision = decide([worker(1), worker(2, open_cases={Urgency.DARURAT: 1}), worker(3, "32")])
    assert decision.candidates_considered == 2
    assert decision.facts == {
        "kabkota": "31.74",
        "urgency": "TINGGI",
        "worker_id": 1,
        "weighted_load": 0,
        "tied": 0,
    }


def test_missing_weight_counts_one() -> None:
    rules = Rules(version="x", sla=RULES.sla, caseload_weights={Urgency.DARURAT: 5})
    assert weighted_load(worker(1, open_cases={Urgency.DARURAT: 1, Urgency.RENDAH: 2}), rules) == 7


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="now"):
        route("31.74", Urgency.DARURAT, [worker(1)], frozenset(), datetime(2026, 11, 23), RULES)


LADDER = [worker(1), supervisor(3), supervisor(4, "31"), supervisor(5, "31")]


@pytest.mark.parametrize(
    ("roster", "current_kind", "current_id", "kind", "chosen"),
    [
        (LADDER, RoutingKind.ASSIGNED, 1, RoutingKind.SUPERVISOR_KABKOTA, 3),
        (LADDER, RoutingKind.SUPERVISOR_KABKOTA, 3, RoutingKind.SUPERVISOR_PROVINCE, 4),
        (LADDER, RoutingKind.SUPERVISOR_PROVINCE, 4, RoutingKind.NATIONAL_QUEUE, None),
        (LADDER, RoutingKind.NATIONAL_QUEUE, None, RoutingKind.NATIONAL_QUEUE, None),
        (LADDER[:1] + LADDER[2:], RoutingKind.ASSIGNED, 1, RoutingKind.SUPERVISOR_PROVINCE, 4),
        # A supervisor covering both levels is not escalated to from themselves.
        ([supervisor(3, "31.74", "31")], RoutingKind.SUPERVISOR_KABKOTA, 3,
         RoutingKind.NATIONAL_QUEUE, None),
        ([supervisor(3, on_leave_until=NOW + H)], RoutingKind.ASSIGNED, 1,
         RoutingKind.NATIONAL_QUEUE, None),
    ],
)  # fmt: skip
def test_next_escalation(
    roster: list[RosterEntry],
    current_kind: RoutingKind,
    current_id: int | None,
    kind: RoutingKind,
    chosen: int | None,
) -> None:
    decision = next_escalation("31.74", current_kind, current_id, roster, frozenset(), NOW, RULES)
    assert (decision.kind, decision.worker_id) == (kind, chosen)
    assert decision.reason_code == f"escalation.{kind.value}"


def test_escalation_explanation() -> None:
    decision = next_escalation("31.74", RoutingKind.ASSIGNED, 1, LADDER, frozenset(), NOW, RULES)
    assert decision.explanation == (
        "no action from assigned 1, escalated to supervisor 3 covering 31.74"
    )


# Property: whatever the roster, route decides, and an assignee is always eligible.
KABKOTAS = ["31.74", "31.71", "73.71", "91.71"]
CODES = st.sampled_from(["31", "31.74", "31.71", "73", "73.71", "91.71", "52.01"])
INSTANTS = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)
DUTY = st.one_of(
    st.none(),
    st.builds(
        DutyHours,
        st.frozensets(st.integers(0, 6)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    ),
)
ENTRY = st.builds(
    RosterEntry,
    worker_id=st.integers(1, 40),
    role=st.sampled_from(Role),
    region_codes=st.frozensets(CODES, max_size=3),
    on_duty=st.booleans(),
    duty_hours=DUTY,
    on_leave_until=st.none() | INSTANTS,
    open_cases=st.dictionaries(st.sampled_from(Urgency), st.integers(0, 20)),
    last_assigned_at=st.none() | INSTANTS,
)
ROSTERS = st.lists(ENTRY, max_size=12, unique_by=lambda e: e.worker_id)


@given(
    roster=ROSTERS,
    kabkota=st.sampled_from(KABKOTAS),
    declined=st.frozensets(st.integers(1, 40)),
    now=INSTANTS,
    urgency=st.sampled_from(Urgency),
)
def test_route_always_decides_and_picks_an_eligible_person(
    roster: list[RosterEntry],
    kabkota: str,
    declined: frozenset[int],
    now: datetime,
    urgency: Urgency,
) -> None:
    decision = route(kabkota, urgency, roster, declined, now, RULES)
    by_id = {e.worker_id: e for e in roster}
    eligible = [
        e
        for e in roster
        if e.role is Role.WORKER
        and covers(e, kabkota)
        and worker_blocker(e, kabkota, now, declined) is None
    ]
    assert decision.explanation
    assert (decision.worker_id is None) == (decision.kind is RoutingKind.NATIONAL_QUEUE)
    if decision.worker_id is not None:
        chosen = by_id[decision.worker_id]
        assert chosen.worker_id not in declined
        assert not is_on_leave(chosen, now)
        assert covers(chosen, kabkota)
    if eligible:
        assert decision.kind is RoutingKind.ASSIGNED
        assert by_id[decision.worker_id or 0] in eligible
        assert decision.candidates_considered == len(eligible)
        best = min(weighted_load(e, RULES) for e in eligible)
        assert weighted_load(by_id[decision.worker_id or 0], RULES) == best
    else:
        assert decision.kind is not RoutingKind.ASSIGNED
    if decision.kind is not RoutingKind.ASSIGNED and decision.worker_id is not None:
        assert by_id[decision.worker_id].role is Role.SUPERVISOR
