"""Sending the report from the summary, rating a closed case, and a Bot API failure midway."""

from __future__ import annotations

import re

from bot import texts
from tests.bot.cases import active_assignment, add_worker, file_case, report_by_reference
from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import (
    CATEGORY_QUESTION,
    SUMMARY,
    TODAY,
    consent,
    resume,
    seed_draft,
)
from triage.domain.intake.catalog import Step
from triage.services.cases.accept import accept_case
from triage.services.cases.progress import close_case
from triage.services.intake.reporter import REFUSAL_TEXTS
from triage.storage.tables import CaseEvent, Draft, OutboxMessage, Report

REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def test_sending_the_summary_files_the_report_and_wakes_the_outbox(
    harness: BotUnderTest,
) -> None:
    await add_worker(harness.deps, "Sari", 2001, ["31.74"])
    await seed_draft(harness.deps, 1001, Step.SUMMARY)
    user = harness.user(1001)
    summary = await resume(user, SUMMARY)
    send = next(b.callback_data for b in summary.buttons if b.text == "✅ Kirim laporan")
    assert send is not None
    await user.press("✅ Kirim laporan")
    done = await user.wait_for("Nomor laporan")
    again = await user.forge_callback(send, summary.message_id)  # a second tap, too late
    assert await harness.answer_to(again) == (harness.text(texts.BUTTON_EXPIRED), False)
    match = REFERENCE.search(done.text)
    assert match is not None and done.remove_keyboard
    reports = await harness.rows(Report)
    assert [r.reference for r in reports] == [match.group(0)]
    assert reports[0].reporter_chat_id == 1001 and reports[0].kabkota_code == "31.74"
    assert await harness.rows(Draft) == []
    assert harness.kicks == 1
    assert [m.chat_id for m in await harness.rows(OutboxMessage)] == [2001]


async def test_over_the_hourly_limit_the_report_waits_and_the_press_says_why(
    harness: BotUnderTest,
) -> None:
    harness.deps.reports_per_hour = 1
    earlier = await file_case(harness.deps, 1001)
    await seed_draft(harness.deps, 1001, Step.SUMMARY)
    user = harness.user(1001)
    await resume(user, SUMMARY)
    pressed = await user.press("✅ Kirim laporan")
    told = harness.text(REFUSAL_TEXTS["limit"], limit="1")
    assert await harness.answer_to(pressed) == (told, True)
    assert [r.reference for r in await harness.rows(Report)] == [earlier]
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.SUMMARY
    assert user.last.button_texts()[0] == "✅ Kirim laporan"  # still there to send later


async def closed_case(harness: BotUnderTest, reporter: int) -> str:
    """A case of `reporter`'s, accepted and closed by its worker; the news delivered."""
    await add_worker(harness.deps, "Sari", 2001, ["31.74"])
    reference = await file_case(harness.deps, reporter)
    assignment = await active_assignment(harness.deps, reference)
    assert assignment.id is not None
    await accept_case(harness.deps, 2001, assignment.id)
    await close_case(harness.deps, 2001, assignment.id, "handled")
    return reference


async def test_a_rating_is_recorded_once_and_the_next_text_is_its_comment(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001, started=True)
    reference = await closed_case(harness, 1001)
    await harness.deliver()
    asked = await user.wait_for("Seberapa puas")
    assert asked.button_texts() == [f"{n} ⭐" for n in range(1, 6)]
    await user.press("4 ⭐")
    thanked = await user.wait_for(f"⭐⭐⭐⭐\n{harness.text(texts.RATING_THANKS)}")
    assert thanked.message_id == asked.message_id and thanked.inline_buttons == []
    await user.forge_callback(f"r:{reference}:1", asked.message_id)
    await user.wait_for(f"⭐\n{harness.text(texts.RATING_ALREADY)}")
    await user.send("Petugasnya cepat datang. Terima kasih!")
    await user.wait_for(harness.text(texts.COMMENT_THANKS))
    await user.send("halo lagi")
    await user.wait_for(harness.text(texts.NO_DRAFT))
    report = await report_by_reference(harness.deps, reference)
    assert (report.rating, report.rating_comment) == (4, "Petugasnya cepat datang. Terima kasih!")
    kinds = [e.kind for e in await harness.rows(CaseEvent) if e.report_id == report.id]
    assert kinds.count("rated") == 1 and kinds.count("rating_comment") == 1


async def test_repeated_taps_on_a_rating_are_answered_without_an_apology(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001, started=True)
    reference = await closed_case(harness, 1001)
    await harness.deliver()
    asked = await user.wait_for("Seberapa puas")
    taps = [await user.forge_callback(f"r:{reference}:5", asked.message_id) for _ in range(3)]
    for tap in taps:
        assert await harness.answer_to(tap) == (None, False)
    assert [m.text for m in user.messages][
        -1
    ] == f"⭐⭐⭐⭐⭐\n{harness.text(texts.RATING_ALREADY)}"
    assert harness.text(texts.SOMETHING_WENT_WRONG) not in user.transcript()
    report = await report_by_reference(harness.deps, reference)
    assert report.rating == 5


async def test_rating_a_case_that_is_open_or_not_ones_own_answers_expired(
    harness: BotUnderTest,
) -> None:
    await add_worker(harness.deps, "Sari", 2001, ["31.74"])
    still_open = await file_case(harness.deps, 1001)
    user = harness.user(1001)
    await user.command("/status")
    shown = await user.wait_for(still_open)
    others = await closed_case_of_someone_else(harness)
    for data in (f"r:{still_open}:5", f"r:{others}:5"):
        pressed = await user.forge_callback(data, shown.message_id)
        assert await harness.answer_to(pressed) == (harness.text(texts.BUTTON_EXPIRED), False)
    assert all(r.rating is None for r in await harness.rows(Report))


async def closed_case_of_someone_else(harness: BotUnderTest) -> str:
    reference = await file_case(harness.deps, 1002)
    assignment = await active_assignment(harness.deps, reference)
    assert assignment.id is not None
    await accept_case(harness.deps, 2001, assignment.id)
    await close_case(harness.deps, 2001, assignment.id, "handled")
    return reference


async def test_a_failed_send_gets_an_apology_and_the_answer_stays_stored(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await consent(user)
    harness.stub.fail_next("sendMessage", error_code=500)
    await user.press(TODAY)
    await user.wait_for(harness.text(texts.SOMETHING_WENT_WRONG))
    await harness.settle()
    assert len(harness.failures) == 1  # the handler's failure, told to the user
    harness.failures.clear()
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["immediate_danger"] == "no"
    assert draft.answers["when"] == "today"
    await resume(user, CATEGORY_QUESTION)
    assert "Traceback" not in user.transcript()
    print(user.transcript())


async def test_the_apology_speaks_the_language_chosen_in_the_bot(harness: BotUnderTest) -> None:
    user = harness.user(1001, language_code="id")
    await user.command("/bahasa")
    await user.wait_for(harness.text(texts.CHOOSE_LANGUAGE))
    await user.press("English")
    await user.wait_for("Language changed to English.")
    harness.stub.fail_next("sendMessage", error_code=500)
    await user.command("/status")
    await user.wait_for(harness.text(texts.SOMETHING_WENT_WRONG, "en"))
    await harness.settle()
    assert len(harness.failures) == 1
    harness.failures.clear()
