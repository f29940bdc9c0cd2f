"""Typed input after a button: a note, or the reason for declining."""

from __future__ import annotations

from datetime import timedelta

from tests.triage.services.cases.helpers import (
    BUDI,
    RINA,
    SARI,
    START,
    World,
    kinds,
    new_case,
    rows,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.decline import decline_case
from triage.services.cases.progress import mark_contacted
from triage.services.cases.worker_input import (
    NOTE_CHARS,
    Awaited,
    await_input,
    cancel_input,
    take_typed_input,
)
from triage.storage.tables import Assignment, CaseEvent


async def test_a_note_is_the_next_text_and_is_kept_in_the_database(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    assert await take_typed_input(world.deps, SARI, "halo") is None
    started = await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, 77)
    assert started.status is ActionStatus.DONE
    taken = await take_typed_input(world.deps, SARI, "Ibu anak bisa ditemui sore hari.")
    assert taken is not None
    assert (taken.what, taken.result.status, taken.result.message_id) == (
        Awaited.NOTE,
        ActionStatus.DONE,
        77,
    )
    note = (await rows(world, CaseEvent))[-1]
    assert (note.kind, note.data["text"]) == ("note", "Ibu anak bisa ditemui sore hari.")
    assert await take_typed_input(world.deps, SARI, "pesan berikutnya") is None
    assert await take_typed_input(world.deps, BUDI, "bukan peksosnya") is None


async def test_a_note_waits_until_the_case_is_accepted(world: World) -> None:
    assignment_id = await new_case(world)

    forged = await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, 77)

    assert forged.status is ActionStatus.NOT_ACCEPTED
    assert await take_typed_input(world.deps, SARI, "catatan sebelum menerima") is None
    assert "note" not in await kinds(world)


async def test_waiting_for_a_note_ends_with_cancel_another_action_or_time(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    assert (await cancel_input(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    assert await take_typed_input(world.deps, SARI, "teks") is None
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    await mark_contacted(world.deps, SARI, assignment_id)
    assert await take_typed_input(world.deps, SARI, "teks") is None
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    world.clock.now = START + timedelta(minutes=31)
    assert await take_typed_input(world.deps, SARI, "teks") is None
    assert "note" not in await kinds(world)


async def test_a_typed_decline_reason_declines(world: World) -> None:
    assignment_id = await new_case(world)
    await await_input(world.deps, SARI, assignment_id, Awaited.DECLINE_REASON, 5)
    taken = await take_typed_input(world.deps, SARI, "Saya sedang pelatihan di luar kota")
    assert taken is not None and taken.result.status is ActionStatus.DONE
    old = (await rows(world, Assignment))[0]
    assert old.decline_reason == "other: Saya sedang pelatihan di luar kota"


async def test_what_can_be_awaited_and_cancelled(world: World) -> None:
    first, second = await new_case(world), await new_case(world)  # the second: a duplicate
    assert {a.worker_id for a in await rows(world, Assignment)} == {world.ids[SARI]}
    await accept_case(world.deps, SARI, first)
    late = await await_input(world.deps, SARI, first, Awaited.DECLINE_REASON, 3)
    assert late.status is ActionStatus.ALREADY_ACCEPTED  # too late to decline
    assert await take_typed_input(world.deps, SARI, "teks") is None
    assert (await cancel_input(world.deps, SARI, first)).status is ActionStatus.ALREADY_DONE
    started = await await_input(world.deps, SARI, first, Awaited.NOTE, 8)
    assert (started.status, started.message_id) == (ActionStatus.DONE, 8)
    other = await cancel_input(world.deps, SARI, second)  # waiting on another case
    assert other.status is ActionStatus.ALREADY_DONE
    cancelled = await cancel_input(world.deps, SARI, first)
    assert (cancelled.status, cancelled.message_id) == (ActionStatus.DONE, 8)
    await await_input(world.deps, SARI, first, Awaited.NOTE, None)
    taken = await take_typed_input(world.deps, SARI, "  " + "catatan " * 600)
    assert taken is not None and taken.assignment_id == first
    note = (await rows(world, CaseEvent))[-1]
    assert (note.kind, len(note.data["text"])) == ("note", NOTE_CHARS)
    assert note.data["text"].startswith("catatan catatan")


async def test_a_reason_typed_after_the_case_moved_on_is_refused_and_not_waited_for(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    await await_input(world.deps, SARI, assignment_id, Awaited.DECLINE_REASON, 5)
    await decline_case(world.deps, RINA, assignment_id, "load")  # the supervisor passed it on
    taken = await take_typed_input(world.deps, SARI, "Saya sedang cuti")
    assert taken is not None
    assert (taken.what, taken.result.status, taken.result.message_id) == (
        Awaited.DECLINE_REASON, ActionStatus.GONE, 5)  # fmt: skip
    assert (await rows(world, CaseEvent))[-1].kind == "input_cancelled"
    assert await take_typed_input(world.deps, SARI, "Saya sedang cuti") is None
    declines = [a.decline_reason for a in await rows(world, Assignment) if a.declined_at]
    assert declines == ["load"]
