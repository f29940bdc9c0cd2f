"""The case page's data on both databases: scoping, consent, a safe timeline, response times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from triage.domain.age import ChildAge
from triage.domain.model import Urgency
from triage.services.cases.detail import case_detail, case_visible
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.rules_source import load_default_rules
from triage.storage.tables import (
    AssessmentRow,
    Assignment,
    AuditLog,
    CaseEvent,
    Deadline,
    Report,
    Worker,
)
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
M = timedelta(minutes=1)
REF = "LS-2026-000777"
RULES = load_default_rules()
ADMIN = StaffIdentity(id=1, username="admin", role="admin")
BANDUNG = StaffIdentity(id=2, username="spv.bandung", role="supervisor", region_codes=("32.73",))
JABAR = StaffIdentity(id=3, username="spv.jabar", role="supervisor", region_codes=("32",))
JAKARTA = StaffIdentity(id=4, username="spv.dki", role="supervisor", region_codes=("31",))
STORY = "Anak tetangga <b>dipukul</b> setiap malam"
NOTE_TEXT = "catatan rahasia petugas"
DECLINE_TEXT = "sedang di luar kota"


def _report(**changes: Any) -> Report:
    fields: dict[str, Any] = {
        "reference": REF, "received_at": T0, "reporter_chat_id": 7_000_000_001,
        "categories": ["kekerasan_fisik"], "child_age": 7, "description": STORY,
        "kabkota_code": "32.73", "kecamatan_code": "32.73.01", "address": "Jl. Melati 7",
        "evidence": [{"file_id": "AgACAgSECRET", "kind": "photo"}], "contact_phone": "+628123",
        "contact_consent": True, "status": "contacted", "urgency": "TINGGI",
        "accepted_at": T0 + 20 * M, "first_contact_at": T0 + 3 * 60 * M,
    }  # fmt: skip
    return Report(**{**fields, **changes})


def _events(sari: int, budi: int) -> list[tuple[int, str, str, dict[str, Any]]]:
    """(minutes after T0, kind, actor, data)"""
    return [
        (0, "received", "reporter", {"urgency": "TINGGI"}),
        (0, "routed", "system", {"kind": "assigned", "worker_id": budi, "explanation": "x"}),
        (5, "awaiting_input", f"worker:{budi}", {"what": "decline_reason"}),
        (6, "input_cancelled", f"worker:{budi}", {}),
        (7, "declined", f"worker:{budi}", {"reason": "other", "text": DECLINE_TEXT}),
        (7, "routed", "system", {"kind": "assigned", "worker_id": sari}),
        (20, "accepted", f"worker:{sari}", {"assignment_id": 2}),
        (30, "note", f"worker:{sari}", {"text": NOTE_TEXT}),
        (180, "contacted", f"worker:{sari}", {}),
    ]


async def seed_case(uow_factory: UnitOfWorkFactory, **changes: Any) -> None:
    """One case in Kota Bandung: declined by Budi, accepted by Sari, contacted after 3 hours."""
    async with uow_factory() as uow:
        session = uow.session
        budi = Worker(name="Budi", region_codes=["32.73"], created_at=T0, updated_at=T0)
        sari = Worker(name="Sari Wulandari", region_codes=["32.73"], created_at=T0, updated_at=T0)
        report = _report(**changes, assigned_worker_id=None)
        session.add_all([budi, sari, report])
        await session.flush()
        assert report.id and budi.id and sari.id
        report.assigned_worker_id = sari.id
        reasons = [{"code": "injured", "points": 20}, {"code": "text_physical_violence",
                    "points": 15, "detail": "dipukul"}]  # fmt: skip
        session.add(AssessmentRow(report_id=report.id, created_at=T0, urgency="TINGGI", score=55,
                                  reasons=reasons, rules_version="2026.1"))  # fmt: skip
        session.add(_assignment(report.id, budi.id, 0, active=False, declined_at=T0 + 7 * M,
                                decline_reason=f"other: {DECLINE_TEXT}"))  # fmt: skip
        session.add(_assignment(report.id, sari.id, 7, accepted_at=T0 + 20 * M))
        for minutes, kind, actor, data in _events(sari.id, budi.id):
            session.add(CaseEvent(report_id=report.id, at=T0 + minutes * M, kind=kind,
                                  actor=actor, data=data))  # fmt: skip
        for kind, status, level in (
            ("closure_breach", "pending", 1),
            ("contact_breach", "done", 1),
        ):
            session.add(Deadline(key=f"{REF}:{kind}:g0:l{level}", report_id=report.id, kind=kind,
                                 due_at=T0 + 7 * 24 * 60 * M, status=status))  # fmt: skip
        await uow.commit()


def _assignment(report_id: int, worker_id: int, minutes: int, **changes: Any) -> Assignment:
    return Assignment(report_id=report_id, worker_id=worker_id, kind="assigned",
                      reason_code="on_duty", created_at=T0 + minutes * M, **changes)  # fmt: skip


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await seed_case(uow_factory)
    return uow_factory


async def test_admin_and_supervisors_over_the_region_see_the_case(
    deps: TriageDeps, seeded: UnitOfWorkFactory
):
    for viewer in (ADMIN, BANDUNG, JABAR):
        detail = await case_detail(deps, viewer, REF, T0 + 4 * 60 * M)
        assert detail is not None, viewer.username
        assert await case_visible(deps, viewer, REF, T0)


async def test_another_province_and_unknown_get_the_same_none_and_refusals_are_audited(
    deps: TriageDeps,
    seeded: UnitOfWorkFactory,
) -> None:
    assert await case_detail(deps, JAKARTA, REF, T0) is None
    assert await case_detail(deps, ADMIN, "LS-2026-999999", T0) is None
    assert not await case_visible(deps, JAKARTA, REF, T0)
    assert not await case_visible(deps, ADMIN, "LS-2026-999999", T0)
    async with seeded() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
        report_id = (await uow.session.exec(select(col(Report.id)))).one()
    assert [(r.action, r.actor, r.report_id) for r in rows] == [
        ("view_case_refused", "spv.dki", report_id),
        ("override_refused", "spv.dki", report_id),
    ]


async def test_each_view_is_audited_with_viewer_and_report(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    await case_detail(deps, BANDUNG, REF, T0 + M)
    async with seeded() as uow:
        rows = (await uow.session.exec(select(AuditLog))).all()
        report_id = (await uow.session.exec(select(col(Report.id)))).one()
    assert [(r.action, r.actor, r.report_id, r.detail) for r in rows] == [
        ("view_case", "spv.bandung", report_id, {"staff_id": 2})
    ]


async def test_the_case_facts(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    detail = await case_detail(deps, ADMIN, REF, T0 + 4 * 60 * M)
    assert detail is not None
    assert (detail.reference, detail.urgency, detail.status) == (REF, "TINGGI", "contacted")
    assert detail.received_at == T0
    assert (detail.categories, detail.child_age, detail.kabkota_code) == (
        ("kekerasan_fisik",), ChildAge.exact(7), "32.73",
    )  # fmt: skip
    assert (detail.description, detail.address) == (STORY, "Jl. Melati 7")
    assert detail.evidence_count == 1
    assert "AgACAgSECRET" not in repr(detail)
    assert detail.original is not None
    assert (detail.original.urgency, detail.original.score) == ("TINGGI", 55)
    assert [(r.code, r.detail) for r in detail.original.reasons] == [
        ("injured", None), ("text_physical_violence", "dipukul"),
    ]  # fmt: skip
    assert detail.original.rules_version == "2026.1"


@pytest.mark.parametrize(("consent", "phone"), [(True, "+628123"), (False, None)])
async def test_the_phone_only_with_consent(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, consent: bool, phone: str | None
) -> None:
    await seed_case(uow_factory, contact_consent=consent)
    detail = await case_detail(deps, ADMIN, REF, T0)
    assert detail is not None
    assert detail.reporter_phone == phone
    assert ("+628123" in repr(detail)) is consent


async def test_assignments_with_decline_reason(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    detail = await case_detail(deps, ADMIN, REF, T0)
    assert detail is not None
    budi, sari = detail.assignments
    assert (budi.worker_name, budi.active, budi.declined_at) == ("Budi", False, T0 + 7 * M)
    assert (budi.decline_code, budi.decline_text) == ("other", DECLINE_TEXT)
    assert (sari.worker_name, sari.active, sari.accepted_at) == (
        "Sari Wulandari",
        True,
        T0 + 20 * M,
    )
    assert sari.assigned_at == T0 + 7 * M


async def test_timeline_hides_screen_state_and_the_words_of_notes(
    deps: TriageDeps,
    seeded: UnitOfWorkFactory,
) -> None:
    detail = await case_detail(deps, ADMIN, REF, T0)
    assert detail is not None
    kinds = [entry.kind for entry in detail.timeline]
    assert kinds == ["received", "routed", "declined", "routed", "accepted", "note", "contacted"]
    received, first_route, declined, _, accepted, note, _ = detail.timeline
    assert received.facts == {"urgency": "TINGGI"}
    assert first_route.facts == {"kind": "assigned", "worker": "Budi"}
    assert (declined.actor_name, declined.facts) == ("Budi", {"reason": "other"})
    assert declined.staff_text == DECLINE_TEXT
    assert accepted.actor.startswith("worker:")
    assert accepted.actor_name == "Sari Wulandari"
    assert note.staff_text is None
    assert NOTE_TEXT not in repr(detail)
    assert "explanation" not in repr(detail.timeline)


@pytest.mark.parametrize(
    ("urgency", "late"), [("TINGGI", False), ("DARURAT", True)]
)  # accepted after 20 min, contacted after 3 h: within 1 h / 24 h, not within 15 min / 1 h
async def test_response_times_against_the_targets(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, urgency: str, late: bool
) -> None:
    await seed_case(uow_factory, urgency=urgency)
    targets = RULES.sla[Urgency(urgency)]
    detail = await case_detail(deps, ADMIN, REF, T0 + 5 * 60 * M)
    assert detail is not None
    accept, contact, closure = detail.response_times
    assert (accept.measure, accept.elapsed, accept.target, accept.overdue) == (
        "accept", 20 * M, targets.accept, late,
    )  # fmt: skip
    assert (contact.done_at, contact.elapsed, contact.overdue) == (T0 + 180 * M, 180 * M, late)
    assert (closure.done_at, closure.elapsed, closure.overdue) == (None, 5 * 60 * M, False)
    later = await case_detail(deps, ADMIN, REF, T0 + targets.closure + M)
    assert later is not None
    assert later.response_times[2].overdue


async def test_no_running_clock_once_closed(deps: TriageDeps, uow_factory: UnitOfWorkFactory):
    await seed_case(uow_factory, status="closed", accepted_at=None, first_contact_at=None)
    detail = await case_detail(deps, ADMIN, REF, T0 + 60 * M)
    assert detail is not None
    targets = RULES.sla[Urgency.TINGGI]
    assert [(t.elapsed, t.target, t.overdue) for t in detail.response_times] == [
        (None, targets.accept, False),
        (None, targets.first_contact, False),
        (None, targets.closure, False),
    ]


async def test_no_targets_for_an_unknown_urgency(deps: TriageDeps, uow_factory: UnitOfWorkFactory):
    await seed_case(uow_factory, urgency="LAIN", accepted_at=None, first_contact_at=None)
    detail = await case_detail(deps, ADMIN, REF, T0 + 60 * M)
    assert detail is not None
    assert [(t.elapsed, t.target, t.overdue) for t in detail.response_times] == [
        (60 * M, None, False)
    ] * 3


async def test_pending_deadlines_only(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    week = T0 + 7 * 24 * 60 * M
    before = await case_detail(deps, ADMIN, REF, week - M)
    after = await case_detail(deps, ADMIN, REF, week)
    assert before is not None and after is not None
    assert [(d.kind, d.level, d.due_at, d.overdue) for d in before.deadlines] == [
        ("closure_breach", 1, week, False)
    ]
    assert after.deadlines[0].overdue
