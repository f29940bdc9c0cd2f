"""Security through the bot: a reporter trying every worker command (and one with the reference
of their own report) is refused and learns nothing; SQL-looking and HTML input is stored
exactly as typed and reaches the worker as plain text, inert.

Covered elsewhere, not repeated here: the webhook without or with a wrong secret
(`tests/app/test_webhook.py`, `tests/admin/test_authorisation_matrix.py`); forged worker
buttons (`tests/bot/worker/test_forged.py`, `tests/e2e/test_worker_flow.py`); malformed
button data (`tests/bot/test_callbacks.py`, `tests/bot/test_fuzz_updates.py`); the story
escaped on the admin's case page (`tests/admin/test_case_page.py`)."""

from __future__ import annotations

import re

from bot.worker import texts as t
from tests.bot.cases import add_worker, report_by_reference
from tests.bot.harness import BotUnderTest
from tests.e2e.questionnaire import STEPS
from tests.support.stub_users import ChatActor
from triage.storage.tables import Assignment, Report, Worker

SARI, WARGA = 2001, 1001
STORY = (
    "'; DROP TABLE report; -- Anak <b>dipukul</b> <script>alert('x')</script> "
    '<a href="tg://user?id=1">ayah</a> & ibu 1=1 OR "a"="a"'
)
STORY_STEP = 7  # the row of STEPS that types the story
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def _file(reporter: ChatActor, story: str) -> str:
    for index, (action, ready) in enumerate(STEPS):
        if index == STORY_STEP:
            await reporter.send(story)
        else:
            await action(reporter)
        shown = await reporter.wait_for(ready, timeout=20)
    found = REFERENCE.search(shown.text)
    assert found is not None
    return found.group()


async def test_sql_and_html_are_stored_as_typed_and_reach_the_worker_inert(
    harness: BotUnderTest,
) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari", started=True)
    reference = await _file(harness.user(WARGA, "<b>Warga</b>"), STORY)
    await harness.deliver()

    report = await report_by_reference(harness.deps, reference)
    assert report.description == STORY  # stored exactly, the table still there
    assert len(await harness.rows(Report)) == 1
    card = await sari.wait_for(reference)
    assert STORY in card.text  # shown as typed: nothing was read as markup
    sends = harness.stub.calls_to("sendMessage")
    assert all(call.get("parse_mode") is None for call in sends)


async def test_a_reporter_trying_worker_commands_is_refused_and_learns_nothing(
    harness: BotUnderTest,
) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    reporter = harness.user(WARGA, "Warga")
    reference = await _file(reporter, "Anak tetangga sering dipukuli ayahnya sampai memar.")
    workers_before = await harness.rows(Worker)
    assignments_before = await harness.rows(Assignment)

    for command in ("/tugas", "/bertugas", "/libur", "/wilayah"):
        await reporter.command(command)
        refused = await reporter.wait_for(harness.text(t.NOT_A_WORKER))
        assert not refused.inline_buttons
    await reporter.command("/kasus", reference)  # their own report's reference
    refused = await reporter.wait_for(harness.text(t.CASE_NOT_FOUND))
    assert not refused.inline_buttons and reference not in refused.text  # no case card

    assert await harness.rows(Worker) == workers_before
    assert await harness.rows(Assignment) == assignments_before
