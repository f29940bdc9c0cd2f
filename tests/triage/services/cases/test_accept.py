"""Accepting a case, and the checks every worker action shares (who may act, refusals)."""

from __future__ import annotations

import pytest

from tests.triage.services.cases.helpers import (
    BUDI,
    EKA,
    REPORTER_CHAT,
    RINA,
    SARI,
    START,
    World,
    deadline_states,
    kinds,
    new_case,
    rows,
)
from triage.services.cases.accept import (
    ActionStatus,
    accept_case,
    advance,
    may_act,
    refuse_malformed,
)
from triage.services.cases.progress import close_case, mark_contacted
from triage.services.cases.worker_views import (
    card_for_assignment,
)
from triage.storage.tables import Assignment, AuditLog, CaseEvent, OutboxMessage, Report
from triage.storage.tables import Worker as WorkerRow


async def test_accept_stops_accept_timers_and_tells_the_reporter(world: World) -> None:
    assignment_id = await new_case(world)
    result = await accept_case(world.deps, SARI, assignment_id)
    assert result.status is ActionStatus.DONE
    again = await accept_case(world.deps, SARI, assignment_id)
    assert again.status is ActionStatus.ALREADY_DONE
    (report,) = await rows(world, Report)
    assert (report.status, report.accepted_at) == ("accepted", START)
    assert await kinds(world) == ["received", "routed", "accepted"]
    (event,) = [e for e in await rows(world, CaseEvent) if e.kind == "accepted"]
    assert event.actor == f"worker:{world.ids[SARI]}"
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["contact_breach:g0:l1"] == "pending"
    chats = [m.chat_id for m in await rows(world, OutboxMessage)]
    assert chats == [SARI, REPORTER_CHAT]


async def test_strangers_and_forged_presses_are_refused_audited_and_change_nothing(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    before = (await kinds(world), await deadline_states(world))
    assert (await accept_case(world.deps, EKA, assignment_id)).status is ActionStatus.NOT_YOURS
    assert (await accept_case(world.deps, 4242, assignment_id)).status is ActionStatus.NOT_YOURS
    assert (
        await close_case(world.deps, BUDI, assignment_id, "other")
    ).status is ActionStatus.NOT_YOURS
    assert (await accept_case(world.deps, SARI, 999_999)).status is ActionStatus.NOT_YOURS
    assert await card_for_assignment(world.deps, EKA, assignment_id) is ActionStatus.NOT_YOURS
    await refuse_malformed(world.deps, EKA)
    assert (await kinds(world), await deadline_states(world)) == before
    (assignment,) = await rows(world, Assignment)
    assert assignment.accepted_at is None
    audit = [(a.actor, a.action, a.detail.get("attempted")) for a in await rows(world, AuditLog)]
    assert audit == [
        (f"telegram:{EKA}", "refused_action", "accept"),
        ("telegram:4242", "refused_action", "accept"),
        (f"telegram:{BUDI}", "refused_action", "close"),
        (f"telegram:{SARI}", "refused_action", "accept"),
        (f"telegram:{EKA}", "refused_action", "view"),
        (f"telegram:{EKA}", "refused_action", "malformed"),
    ]


async def test_a_supervisor_over_the_region_may_act(world: World) -> None:
    assignment_id = await new_case(world)
    assert (await accept_case(world.deps, RINA, assignment_id)).status is ActionStatus.DONE
    (report,) = await rows(world, Report)
    assert report.assigned_worker_id == world.ids[RINA]  # the supervisor takes it over


@pytest.mark.parametrize(
    ("now", "target", "after"),
    [
        ("new", "accepted", "accepted"),
        ("assigned", "accepted", "accepted"),
        ("accepted", "contacted", "contacted"),
        ("contacted", "accepted", "contacted"),  # never back
        ("referred", "visited", "referred"),
        ("visited", "visited", "visited"),
        ("closed", "accepted", "closed"),  # nothing leaves closed
    ],
)
def test_a_status_only_moves_forward(now: str, target: str, after: str) -> None:
    report = Report(reference="LS-AAAA-0000", received_at=START, reporter_chat_id=1,
                    urgency="SEDANG", status=now)  # fmt: skip
    advance(report, target)
    assert report.status == after


@pytest.mark.parametrize(
    ("role", "regions", "holder", "kabkota", "allowed"),
    [
        ("worker", ["31.74"], True, "31.74", True),
        ("worker", ["31.74"], False, "31.74", False),  # a colleague in the same region
        ("worker", ["31"], False, "31.74", False),
        ("supervisor", ["31.74"], False, "31.74", True),
        ("supervisor", ["31"], False, "31.74", True),  # over the whole province
        ("supervisor", ["32", "31.71"], False, "31.74", False),
        ("supervisor", ["31"], False, None, False),  # a case without a region
        ("worker", [], True, None, True),  # the holder, wherever the case is
    ],
)
def test_who_may_act(
    role: str, regions: list[str], holder: bool, kabkota: str | None, allowed: bool
) -> None:
    worker = WorkerRow(id=1, name="x", role=role, region_codes=regions, created_at=START,
                       updated_at=START)  # fmt: skip
    assignment = Assignment(report_id=1, worker_id=1 if holder else 2, kind="assigned",
                            reason_code="route.assigned", created_at=START)  # fmt: skip
    report = Report(reference="LS-AAAA-0000", received_at=START, reporter_chat_id=1,
                    urgency="SEDANG", kabkota_code=kabkota)  # fmt: skip
    assert may_act(worker, assignment, report) is allowed


async def test_a_button_on_a_closed_case_is_refused_audited_and_harmless(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    await close_case(world.deps, SARI, assignment_id, "handled")
    before = (await kinds(world), await deadline_states(world), await outbox_keys(world))
    refused = await mark_contacted(world.deps, RINA, assignment_id)
    (report,) = await rows(world, Report)
    assert (refused.status, refused.reference) == (ActionStatus.CLOSED, report.reference)
    assert (await kinds(world), await deadline_states(world), await outbox_keys(world)) == before
    audit = [(a.actor, a.report_id, a.detail) for a in await rows(world, AuditLog)]
    assert audit == [
        (f"telegram:{RINA}", report.id,
         {"attempted": "contacted", "assignment_id": assignment_id, "why": "closed"}),
    ]  # fmt: skip


async def outbox_keys(world: World) -> list[str]:
    return [m.dedup_key for m in await rows(world, OutboxMessage)]
