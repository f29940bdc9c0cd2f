"""What a reporter may do besides the questionnaire: language, their reports, a rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import CaseStatus
from triage.i18n import N_
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event, audit
from triage.storage.tables import ChatProfile, Report

STATUS_LIST_LIMIT = 10
COMMENT_MAX_CHARS = 1000


@dataclass(frozen=True, slots=True)
class ReporterReport:
    """One of the reporter's own reports, as they may see it: no staff details."""

    reference: str
    received_at: datetime
    status: str
    kabkota_code: str | None


class RatingOutcome(StrEnum):
    THANKED = "thanked"
    ALREADY_RATED = "already_rated"
    NOT_YOURS = "not_yours"


async def set_language(deps: TriageDeps, user_id: int, language: str) -> None:
    async with deps.uow() as uow:
        profile = await uow.session.get(ChatProfile, user_id)
        if profile is None:
            profile = ChatProfile(user_id=user_id, created_at=deps.clock())
            uow.session.add(profile)
        profile.language = language
        await uow.commit()


async def language_of(deps: TriageDeps, user_id: int) -> str | None:
    async with deps.uow() as uow:
        profile = await uow.session.get(ChatProfile, user_id)
        return profile.language if profile else None


async def my_reports(deps: TriageDeps, chat_id: int) -> list[ReporterReport]:
    """The newest reports made from this chat, and only from this chat."""
    async with deps.uow() as uow:
        query = (
            select(Report)
            .where(col(Report.reporter_chat_id) == chat_id)
            .order_by(col(Report.received_at).desc())
            .limit(STATUS_LIST_LIMIT)
        )
        rows = (await uow.session.exec(query)).all()
        return [ReporterReport(r.reference, r.received_at, r.status, r.kabkota_code) for r in rows]


async def rate(
    deps: TriageDeps, chat_id: int, user_id: int, reference: str, rating: int
) -> RatingOutcome:
    """A 1-5 rating of a closed report, once; then the next text may be a comment."""
    now = deps.clock()
    async with deps.uow() as uow:
        report = await _own_report(uow.session, chat_id, reference)
        if report is None or report.status != CaseStatus.CLOSED or not 1 <= rating <= 5:
            return RatingOutcome.NOT_YOURS
        if report.rating is not None:
            return RatingOutcome.ALREADY_RATED
        report.rating = rating
        assert report.id is not None
        await add_event(uow.session, report.id, "rated", "reporter", {"rating": rating}, now)
        profile = await uow.session.get(ChatProfile, user_id)
        if profile is None:
            profile = ChatProfile(user_id=user_id, created_at=now)
            uow.session.add(profile)
        profile.awaiting_comment_for = reference
        await uow.commit()
    return RatingOutcome.THANKED


async def take_comment(deps: TriageDeps, chat_id: int, user_id: int, text: str) -> str | None:
    """If a rating comment is awaited, store `text` as it and return the reference."""
    async with deps.uow() as uow:
        profile = await uow.session.get(ChatProfile, user_id)
        if profile is None or profile.awaiting_comment_for is None:
            return None
        reference, profile.awaiting_comment_for = profile.awaiting_comment_for, None
        report = await _own_report(uow.session, chat_id, reference)
        if report is not None and report.id is not None:
            report.rating_comment = " ".join(text.split())[:COMMENT_MAX_CHARS]
            await add_event(uow.session, report.id, "rating_comment", "reporter", {}, deps.clock())
        await uow.commit()
    return reference


async def _own_report(session: AsyncSession, chat_id: int, reference: str) -> Report | None:
    query = select(Report).where(
        col(Report.reference) == reference, col(Report.reporter_chat_id) == chat_id
    )
    return (await session.exec(query)).first()


# What the reporter is told for each refusal of `submission_refusal`.
REFUSAL_TEXTS = {
    "limit": N_(
        "Anda sudah mengirim {limit} laporan dalam satu jam terakhir. Laporan ini tetap tersimpan; "
        "silakan kirim lagi nanti. Jika anak dalam bahaya sekarang, telepon 112 atau SAPA 129."
    ),
    "blocked": N_(
        "Maaf, akun ini tidak dapat mengirim laporan. Jika anak dalam bahaya, telepon 112 atau SAPA 129."
    ),
}


async def submission_refusal(
    session: AsyncSession, chat_id: int, user_id: int, now: datetime, per_hour: int
) -> str | None:
    """Why this reporter may not send a report now ("blocked", "limit"), or None."""
    profile = await session.get(ChatProfile, user_id)
    if profile is not None and profile.blocked:
        return "blocked"
    recent = select(func.count()).where(
        col(Report.reporter_chat_id) == chat_id, col(Report.received_at) >= now - timedelta(hours=1)
    )
    count = (await session.exec(recent)).one()
    return "limit" if count >= per_hour else None


@dataclass(frozen=True, slots=True)
class Standing:
    """Whether the account may use the reporter's side, and the language it chose."""

    blocked: bool
    language: str | None


async def standing(deps: TriageDeps, user_id: int) -> Standing:
    async with deps.uow() as uow:
        profile = await uow.session.get(ChatProfile, user_id)
        if profile is None:
            return Standing(False, None)
        return Standing(profile.blocked, profile.language)


async def set_blocked(deps: TriageDeps, user_id: int, blocked: bool, actor: str) -> None:
    """Block or unblock a Telegram account from sending reports (abuse control)."""
    now = deps.clock()
    async with deps.uow() as uow:
        profile = await uow.session.get(ChatProfile, user_id)
        if profile is None:
            profile = ChatProfile(user_id=user_id, created_at=now)
            uow.session.add(profile)
        profile.blocked = blocked
        audit(
            uow.session,
            actor,
            "reporter_blocked" if blocked else "reporter_unblocked",
            now,
            user_id=user_id,
        )
        await uow.commit()
