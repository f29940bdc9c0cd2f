"""Two people acting on one case at the same instant, on both databases: neither sees
"database is locked", and the case is read and changed by one of them at a time. SQLite has
no row locks and reads outside a transaction until the first write, so without
`UnitOfWork.lock_for_write` both would read "assigned" and both move the case on."""

from __future__ import annotations

import asyncio

from tests.triage.services.cases.helpers import World, new_case
from tests.triage.services.cases.staff_helpers import ADMIN, JAKSEL, events, reference
from triage.domain.case import CaseStatus
from triage.services.cases.staff_common import StaffOutcome
from triage.services.cases.staff_note import add_staff_note
from triage.services.cases.staff_status import change_status

ROUNDS = 15


async def test_two_staff_notes_on_one_case_at_the_same_instant_both_land(world: World) -> None:
    await new_case(world)
    case = await reference(world)
    for round_ in range(ROUNDS):
        results = await asyncio.gather(
            add_staff_note(world.deps, ADMIN, case, f"catatan A {round_}", True),
            add_staff_note(world.deps, JAKSEL, case, f"catatan B {round_}", False),
        )
        assert [r.outcome for r in results] == [StaffOutcome.DONE, StaffOutcome.DONE]
    assert len(await events(world, "staff_note")) == 2 * ROUNDS


async def test_two_status_changes_from_one_page_at_the_same_instant_one_wins(
    world: World,
) -> None:
    """Both saw "assigned"; the case is read and changed in one serialised transaction, so
    the second finds it changed (stale) instead of both moving it."""
    await new_case(world)
    case = await reference(world)
    results = await asyncio.gather(
        change_status(world.deps, ADMIN, case, CaseStatus.CONTACTED, "ditelepon", "assigned"),
        change_status(world.deps, JAKSEL, case, CaseStatus.CONTACTED, "dikunjungi", "assigned"),
    )
    assert sorted(r.outcome.value for r in results) == ["done", "stale"]
    assert len(await events(world, "status_changed")) == 1
