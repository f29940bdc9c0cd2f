"""/wilayah: a supervisor's regions at a glance (with the worker's own list, /tugas)."""

from __future__ import annotations

from datetime import timedelta

from tests.triage.services.cases.helpers import (
    BUDI,
    RINA,
    SARI,
    START,
    World,
    new_case,
)
from triage.services.cases.accept import accept_case
from triage.services.cases.overview import region_overview
from triage.services.cases.worker_views import (
    my_cases,
)
from triage.storage.tables import Worker as WorkerRow


async def test_my_cases_most_urgent_first_and_the_region_overview(world: World) -> None:
    async with world.deps.uow() as uow:
        budi = await uow.session.get(WorkerRow, world.ids[BUDI])
        assert budi is not None
        budi.on_duty = False
        await uow.commit()
    calm = await new_case(world)
    await accept_case(world.deps, SARI, calm)
    await new_case(world, danger=True)
    mine = await my_cases(world.deps, SARI)
    assert mine is not None
    assert [line.urgency for line in mine] == ["DARURAT", "SEDANG"]
    assert mine[1].assignment_id == calm and mine[1].due is not None
    assert await my_cases(world.deps, 4242) is None
    assert await region_overview(world.deps, SARI) is None
    world.clock.now = START + timedelta(days=2)
    overview = await region_overview(world.deps, RINA)
    assert overview is not None
    assert overview.open_by_urgency == {"DARURAT": 1, "SEDANG": 1}
    assert [line.urgency for line in overview.overdue] == ["DARURAT"]  # SEDANG: 3 days
    assert overview.regions == ("Kota Jakarta Selatan, DKI Jakarta",)
