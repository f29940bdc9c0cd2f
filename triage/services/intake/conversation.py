"""Use cases of the reporter's conversation: start, answer, cancel. The draft lives in the
database and is written back with optimistic concurrency (a `version` check)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select, update

from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import details_from_answers, facts_from_answers
from triage.domain.intake.flow import (
    IntakeState,
    Outcome,
    advance,
    confirm_cancel,
    current_prompt,
)
from triage.domain.intake.flow import start as start_intake
from triage.domain.intake.inputs import Input
from triage.domain.intake.prompt import Prompt
from triage.domain.intake.result import Notice
from triage.services.common.deps import TriageDeps
from triage.services.inbox.applied import applied_before, with_the_mark
from triage.services.intake.draft_store import (
    DraftConflict,
    chat_profile,
    delete_draft,
    draft_of,
    new_draft,
    profile_of,
    save_draft,
)
from triage.services.intake.reporter import REFUSAL_TEXTS, submission_refusal
from triage.services.intake.submit import SubmittedReport, submit_report
from triage.services.referrals.danger import local_numbers_notice
from triage.storage.prepared import typed
from triage.storage.tables import ChatProfile, Draft, Report
from triage.storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IntakeReply:
    """What to show the reporter after one input."""

    language: str
    prompt: Prompt | None
    notices: tuple[Notice, ...] = ()
    submitted: SubmittedReport | None = None
    cancelled: bool = False
    expired: bool = False
    changed: bool = True
    previous_prompt_message_id: int | None = None
    previous_reply_keyboard: bool = False
    previous_step: str | None = None
    no_draft: bool = False
    stale: bool = False  # an update processed before and changed since: show nothing
    replayed: bool = False  # applied before (a crash): where the draft stands is shown again
    blocked: bool = False  # a blocked account: nothing applied; refused in `language`


def _state_of(draft: Draft) -> IntakeState:
    """The draft row as the questionnaire's state (a retired step is moved on by the flow)."""
    return IntakeState(Step(draft.step), dict(draft.answers), draft.version)


def _language(profile: ChatProfile, draft_answers: dict[str, Any], fallback: str) -> str:
    return str(draft_answers.get("language") or profile.language or fallback)


def _refused(deps: TriageDeps, profile: ChatProfile | None, lang_hint: str | None) -> IntakeReply:
    """A blocked account's input: nothing read into the reply, in the language it chose."""
    chosen = profile.language if profile is not None else None
    return IntakeReply(chosen or deps.translator.language(lang_hint), None, blocked=True)


async def begin(
    deps: TriageDeps,
    chat_id: int,
    user_id: int,
    lang_hint: str | None,
    update_id: int | None = None,
) -> IntakeReply:
    """/start: a fresh draft (the caller has already asked whether to drop an old one)."""
    now = deps.clock()
    async with deps.uow() as uow:
        profile = await chat_profile(uow, user_id, now)
        profile.awaiting_comment_for = None  # a new report: the next text is not a comment
        old = await uow.session.get(Draft, chat_id)
        if old is not None:
            await uow.session.delete(old)
            await uow.session.flush()
        outcome = start_intake(consented=profile.consented_at is not None)
        answers = {"language": profile.language} if profile.language else {}
        state = replace(outcome.state, answers=answers)
        uow.session.add(new_draft(chat_id, user_id, state, now, update_id))
        await uow.commit()
    lang = _language(profile, answers, deps.translator.language(lang_hint))
    return IntakeReply(lang, current_prompt(state, deps.regions))


async def has_draft(deps: TriageDeps, chat_id: int) -> bool:
    async with deps.uow() as uow:
        return await draft_of(uow, chat_id) is not None


async def answer(
    deps: TriageDeps,
    chat_id: int,
    user_id: int,
    given: Input,
    lang_hint: str | None,
    update_id: int | None = None,
) -> IntakeReply:
    """Apply one input to the chat's draft; on the last answer submit the report.
    `update_id` (Telegram's) recognises an update processed a second time (`seen_before`).
    A blocked account is refused here, in the answer's own transaction (`blocked`), before
    anything is written: its handler needs no separate check (`bot/reporter/gate.py`)."""
    for _attempt in range(3):
        try:
            return await _answer_once(deps, chat_id, user_id, given, lang_hint, update_id)
        except DraftConflict:
            continue
    raise DraftConflict(f"draft of chat {chat_id} kept changing")


class Seen(StrEnum):
    NEW = "new"
    LAST = "last"  # the update that changed the draft last: its reply may not have gone
    OLDER = "older"  # a later update changed the draft since: nothing to do


def seen_before(draft: Draft | None, update_id: int | None) -> Seen:
    """Whether this update already changed the draft: its process died after the change and
    before the inbox row was marked processed, and another process took the row over."""
    if draft is None or update_id is None or draft.last_update_id is None:
        return Seen.NEW
    if update_id == draft.last_update_id:
        return Seen.LAST
    return Seen.OLDER if update_id < draft.last_update_id else Seen.NEW


async def update_seen(deps: TriageDeps, chat_id: int, update_id: int) -> Seen:
    async with deps.uow() as uow:
        return seen_before(await draft_of(uow, chat_id), update_id)


async def _answer_once(
    deps: TriageDeps,
    chat_id: int,
    user_id: int,
    given: Input,
    lang_hint: str | None,
    update_id: int | None,
) -> IntakeReply:
    now = deps.clock()
    async with deps.uow() as uow:
        draft = await draft_of(uow, chat_id)
        profile = await chat_profile(uow, user_id, now)
        if profile.blocked:
            return _refused(deps, profile, lang_hint)  # rolled back: nothing stored
        applied = await applied_before(uow.session, now)  # the inbox row's stamp
        if draft is None:
            lang = _language(profile, {}, deps.translator.language(lang_hint))
            submitted = await _submitted_by(uow, chat_id, update_id)
            if applied and submitted is None:  # cancelled before the crash
                return IntakeReply(lang, None, changed=False, replayed=True)
            return IntakeReply(lang, None, submitted=submitted, no_draft=submitted is None)
        seen = seen_before(draft, update_id)
        if applied and seen is Seen.NEW:
            seen = Seen.LAST
        if seen is not Seen.NEW:
            return _again(draft, profile, deps, lang_hint, seen)
        outcome = advance(_state_of(draft), given, deps.regions)
        lang = _language(profile, dict(outcome.state.answers), deps.translator.language(lang_hint))
        reply = await _apply(uow, deps, draft, profile, outcome, now, update_id)
        await uow.commit()
    if reply.submitted is not None:
        deps.metrics.report_submitted(reply.submitted.urgency)
    return replace(reply, language=lang)


async def _submitted_by(
    uow: UnitOfWork, chat_id: int, update_id: int | None
) -> SubmittedReport | None:
    """The report this very update submitted before (processed again after a crash)."""
    if update_id is None:
        return None
    found = await uow.session.exec(
        select(Report).where(
            col(Report.reporter_chat_id) == chat_id, col(Report.intake_update_id) == update_id
        )
    )
    report = found.first()
    return None if report is None else SubmittedReport(report.reference, report.urgency, "")


def _again(
    draft: Draft, profile: ChatProfile, deps: TriageDeps, lang_hint: str | None, seen: Seen
) -> IntakeReply:
    """An update processed before: the last one shows the current question again (its
    reply may have been cut off), an older one nothing."""
    log.info("an update processed before; not applied twice")
    state = _state_of(draft)
    lang = _language(profile, dict(state.answers), deps.translator.language(lang_hint))
    if seen is Seen.OLDER:
        return IntakeReply(lang, None, changed=False, stale=True)
    return IntakeReply(
        lang,
        current_prompt(state, deps.regions),
        previous_prompt_message_id=draft.prompt_message_id,
        previous_reply_keyboard=draft.prompt_has_reply_keyboard,
        previous_step=draft.step,
        changed=False,
        replayed=True,
    )


async def _apply(
    uow: UnitOfWork,
    deps: TriageDeps,
    draft: Draft,
    profile: ChatProfile,
    outcome: Outcome,
    now: datetime,
    update_id: int | None = None,
) -> IntakeReply:
    base = IntakeReply(
        "",
        outcome.prompt,
        outcome.notices,
        expired=outcome.expired,
        changed=outcome.changed,
        previous_prompt_message_id=draft.prompt_message_id,
        previous_reply_keyboard=draft.prompt_has_reply_keyboard,
        previous_step=draft.step,
    )
    if not outcome.changed:
        return base
    answers = outcome.state.answers
    if answers.get("consented") and profile.consented_at is None:
        profile.consented_at, profile.language = now, str(answers.get("language") or "id")
    if outcome.cancelled:
        await delete_draft(uow, draft)
        return replace(base, cancelled=True)
    if outcome.submit:
        refusal = await submission_refusal(
            uow.session, draft.chat_id, draft.user_id, now, deps.reports_per_hour
        )
        if refusal is not None:
            notice = Notice(REFUSAL_TEXTS[refusal], {"limit": str(deps.reports_per_hour)})
            return replace(base, prompt=None, notices=(notice,), changed=False)
        facts = facts_from_answers(answers, now)
        submitted = await submit_report(
            uow.session, deps, facts, details_from_answers(answers), draft.chat_id
        )
        if update_id is not None:
            await uow.session.exec(
                update(Report)
                .where(col(Report.reference) == submitted.reference)
                .values(intake_update_id=update_id)
            )
        await delete_draft(uow, draft)
        return replace(base, submitted=submitted)
    before = dict(draft.answers)
    await save_draft(uow, draft, outcome.state, now, update_id)
    place = deps.regions.name(str(answers.get("region_code") or "")) or ""
    local = await local_numbers_notice(uow.session, place, before, answers)
    return replace(base, notices=(*base.notices, local)) if local else base


_NOTE_PROMPT = (
    update(Draft)
    .where(col(Draft.chat_id) == bindparam("chat"))
    .values(
        prompt_message_id=bindparam("message_id"),
        prompt_has_reply_keyboard=typed("reply_keyboard", col(Draft.prompt_has_reply_keyboard)),
    )
)


async def remember_prompt(
    deps: TriageDeps, chat_id: int, message_id: int, reply_keyboard: bool
) -> None:
    """Note which message shows the current buttons, so the next prompt can retire them.

    For an update from the inbox, written with the row's mark (in the chat's turn, before
    its next update); otherwise in a transaction of its own."""
    params = {"chat": chat_id, "message_id": message_id, "reply_keyboard": reply_keyboard}
    if with_the_mark(_NOTE_PROMPT, params):
        return
    async with deps.uow() as uow:
        await uow.session.exec(_NOTE_PROMPT, params=params)
        await uow.commit()


async def ask_cancel(deps: TriageDeps, chat_id: int, lang_hint: str | None) -> IntakeReply:
    """/cancel: move the draft to the confirmation question, remembering where it was."""
    now = deps.clock()
    async with deps.uow() as uow:
        draft = await uow.session.get(Draft, chat_id)
        if draft is None:
            return await _no_draft(uow, deps, chat_id, lang_hint)
        state = confirm_cancel(_state_of(draft))
        await save_draft(uow, draft, state, now)
        await uow.commit()
    lang = str(state.answers.get("language") or deps.translator.language(lang_hint))
    return IntakeReply(
        lang,
        current_prompt(state, deps.regions),
        previous_prompt_message_id=draft.prompt_message_id,
        previous_reply_keyboard=draft.prompt_has_reply_keyboard,
    )


async def _no_draft(
    uow: UnitOfWork, deps: TriageDeps, chat_id: int, lang_hint: str | None
) -> IntakeReply:
    """No report in progress, in the language the reporter chose (a private chat's id is its
    user's id), else the phone's."""
    profile = await uow.session.get(ChatProfile, chat_id)
    chosen = profile.language if profile is not None else None
    return IntakeReply(chosen or deps.translator.language(lang_hint), None, no_draft=True)


async def current(
    deps: TriageDeps, chat_id: int, lang_hint: str | None, user_id: int | None = None
) -> IntakeReply:
    """The question the draft is waiting on (to continue after /start or a restart). Given
    the `user_id` acting, a blocked account is refused (`blocked`) in the same transaction."""
    async with deps.uow() as uow:
        draft = await draft_of(uow, chat_id)
        if user_id is not None:
            acting = await profile_of(uow, user_id)
            if acting is not None and acting.blocked:
                return _refused(deps, acting, lang_hint)
        if draft is None:
            return await _no_draft(uow, deps, chat_id, lang_hint)
        state = _state_of(draft)
        profile = await uow.session.get(ChatProfile, draft.user_id)
    lang = str(
        state.answers.get("language")
        or (profile.language if profile else None)
        or deps.translator.language(lang_hint)
    )
    return IntakeReply(
        lang,
        current_prompt(state, deps.regions),
        previous_prompt_message_id=draft.prompt_message_id,
        previous_reply_keyboard=draft.prompt_has_reply_keyboard,
    )
