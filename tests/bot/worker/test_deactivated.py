"""A deactivated worker's Telegram stops working at once: every button, typed note and command
looks the worker up as active in the database, so nothing they press is recorded."""

from __future__ import annotations

from sqlmodel import col, select

from bot import texts
from bot.worker import texts as t
from tests.bot.harness import BotUnderTest
from tests.bot.worker.arrange import SARI, sari_with_a_case
from triage.storage.tables import Assignment, CaseEvent, Worker


async def _deactivate_row_only(harness: BotUnderTest) -> None:
    """Only the flag: the Telegram id stays, so the check on `active` alone is what is tested."""
    async with harness.deps.uow() as uow:
        query = select(Worker).where(col(Worker.telegram_user_id) == SARI)
        row = (await uow.session.exec(query)).one()
        row.active = False
        uow.session.add(row)
        await uow.commit()


async def test_buttons_commands_and_notes_of_a_deactivated_worker_are_refused(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    events = len(await harness.rows(CaseEvent))
    await _deactivate_row_only(harness)

    for button in ("📞 Dihubungi", "📝 Catatan"):
        pressed = await sari.press(button)
        assert await harness.answer_to(pressed) == (harness.text(texts.WORKER_NOT_YOURS), True)
    for command in ("/tugas", "/bertugas", "/libur"):
        await sari.command(command)
        await sari.wait_for(harness.text(t.NOT_A_WORKER))

    assert len(await harness.rows(CaseEvent)) == events
    assignment = await harness.row(Assignment, offer.assignment_id)
    assert assignment is not None and assignment.accepted_at is not None
    report_events = [e.kind for e in await harness.rows(CaseEvent)]
    assert "contacted" not in report_events and "note" not in report_events
