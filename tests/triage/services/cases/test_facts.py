"""Read helpers the case services share: where a case is, why it is urgent, what is due next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.support.deps import make_deps
from triage.domain.model import Reason
from triage.domain.sla import DeadlineKind
from triage.services.cases.facts import assessment_reasons, case_place, next_due
from triage.storage.tables import AssessmentRow, Deadline, Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
H = timedelta(hours=1)
K = DeadlineKind


def report(**changes: Any) -> Report:
    fields: dict[str, Any] = {
        "reference": "LS-AAAA-0000", "received_at": T0, "reporter_chat_id": 9001,
        "urgency": "TINGGI", "kabkota_code": "31.74",
    }  # fmt: skip
    return Report(**{**fields, **changes})


@pytest.mark.parametrize(
    ("kecamatan", "kabkota", "place"),
    [
        ("31.74.01", "31.74", "Tebet, Kota Jakarta Selatan, DKI Jakarta"),
        (None, "31.74", "Kota Jakarta Selatan, DKI Jakarta"),
        ("31.74.99", "31.74", "Kota Jakarta Selatan, DKI Jakarta"),  # unknown kecamatan
        (None, "99.99", "99.99"),  # unknown kabupaten/kota: its code
        (None, None, "-"),
    ],
)
def test_case_place(kecamatan: str | None, kabkota: str | None, place: str) -> None:
    deps = make_deps(
        UnitOfWorkFactory(async_sessionmaker(class_=AsyncSession))
    )  # regions only: no database
    assert case_place(deps, report(kecamatan_code=kecamatan, kabkota_code=kabkota)) == place


async def test_the_reasons_are_those_of_the_latest_assessment(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        case, other = report(), report(reference="LS-BBBB-0000")
        uow.session.add_all([case, other])
        await uow.session.flush()
        assert case.id and other.id
        older: list[dict[str, Any]] = [{"code": "old", "points": 5}]
        latest: list[dict[str, Any]] = [
            {"code": "injured", "points": 20},
            {"code": "text_sexual_violence", "points": 15, "detail": "dicabuli"},
            {"code": "no_points"},
        ]
        for reasons in (older, latest):
            uow.session.add(AssessmentRow(report_id=case.id, created_at=T0, urgency="TINGGI",
                                          score=35, reasons=reasons, rules_version="v1"))  # fmt: skip
        await uow.commit()
        assert await assessment_reasons(uow.session, case.id) == (
            Reason("injured", 20),
            Reason("text_sexual_violence", 15, "dicabuli"),
            Reason("no_points", 0),
        )
        assert await assessment_reasons(uow.session, other.id) == ()


# Per case: its state, its deadline rows (kind, hours after T0, status), the next target due.
CASES: list[tuple[dict[str, Any], list[tuple[DeadlineKind, int, str]], tuple[K, int] | None]] = [
    ({}, [(K.ACCEPT_REMINDER, 0, "fired"), (K.ACCEPT_BREACH, 1, "fired"),
          (K.ACCEPT_BREACH, 2, "pending"), (K.CONTACT_BREACH, 24, "pending")],
     (K.ACCEPT_BREACH, 1)),  # overdue and already escalated: still the target to meet
    ({"accepted_at": T0}, [(K.ACCEPT_BREACH, 1, "pending"), (K.CONTACT_REMINDER, 12, "pending"),
                           (K.CONTACT_BREACH, 24, "pending"), (K.CLOSURE_BREACH, 72, "pending")],
     (K.CONTACT_BREACH, 24)),
    ({"accepted_at": T0}, [(K.CONTACT_BREACH, 24, "cancelled"), (K.CLOSURE_BREACH, 72, "pending")],
     (K.CLOSURE_BREACH, 72)),
    ({"accepted_at": T0, "first_contact_at": T0},
     [(K.CONTACT_BREACH, 24, "pending"), (K.CLOSURE_BREACH, 72, "pending")],
     (K.CLOSURE_BREACH, 72)),
    ({"status": "closed", "accepted_at": T0}, [(K.CLOSURE_BREACH, 72, "pending")], None),
    ({}, [(K.ACCEPT_BREACH, 1, "cancelled"), (K.CLOSURE_REMINDER, 48, "pending")], None),
]  # fmt: skip


async def test_next_due_is_the_earliest_target_the_case_has_still_to_meet(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        reports = [report(reference=f"LS-AAAA-000{n}", **state)
                   for n, (state, _, _) in enumerate(CASES)]  # fmt: skip
        uow.session.add_all(reports)
        await uow.session.flush()
        for case, (_, rows, _) in zip(reports, CASES, strict=True):
            for level, (kind, hours, status) in enumerate(rows):
                uow.session.add(Deadline(key=f"{case.reference}:{kind}:g0:l{level}",
                                         report_id=case.id, kind=kind.value,
                                         due_at=T0 + hours * H, status=status))  # fmt: skip
        await uow.commit()
        due = await next_due(uow.session, [*reports, report(reference="LS-NOT-STORED")])
        assert await next_due(uow.session, []) == {}
    expected = {
        case.id: (kind, T0 + hours * H)
        for case, (_, _, target) in zip(reports, CASES, strict=True)
        if target is not None
        for kind, hours in [target]
    }
    assert due == expected
