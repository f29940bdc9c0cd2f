"""Staff hand a case to another worker: the assignment, the timeline, the timers and the
messages change together; a stale page, a closed case or a worker out of reach change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.triage.services.cases.helpers import (
    BUDI,
    EKA,
    PROV,
    RINA,
    SARI,
    START,
    World,
    deadline_states,
    new_case,
    rows,
)
from tests.triage.services.cases.staff_helpers import (
    ADMIN,
    BANDUNG,
    DKI,
    JAKSEL,
    audits,
    change_report,
    events,
    outbox,
    reference,
    report,
    snapshot,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.detail import case_detail
from triage.services.cases.reassign import reassign_case
from triage.services.cases.staff_common import StaffOutcome
from triage.storage.tables import Assignment, Worker

REASON = "Sari cuti <b>mendadak</b> minggu ini"


async def test_a_hand_over_moves_the_case_tells_both_and_restarts_the_accept_clock(
    world: World,
) -> None:
    first = await new_case(world)
    world.clock.now = START + timedelta(minutes=10)
    sari, budi = world.ids[SARI], world.ids[BUDI]

    result = await reassign_case(world.deps, JAKSEL, await reference(world), budi, REASON, sari)

    assert (result.outcome, result.detail) == (StaffOutcome.DONE, "Budi")
    case = await report(world)
    assert (case.assigned_worker_id, case.status) == (budi, "assigned")
    old, new = await rows(world, Assignment)
    assert (old.id, old.active) == (first, False)
    assert (new.worker_id, new.active, new.kind, new.reason_code) == (
        budi, True, "assigned", "staff.reassigned",
    )  # fmt: skip
    [event] = await events(world, "reassigned")
    assert (event.actor, event.at) == ("staff:spv.jaksel", world.clock.now)
    assert event.data == {
        "worker_id": budi, "kind": "assigned", "from_worker_id": sari,
        "assignment_id": new.id, "reason": REASON,
    }  # fmt: skip
    messages = await outbox(world)
    handed = messages[f"assign:{new.id}"]
    assert handed.chat_id == BUDI and handed.report_id == case.id
    assert REASON in handed.text and case.reference in handed.text
    assert [b["callback_data"] for b in handed.reply_markup["inline_keyboard"][0]] == [
        f"w:acc:{new.id}",
        f"w:dec:{new.id}",
    ]
    moved = messages[f"moved:{new.id}:{sari}"]
    assert moved.chat_id == SARI and "Budi" in moved.text and REASON not in moved.text
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["accept_breach:g1:l1"] == "pending"
    assert states["contact_breach:g0:l1"] == "pending"
    assert await audits(world, "reassign") == [
        ("staff:spv.jaksel", "reassign", {"outcome": "done"})
    ]


async def test_the_previous_holders_buttons_go_stale_and_the_new_holder_can_accept(
    world: World,
) -> None:
    first = await new_case(world)
    await reassign_case(
        world.deps, ADMIN, await reference(world), world.ids[BUDI], REASON, world.ids[SARI]
    )
    new = (await rows(world, Assignment))[-1]
    assert new.id is not None

    assert (await accept_case(world.deps, SARI, first)).status is ActionStatus.GONE
    assert (await accept_case(world.deps, BUDI, new.id)).status is ActionStatus.DONE
    assert (await report(world)).status == "accepted"


async def test_an_accepted_case_keeps_its_progress_and_gets_no_new_accept_clock(
    world: World,
) -> None:
    first = await new_case(world)
    await accept_case(world.deps, SARI, first)
    before = await deadline_states(world)

    result = await reassign_case(
        world.deps, ADMIN, await reference(world), world.ids[RINA], REASON, world.ids[SARI]
    )

    assert result.outcome is StaffOutcome.DONE
    case = await report(world)
    assert (case.status, case.assigned_worker_id) == ("accepted", world.ids[RINA])
    assert (await rows(world, Assignment))[-1].kind == "supervisor_kabkota"
    assert await deadline_states(world) == before


async def test_from_the_national_queue_the_case_becomes_assigned(world: World) -> None:
    await new_case(world)
    await change_report(world, assigned_worker_id=None, status="new")
    result = await reassign_case(
        world.deps, ADMIN, await reference(world), world.ids[PROV], REASON, None
    )
    assert result.outcome is StaffOutcome.DONE
    assert (await report(world)).status == "assigned"
    assert (await rows(world, Assignment))[-1].kind == "supervisor_province"
    assert not [key for key in await outbox(world) if key.startswith("moved:")]


@pytest.mark.parametrize(
    ("arrange", "worker", "seen", "expected"),
    [
        ({"status": "closed"}, BUDI, SARI, StaffOutcome.CLOSED),
        ({}, BUDI, BUDI, StaffOutcome.STALE),  # the page showed Budi; Sari holds it
        ({}, BUDI, None, StaffOutcome.STALE),
        ({}, SARI, SARI, StaffOutcome.SAME_HOLDER),
        ({}, EKA, SARI, StaffOutcome.UNKNOWN_WORKER),  # Bandung: not the supervisor's
        ({}, 0, SARI, StaffOutcome.UNKNOWN_WORKER),
    ],
)
async def test_refusals_change_nothing_and_are_audited(
    world: World,
    arrange: dict[str, str],
    worker: int,
    seen: int | None,
    expected: StaffOutcome,
) -> None:
    await new_case(world)
    await change_report(world, **arrange)
    before = await snapshot(world)
    worker_id = world.ids.get(worker, 999_999)
    seen_id = world.ids[seen] if seen else None

    result = await reassign_case(
        world.deps, JAKSEL, await reference(world), worker_id, REASON, seen_id
    )

    assert result.outcome is expected
    assert await snapshot(world) == before
    assert await audits(world, "reassign") == [
        ("staff:spv.jaksel", "reassign", {"outcome": expected.value})
    ]


@pytest.mark.parametrize(
    "change", [{"telegram_user_id": None}, {"active": False}], ids=["no-telegram", "deactivated"]
)
async def test_a_worker_out_of_reach_is_neither_offered_nor_taken(
    world: World, change: dict[str, object]
) -> None:
    await new_case(world)
    async with world.deps.uow() as uow:
        budi = await uow.session.get(Worker, world.ids[BUDI])
        assert budi is not None
        for name, value in change.items():
            setattr(budi, name, value)
        await uow.commit()
    ref = await reference(world)
    detail = await case_detail(world.deps, ADMIN, ref, world.clock.now)
    assert detail is not None and "Budi" not in [c.name for c in detail.workers]
    result = await reassign_case(world.deps, ADMIN, ref, world.ids[BUDI], REASON, world.ids[SARI])
    assert result.outcome is StaffOutcome.UNKNOWN_WORKER


async def test_outside_the_supervisors_regions_the_case_is_not_found(world: World) -> None:
    await new_case(world)
    before = await snapshot(world)
    ref = await reference(world)

    result = await reassign_case(world.deps, BANDUNG, ref, world.ids[EKA], REASON, world.ids[SARI])
    unknown = await reassign_case(world.deps, BANDUNG, "LS-NONE-0000", 1, REASON, None)

    assert result.outcome is unknown.outcome is StaffOutcome.NOT_FOUND
    assert await snapshot(world) == before
    assert await audits(world, "reassign") == [
        ("spv.bandung", "reassign_refused", {"staff_id": BANDUNG.id})
    ]


async def test_an_empty_reason_is_refused_before_anything_is_read(world: World) -> None:
    await new_case(world)
    with pytest.raises(ValueError, match="staff text"):
        await reassign_case(world.deps, ADMIN, await reference(world), 1, " \r\n ", None)


async def test_the_choices_put_the_case_region_first_and_leave_out_the_holder(
    world: World,
) -> None:
    await new_case(world)
    await new_case(world)
    await change_report(world, 1, assigned_worker_id=world.ids[BUDI])  # one open case each
    ref = await reference(world)

    for_admin = await case_detail(world.deps, ADMIN, ref, world.clock.now)
    for_jaksel = await case_detail(world.deps, JAKSEL, ref, world.clock.now)
    for_dki = await case_detail(world.deps, DKI, ref, world.clock.now)

    assert for_admin is not None and for_jaksel is not None and for_dki is not None
    listed = [(c.name, c.covers_case, c.open_cases) for c in for_admin.workers]
    assert listed == [
        ("Budi", True, 1), ("Pak Prov", True, 0), ("Rina", True, 0), ("Eka", False, 0),
    ]  # fmt: skip
    assert [c.name for c in for_jaksel.workers] == ["Budi", "Pak Prov", "Rina"]
    assert [c.name for c in for_dki.workers] == ["Budi", "Pak Prov", "Rina"]
    assert for_admin.holder_id == world.ids[SARI]
    assert for_admin.staff_statuses == ("accepted", "contacted", "visited", "referred")
