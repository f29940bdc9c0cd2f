"""What each staff member may pick in the queue's filters: their regions and nearby workers."""

from __future__ import annotations

from datetime import UTC, datetime

from triage.services.cases.queue_choices import queue_choices, regions_meet
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
ADMIN = StaffIdentity(id=1, username="admin", role="admin")


async def _workers(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    people = {"Bandung": ["32.73"], "Jabar": ["32"], "Jakarta": ["31.74"], "Nowhere": []}
    async with uow_factory() as uow:
        rows = {name: Worker(name=name, region_codes=codes, created_at=T0, updated_at=T0)
                for name, codes in people.items()}  # fmt: skip
        uow.session.add_all(rows.values())
        await uow.commit()
    return {name: row.id or 0 for name, row in rows.items()}


async def test_admin_may_pick_every_region_and_worker(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    ids = await _workers(uow_factory)

    choices = await queue_choices(deps, ADMIN)

    assert len(choices.provinces) == len(deps.regions.provinces())
    assert sum(len(p.kabkota) for p in choices.provinces) > 500
    assert [w.name for w in choices.workers] == ["Bandung", "Jabar", "Jakarta", "Nowhere"]
    assert choices.has_worker(ids["Nowhere"]) and choices.has_kabkota("31.74")


async def test_kabkota_supervisor_sees_own_region_and_nearby_workers_only(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    ids = await _workers(uow_factory)
    viewer = StaffIdentity(2, "spv", "supervisor", ("32.73",))

    choices = await queue_choices(deps, viewer)

    assert [(p.code, [k.value for k in p.kabkota]) for p in choices.provinces] == [
        ("32", ["32.73"])
    ]
    assert [w.name for w in choices.workers] == ["Bandung", "Jabar"]
    assert not choices.has_worker(ids["Jakarta"]) and not choices.has_kabkota("31.74")
    assert choices.province("31") is None


async def test_province_supervisor_gets_every_kabkota_of_the_province(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _workers(uow_factory)
    viewer = StaffIdentity(2, "spv", "supervisor", ("32", "31.74"))

    choices = await queue_choices(deps, viewer)

    jabar = choices.province("32")
    assert jabar is not None and len(jabar.kabkota) == len(deps.regions.kabkota_in("32"))
    dki = choices.province("31")
    assert dki is not None and [k.value for k in dki.kabkota] == ["31.74"]
    assert [w.name for w in choices.workers] == ["Bandung", "Jabar", "Jakarta"]


def test_regions_meet() -> None:
    assert regions_meet(["32.73"], ["32"]) and regions_meet(["32"], ["32.73"])
    assert regions_meet(["32.73"], ["32.73"]) and not regions_meet(["32.73"], ["32.74"])
    assert not regions_meet(["3"], ["32.73"]) and not regions_meet([], ["32"])


async def test_admin_worker_list_follows_a_renamed_added_or_removed_worker(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, other_uow_factory: UnitOfWorkFactory
) -> None:
    """The list is kept until the database's change stamp moves: a change committed by
    another process (its own units of work) shows on the next view."""
    ids = await _workers(uow_factory)
    first = await queue_choices(deps, ADMIN)
    assert (await queue_choices(deps, ADMIN)).workers is first.workers  # unchanged: kept

    async with other_uow_factory() as uow:
        bandung = await uow.session.get(Worker, ids["Bandung"])
        assert bandung is not None
        bandung.name = "Zaenal"
        await uow.commit()
    renamed = await queue_choices(deps, ADMIN)
    assert [w.name for w in renamed.workers] == ["Jabar", "Jakarta", "Nowhere", "Zaenal"]

    async with other_uow_factory() as uow:
        uow.session.add(Worker(name="Agus", region_codes=[], created_at=T0, updated_at=T0))
        await uow.commit()
    async with other_uow_factory() as uow:
        await uow.session.delete(await uow.session.get(Worker, ids["Nowhere"]))
        await uow.commit()
    choices = await queue_choices(deps, ADMIN)
    assert [w.name for w in choices.workers] == ["Agus", "Jabar", "Jakarta", "Zaenal"]
    assert choices.has_worker(ids["Bandung"]) and not choices.has_worker(ids["Nowhere"])

    async with other_uow_factory() as uow:  # a change the list does not show keeps it
        jabar = await uow.session.get(Worker, ids["Jabar"])
        assert jabar is not None
        jabar.region_codes = ["33"]
        await uow.commit()
    assert (await queue_choices(deps, ADMIN)).workers == choices.workers


async def test_region_choices_are_built_once_and_match_the_directory(deps: TriageDeps) -> None:
    first = await queue_choices(deps, ADMIN)
    assert (await queue_choices(deps, ADMIN)).provinces is first.provinces
    assert [(p.code, p.name) for p in first.provinces] == list(deps.regions.provinces())
    for province in first.provinces:
        listed = [(k.value, k.name) for k in province.kabkota]
        assert listed == list(deps.regions.kabkota_in(province.code))
