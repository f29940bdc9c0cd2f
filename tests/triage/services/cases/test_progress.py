"""A case's progress after acceptance: contacted, visited, referred (to the directory), closed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.triage.services.cases.helpers import (
    REPORTER_CHAT,
    SARI,
    START,
    World,
    deadline_states,
    kinds,
    new_case,
    rows,
)
from tests.triage.services.referrals.helpers import add_service
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.progress import close_case, mark_contacted, mark_visited
from triage.services.referrals.actions import refer_to_service
from triage.storage.tables import OutboxMessage, Report


async def test_contacted_stops_the_contact_timers_once(world: World) -> None:
    assignment_id = await new_case(world)
    early = await mark_contacted(world.deps, SARI, assignment_id)
    assert early.status is ActionStatus.NOT_ACCEPTED
    await accept_case(world.deps, SARI, assignment_id)
    world.clock.now = START + timedelta(minutes=40)
    assert (await mark_contacted(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    again = await mark_contacted(world.deps, SARI, assignment_id)
    assert again.status is ActionStatus.ALREADY_DONE
    (report,) = await rows(world, Report)
    assert (report.status, report.first_contact_at) == ("contacted", world.clock.now)
    states = await deadline_states(world)
    assert states["contact_breach:g0:l1"] == states["contact_reminder:g0:l0"] == "cancelled"
    assert states["closure_breach:g0:l1"] == "pending"
    assert (await kinds(world)).count("contacted") == 1


async def test_visit_and_referrals_move_the_status_forward(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    assert (await mark_visited(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    assert (await mark_visited(world.deps, SARI, assignment_id)).status is ActionStatus.ALREADY_DONE
    police = await add_service(world.deps.uow, "Unit PPA Polres", "unit_ppa_polres", ["31.74"])
    uptd = await add_service(world.deps.uow, "UPTD PPA", "uptd_ppa", ["31"])
    assert (
        await refer_to_service(world.deps, SARI, assignment_id, police)
    ).status is ActionStatus.DONE
    twice = await refer_to_service(world.deps, SARI, assignment_id, police)
    assert twice.status is ActionStatus.ALREADY_DONE
    await refer_to_service(world.deps, SARI, assignment_id, uptd)
    await mark_contacted(world.deps, SARI, assignment_id)  # after the visit: already counted
    (report,) = await rows(world, Report)
    assert report.status == "referred" and report.first_contact_at == START
    assert (await kinds(world))[3:] == ["visited", "referred", "referred"]


async def test_close_stops_every_timer_and_asks_the_reporter_for_a_rating(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    world.clock.now = START + timedelta(days=2)
    result = await close_case(world.deps, SARI, assignment_id, "handled")
    assert (result.status, result.detail) == (ActionStatus.DONE, "handled")
    assert (
        await close_case(world.deps, SARI, assignment_id, "other")
    ).status is ActionStatus.CLOSED
    (report,) = await rows(world, Report)
    assert (report.status, report.closed_at) == ("closed", world.clock.now)
    assert set((await deadline_states(world)).values()) == {"cancelled"}
    closing = (await rows(world, OutboxMessage))[-1]
    assert closing.chat_id == REPORTER_CHAT and report.reference in closing.text
    buttons = [b["callback_data"] for b in (closing.reply_markup or {})["inline_keyboard"][0]]
    assert buttons == [f"r:{report.reference}:{n}" for n in range(1, 6)]
    assert (await kinds(world))[-1] == "closed"


async def test_close_tells_nobody_when_the_reporter_asked_not_to_be_told(world: World) -> None:
    assignment_id = await new_case(world, notify=False)
    await accept_case(world.deps, SARI, assignment_id)
    await close_case(world.deps, SARI, assignment_id, "unreachable")
    assert [m.chat_id for m in await rows(world, OutboxMessage)] == [SARI]


async def test_progress_needs_an_accepted_case_and_known_codes(world: World) -> None:
    assignment_id = await new_case(world)
    for action in (
        mark_visited(world.deps, SARI, assignment_id),
        refer_to_service(world.deps, SARI, assignment_id, 1),
        close_case(world.deps, SARI, assignment_id, "handled"),
    ):
        assert (await action).status is ActionStatus.NOT_ACCEPTED
    with pytest.raises(ValueError, match="not a valid Outcome"):
        await close_case(world.deps, SARI, assignment_id, "bored")
    (report,) = await rows(world, Report)
    assert (report.status, report.closed_at) == ("assigned", None)
    assert await kinds(world) == ["received", "routed"]


async def test_a_visit_is_the_first_contact_when_nobody_reported_one(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    world.clock.now = START + timedelta(hours=2)
    await mark_visited(world.deps, SARI, assignment_id)
    (report,) = await rows(world, Report)
    assert (report.status, report.first_contact_at) == ("visited", world.clock.now)
    states = await deadline_states(world)
    assert states["contact_reminder:g0:l0"] == states["contact_breach:g0:l1"] == "cancelled"
    assert states["closure_breach:g0:l1"] == "pending"
    again = await mark_contacted(world.deps, SARI, assignment_id)
    assert again.status is ActionStatus.ALREADY_DONE
