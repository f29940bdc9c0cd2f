"""The retention run on real cases: a closed case loses the reporter's phone after the phone
limit and every personal detail after the case limit, keeping what the statistics, the queue
and the case page need; open cases and recent closures are untouched; old outbox and audit
rows go; every run is audited and a second run changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from tests.triage.services.cases.helpers import REPORTER_CHAT, SARI, World, new_case, rows
from tests.triage.services.cases.staff_helpers import (
    ADMIN,
    audits,
    change_report,
    reference,
    report,
)
from triage.domain.case import Outcome
from triage.domain.model import Urgency
from triage.domain.period import Period
from triage.domain.retention import RetentionPolicy
from triage.domain.timezones import WIB
from triage.services.cases.accept import accept_case
from triage.services.cases.detail import case_detail
from triage.services.cases.queries import list_reports
from triage.services.cases.queue_query import PageRequest, QueueFilters, QueueOrder
from triage.services.cases.staff_common import StaffOutcome
from triage.services.cases.staff_note import add_staff_note
from triage.services.cases.staff_status import close_by_staff
from triage.services.dashboard.overview import dashboard
from triage.services.intake.reporter import rate, take_comment
from triage.services.retention.run import RetentionCounts, run_retention
from triage.services.sla.override import OverrideStatus, override_urgency
from triage.storage.tables import (
    AssessmentRow,
    Assignment,
    AuditLog,
    CaseEvent,
    ChatProfile,
    Draft,
    OutboxMessage,
    ReferralRow,
    Report,
)

POLICY = RetentionPolicy(phone_days=30, case_days=365, outbox_days=30, audit_days=730)
PHONE = "+6281234567890"
STORY = "Anak tetangga pernah ditampar sekali."
WORDS = ("Budi", "Mawar", "pelatihan", "neneknya", "Siti", "ditampar", "Pelita", "kuota", PHONE)


async def _closed_case(world: World) -> str:
    """A case lived through: details, a decline with typed words, a worker's note, a staff
    note, closed by staff with a reason, rated with a comment."""
    assignment = await new_case(world)
    index = len(await rows(world, Report)) - 1
    await change_report(
        world,
        index,
        address="Jl. Mawar 3, RT 02",
        latitude=-6.26,
        longitude=106.81,
        kecamatan_code="31.74.01",
        evidence=[{"kind": "photo", "file_id": "AgAD-photo"}],
    )
    case = await report(world, index)
    async with world.deps.uow() as uow:
        now = world.clock.now
        uow.session.add(
            Assignment(
                report_id=case.id, worker_id=world.ids[SARI], kind="worker", reason_code="x",
                created_at=now, active=False, declined_at=now,
                decline_reason="other: sedang pelatihan",
            )
        )  # fmt: skip
        for kind, data in (
            ("declined", {"reason": "other", "text": "sedang pelatihan"}),
            ("note", {"assignment_id": assignment, "text": "ibu Siti ditemui"}),
        ):
            uow.session.add(CaseEvent(report_id=case.id, at=now, kind=kind, actor="w", data=data))
        row = (await rows(world, AssessmentRow))[-1]
        row.reasons = [*row.reasons, {"code": "text:hit", "points": 5, "detail": "ditampar"}]
        uow.session.add(row)
        await uow.commit()
    await accept_case(world.deps, SARI, assignment)
    async with world.deps.uow() as uow:  # a referral the worker typed, declined with a note
        uow.session.add(
            ReferralRow(
                report_id=case.id, service_type="other", typed_service="Yayasan Pelita",
                status="declined", decline_note="kuota penuh", created_at=world.clock.now,
                updated_at=world.clock.now,
            )
        )  # fmt: skip
        await uow.commit()
    ref = await reference(world, index)
    await add_staff_note(world.deps, ADMIN, ref, "Budi tinggal di Jl. Mawar", False)
    world.clock.now += timedelta(days=2)
    seen = (await report(world, index)).status
    await close_by_staff(world.deps, ADMIN, ref, Outcome.HANDLED, "aman bersama neneknya", seen)
    await rate(world.deps, REPORTER_CHAT, REPORTER_CHAT, ref, 4)
    await take_comment(world.deps, REPORTER_CHAT, REPORTER_CHAT, "terima kasih Bu Siti")
    return ref


async def _everything(world: World) -> str:
    """Every stored value of the case tables, as text, to look for personal words."""
    tables = (Report, CaseEvent, AssessmentRow, Assignment, OutboxMessage, ReferralRow)
    return repr([row.model_dump() for table in tables for row in await rows(world, table)])


async def test_phone_is_cleared_after_the_phone_limit_and_nothing_else(world: World) -> None:
    await _closed_case(world)
    world.clock.now += timedelta(days=29)
    assert await run_retention(world.deps, POLICY) == RetentionCounts()
    assert (await report(world)).contact_phone == PHONE

    world.clock.now += timedelta(days=2)
    counts = await run_retention(world.deps, POLICY)
    assert counts.phones_cleared == 1 and counts.cases_anonymised == 0
    case = await report(world)
    assert case.contact_phone is None
    assert case.description == STORY and case.address == "Jl. Mawar 3, RT 02"
    assert case.anonymised_at is None


async def test_a_case_past_the_case_limit_keeps_only_its_statistics(world: World) -> None:
    ref = await _closed_case(world)
    before = await report(world)
    assert (before.rating, before.rating_comment) == (4, "terima kasih Bu Siti")
    async with world.deps.uow() as uow:  # a comment still awaited ties the account to the case
        profile = await uow.session.get(ChatProfile, REPORTER_CHAT)
        assert profile is not None
        profile.awaiting_comment_for = ref
        await uow.commit()
    world.clock.now += timedelta(days=366)
    counts = await run_retention(world.deps, POLICY)
    assert (counts.phones_cleared, counts.cases_anonymised) == (1, 1)

    case = await report(world)
    assert case.anonymised_at == world.clock.now
    cleared = (case.description, case.address, case.latitude, case.longitude, case.evidence)
    assert cleared == ("", None, None, None, [])
    assert (case.contact_phone, case.kecamatan_code, case.rating_comment) == (None, None, None)
    assert (case.reporter_chat_id, case.notify_reporter) == (0, False)
    assert (case.child_age, case.age_band_lower, case.age_band_upper) == (None, 6, 12)
    kept = ("reference", "received_at", "urgency", "status", "kabkota_code", "categories",
            "assigned_worker_id", "accepted_at", "first_contact_at", "closed_at", "rating",
            "child_sex", "immediate_danger")  # fmt: skip
    assert {k: getattr(case, k) for k in kept} == {k: getattr(before, k) for k in kept}
    stored = await _everything(world)
    assert [word for word in WORDS if word in stored] == []
    closed = [e for e in await rows(world, CaseEvent) if e.kind == "closed"]
    assert [e.data for e in closed] == [{"outcome": "handled"}]
    declines = [a.decline_reason for a in await rows(world, Assignment) if a.decline_reason]
    assert declines == ["other"]
    assert {r["code"] for r in (await rows(world, AssessmentRow))[0].reasons} >= {"text:hit"}
    assert await rows(world, OutboxMessage) == []  # sent or not, nothing more is said of it
    # The comment awaited no longer ties the account to the case, so it is forgotten too.
    assert counts.chats_forgotten == 1
    async with world.deps.uow() as uow:
        assert await uow.session.get(ChatProfile, REPORTER_CHAT) is None

    today = world.clock.now.astimezone(WIB).date()
    period = Period(today - timedelta(days=400), today)
    figures = await dashboard(world.deps, ADMIN, period, WIB, minimum=1, now=world.clock.now)
    assert dict(figures.by_urgency)[before.urgency].cases == 1
    assert figures.overall.times  # the closure time is still measured
    page = await list_reports(
        world.deps, ADMIN, QueueFilters(), QueueOrder(), PageRequest(), now=world.clock.now
    )
    assert [item.reference for item in page.items] == [ref]
    detail = await case_detail(world.deps, ADMIN, ref, world.clock.now)
    assert detail is not None and detail.reference == ref


async def test_open_cases_and_recent_closures_are_never_touched(world: World) -> None:
    await new_case(world)  # stays open for years
    await _closed_case(world)  # the second report, closed at once
    world.clock.now += timedelta(days=800)
    await new_case(world)
    await _closed_case(world)  # closed 'yesterday' below
    world.clock.now += timedelta(days=1)
    counts = await run_retention(world.deps, POLICY)
    assert counts.cases_anonymised == 1 and counts.phones_cleared == 1
    cases = await rows(world, Report)
    assert [c.anonymised_at is not None for c in cases] == [False, True, False, False]
    assert [c.contact_phone for c in cases] == [PHONE, None, PHONE, PHONE]
    assert cases[0].description == STORY and cases[3].description == STORY


async def test_every_run_is_audited_and_a_second_run_changes_nothing(world: World) -> None:
    await _closed_case(world)
    world.clock.now += timedelta(days=366)
    first = await run_retention(world.deps, POLICY)
    stored = await _everything(world)
    world.clock.now += timedelta(minutes=5)
    assert await run_retention(world.deps, POLICY) == RetentionCounts()
    assert await _everything(world) == stored
    runs = await audits(world, "retention_run")
    assert [actor for actor, _, _ in runs] == ["system", "system"]
    assert runs[0][2] == {
        "phones_cleared": 1, "cases_anonymised": 1, "outbox_deleted": first.outbox_deleted,
        "audit_deleted": 0, "chats_forgotten": 1, "phone_days": 30, "case_days": 365, "outbox_days": 30,
        "audit_days": 730,
    }  # fmt: skip


async def test_many_cases_are_done_in_small_batches(world: World) -> None:
    for _ in range(5):
        await _closed_case(world)
    world.clock.now += timedelta(days=366)
    counts = await run_retention(world.deps, POLICY, case_batch=2, row_batch=2)
    assert (counts.phones_cleared, counts.cases_anonymised) == (5, 5)
    assert all(case.anonymised_at for case in await rows(world, Report))


async def test_outbox_and_audit_rows_expire_on_their_own_schedule(world: World) -> None:
    now = world.clock.now
    async with world.deps.uow() as uow:
        for key, status, age in (
            ("old-sent", "sent", 31), ("old-failed", "undeliverable", 31),
            ("old-pending", "pending", 31), ("new-sent", "sent", 29),
        ):  # fmt: skip
            at = now - timedelta(days=age)
            uow.session.add(
                OutboxMessage(dedup_key=key, created_at=at, chat_id=1, text="[sent]",
                              status=status, next_attempt_at=at)
            )  # fmt: skip
        for action, age in (("login", 731), ("view_case", 729)):
            uow.session.add(AuditLog(at=now - timedelta(days=age), actor="staff:a", action=action))
        await uow.commit()
    counts = await run_retention(world.deps, POLICY, row_batch=1)
    assert (counts.outbox_deleted, counts.audit_deleted) == (2, 1)
    assert sorted(m.dedup_key for m in await rows(world, OutboxMessage)) == [
        "new-sent",
        "old-pending",
    ]
    assert [a.action for a in await rows(world, AuditLog)] == ["view_case", "retention_run"]


async def test_an_anonymised_case_takes_no_more_words_or_changes(world: World) -> None:
    ref = await _closed_case(world)
    world.clock.now += timedelta(days=366)
    await run_retention(world.deps, POLICY)
    stored = await _everything(world)
    note = await add_staff_note(world.deps, ADMIN, ref, "Budi pindah ke Jl. Mawar 9", False)
    assert note.outcome is StaffOutcome.ANONYMISED
    override = await override_urgency(
        world.deps, ref, Urgency.DARURAT, "Siti menelepon lagi", "staff:admin", world.clock.now
    )
    assert override.status is OverrideStatus.ANONYMISED
    assert await _everything(world) == stored
    assert await audits(world, "staff_note") == [
        ("staff:admin", "staff_note", {"outcome": "done"}),
        ("staff:admin", "staff_note", {"outcome": "anonymised"}),
    ]


async def test_accounts_nothing_ties_to_a_case_any_more_are_forgotten(world: World) -> None:
    await _closed_case(world)  # REPORTER_CHAT's case, anonymised below
    await new_case(world)
    await change_report(world, 1, reporter_chat_id=501)  # an open case holds account 501
    long_ago = world.clock.now
    world.clock.now += timedelta(days=366)
    now = world.clock.now
    async with world.deps.uow() as uow:
        for user_id, blocked, created in (
            (500, False, long_ago),  # came once, never reported
            (501, False, long_ago),  # its case is still open
            (502, True, long_ago),  # blocked: the block must hold
            (503, False, long_ago),  # a questionnaire under way
            (SARI, False, long_ago),  # a worker's own account
            (504, False, now - timedelta(days=10)),  # new
        ):
            uow.session.add(ChatProfile(user_id=user_id, blocked=blocked, created_at=created))
        uow.session.add(
            Draft(chat_id=503, user_id=503, step="story", answers={}, created_at=now,
                  updated_at=now)
        )  # fmt: skip
        await uow.commit()
    counts = await run_retention(world.deps, POLICY, row_batch=1)
    assert counts.chats_forgotten == 2
    async with world.deps.uow() as uow:
        kept = sorted((await uow.session.exec(select(col(ChatProfile.user_id)))).all())
    assert kept == sorted([501, 502, 503, SARI, 504])
    assert (await run_retention(world.deps, POLICY)).chats_forgotten == 0
