"""What a worker types: the awaited note or decline reason, and text when nothing is awaited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.worker import texts as t
from tests.bot.cases import add_worker, report_by_reference
from tests.bot.harness import BotUnderTest, shown
from tests.bot.worker.arrange import BUDI, RINA, sari_with_a_case
from tests.support.deps import Clock
from tests.support.stub_users import ChatActor
from triage.services.cases.progress import close_case
from triage.storage.tables import Assignment, CaseEvent

NOTE = "Ibu anak bisa ditemui sore hari di rumah."


async def notes(harness: BotUnderTest) -> list[str]:
    return [e.data["text"] for e in await harness.rows(CaseEvent) if e.kind == "note"]


async def ask_for_a_note(sari: ChatActor, harness: BotUnderTest) -> None:
    await sari.press("📝 Catatan")
    asked = await sari.wait_for(harness.text(t.ASK_NOTE))
    assert asked.button_texts() == ["✖️ Batal"]


async def test_an_awaited_note_is_saved_and_the_card_comes_back(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await ask_for_a_note(sari, harness)
    await sari.send(NOTE)
    await sari.wait_for(harness.text(t.NOTE_SAVED, reference=offer.reference))
    card = await sari.wait_for("Catatan tersimpan: 1")
    assert card.message_id == offer.card.message_id and "📝 Catatan" in card.button_texts()
    assert await notes(harness) == [NOTE]


async def test_text_when_no_note_is_awaited_is_not_a_note(harness: BotUnderTest) -> None:
    sari, _offer = await sari_with_a_case(harness, accepted=True)
    await sari.send(NOTE)
    await sari.wait_for(harness.text(t.COMMANDS))  # not a note: the worker's help
    assert await notes(harness) == []


async def test_cancelling_the_note_puts_the_card_back_and_the_text_is_not_kept(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await ask_for_a_note(sari, harness)
    await sari.press("✖️ Batal")
    card = await sari.wait_for(lambda m: "📝 Catatan" in m.button_texts())
    assert card.message_id == offer.card.message_id
    await sari.send(NOTE)
    await sari.wait_for(harness.text(t.COMMANDS))  # not a note: the worker's help
    assert await notes(harness) == []


async def test_another_button_ends_the_wait_for_a_note(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await ask_for_a_note(sari, harness)
    await sari.command("/kasus", offer.reference)
    await sari.wait_for(lambda m: "📞 Dihubungi" in m.button_texts())
    await sari.press("📞 Dihubungi")
    await sari.wait_for("Status: Sudah dihubungi")
    await sari.send(NOTE)
    await sari.wait_for(harness.text(t.COMMANDS))  # not a note: the worker's help
    assert await notes(harness) == []


async def test_a_note_typed_after_half_an_hour_is_not_taken(harness: BotUnderTest) -> None:
    sari, _offer = await sari_with_a_case(harness, accepted=True)
    await ask_for_a_note(sari, harness)
    clock = harness.deps.clock = Clock(datetime.now(UTC))
    clock.now += timedelta(minutes=31)
    await sari.send(NOTE)
    await sari.wait_for(harness.text(t.COMMANDS))  # not a note: the worker's help
    assert await notes(harness) == []


async def test_a_note_for_a_case_closed_meanwhile_is_not_saved(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await ask_for_a_note(sari, harness)
    await add_worker(harness.deps, "Rina", RINA, ["31.74"], role="supervisor")
    await close_case(harness.deps, RINA, offer.assignment_id, "handled")  # her supervisor did
    await sari.send(NOTE)
    told = await sari.wait_for("Pesan Anda tidak disimpan")
    assert told.text == harness.text(t.NOT_SAVED, why=harness.text(t.ALREADY_CLOSED))
    assert await notes(harness) == []
    assert shown(sari, offer.card.message_id).inline_buttons == []  # the card lost its buttons


async def test_lainnya_asks_for_the_reason_and_the_typed_reason_declines(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness)
    await add_worker(harness.deps, "Budi", BUDI, ["31.74"])
    budi = harness.user(BUDI, "Budi", started=True)
    await sari.press("↩️ Tolak")
    await sari.wait_for(harness.text(t.ASK_DECLINE))
    await sari.press("Lainnya (tulis)")
    asked = await sari.wait_for(harness.text(t.ASK_REASON))
    assert asked.button_texts() == ["✖️ Batal"]
    await sari.send("Saya sedang  pelatihan\ndi luar kota.")
    await sari.wait_for(harness.text(t.REASON_SAVED))
    declined = await sari.wait_for(harness.text(t.DECLINED, reference=offer.reference))
    assert declined.message_id == offer.card.message_id and declined.inline_buttons == []
    first = await harness.row(Assignment, offer.assignment_id)
    assert first is not None and not first.active
    assert first.decline_reason == "other: Saya sedang pelatihan di luar kota."
    assert harness.kicks == 1
    await harness.deliver()
    await budi.wait_for(offer.reference)


async def test_cancelling_the_reason_keeps_the_case(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await sari.press("↩️ Tolak")
    await sari.wait_for(harness.text(t.ASK_DECLINE))
    await sari.press("Lainnya (tulis)")
    await sari.wait_for(harness.text(t.ASK_REASON))
    await sari.press("✖️ Batal")
    await sari.wait_for(lambda m: m.button_texts() == ["✅ Terima", "↩️ Tolak"])
    await sari.send("Saya sedang pelatihan di luar kota.")
    await sari.wait_for(harness.text(t.COMMANDS))  # not a note: the worker's help
    assignment = await harness.row(Assignment, offer.assignment_id)
    assert assignment is not None and assignment.active and assignment.decline_reason is None
    report = await report_by_reference(harness.deps, offer.reference)
    assert report.status == "assigned"
