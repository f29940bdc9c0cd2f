"""The reporter's conversation over a stored draft: begin, answer, cancel, and the version
check that keeps two updates of the same chat from overwriting each other."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.support.deps import make_deps
from triage.domain.intake.catalog import Step
from triage.domain.intake.inputs import Press, Text
from triage.domain.model import Urgency
from triage.services.common.deps import TriageDeps
from triage.services.intake import conversation
from triage.services.intake.conversation import DraftConflict, answer, ask_cancel, begin, current
from triage.services.intake.reporter import set_language
from triage.storage.tables import ChatProfile, Draft, Report
from triage.storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
URGENCIES = [u.value for u in Urgency]
CHAT = 1001


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory) -> TriageDeps:
    return make_deps(uow_factory, clock=lambda: NOW)


async def stored(deps: TriageDeps) -> tuple[Draft | None, ChatProfile | None]:
    async with deps.uow() as uow:
        return await uow.session.get(Draft, CHAT), await uow.session.get(ChatProfile, CHAT)


async def test_begin_asks_for_consent_once_and_then_starts_at_the_first_question(
    deps: TriageDeps,
) -> None:
    first = await begin(deps, CHAT, CHAT, "en-GB")
    assert (first.language, first.prompt and first.prompt.step) == ("en", Step.CONSENT)
    draft, profile = await stored(deps)
    assert draft is not None and (draft.step, draft.version, draft.answers) == ("consent", 1, {})
    assert profile is not None and profile.consented_at is None
    assert await conversation.has_draft(deps, CHAT)

    consented = await answer(deps, CHAT, CHAT, Press("en", 1), "id")
    assert (consented.language, consented.prompt and consented.prompt.step) == ("en", Step.DANGER)
    draft, profile = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("danger", 2)
    assert profile is not None and (profile.consented_at, profile.language) == (NOW, "en")

    again = await begin(deps, CHAT, CHAT, "id")  # a fresh draft; consent is remembered
    assert (again.language, again.prompt and again.prompt.step) == ("en", Step.DANGER)
    draft, _ = await stored(deps)
    assert draft is not None
    assert (draft.step, draft.version, draft.answers) == ("danger", 1, {"language": "en"})


async def test_answers_move_the_draft_on_and_stale_or_bad_ones_change_nothing(
    deps: TriageDeps,
) -> None:
    missing = await answer(deps, CHAT, CHAT, Text("halo"), "en")
    assert (missing.no_draft, missing.prompt, missing.language) == (True, None, "en")
    await begin(deps, CHAT, CHAT, "id")
    await answer(deps, CHAT, CHAT, Press("id", 1), "id")
    await conversation.remember_prompt(deps, CHAT, 55, reply_keyboard=True)

    expired = await answer(deps, CHAT, CHAT, Press("yes", 1), "id")  # shown for version 1
    assert (expired.expired, expired.changed, expired.prompt) == (True, False, None)
    refused = await answer(deps, CHAT, CHAT, Text("entahlah ???"), "id")
    assert (refused.changed, len(refused.notices)) == (False, 1)
    assert refused.prompt is not None and refused.prompt.step is Step.DANGER
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("danger", 2)

    moved = await answer(deps, CHAT, CHAT, Press("no", 2), "id")
    assert moved.changed and moved.prompt is not None and moved.prompt.step is Step.CATEGORY
    assert (moved.previous_prompt_message_id, moved.previous_reply_keyboard) == (55, True)
    assert moved.previous_step == "danger"
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("category", 3)
    assert draft.answers["immediate_danger"] == "no"
    shown = await current(deps, CHAT, "en")
    assert (shown.language, shown.prompt and shown.prompt.step) == ("id", Step.CATEGORY)
    assert shown.previous_prompt_message_id == 55


async def test_cancel_asks_first_and_goes_back_or_deletes_the_draft(deps: TriageDeps) -> None:
    assert (await ask_cancel(deps, CHAT, "id")).no_draft
    assert (await current(deps, CHAT, "id")).no_draft
    await begin(deps, CHAT, CHAT, "id")
    await answer(deps, CHAT, CHAT, Press("id", 1), "id")
    await answer(deps, CHAT, CHAT, Press("no", 2), "id")  # now at the category question
    asked = await ask_cancel(deps, CHAT, "id")
    assert asked.prompt is not None and asked.prompt.step is Step.CANCEL_CONFIRM
    await ask_cancel(deps, CHAT, "id")  # /cancel twice: still returns to the category question
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("cancel_confirm", 5)
    assert draft.answers["_return_step"] == "category"

    back = await answer(deps, CHAT, CHAT, Press("no", 5), "id")
    assert back.prompt is not None and back.prompt.step is Step.CATEGORY and not back.cancelled
    await ask_cancel(deps, CHAT, "id")
    gone = await answer(deps, CHAT, CHAT, Press("yes", 7), "id")
    assert (gone.cancelled, gone.prompt) == (True, None)
    assert (await stored(deps))[0] is None


async def test_the_last_answer_submits_the_report_and_drops_the_draft(deps: TriageDeps) -> None:
    answers = {"language": "id", "consented": True, "immediate_danger": "no",
               "categories": ["kekerasan_fisik"], "region_code": "31.74",
               "description": "Anak tetangga sering dipukul ayahnya setiap malam."}  # fmt: skip
    async with deps.uow() as uow:
        uow.session.add(Draft(chat_id=CHAT, user_id=CHAT, step="summary", answers=answers,
                              version=9, created_at=NOW, updated_at=NOW))  # fmt: skip
        await uow.commit()
    reply = await answer(deps, CHAT, CHAT, Press("submit", 9), "id")
    assert reply.submitted is not None
    async with deps.uow() as uow:
        report = (await uow.session.exec(select(Report))).one()
    assert (report.reference, report.reporter_chat_id) == (reply.submitted.reference, CHAT)
    assert (await stored(deps))[0] is None
    counted = deps.metrics.registry.get_sample_value
    assert counted("lapor_sosial_reports_total", {"urgency": report.urgency}) == 1
    assert sum(counted("lapor_sosial_reports_total", {"urgency": u}) or 0 for u in URGENCIES) == 1


async def test_a_draft_changed_meanwhile_is_read_again_and_three_conflicts_give_up(
    deps: TriageDeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    await begin(deps, CHAT, CHAT, "id")
    await answer(deps, CHAT, CHAT, Press("id", 1), "id")  # at the danger question, version 2
    real_profile = conversation.chat_profile
    meanwhile = [0]  # how many more times another update of the chat writes the draft first

    async def another_update_first(uow: UnitOfWork, user_id: int, now: datetime) -> ChatProfile:
        """Runs after the draft was read: another update of the chat saves it in between."""
        if meanwhile[0] > 0:
            meanwhile[0] -= 1
            async with deps.uow() as other:
                draft = await other.session.get(Draft, CHAT)
                assert draft is not None
                draft.version += 1
                await other.commit()
        return await real_profile(uow, user_id, now)

    # chat_profile runs between reading the draft and writing it back: the window a second update
    # of the same chat can use. (setattr fails loudly if the function is renamed.)
    monkeypatch.setattr(conversation, "chat_profile", another_update_first)
    meanwhile[0] = 3
    with pytest.raises(DraftConflict):
        await answer(deps, CHAT, CHAT, Text("tidak"), "id")
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("danger", 5)
    assert "immediate_danger" not in draft.answers

    meanwhile[0] = 2
    reply = await answer(deps, CHAT, CHAT, Text("tidak"), "id")
    assert reply.prompt is not None and reply.prompt.step is Step.CATEGORY
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version) == ("category", 8)
    assert draft.answers["immediate_danger"] == "no"


@pytest.mark.parametrize(
    ("step", "first", "address"),
    [
        ("when", None, None),  # the "when" question is now part of the danger question
        ("address", Press("skip", 9), None),  # asked now only from the summary
        ("address", Text("Gang Mawar 3"), "Gang Mawar 3"),
    ],
)
async def test_a_draft_saved_at_a_question_no_longer_in_the_order_finishes(
    deps: TriageDeps, step: str, first: Press | Text | None, address: str | None
) -> None:
    answers = {"language": "id", "consented": True, "immediate_danger": "no",
               "categories": ["penelantaran"], "region_code": "31.74"}  # fmt: skip
    async with deps.uow() as uow:
        uow.session.add(Draft(chat_id=CHAT, user_id=CHAT, step=step, answers=answers,
                              version=9, created_at=NOW, updated_at=NOW))  # fmt: skip
        await uow.commit()
    shown = await current(deps, CHAT, "id")
    assert shown.prompt is not None
    assert shown.prompt.step is (Step.ADDRESS if step == "address" else Step.DESCRIPTION)
    if first is not None:
        await answer(deps, CHAT, CHAT, first, "id")
    story = await answer(deps, CHAT, CHAT, Text("Balita ditinggal sendirian di rumah."), "id")
    assert story.prompt is not None and story.prompt.step is Step.RELATION
    version = 11 if first is not None else 10
    await answer(deps, CHAT, CHAT, Press("family", version), "id")
    await answer(deps, CHAT, CHAT, Press("anonymous", version + 1), "id")
    sent = await answer(deps, CHAT, CHAT, Press("submit", version + 2), "id")
    assert sent.submitted is not None
    async with deps.uow() as uow:
        report = (await uow.session.exec(select(Report))).one()
    assert (report.address, report.kabkota_code) == (address, "31.74")


@pytest.mark.parametrize("ask", [current, ask_cancel])
async def test_without_a_report_in_progress_the_chosen_language_is_kept(
    deps: TriageDeps, ask: object
) -> None:
    await set_language(deps, 1001, "en")
    assert callable(ask)
    reply = await ask(deps, 1001, "id")
    assert (reply.no_draft, reply.language) == (True, "en")
    other = await ask(deps, 2002, "id")  # nobody chose: the phone's language
    assert (other.no_draft, other.language) == (True, "id")


async def test_an_update_processed_a_second_time_changes_nothing_and_the_last_shows_again(
    deps: TriageDeps,
) -> None:
    await begin(deps, CHAT, CHAT, "id", update_id=10)
    await answer(deps, CHAT, CHAT, Press("id", 1), "id", update_id=11)
    await conversation.remember_prompt(deps, CHAT, 56, reply_keyboard=False)
    moved = await answer(deps, CHAT, CHAT, Text("tidak"), "id", update_id=12)
    assert moved.changed and moved.prompt is not None and moved.prompt.step is Step.CATEGORY
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version, draft.last_update_id) == (
        "category", 3, 12,
    )  # fmt: skip

    again = await answer(deps, CHAT, CHAT, Text("tidak"), "id", update_id=12)  # taken over
    assert again.prompt is not None and again.prompt.step is Step.CATEGORY  # shown again
    assert again.previous_prompt_message_id == 56 and not again.stale
    older = await answer(deps, CHAT, CHAT, Text("ya"), "id", update_id=11)
    assert (older.stale, older.changed, older.prompt) == (True, False, None)
    assert await conversation.update_seen(deps, CHAT, 10) is conversation.Seen.OLDER
    assert await conversation.update_seen(deps, CHAT, 13) is conversation.Seen.NEW
    draft, _ = await stored(deps)
    assert draft is not None and (draft.step, draft.version, draft.last_update_id) == (
        "category", 3, 12,
    )  # fmt: skip


async def test_a_submit_processed_a_second_time_answers_with_the_same_report(
    deps: TriageDeps,
) -> None:
    await _fill_a_draft(deps)
    draft, _ = await stored(deps)
    assert draft is not None
    first = await answer(deps, CHAT, CHAT, Press("submit", draft.version), "id", update_id=90)
    assert first.submitted is not None

    again = await answer(deps, CHAT, CHAT, Press("submit", draft.version), "id", update_id=90)
    other = await answer(deps, CHAT, CHAT, Press("submit", draft.version), "id", update_id=91)

    assert again.submitted is not None and not again.no_draft
    assert (again.submitted.reference, again.submitted.urgency) == (
        first.submitted.reference, first.submitted.urgency,
    )  # fmt: skip
    assert other.no_draft and other.submitted is None
    async with deps.uow() as uow:
        assert len((await uow.session.exec(select(Report))).all()) == 1


async def _fill_a_draft(deps: TriageDeps) -> None:
    answers = {"language": "id", "consented": True, "immediate_danger": "no",
               "categories": ["kekerasan_fisik"], "region_code": "31.74",
               "description": "Anak tetangga sering dipukul ayahnya setiap malam."}  # fmt: skip
    async with deps.uow() as uow:
        uow.session.add(Draft(chat_id=CHAT, user_id=CHAT, step="summary", answers=answers,
                              version=9, created_at=NOW, updated_at=NOW))  # fmt: skip
        await uow.commit()
