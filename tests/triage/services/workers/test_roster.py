"""The routing roster of one kabupaten/kota as read from the database: who covers it, whether
they can take cases, their open caseloads by urgency, and who declined a case."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from triage.domain.model import Urgency
from triage.domain.routing import Role
from triage.domain.timezones import DutyHours
from triage.services.workers.roster import (
    declined_by,
    duty_hours_from_json,
    roster_for,
    rosters_for,
)
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
EVERY_DAY = frozenset(range(7))


@pytest.mark.parametrize(
    ("stored", "hours"),
    [
        (None, None),
        ({}, None),
        ({"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"},
         DutyHours(frozenset({0, 1, 2, 3, 4}), time(8), time(16))),
        ({"start": "20:00", "end": "08:00"}, DutyHours(EVERY_DAY, time(20), time(8))),
    ],
)  # fmt: skip
def test_duty_hours_from_json(stored: dict[str, Any] | None, hours: DutyHours | None) -> None:
    assert duty_hours_from_json(stored) == hours


def worker(name: str, regions: list[str], telegram: int | None, **changes: Any) -> Worker:
    return Worker(name=name, telegram_user_id=telegram, region_codes=regions,
                  created_at=T0, updated_at=T0, **changes)  # fmt: skip


def report(ref: str, holder: int | None, urgency: str, status: str) -> Report:
    return Report(reference=ref, received_at=T0, reporter_chat_id=9001, kabkota_code="31.74",
                  urgency=urgency, status=status, assigned_worker_id=holder)  # fmt: skip


async def test_the_roster_holds_everyone_covering_the_kabkota_with_open_caseloads(
    uow_factory: UnitOfWorkFactory,
) -> None:
    leave = T0 + timedelta(days=3)
    async with uow_factory() as uow:
        sari = worker("Sari", ["31.74"], 1001, duty_hours={"start": "08:00", "end": "16:00"},
                      on_leave_until=leave, last_assigned_at=T0)  # fmt: skip
        unbound = worker("Budi", ["31.74", "32.73"], None)  # no Telegram yet: cannot take cases
        off = worker("Tono", ["31.74"], 1003, on_duty=False)
        province = worker("Rina", ["31"], 1004, role="supervisor")
        others = [worker("Eka", ["32.73"], 1005), worker("Joko", ["31.71"], 1006)]
        uow.session.add_all([sari, unbound, off, province, *others])
        await uow.session.flush()
        cases = [("TINGGI", "assigned"), ("TINGGI", "contacted"), ("SEDANG", "referred"),
                 ("TINGGI", "closed"), ("TINGGI", "duplicate")]  # fmt: skip
        uow.session.add_all(
            report(f"LS-AAAA-000{n}", sari.id, urgency, status)
            for n, (urgency, status) in enumerate(cases)
        )
        uow.session.add(report("LS-BBBB-0000", province.id, "DARURAT", "new"))
        await uow.commit()
        ids = {w.name: w.id or 0 for w in (sari, unbound, off, province)}
    async with uow_factory() as uow:
        roster = {e.worker_id: e for e in await roster_for(uow.session, "31.74")}
    assert set(roster) == set(ids.values())  # Eka and Joko cover other kabupaten/kota
    entry = roster[ids["Sari"]]
    assert (entry.role, entry.region_codes, entry.on_duty) == (
        Role.WORKER,
        frozenset({"31.74"}),
        True,
    )
    assert entry.duty_hours == DutyHours(EVERY_DAY, time(8), time(16))
    assert (entry.on_leave_until, entry.last_assigned_at) == (leave, T0)
    assert entry.open_cases == {Urgency.TINGGI: 2, Urgency.SEDANG: 1}
    assert [roster[ids[n]].on_duty for n in ("Budi", "Tono", "Rina")] == [False, False, True]
    assert roster[ids["Rina"]].role is Role.SUPERVISOR
    assert roster[ids["Rina"]].open_cases == {Urgency.DARURAT: 1}
    assert roster[ids["Budi"]].open_cases == {}


async def test_rosters_read_at_once_hold_each_region_s_roster_as_read_alone(
    uow_factory: UnitOfWorkFactory,
) -> None:
    staff = [
        worker("Sari", ["31.74"], 1001), worker("Rina", ["31"], 1002, role="supervisor"),
        worker("Eka", ["32.73", "31.71"], 1003), worker("Joko", ["32"], 1004),
        worker("Tono", ["33.74"], 1005), worker("Ani", ["31.74"], 1006, active=False),
        worker("Odd", ["31.7"], 1007),  # text that starts 31.74, not the same code
    ]  # fmt: skip
    async with uow_factory() as uow:
        uow.session.add_all(staff)
        await uow.commit()
        name = {w.id: w.name for w in staff}
    regions = ("31.74", "31.71", "32.73", "35.78")
    async with uow_factory() as uow:
        together = await rosters_for(uow.session, regions)
        alone = {code: await roster_for(uow.session, code) for code in regions}
    assert {code: sorted(name[e.worker_id] for e in together.covering(code)) for code in regions} == {
        "31.74": ["Rina", "Sari"], "31.71": ["Eka", "Rina"], "32.73": ["Eka", "Joko"], "35.78": [],
    }  # fmt: skip
    assert all(together.covering(code) == alone[code] for code in regions)
    with pytest.raises(KeyError):
        together.covering("33.74")  # not read: an empty answer would be wrong


async def test_declined_by_names_everyone_who_declined_this_case(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        sari, budi, eka = (worker(n, ["31.74"], None) for n in ("Sari", "Budi", "Eka"))
        uow.session.add_all([sari, budi, eka])
        case, other = report("LS-AAAA-0000", None, "SEDANG", "new"), report(
            "LS-BBBB-0000", None, "SEDANG", "new")  # fmt: skip
        uow.session.add_all([case, other])
        await uow.session.flush()
        assert case.id and other.id
        for report_id, holder, declined in [
            (case.id, sari.id, True), (case.id, budi.id, False), (case.id, None, False),
            (other.id, eka.id, True),
        ]:  # fmt: skip
            uow.session.add(Assignment(
                report_id=report_id, worker_id=holder, kind="assigned", reason_code="test",
                created_at=T0, declined_at=T0 if declined else None, active=not declined,
            ))  # fmt: skip
        await uow.commit()
    async with uow_factory() as uow:
        assert await declined_by(uow.session, case.id) == {sari.id}
        assert await declined_by(uow.session, other.id) == {eka.id}
