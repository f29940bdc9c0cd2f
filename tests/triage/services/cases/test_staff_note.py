"""Staff notes: on the timeline with who and when; sent to the holder only when asked."""

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
    snapshot,
)
from triage.services.cases.staff_common import NOTE_MAX_CHARS, StaffOutcome
from triage.services.cases.staff_note import add_staff_note

NOTE = "Ibu anak minta\r\ndihubungi sore hari <i>saja</i>"


async def test_a_note_stays_on_the_timeline_only(world: World) -> None:
    await new_case(world)
    result = await add_staff_note(world.deps, JAKSEL, await reference(world), NOTE, False)
    assert result.outcome is StaffOutcome.DONE
    [event] = await events(world, "staff_note")
    assert (event.actor, event.at) == ("staff:spv.jaksel", world.clock.now)
    assert event.data == {
        "text": "Ibu anak minta\ndihubungi sore hari <i>saja</i>",
        "told_holder": False,
    }
    assert not [key for key in await outbox(world) if key.startswith("staff-note")]
    assert await audits(world, "staff_note") == [
        ("staff:spv.jaksel", "staff_note", {"outcome": "done"})
    ]


async def test_a_note_sent_to_the_holder_is_queued_with_it(world: World) -> None:
    await new_case(world)
    await add_staff_note(world.deps, ADMIN, await reference(world), NOTE, True)
    [event] = await events(world, "staff_note")
    message = (await outbox(world))[f"staff-note:{event.id}"]
    assert message.chat_id == SARI
    assert message.text.endswith("Ibu anak minta\ndihubungi sore hari <i>saja</i>")


async def test_no_holder_to_tell_saves_nothing(world: World) -> None:
    await new_case(world)
    await change_report(world, assigned_worker_id=None, status="new")
    before = await snapshot(world)
    result = await add_staff_note(world.deps, ADMIN, await reference(world), NOTE, True)
    assert result.outcome is StaffOutcome.NO_HOLDER
    assert await snapshot(world) == before


async def test_a_closed_case_still_takes_notes(world: World) -> None:
    await new_case(world)
    await change_report(world, status="closed")
    result = await add_staff_note(world.deps, ADMIN, await reference(world), NOTE, False)
    assert result.outcome is StaffOutcome.DONE


async def test_outside_the_region_the_case_is_not_found(world: World) -> None:
    await new_case(world)
    before = await snapshot(world)
    result = await add_staff_note(world.deps, BANDUNG, await reference(world), NOTE, False)
    assert result.outcome is StaffOutcome.NOT_FOUND
    assert await snapshot(world) == before


@pytest.mark.parametrize("text", ["", "  \n ", "x" * (NOTE_MAX_CHARS + 1)])
async def test_empty_or_long_notes_are_refused(world: World, text: str) -> None:
    with pytest.raises(ValueError, match="staff text"):
        await add_staff_note(world.deps, ADMIN, "LS-X", text, False)
