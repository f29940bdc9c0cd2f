"""The workers list for staff: scope, duty now, open cases by urgency, last activity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.bot.cases import active_assignment, file_case
from tests.support.deps import Clock, make_deps
from tests.triage.services.workers.staffing import (
    ADMIN,
    SPV_BANDUNG,
    SPV_DKI,
    SPV_JAKSEL,
    add,
)
from triage.domain.model import Urgency
from triage.services.cases.accept import accept_case
from triage.services.common.deps import TriageDeps
from triage.services.workers.deactivate import deactivate_worker
from triage.services.workers.listing import DutyState, list_workers
from triage.storage.uow import UnitOfWorkFactory

MONDAY_9_WIB = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
OFFICE = {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}


async def test_each_worker_says_whether_they_can_take_a_case_now(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = make_deps(uow_factory, clock=Clock(MONDAY_9_WIB))
    await add(deps, "Ani", ["31.74"], telegram_user_id=1, duty_hours=OFFICE)
    await add(deps, "Bali", ["51.71"], telegram_user_id=2,
              duty_hours={"days": [0], "start": "11:00", "end": "12:00"})  # fmt: skip
    await add(deps, "Cici", ["31.74"], telegram_user_id=3, on_duty=False)
    await add(deps, "Dodi", ["31.74"])
    await add(deps, "Eka", ["31.74"], telegram_user_id=5,
              on_leave_until=MONDAY_9_WIB + timedelta(days=2))  # fmt: skip
    await add(deps, "Rina", ["31"], telegram_user_id=6, role="supervisor")

    rows = await list_workers(deps, ADMIN, MONDAY_9_WIB)

    assert {row.name: row.duty for row in rows} == {
        "Ani": DutyState.ON_DUTY,
        "Bali": DutyState.OUTSIDE_HOURS,  # 09:00 WIB is 10:00 WITA in Denpasar
        "Cici": DutyState.SWITCHED_OFF,
        "Dodi": DutyState.NOT_BOUND,
        "Eka": DutyState.ON_LEAVE,
        "Rina": DutyState.ESCALATIONS,
    }
    assert [row.name for row in rows] == sorted(row.name for row in rows)
    assert {row.name: row.zone_code for row in rows}["Bali"] == "51.71"


async def test_scope_and_who_may_manage(deps: TriageDeps) -> None:
    await add(deps, "Jaksel", ["31.74"])
    await add(deps, "Wide", ["31.74", "32.73"])
    await add(deps, "Province", ["31"])
    await add(deps, "Bandung", ["32.73"])
    await add(deps, "Boss", ["31.74"], role="supervisor")
    now = deps.clock()

    def seen(rows: list) -> dict[str, bool]:  # type: ignore[type-arg]
        return {row.name: row.manageable for row in rows}

    assert seen(await list_workers(deps, SPV_JAKSEL, now)) == {
        "Boss": False, "Jaksel": True, "Province": False, "Wide": False,
    }  # fmt: skip
    assert seen(await list_workers(deps, SPV_DKI, now)) == {
        "Boss": False, "Jaksel": True, "Province": True, "Wide": False,
    }  # fmt: skip
    assert seen(await list_workers(deps, SPV_BANDUNG, now)) == {"Bandung": True, "Wide": False}
    assert all(seen(await list_workers(deps, ADMIN, now)).values())


async def test_open_cases_by_urgency_last_activity_and_deactivated(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=1001)
    first = await file_case(deps, 5001, danger=True)
    await file_case(deps, 5002)
    assert (await list_workers(deps, ADMIN, deps.clock()))[0].last_activity is None
    await accept_case(deps, 1001, (await active_assignment(deps, first)).id or 0)

    [row] = await list_workers(deps, ADMIN, deps.clock())

    assert sum(row.open_cases.values()) == 2 and Urgency.SEDANG in row.open_cases
    assert row.last_activity is not None and row.bound and not row.invite_open
    await deactivate_worker(deps, ADMIN, sari, "pensiun", deps.clock())
    assert await list_workers(deps, ADMIN, deps.clock()) == []
    [gone] = await list_workers(deps, ADMIN, deps.clock(), inactive=True)
    assert gone.duty is DutyState.INACTIVE and not gone.manageable and not gone.open_cases
