"""Staff set a case's status (only forward, as the domain allows) or close it with an outcome;
what the status implies is recorded, and a stale page or a closed case changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.triage.services.cases.helpers import (
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
    JAKSEL,
    audits,
    change_report,
    events,
    outbox,
    reference,
    report,
    snapshot,
)
from triage.domain.case import CaseStatus, Outcome, Referral
from triage.services.cases.accept import accept_case
from triage.services.cases.progress import mark_contacted
from triage.services.cases.staff_common import StaffOutcome
from triage.services.cases.staff_status import change_status, close_by_staff
from triage.storage.tables import Assignment

WHY = "Petugas menelepon kantor: keluarga sudah ditemui"


async def test_contacted_records_acceptance_and_first_contact_and_tells_everyone(
    world: World,
) -> None:
    first = await new_case(world)
    world.clock.now = START + timedelta(hours=2)
    ref = await reference(world)

    result = await change_status(
        world.deps, JAKSEL, ref, CaseStatus.CONTACTED, WHY, seen_status="assigned"
    )

    assert result.outcome is StaffOutcome.DONE
    case = await report(world)
    assert (case.status, case.accepted_at, case.first_contact_at) == (
        "contacted", world.clock.now, world.clock.now,
    )  # fmt: skip
    [assignment] = await rows(world, Assignment)
    assert (assignment.id, assignment.accepted_at) == (first, world.clock.now)
    [event] = await events(world, "status_changed")
    assert (event.actor, event.at) == ("staff:spv.jaksel", world.clock.now)
    assert event.data == {"from_status": "assigned", "to_status": "contacted", "reason": WHY}
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["contact_breach:g0:l1"] == "cancelled"
    assert states["closure_breach:g0:l1"] == "pending"
    messages = await outbox(world)
    assert messages[f"reporter:{ref}:accepted"].chat_id == case.reporter_chat_id
    told = messages[f"staff-status:{ref}:contacted"]
    assert (told.chat_id, told.report_id) == (SARI, case.id)
    assert "Sudah dihubungi" in told.text and WHY not in told.text
    assert await audits(world, "change_status") == [
        ("staff:spv.jaksel", "change_status", {"outcome": "done"})
    ]


async def test_referred_names_the_service(world: World) -> None:
    first = await new_case(world)
    await accept_case(world.deps, SARI, first)
    ref = await reference(world)

    result = await change_status(
        world.deps, ADMIN, ref, CaseStatus.REFERRED, WHY, "accepted", Referral.POLICE
    )

    assert result.outcome is StaffOutcome.DONE
    [event] = await events(world, "status_changed")
    assert event.data["to"] == "police"
    assert (await report(world)).first_contact_at is None  # referring is not contacting
    told = (await outbox(world))[f"staff-status:{ref}:referred"]
    assert "Dirujuk (Polisi)" in told.text


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("contacted", CaseStatus.ACCEPTED),  # backwards
        ("visited", CaseStatus.CONTACTED),
        ("contacted", CaseStatus.CONTACTED),  # no move
        ("assigned", CaseStatus.NEW),  # routing states are not for staff
        ("accepted", CaseStatus.ASSIGNED),
        ("accepted", CaseStatus.CLOSED),  # closing has its own form
    ],
)
async def test_transitions_the_domain_does_not_allow_change_nothing(
    world: World, current: str, target: CaseStatus
) -> None:
    await new_case(world)
    await change_report(world, status=current)
    before = await snapshot(world)

    result = await change_status(world.deps, ADMIN, await reference(world), target, WHY, current)

    assert result.outcome is StaffOutcome.NOT_ALLOWED
    assert await snapshot(world) == before
    assert await audits(world, "change_status") == [
        ("staff:admin", "change_status", {"outcome": "not_allowed"})
    ]


async def test_nobody_holds_the_case_so_no_status_can_be_set(world: World) -> None:
    await new_case(world)
    await change_report(world, status="new", assigned_worker_id=None)
    result = await change_status(
        world.deps, ADMIN, await reference(world), CaseStatus.ACCEPTED, WHY, "new"
    )
    assert result.outcome is StaffOutcome.NOT_ALLOWED


async def test_a_page_older_than_the_case_is_stale(world: World) -> None:
    first = await new_case(world)
    await accept_case(world.deps, SARI, first)
    await mark_contacted(world.deps, SARI, first)  # meanwhile, in Telegram
    before = await snapshot(world)

    result = await change_status(
        world.deps, ADMIN, await reference(world), CaseStatus.ACCEPTED, WHY, "assigned"
    )

    assert (result.outcome, result.detail) == (StaffOutcome.STALE, "contacted")
    assert await snapshot(world) == before


@pytest.mark.parametrize(
    ("target", "referral"), [(CaseStatus.REFERRED, None), (CaseStatus.VISITED, Referral.HEALTH)]
)
async def test_a_referral_comes_with_referred_only(
    target: CaseStatus, referral: Referral | None
) -> None:
    """Checked before any database work, so no dependencies are needed."""
    with pytest.raises(ValueError, match="referral"):
        await change_status(None, ADMIN, "LS-X", target, WHY, "accepted", referral)  # type: ignore[arg-type]


async def test_closing_stops_every_timer_and_asks_the_reporter_to_rate(world: World) -> None:
    await new_case(world)
    world.clock.now = START + timedelta(days=1)
    ref = await reference(world)

    result = await close_by_staff(world.deps, JAKSEL, ref, Outcome.UNFOUNDED, WHY, "assigned")

    assert result.outcome is StaffOutcome.DONE
    case = await report(world)
    assert (case.status, case.closed_at) == ("closed", world.clock.now)
    [event] = await events(world, "closed")
    assert (event.actor, event.data) == (
        "staff:spv.jaksel", {"outcome": "unfounded", "reason": WHY},
    )  # fmt: skip
    assert set((await deadline_states(world)).values()) == {"cancelled"}
    messages = await outbox(world)
    rating = messages[f"reporter:{ref}:closed"]
    assert rating.reply_markup is not None  # the 1-5 buttons
    holder = messages[f"staff-closed:{ref}"]
    assert holder.chat_id == SARI and "Tidak terbukti" in holder.text


async def test_a_reporter_who_asked_for_no_news_hears_nothing_of_the_closure(
    world: World,
) -> None:
    await new_case(world, notify=False)
    ref = await reference(world)
    await close_by_staff(world.deps, ADMIN, ref, Outcome.HANDLED, WHY, "assigned")
    assert list(await outbox(world)) == [
        f"assign:{(await rows(world, Assignment))[0].id}",
        f"staff-closed:{ref}",
    ]


@pytest.mark.parametrize(
    ("status", "seen", "expected"),
    [
        ("closed", "closed", StaffOutcome.CLOSED),
        ("closed", "assigned", StaffOutcome.CLOSED),
        ("accepted", "assigned", StaffOutcome.STALE),
    ],
)
async def test_closing_twice_or_from_a_stale_page_changes_nothing(
    world: World, status: str, seen: str, expected: StaffOutcome
) -> None:
    await new_case(world)
    await change_report(world, status=status)
    before = await snapshot(world)
    result = await close_by_staff(
        world.deps, ADMIN, await reference(world), Outcome.HANDLED, WHY, seen
    )
    assert result.outcome is expected
    assert await snapshot(world) == before
    status_result = await change_status(
        world.deps, ADMIN, await reference(world), CaseStatus.VISITED, WHY, seen
    )
    assert status_result.outcome is expected


async def test_outside_the_region_status_and_closing_are_not_found(world: World) -> None:
    await new_case(world)
    ref = await reference(world)
    before = await snapshot(world)
    closed = await close_by_staff(world.deps, BANDUNG, ref, Outcome.HANDLED, WHY, "assigned")
    moved = await change_status(world.deps, BANDUNG, ref, CaseStatus.ACCEPTED, WHY, "assigned")
    assert closed.outcome is moved.outcome is StaffOutcome.NOT_FOUND
    assert await snapshot(world) == before
