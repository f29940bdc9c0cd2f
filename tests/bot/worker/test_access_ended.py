"""A worker whose access ended (deactivated, or unbound from their Telegram account) gets a
polite "your access has ended" for every worker button, command and typed note, and nothing
changes: no case event, assignment, duty switch or message; only the refusal is audited.

The matrix: every worker action (each button the bot makes, each worker command, a typed note
and a typed decline reason) under each way access ends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import col, select

from bot.callbacks import WorkerAction, worker_data
from bot.worker import texts as t
from tests.bot.harness import BotUnderTest
from tests.bot.worker.arrange import SARI, Offer, sari_with_a_case
from tests.support.stub_users import ChatActor
from triage.domain.case import DeclineReason, Outcome, Referral
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.deactivate import deactivate_worker
from triage.services.workers.unbind import unbind_worker
from triage.storage.tables import Assignment, AuditLog, CaseEvent, OutboxMessage, Report, Worker

ADMIN = StaffIdentity(1, "admin", "admin")
A = WorkerAction


@dataclass(frozen=True)
class Attempt:
    """One worker action tried after the end; `accepted`: the case's state before it."""

    name: str
    accepted: bool
    button: tuple[WorkerAction, str | None] | None = None
    command: tuple[str, ...] = ()
    typed_after: tuple[str, ...] = ()  # buttons pressed before the end, then a text typed


ATTEMPTS = [
    Attempt("accept", False, button=(A.ACCEPT, None)),
    Attempt("decline", False, button=(A.DECLINE, None)),
    Attempt("decline_reason", False, button=(A.DECLINE_REASON, DeclineReason.LOAD)),
    Attempt("contacted", True, button=(A.CONTACTED, None)),
    Attempt("visited", True, button=(A.VISITED, None)),
    Attempt("refer", True, button=(A.REFER, None)),
    Attempt("refer_to", True, button=(A.REFER_TO, Referral.POLICE)),
    Attempt("refer_type", True, button=(A.REFER_TYPE, "uptd_ppa")),
    Attempt("refer_service", True, button=(A.REFER_SERVICE, "1")),
    Attempt("refer_typed", True, button=(A.REFER_TYPED, None)),
    Attempt("referral_open", True, button=(A.REFERRAL_OPEN, "1")),
    Attempt("referral_set", True, button=(A.REFERRAL_SET, "1.accepted")),
    Attempt("close", True, button=(A.CLOSE, None)),
    Attempt("close_outcome", True, button=(A.CLOSE_OUTCOME, Outcome.HANDLED)),
    Attempt("note", True, button=(A.NOTE, None)),
    Attempt("help", True, button=(A.HELP, None)),
    Attempt("back", True, button=(A.BACK, None)),
    Attempt("cancel", True, button=(A.CANCEL, None)),
    Attempt("open", True, button=(A.OPEN, None)),
    Attempt("tugas", True, command=("/tugas",)),
    Attempt("kasus", True, command=("/kasus", "REF")),
    Attempt("bertugas", True, command=("/bertugas",)),
    Attempt("libur", True, command=("/libur",)),
    Attempt("wilayah", True, command=("/wilayah",)),
    Attempt("typed_note", True, typed_after=("📝 Catatan",)),
    Attempt("typed_referral", True, typed_after=("➡️ Dirujuk", "✏️ Lainnya, ketik sendiri")),
    Attempt("typed_decline_reason", False, typed_after=("↩️ Tolak", "Lainnya (tulis)")),
]


async def _sari(harness: BotUnderTest) -> Worker:
    async with harness.deps.uow() as uow:
        query = select(Worker).where(col(Worker.telegram_user_id) == SARI)
        return (await uow.session.exec(query)).one()


async def _deactivate(harness: BotUnderTest) -> None:
    sari = await _sari(harness)
    await deactivate_worker(harness.deps, ADMIN, sari.id or 0, "berhenti", harness.deps.clock())


async def _unbind(harness: BotUnderTest) -> None:
    sari = await _sari(harness)
    await unbind_worker(harness.deps, ADMIN, sari.id or 0, harness.deps.clock())


async def _flag_only(harness: BotUnderTest) -> None:
    """Only `active` false, the Telegram id kept: an inactive row alone ends access too."""
    sari = await _sari(harness)
    async with harness.deps.uow() as uow:
        row = await uow.session.get(Worker, sari.id)
        assert row is not None
        row.active = False
        await uow.commit()


ENDINGS: dict[str, Callable[[BotUnderTest], Awaitable[None]]] = {
    "deactivated": _deactivate,
    "unbound": _unbind,
}


async def _state(harness: BotUnderTest) -> dict[str, Any]:
    """Everything a worker action could change."""
    return {
        "events": [(e.kind, e.actor) for e in await harness.rows(CaseEvent)],
        "assignments": [
            (a.id, a.active, a.accepted_at, a.declined_at) for a in await harness.rows(Assignment)
        ],
        "reports": [
            (r.status, r.assigned_worker_id, r.first_contact_at, r.closed_at)
            for r in await harness.rows(Report)
        ],
        "workers": [(w.on_duty, w.active, w.updated_at) for w in await harness.rows(Worker)],
        "outbox": len(await harness.rows(OutboxMessage)),
    }


async def _try(harness: BotUnderTest, sari: ChatActor, offer: Offer, attempt: Attempt) -> None:
    """The action after the end; its answer must be the polite refusal, nothing else."""
    ended = harness.text(t.ACCESS_ENDED)
    if attempt.button is not None:
        action, arg = attempt.button
        data = worker_data(action, offer.assignment_id, arg)
        pressed = await sari.forge_callback(data, offer.card.message_id)
        assert await harness.answer_to(pressed) == (ended, True)
    elif attempt.command:
        name, *args = attempt.command
        await sari.command(name, offer.reference if args else None)
        assert (await sari.wait_for()).text == ended
    else:
        await sari.send("Sudah saya kunjungi, anaknya aman.")
        assert (await sari.wait_for()).text == ended


@pytest.mark.parametrize("ending", ["deactivated", "unbound"])
@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: a.name)
async def test_an_ended_worker_is_refused_politely_and_nothing_changes(
    harness: BotUnderTest, attempt: Attempt, ending: str
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=attempt.accepted)
    for button in attempt.typed_after:
        await sari.press(button)
        await sari.wait_for()
    await ENDINGS[ending](harness)
    before = await _state(harness)
    audited = len(await harness.rows(AuditLog))

    await _try(harness, sari, offer, attempt)

    assert await _state(harness) == before
    refusals = [
        (a.actor, a.detail.get("why"), a.detail.get("attempted"))
        for a in (await harness.rows(AuditLog))[audited:]
    ]
    assert len(refusals) == 1 and refusals[0][:2] == (f"telegram:{SARI}", "access_ended")
    if attempt.button is None:  # and nothing more after the refusal
        await sari.wait_idle()
        assert sari.last.text == harness.text(t.ACCESS_ENDED)


@pytest.mark.parametrize("attempt", ATTEMPTS[::5], ids=lambda a: a.name)
async def test_an_inactive_row_that_kept_its_account_is_refused_too(
    harness: BotUnderTest, attempt: Attempt
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=attempt.accepted)
    for button in attempt.typed_after:
        await sari.press(button)
        await sari.wait_for()
    await _flag_only(harness)
    before = await _state(harness)

    await _try(harness, sari, offer, attempt)

    assert await _state(harness) == before


async def test_the_refusal_speaks_the_former_workers_language(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await _unbind(harness)
    english = harness.user(SARI, "Sari", language_code="en")

    await english.command("/tugas")

    assert (await english.wait_for()).text == harness.text(t.ACCESS_ENDED, "en")
    data = worker_data(A.CONTACTED, offer.assignment_id)
    pressed = await english.forge_callback(data, offer.card.message_id)
    assert await harness.answer_to(pressed) == (harness.text(t.ACCESS_ENDED, "en"), True)
    assert sari.chat_id == english.chat_id
