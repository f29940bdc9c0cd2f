"""A worker asks for help: the kabupaten/kota supervisors, else the province's."""

from __future__ import annotations

from tests.triage.services.cases.helpers import (
    PROV,
    RINA,
    SARI,
    World,
    kinds,
    new_case,
    rows,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.help import request_help
from triage.storage.tables import OutboxMessage
from triage.storage.tables import Worker as WorkerRow


async def test_help_goes_to_the_kabkota_supervisor_once(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    result = await request_help(world.deps, SARI, assignment_id)
    assert (result.status, result.detail) == (ActionStatus.DONE, "1")
    assert (await request_help(world.deps, SARI, assignment_id)).status is ActionStatus.ALREADY_DONE
    asked = [m for m in await rows(world, OutboxMessage) if m.dedup_key.startswith("help:")]
    assert [m.chat_id for m in asked] == [RINA]
    assert "Sari" in asked[0].text and "/kasus" in asked[0].text
    assert (await kinds(world)).count("help_requested") == 1


async def test_help_goes_to_the_province_when_the_kabkota_has_no_supervisor(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    async with world.deps.uow() as uow:
        rina = await uow.session.get(WorkerRow, world.ids[RINA])
        assert rina is not None
        rina.region_codes = ["32.73"]
        await uow.commit()
    await request_help(world.deps, SARI, assignment_id)
    asked = [m for m in await rows(world, OutboxMessage) if m.dedup_key.startswith("help:")]
    assert [m.chat_id for m in asked] == [PROV]
