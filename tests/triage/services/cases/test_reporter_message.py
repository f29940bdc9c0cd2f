"""Messages to the reporter through the bot: only when they asked to be kept informed, in their
language, kept on the timeline."""

from __future__ import annotations

from tests.triage.services.cases.helpers import REPORTER_CHAT, World, new_case
from tests.triage.services.cases.staff_helpers import (
    ADMIN,
    BANDUNG,
    JAKSEL,
    change_report,
    events,
    outbox,
    reference,
    snapshot,
)
from triage.services.cases.reporter_message import message_reporter
from triage.services.cases.staff_common import StaffOutcome

TEXT = "Petugas kami sudah mengunjungi keluarga tersebut."


async def test_the_message_is_queued_in_the_reporters_language(world: World) -> None:
    await new_case(world)
    ref = await reference(world)

    result = await message_reporter(world.deps, JAKSEL, ref, TEXT)

    assert result.outcome is StaffOutcome.DONE
    [event] = await events(world, "reporter_messaged")
    assert (event.actor, event.data) == ("staff:spv.jaksel", {"text": TEXT})
    message = (await outbox(world))[f"staff-message:{event.id}"]
    assert message.chat_id == REPORTER_CHAT
    assert message.text.startswith(f"✉️ Pesan dari Dinas Sosial tentang laporan {ref}:\n\n{TEXT}")

    await change_report(world, language="en")
    await message_reporter(world.deps, ADMIN, ref, TEXT)
    second = (await events(world, "reporter_messaged"))[1]
    english = (await outbox(world))[f"staff-message:{second.id}"]
    assert english.text.startswith(f"✉️ A message from Dinas Sosial about report {ref}:")


async def test_a_reporter_who_asked_for_no_news_gets_none(world: World) -> None:
    await new_case(world, notify=False)
    before = await snapshot(world)
    result = await message_reporter(world.deps, ADMIN, await reference(world), TEXT)
    assert result.outcome is StaffOutcome.NOT_INFORMED
    assert await snapshot(world) == before


async def test_outside_the_region_the_case_is_not_found(world: World) -> None:
    await new_case(world)
    before = await snapshot(world)
    result = await message_reporter(world.deps, BANDUNG, await reference(world), TEXT)
    assert result.outcome is StaffOutcome.NOT_FOUND
    assert await snapshot(world) == before
