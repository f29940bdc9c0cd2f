"""Coverage by kabupaten/kota: none at all, none on duty now, by the viewer's scope."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.bot.cases import file_case
from tests.support.deps import Clock, make_deps
from tests.triage.services.workers.staffing import ADMIN, SPV_BANDUNG, SPV_DKI, add
from triage.services.common.deps import TriageDeps
from triage.services.workers.coverage import CoverageState, coverage
from triage.storage.uow import UnitOfWorkFactory

SUNDAY_NIGHT_WIB = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)  # 22:00 WIB
OFFICE = {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}


def states(found) -> dict[str, CoverageState]:  # type: ignore[no-untyped-def]
    return {row.code: row.state for row in found.rows}


async def test_gaps_now_for_a_supervisor_of_a_province(uow_factory: UnitOfWorkFactory) -> None:
    deps = make_deps(uow_factory, clock=Clock(SUNDAY_NIGHT_WIB))
    await add(deps, "Night", ["31.74"], telegram_user_id=1)
    await add(deps, "Office", ["31.71"], telegram_user_id=2, duty_hours=OFFICE)
    await add(deps, "Unbound", ["31.72"])
    await add(deps, "Boss", ["31"], telegram_user_id=4, role="supervisor")

    found = await coverage(deps, SPV_DKI, SUNDAY_NIGHT_WIB)

    assert len(found.rows) == 6  # DKI Jakarta's five kota and Kepulauan Seribu
    assert states(found) == {
        "31.74": CoverageState.ON_DUTY,
        "31.71": CoverageState.NONE_ON_DUTY,
        "31.72": CoverageState.NONE_ON_DUTY,
        "31.73": CoverageState.NO_WORKER,
        "31.75": CoverageState.NO_WORKER,
        "31.01": CoverageState.NO_WORKER,
    }
    assert [row.state for row in found.rows] == sorted(
        (row.state for row in found.rows),
        key=[CoverageState.NO_WORKER, CoverageState.NONE_ON_DUTY, CoverageState.ON_DUTY].index,
    )
    assert all(row.supervisors == 1 for row in found.rows)
    assert {r.code for r in found.in_state(CoverageState.NO_WORKER)} == {"31.73", "31.75", "31.01"}
    assert not found.everything


async def test_an_admin_sees_regions_with_reports_or_workers_or_all(deps: TriageDeps) -> None:
    await add(deps, "Bandung", ["32.73"], telegram_user_id=1)
    await file_case(deps, 5001, region="31.74")  # reported, nobody covers it

    found = await coverage(deps, ADMIN, deps.clock())
    everything = await coverage(deps, ADMIN, deps.clock(), everything=True)
    narrow = await coverage(deps, SPV_BANDUNG, deps.clock(), everything=True)

    assert states(found) == {"31.74": CoverageState.NO_WORKER, "32.73": CoverageState.ON_DUTY}
    assert [row.open_cases for row in found.rows] == [1, 0]
    assert len(everything.rows) == 514 and everything.everything
    assert states(narrow) == {"32.73": CoverageState.ON_DUTY} and not narrow.everything


async def test_deactivated_workers_cover_nothing(deps: TriageDeps) -> None:
    await add(deps, "Gone", ["32.73"], telegram_user_id=1, active=False)

    found = await coverage(deps, SPV_BANDUNG, deps.clock())

    assert states(found) == {"32.73": CoverageState.NO_WORKER}
