"""Declining a case: the assignment ends and routing passes the case on, never back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.triage.services.cases.helpers import (
    BUDI,
    PROV,
    RINA,
    SARI,
    START,
    World,
    deadline_states,
    kinds,
    new_case,
    rows,
)
from triage.domain.model import Urgency
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.decline import OTHER_TEXT_CHARS, decline_case
from triage.services.cases.worker_input import Awaited, await_input, take_typed_input
from triage.storage.tables import Assignment, AuditLog, CaseEvent, Deadline, OutboxMessage, Report


async def test_decline_passes_the_case_on_and_never_back(world: World) -> None:
    first = await new_case(world)
    world.clock.now = START + timedelta(minutes=5)
    result = await decline_case(world.deps, SARI, first, "area")
    assert (result.status, result.detail) == (ActionStatus.DONE, "assigned")
    old, new = await rows(world, Assignment)
    assert (old.active, old.declined_at, old.decline_reason) == (False, world.clock.now, "area")
    assert (new.active, new.worker_id) == (True, world.ids[BUDI])
    assert await kinds(world) == ["received", "routed", "declined", "routed"]
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["accept_breach:g1:l1"] == "pending"
    assert states["contact_breach:g0:l1"] == "pending"
    outbox = await rows(world, OutboxMessage)
    assert [(m.dedup_key, m.chat_id) for m in outbox] == [
        (f"assign:{first}", SARI),
        (f"assign:{new.id}", BUDI),
    ]
    assert "31.74" not in outbox[1].text and "Jakarta Selatan" in outbox[1].text
    assert (await decline_case(world.deps, SARI, first, "area")).status is ActionStatus.GONE
    replayed = [(a.actor, a.detail["why"]) for a in await rows(world, AuditLog)]
    assert replayed == [(f"telegram:{SARI}", "gone")]
    assert new.id is not None
    await decline_case(world.deps, BUDI, new.id, "load")
    holders = [(a.worker_id, a.kind) for a in await rows(world, Assignment)]
    assert holders[-1] == (world.ids[RINA], "supervisor_kabkota")
    assert world.ids[SARI] not in [w for w, _ in holders[2:]]


async def test_decline_with_nobody_left_climbs_to_the_national_queue(world: World) -> None:
    assignment_id = await new_case(world)
    for telegram_id in (SARI, BUDI, RINA, PROV):
        result = await decline_case(world.deps, telegram_id, assignment_id, "leave")
        assert result.status is ActionStatus.DONE
        assignment_id = (await rows(world, Assignment))[-1].id or 0
    holders = [(a.worker_id, a.kind) for a in await rows(world, Assignment)]
    assert holders[2:] == [
        (world.ids[RINA], "supervisor_kabkota"),
        (world.ids[PROV], "supervisor_province"),
        (None, "national_queue"),
    ]
    (report,) = await rows(world, Report)
    assert (report.assigned_worker_id, report.status) == (None, "new")
    assert (await deadline_states(world))["accept_breach:g4:l1"] == "pending"


async def test_decline_after_accepting_is_refused(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    result = await decline_case(world.deps, SARI, assignment_id, "load")
    assert result.status is ActionStatus.ALREADY_ACCEPTED
    assert len(await rows(world, Assignment)) == 1


async def test_a_typed_reason_is_kept_tidy_and_new_accept_timers_run_from_the_decline(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    with pytest.raises(ValueError, match="not a valid DeclineReason"):
        await decline_case(world.deps, SARI, assignment_id, "bored")
    assert await kinds(world) == ["received", "routed"]
    world.clock.now = START + timedelta(minutes=7)
    await await_input(world.deps, SARI, assignment_id, Awaited.DECLINE_REASON, None)
    typed = "  Saya\n sedang   cuti " + "panjang " * 100
    await take_typed_input(world.deps, SARI, typed)
    tidy = " ".join(typed.split())[:OTHER_TEXT_CHARS]
    assert len(tidy) == OTHER_TEXT_CHARS and tidy.startswith("Saya sedang cuti panjang")
    old = (await rows(world, Assignment))[0]
    assert old.decline_reason == f"other: {tidy}"
    (declined,) = [e for e in await rows(world, CaseEvent) if e.kind == "declined"]
    assert declined.data == {"assignment_id": assignment_id, "reason": "other", "text": tidy}
    accept = world.deps.rules.sla[Urgency.SEDANG].accept
    due = {d.key.split(":", 1)[1]: d.due_at for d in await rows(world, Deadline)}
    assert due["accept_breach:g1:l1"] == world.clock.now + accept
    assert due["accept_breach:g0:l1"] == START + accept
