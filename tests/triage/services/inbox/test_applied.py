"""An inbox update's effects are applied once: taken up again after a crash that came between
its commit and the row's mark, the answer is not applied a second time, and the reporter is
shown the question the draft stands at. Outside an inbox row nothing changes. The message
showing the buttons is noted with the row's mark, in its transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.deps import make_deps
from triage.domain.intake.catalog import Step
from triage.domain.intake.inputs import Press, Text
from triage.services.common.deps import TriageDeps
from triage.services.inbox import queue as inbox
from triage.services.inbox.applied import processing
from triage.services.intake.conversation import answer, begin, remember_prompt
from triage.storage.tables import Draft, InboxUpdate
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
CHAT = 1001


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory) -> TriageDeps:
    return make_deps(uow_factory, clock=lambda: NOW)


async def _row(deps: TriageDeps, update_id: int) -> int:
    stored = await inbox.store(deps, update_id, {"update_id": update_id}, "host:1", NOW)
    assert stored is not None
    return stored.id


async def _draft(deps: TriageDeps) -> Draft:
    async with deps.uow() as uow:
        draft = await uow.session.get(Draft, CHAT)
    assert draft is not None
    return draft


async def test_an_update_taken_up_again_is_not_applied_twice(deps: TriageDeps) -> None:
    await begin(deps, CHAT, CHAT, "id")
    await answer(deps, CHAT, CHAT, Press("id", 1), "id")
    row = await _row(deps, 7)

    with processing(row, 7):
        moved = await answer(deps, CHAT, CHAT, Press("no", 2), "id", 7)
    with processing(row, 7):  # the same update after a crash
        again = await answer(deps, CHAT, CHAT, Press("no", 2), "id", 7)

    assert moved.changed and not moved.replayed
    assert again.replayed and not again.changed
    assert again.prompt is not None and again.prompt.step is Step.CATEGORY
    draft = await _draft(deps)
    assert (draft.step, draft.version) == ("category", 3)
    async with deps.uow() as uow:
        stamped = await uow.session.get(InboxUpdate, row)
    assert stamped is not None and stamped.processed_at is not None
    assert stamped.status == "pending"  # marked processed only by the receiver


async def test_other_updates_and_updates_outside_the_inbox_are_applied(
    deps: TriageDeps,
) -> None:
    await begin(deps, CHAT, CHAT, "id")
    with processing(await _row(deps, 8), 8):
        await answer(deps, CHAT, CHAT, Press("id", 1), "id", 8)
    with processing(await _row(deps, 9), 9):
        refused = await answer(deps, CHAT, CHAT, Text("entahlah ???"), "id", 9)
    moved = await answer(deps, CHAT, CHAT, Press("no", 2), "id")  # long polling: no row

    assert not refused.replayed and len(refused.notices) == 1
    assert moved.changed and not moved.replayed
    assert (await _draft(deps)).step == "category"


async def test_a_replayed_send_shows_nothing_when_the_draft_is_gone(deps: TriageDeps) -> None:
    row = await _row(deps, 10)
    with processing(row, 10):
        missing = await answer(deps, CHAT, CHAT, Text("halo"), "id", 10)
    assert missing.no_draft  # nothing changed, so nothing was stamped
    await begin(deps, CHAT, CHAT, "id")
    with processing(row, 10):
        await answer(deps, CHAT, CHAT, Press("id", 1), "id", 10)
    async with deps.uow() as uow:
        await uow.session.delete(await uow.session.get(Draft, CHAT))
        await uow.commit()
    with processing(row, 10):
        gone = await answer(deps, CHAT, CHAT, Press("no", 2), "id", 10)
    assert gone.replayed and gone.prompt is None and not gone.no_draft


async def test_an_input_older_than_the_drafts_last_is_not_applied(deps: TriageDeps) -> None:
    with processing(await _row(deps, 20), 20):
        await begin(deps, CHAT, CHAT, "id", 20)
    with processing(await _row(deps, 22), 22):  # the reporter went on
        await answer(deps, CHAT, CHAT, Press("id", 1), "id", 22)
    with processing(await _row(deps, 21), 21):  # failed before, tried again at a start
        stale = await answer(deps, CHAT, CHAT, Text("entahlah ???"), "id", 21)

    # the reporter has the newer update's question already: nothing is shown again
    assert stale.stale and not stale.changed and stale.prompt is None
    draft = await _draft(deps)
    assert (draft.step, draft.version, draft.last_update_id) == ("danger", 2, 22)
    assert "_update" not in draft.answers


async def test_the_prompt_is_noted_with_the_rows_mark_not_before(deps: TriageDeps) -> None:
    await begin(deps, CHAT, CHAT, "id")
    row = await _row(deps, 30)
    with processing(row, 30) as state:
        await remember_prompt(deps, CHAT, 77, reply_keyboard=True)
    assert (await _draft(deps)).prompt_message_id != 77  # left to the mark
    await inbox.mark_processed(deps, row, NOW, state.with_the_mark)
    draft = await _draft(deps)
    assert (draft.prompt_message_id, draft.prompt_has_reply_keyboard) == (77, True)


async def test_a_failed_update_notes_its_prompt_with_the_failure(deps: TriageDeps) -> None:
    await begin(deps, CHAT, CHAT, "id")
    row = await _row(deps, 31)
    with processing(row, 31) as state:
        await remember_prompt(deps, CHAT, 78, reply_keyboard=False)
    assert await inbox.mark_failed(deps, row, "here", NOW, state.with_the_mark) == "failed"
    assert (await _draft(deps)).prompt_message_id == 78


async def test_outside_an_inbox_row_the_prompt_is_noted_at_once(deps: TriageDeps) -> None:
    await begin(deps, CHAT, CHAT, "id")
    await remember_prompt(deps, CHAT, 79, reply_keyboard=False)
    assert (await _draft(deps)).prompt_message_id == 79
