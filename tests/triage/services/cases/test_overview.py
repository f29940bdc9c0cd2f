"""/wilayah: a supervisor's regions at a glance (with the worker's own list, /tugas)."""

from __future__ import annotations

from datetime import timedelta

from tests.triage.services.cases.helpers import (
    BUDI,
    EKA,
    PROV,
    RINA,
    SARI,
    START,
    World,
    new_case,
    rows,
)
from triage.services.cases.accept import accept_case
from triage.services.cases.overview import OVERDUE_SHOWN, region_overview
from triage.services.cases.worker_views import (
    my_cases,
)
from triage.storage.tables import Assignment, AuditLog, Deadline, Report
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


async def add_overdue_cases(world: World, kabkota: str, count: int, status: str = "new") -> None:
    """Cases in the national queue (nobody holds them) whose accept target passed at START."""
    async with world.deps.uow() as uow:
        for n in range(count):
            report = Report(reference=f"LS-{kabkota.replace('.', '')}-{n:04d}", received_at=START,
                            reporter_chat_id=1, urgency="TINGGI", status=status,
                            kabkota_code=kabkota)  # fmt: skip
            uow.session.add(report)
            await uow.session.flush()
            assert report.id is not None
            uow.session.add(Assignment(report_id=report.id, kind="national_queue",
                                       reason_code="route.national_queue", created_at=START))  # fmt: skip
            uow.session.add(Deadline(key=f"{report.reference}:accept_breach:g0:l1",
                                     report_id=report.id, kind="accept_breach", due_at=START))  # fmt: skip
        await uow.commit()


async def test_the_overview_covers_the_supervisors_regions_only_and_is_audited(
    world: World,
) -> None:
    await new_case(world)  # SEDANG, in Jakarta Selatan, held by Sari
    await add_overdue_cases(world, "31.71", OVERDUE_SHOWN + 1)  # Jakarta Pusat
    await add_overdue_cases(world, "32.73", 1)  # Kota Bandung: another province
    await add_overdue_cases(world, "31.74", 1, status="closed")
    world.clock.now = START + timedelta(minutes=1)

    province = await region_overview(world.deps, PROV)
    assert province is not None
    assert province.regions == ("DKI Jakarta",)
    assert province.open_by_urgency == {"SEDANG": 1, "TINGGI": OVERDUE_SHOWN + 1}
    assert province.unassigned == OVERDUE_SHOWN + 1
    assert (len(province.overdue), province.overdue_total) == (OVERDUE_SHOWN, OVERDUE_SHOWN + 1)
    assert {line.reference[:7] for line in province.overdue} == {"LS-3171"}

    kabkota = await region_overview(world.deps, RINA)
    assert kabkota is not None
    assert (kabkota.open_by_urgency, kabkota.unassigned, kabkota.overdue_total) == (
        {"SEDANG": 1}, 0, 0)  # fmt: skip
    assert await region_overview(world.deps, EKA) is None  # a worker
    audit = [(a.actor, a.action, a.detail) for a in await rows(world, AuditLog)]
    assert audit == [
        (f"worker:{world.ids[PROV]}", "region_viewed", {"open": OVERDUE_SHOWN + 2}),
        (f"worker:{world.ids[RINA]}", "region_viewed", {"open": 1}),
    ]
