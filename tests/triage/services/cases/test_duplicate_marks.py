"""Duplicate marks: by reference, only to a case the viewer may see; no loops; removable."""

from __future__ import annotations

import pytest

from tests.triage.services.cases.helpers import SARI, World, new_case
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
from triage.services.cases.detail import case_detail
from triage.services.cases.duplicate_marks import mark_duplicate, unmark_duplicate
from triage.services.cases.staff_common import StaffOutcome

WHY = "Pelapor yang sama, kejadian yang sama"


@pytest.fixture
async def two(world: World) -> tuple[str, str]:
    """Two open cases in Jakarta Selatan; the second is not a duplicate yet."""
    await new_case(world)
    await new_case(world)
    await change_report(world, 1, duplicate_of_id=None)
    return await reference(world, 0), await reference(world, 1)


async def test_marking_sets_the_mark_records_it_and_tells_the_holder(
    world: World, two: tuple[str, str]
) -> None:
    first, second = two
    typed = second.lower().replace("-", " ")  # as people type it

    result = await mark_duplicate(world.deps, JAKSEL, first, typed, WHY)

    assert (result.outcome, result.detail) == (StaffOutcome.DONE, second)
    assert (await report(world, 0)).duplicate_of_id == (await report(world, 1)).id
    [event] = await events(world, "marked_duplicate")
    assert (event.actor, event.data) == ("staff:spv.jaksel", {"of": second, "reason": WHY})
    told = (await outbox(world))[f"staff-duplicate:{event.id}"]
    assert told.chat_id == SARI and first in told.text and second in told.text
    detail = await case_detail(world.deps, JAKSEL, first, world.clock.now)
    assert detail is not None
    assert (detail.duplicate_of, detail.duplicate_of_visible) == (second, True)


async def test_a_case_out_of_sight_counts_as_unknown(world: World, two: tuple[str, str]) -> None:
    first, second = two
    await change_report(world, 1, kabkota_code="32.73")  # now Bandung's
    before = await snapshot(world)

    hidden = await mark_duplicate(world.deps, JAKSEL, first, second, WHY)
    unknown = await mark_duplicate(world.deps, JAKSEL, first, "LS-0000-0000", WHY)

    assert hidden.outcome is unknown.outcome is StaffOutcome.UNKNOWN_CASE
    assert await snapshot(world) == before
    assert (await mark_duplicate(world.deps, ADMIN, first, second, WHY)).done


async def test_itself_again_or_in_a_loop_is_refused(world: World, two: tuple[str, str]) -> None:
    first, second = two
    assert (await mark_duplicate(world.deps, ADMIN, first, first, WHY)).outcome is (
        StaffOutcome.SAME_CASE
    )
    assert (await mark_duplicate(world.deps, ADMIN, second, first, WHY)).done
    before = await snapshot(world)
    again = await mark_duplicate(world.deps, ADMIN, second, first, WHY)
    loop = await mark_duplicate(world.deps, ADMIN, first, second, WHY)
    assert (again.outcome, again.detail) == (StaffOutcome.ALREADY, first)
    assert (loop.outcome, loop.detail) == (StaffOutcome.CYCLE, second)
    assert await snapshot(world) == before
    outcomes = [detail["outcome"] for _, _, detail in await audits(world, "mark_duplicate")]
    assert outcomes == ["same_case", "done", "already", "cycle"]


async def test_removing_the_mark(world: World, two: tuple[str, str]) -> None:
    first, second = two
    assert (await unmark_duplicate(world.deps, ADMIN, first, WHY)).outcome is (
        StaffOutcome.NOT_MARKED
    )
    await mark_duplicate(world.deps, ADMIN, first, second, WHY)
    await change_report(world, 0, status="closed")  # a closed case's holder needs no news

    result = await unmark_duplicate(world.deps, ADMIN, first, "Ternyata anak yang berbeda")

    assert result.done
    assert (await report(world, 0)).duplicate_of_id is None
    [event] = await events(world, "unmarked_duplicate")
    assert event.data == {"of": second, "reason": "Ternyata anak yang berbeda"}
    assert f"staff-duplicate:{event.id}" not in await outbox(world)


async def test_outside_the_region_the_case_is_not_found(world: World, two: tuple[str, str]) -> None:
    first, second = two
    before = await snapshot(world)
    marked = await mark_duplicate(world.deps, BANDUNG, first, second, WHY)
    unmarked = await unmark_duplicate(world.deps, BANDUNG, first, WHY)
    assert marked.outcome is unmarked.outcome is StaffOutcome.NOT_FOUND
    assert await snapshot(world) == before
