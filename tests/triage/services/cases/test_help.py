"""A worker asks for help: the kabupaten/kota supervisors, else the province's."""

from __future__ import annotations

from datetime import timedelta

from tests.triage.services.cases.helpers import (
    BUDI,
    PROV,
    RINA,
    SARI,
    START,
    World,
    kinds,
    new_case,
    rows,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.decline import decline_case
from triage.services.cases.help import REPEAT_AFTER, request_help
from triage.storage.tables import Assignment, CaseEvent, OutboxMessage
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


async def help_messages(world: World) -> list[tuple[int, str]]:
    return [(m.chat_id, m.dedup_key) for m in await rows(world, OutboxMessage)
            if m.dedup_key.startswith("help:")]  # fmt: skip


async def test_help_is_asked_again_only_after_half_an_hour(world: World) -> None:
    assignment_id = await new_case(world)
    assert (await request_help(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    world.clock.now = START + REPEAT_AFTER - timedelta(minutes=1)
    assert (await request_help(world.deps, SARI, assignment_id)).status is ActionStatus.ALREADY_DONE
    world.clock.now = START + REPEAT_AFTER + timedelta(minutes=1)
    assert (await request_help(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    rina = world.ids[RINA]
    assert await help_messages(world) == [
        (RINA, f"help:{assignment_id}:{rina}:{int(START.timestamp())}"),
        (RINA, f"help:{assignment_id}:{rina}:{int(world.clock.now.timestamp())}"),
    ]


async def test_with_no_supervisor_anywhere_nobody_is_asked(world: World) -> None:
    assignment_id = await new_case(world)
    async with world.deps.uow() as uow:
        for telegram_id in (RINA, PROV):
            supervisor = await uow.session.get(WorkerRow, world.ids[telegram_id])
            assert supervisor is not None
            supervisor.region_codes = ["32.73"]
        await uow.commit()
    result = await request_help(world.deps, SARI, assignment_id)
    assert (result.status, result.detail) == (ActionStatus.NOBODY, "0")
    assert await help_messages(world) == []
    (asked,) = [e for e in await rows(world, CaseEvent) if e.kind == "help_requested"]
    assert asked.data == {"assignment_id": assignment_id, "supervisor_ids": []}


async def test_a_supervisor_holding_the_case_asks_the_province(world: World) -> None:
    assignment_id = await new_case(world)
    for telegram_id in (SARI, BUDI):  # both workers decline: Rina holds the case
        await decline_case(world.deps, telegram_id, assignment_id, "leave")
        assignment_id = (await rows(world, Assignment))[-1].id or 0
    result = await request_help(world.deps, RINA, assignment_id)
    assert (result.status, result.detail) == (ActionStatus.DONE, "1")
    assert [chat for chat, _ in await help_messages(world)] == [PROV]
