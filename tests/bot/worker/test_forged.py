"""Worker buttons the presser may not use: someone else's case, data the bot never made, and
buttons replayed after the case moved on. Each is refused, audited, and changes nothing."""

from __future__ import annotations

import pytest

from bot import texts
from bot.worker import texts as t
from tests.bot.cases import add_worker, report_by_reference
from tests.bot.harness import BotUnderTest, shown
from tests.bot.worker.arrange import BUDI, EKA, SARI, WARGA, sari_with_a_case
from triage.storage.tables import Assignment, AuditLog, CaseEvent

MALFORMED = [
    "w:co:1:'; DROP TABLE report;--",
    "w:acc",
    "w:acc:abc",
    "w:acc:-1",
    "w:acc:１",  # a full-width digit
    "w:acc:1:extra",
    "w:zzz:1",
    "w:dr:1:bogus",
    "w:rt:1",
    "w:acc:" + "9" * 19,
]


async def refusals(harness: BotUnderTest) -> list[tuple[str, object, object]]:
    """(actor, attempted, why) of every refused worker action in the audit log."""
    logged = await harness.rows(AuditLog)
    return [
        (a.actor, a.detail.get("attempted"), a.detail.get("why"))
        for a in logged
        if a.action == "refused_action"
    ]


async def test_someone_elses_case_is_refused_and_audited(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await add_worker(harness.deps, "Eka", EKA, ["32.73"])
    eka = harness.user(EKA, "Eka")
    stranger = harness.user(WARGA)
    a = offer.assignment_id
    for who in (eka, stranger):
        await who.command("/help")
        await who.wait_for()
        for data in (f"w:acc:{a}", f"w:dec:{a}", f"w:dr:{a}:load", f"w:note:{a}"):
            pressed = await who.forge_callback(data, 1)
            answer = await harness.answer_to(pressed)
            assert answer == (harness.text(texts.WORKER_NOT_YOURS), True), data
    assignment = await harness.row(Assignment, a)
    assert assignment is not None and assignment.active and assignment.accepted_at is None
    logged = await refusals(harness)
    assert (f"telegram:{EKA}", "accept", "not_yours") in logged
    assert (f"telegram:{WARGA}", "decline", "not_yours") in logged
    assert len(logged) == 8
    assert all(offer.reference not in who.transcript() for who in (eka, stranger))  # no leak
    assert shown(sari, offer.card.message_id).edits == 0  # Sari's card was not touched


@pytest.mark.parametrize("data", MALFORMED)
async def test_data_the_bot_never_made_is_refused_and_audited(
    harness: BotUnderTest, data: str
) -> None:
    sari, offer = await sari_with_a_case(harness)
    events = len(await harness.rows(CaseEvent))
    pressed = await sari.forge_callback(data, offer.card.message_id)
    assert await harness.answer_to(pressed) == (harness.text(texts.WORKER_NOT_YOURS), True)
    assert await refusals(harness) == [(f"telegram:{SARI}", "malformed", "malformed")]
    assert len(await harness.rows(CaseEvent)) == events
    assert shown(sari, offer.card.message_id).button_texts() == ["✅ Terima", "↩️ Tolak"]


async def test_a_button_replayed_after_declining_answers_gone(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await add_worker(harness.deps, "Budi", BUDI, ["31.74"])
    await sari.press("↩️ Tolak")
    await sari.wait_for(harness.text(t.ASK_DECLINE))
    await sari.press("Sedang cuti/sakit")
    await sari.wait_for("Anda menolak kasus ini")
    late = await sari.forge_callback(f"w:acc:{offer.assignment_id}", offer.card.message_id)
    assert await harness.answer_to(late) == (harness.text(texts.WORKER_GONE), True)
    assignment = await harness.row(Assignment, offer.assignment_id)
    assert assignment is not None and not assignment.active and assignment.accepted_at is None
    assert (f"telegram:{SARI}", "accept", "gone") in await refusals(harness)


async def test_a_button_replayed_after_closing_answers_closed_and_loses_its_keyboard(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await sari.command("/kasus", offer.reference)
    second = await sari.wait_for(lambda m: "📞 Dihubungi" in m.button_texts())
    await sari.press("✔️ Ditutup")
    await sari.wait_for(harness.text(t.ASK_CLOSE))
    await sari.press("Ditangani, anak aman")
    closed = await sari.wait_for("ditutup: Ditangani, anak aman")
    assert closed.message_id == second.message_id
    pressed = await sari.press("📞 Dihubungi", message_id=offer.card.message_id)
    assert await harness.answer_to(pressed) == (harness.text(t.ALREADY_CLOSED), True)
    assert shown(sari, offer.card.message_id).inline_buttons == []
    report = await report_by_reference(harness.deps, offer.reference)
    assert report.first_contact_at is None and report.status == "closed"
    assert (f"telegram:{SARI}", "contacted", "closed") in await refusals(harness)
