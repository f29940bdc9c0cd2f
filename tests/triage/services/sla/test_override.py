"""Urgency overrides: timeline event, audit, untouched assessment, rescheduled timers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

import pytest
from sqlalchemy import ColumnElement
from sqlmodel import SQLModel, col, select

from tests.triage.services.sla.test_sweep import T0, Clock, add_ladder, make_deps, submit
from triage.domain.model import Urgency
from triage.domain.sla import DeadlineKind as K
from triage.services.common.deps import TriageDeps
from triage.services.sla.override import OverrideStatus, override_urgency, replacements
from triage.services.sla.sweep import Outcome, sweep
from triage.storage.rules_source import load_default_rules
from triage.storage.tables import AssessmentRow, AuditLog, CaseEvent, Deadline, Report
from triage.storage.uow import UnitOfWorkFactory

M, H, D = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
RULES = load_default_rules()
T = TypeVar("T", bound=SQLModel)
REF = "LS-TEST-0001"
ALL_PENDING = [(K.ACCEPT_REMINDER, 0), *((K.ACCEPT_BREACH, n) for n in (1, 2, 3))] + [
    (kind, level)
    for kind in (K.CONTACT_REMINDER, K.CONTACT_BREACH, K.CLOSURE_REMINDER, K.CLOSURE_BREACH)
    for level in ((0,) if kind.value.endswith("reminder") else (1,))
]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return make_deps(uow_factory, clock)


def due_times(now: datetime, urgency: Urgency) -> dict[tuple[K, int], timedelta]:
    fresh = replacements(REF, ALL_PENDING, T0, T0, urgency, RULES, 3, now)
    assert {d.generation for d in fresh} == {3}
    return {(d.kind, d.level): d.due_at - T0 for d in fresh}


def test_raising_late_shifts_each_overdue_ladder_to_start_now() -> None:
    times = due_times(T0 + 3 * H, Urgency.DARURAT)  # 15m accept, 1h contact, 7d closure
    assert times == {
        (K.ACCEPT_REMINDER, 0): 3 * H,
        (K.ACCEPT_BREACH, 1): 3 * H + 7.5 * M,
        (K.ACCEPT_BREACH, 2): 3 * H + 22.5 * M,
        (K.ACCEPT_BREACH, 3): 3 * H + 37.5 * M,
        (K.CONTACT_REMINDER, 0): 3 * H,
        (K.CONTACT_BREACH, 1): 3 * H + 30 * M,
        (K.CLOSURE_REMINDER, 0): 3.5 * D,
        (K.CLOSURE_BREACH, 1): 7 * D,
    }


def test_lowering_runs_from_the_original_starts() -> None:
    times = due_times(T0 + 10 * M, Urgency.RENDAH)  # 24h accept, 7d contact, 60d closure
    assert times[(K.ACCEPT_REMINDER, 0)] == 12 * H
    assert times[(K.ACCEPT_BREACH, 3)] == 72 * H
    assert times[(K.CONTACT_BREACH, 1)] == 7 * D
    assert times[(K.CLOSURE_BREACH, 1)] == 60 * D


def test_only_the_pending_steps_are_replaced() -> None:
    fresh = replacements(REF, [(K.ACCEPT_BREACH, 3)], T0, T0, Urgency.TINGGI, RULES, 1, T0)
    assert [(d.key, d.due_at) for d in fresh] == [(f"{REF}:accept_breach:g1:l3", T0 + 3 * H)]


async def _rows(uow: UnitOfWorkFactory, model: type[T], *where: ColumnElement[bool]) -> list[T]:
    async with uow() as unit:
        return list(await unit.session.exec(select(model).where(*where)))


async def test_override_records_reschedules_and_keeps_the_assessment(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps, danger=False)  # RENDAH
    clock.now = T0 + 3 * H
    result = await override_urgency(
        deps, ref, Urgency.DARURAT, "anak terlihat luka", "staff:7", clock.now
    )
    assert (result.status, result.old_urgency, result.new_urgency) == (
        OverrideStatus.DONE, "RENDAH", "DARURAT",
    )  # fmt: skip
    assert result.rescheduled == 8
    [report] = await _rows(deps.uow, Report)
    assert report.urgency == "DARURAT"
    [assessment] = await _rows(deps.uow, AssessmentRow)
    assert assessment.urgency == "RENDAH"
    [event] = await _rows(deps.uow, CaseEvent, col(CaseEvent.kind) == "urgency_override")
    assert (event.actor, event.at) == ("staff:7", clock.now)
    assert event.data == {
        "old": "RENDAH", "new": "DARURAT", "reason": "anak terlihat luka", "actor": "staff:7",
    }  # fmt: skip
    [entry] = await _rows(deps.uow, AuditLog, col(AuditLog.action) == "urgency_override")
    assert entry.detail == {"old": "RENDAH", "new": "DARURAT"}
    rows = await _rows(deps.uow, Deadline)
    assert {r.status for r in rows if ":g0:" in r.key} == {"cancelled"}
    assert {r.status for r in rows if ":g1:" in r.key} == {"pending"}
    swept = await sweep(deps, "test")  # the accept and contact reminders, due at once
    assert swept.count(Outcome.FIRED) == 2
    clock.now += 7.5 * M
    assert (await sweep(deps, "test")).count(Outcome.FIRED) == 1  # escalation, kab/kota
    [escalated] = await _rows(deps.uow, CaseEvent, col(CaseEvent.kind) == "escalated")
    assert escalated.data["deadline"] == f"{ref}:accept_breach:g1:l1"


async def test_a_second_override_uses_yet_another_generation(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps, danger=False)
    for urgency in (Urgency.TINGGI, Urgency.SEDANG):
        clock.now += H
        await override_urgency(deps, ref, urgency, "dinilai ulang", "staff:7", clock.now)
    pending = await _rows(deps.uow, Deadline, col(Deadline.status) == "pending")
    assert {r.key.split(":")[2] for r in pending} == {"g2"}
    assert len(pending) == 8


async def test_unchanged_unknown_and_missing_reason(deps: TriageDeps) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)  # DARURAT
    same = await override_urgency(deps, ref, Urgency.DARURAT, "sama", "staff:7", T0)
    assert same.status is OverrideStatus.UNCHANGED
    unknown = await override_urgency(deps, "LS-0000-0000", Urgency.RENDAH, "salah", "staff:7", T0)
    assert unknown.status is OverrideStatus.NOT_FOUND
    with pytest.raises(ValueError, match="reason"):
        await override_urgency(deps, ref, Urgency.RENDAH, "  ", "staff:7", T0)
    assert await _rows(deps.uow, CaseEvent, col(CaseEvent.kind) == "urgency_override") == []
