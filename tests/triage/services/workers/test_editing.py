"""Creating and editing workers from the admin form: checks by field, scope, nothing saved on
any problem, audit."""

from __future__ import annotations

from tests.triage.services.workers.staffing import (
    ADMIN,
    SPV_BANDUNG,
    SPV_JAKSEL,
    add,
    audit_actions,
    worker_row,
)
from triage.services.common.deps import TriageDeps
from triage.services.workers.editing import (
    EditAccess,
    SaveResult,
    WorkerDraft,
    create_worker,
    update_worker,
    worker_page,
)
from triage.services.workers.listing import list_workers

GOOD = WorkerDraft(
    name="  Sari   Dewi ", region_codes="31.74, 3171", duty_hours="sen-jum 08:00-16:00",
    phone="0812-3456-7890", on_duty=True,
)  # fmt: skip


def english(result: SaveResult) -> dict[str, str]:
    return {name: found.english for name, found in result.errors.items()}


async def test_a_good_form_creates_an_unbound_worker(deps: TriageDeps) -> None:
    result = await create_worker(deps, ADMIN, GOOD, deps.clock())

    assert result.errors == {} and result.worker_id is not None
    row = await worker_row(deps, result.worker_id)
    assert (row.name, row.region_codes, row.role, row.phone) == (
        "Sari Dewi", ["31.74", "31.71"], "worker", "+6281234567890",
    )  # fmt: skip
    assert row.duty_hours == {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}
    assert row.telegram_user_id is None and row.active
    assert ("admin", "worker_created", {"staff_id": 1, "worker_id": result.worker_id}) in (
        await audit_actions(deps)
    )


async def test_every_bad_field_is_named_and_nothing_is_saved(deps: TriageDeps) -> None:
    bad = WorkerDraft(name="", region_codes="99.99; 31.74.01", role="boss",
                      duty_hours="someday 25:00-08:00", phone="12345")  # fmt: skip

    result = await create_worker(deps, ADMIN, bad, deps.clock())

    assert result.worker_id is None
    assert set(result.errors) == {"name", "region_codes", "role", "duty_hours", "phone"}
    assert "not a known kabupaten/kota" in english(result)["region_codes"]
    assert "not an Indonesian number" in english(result)["phone"]
    assert await list_workers(deps, ADMIN, deps.clock()) == []
    empty = await create_worker(deps, ADMIN, WorkerDraft(), deps.clock())
    assert set(empty.errors) == {"name", "region_codes"}


async def test_a_supervisor_stays_inside_their_regions(deps: TriageDeps) -> None:
    outside = WorkerDraft(name="Ani", region_codes="31.74; 32.73")
    as_supervisor = WorkerDraft(name="Ani", region_codes="31.74", role="supervisor")

    refused = await create_worker(deps, SPV_JAKSEL, outside, deps.clock())
    promoted = await create_worker(deps, SPV_JAKSEL, as_supervisor, deps.clock())
    province = await create_worker(deps, SPV_JAKSEL, WorkerDraft("Ani", "31"), deps.clock())
    allowed = await create_worker(deps, SPV_JAKSEL, WorkerDraft("Ani", "31.74"), deps.clock())

    assert english(refused) == {"region_codes": "You can only choose your own regions: 31.74."}
    assert set(promoted.errors) == {"role"}
    assert set(province.errors) == {"region_codes"}
    assert allowed.worker_id is not None


async def test_names_must_tell_active_workers_apart(deps: TriageDeps) -> None:
    first = await add(deps, "Sari Dewi", ["31.74"])

    again = await create_worker(deps, ADMIN, GOOD, deps.clock())

    assert english(again) == {
        "name": f"An active worker already has this name (id {first}). "
        "Tell them apart, for example by adding the region."
    }


async def test_editing_keeps_the_binding_and_respects_scope(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=1001, phone="+628111111111")
    wide = await add(deps, "Wide", ["31.74", "32.73"])
    now = deps.clock()
    edit = WorkerDraft(name="Sari W", region_codes="31.74", duty_hours="", phone="", on_duty=False)

    saved = await update_worker(deps, SPV_JAKSEL, sari, edit, now)

    assert saved == SaveResult(sari)
    row = await worker_row(deps, sari)
    assert (row.name, row.telegram_user_id, row.phone, row.on_duty) == (
        "Sari W", 1001, None, False,
    )  # fmt: skip
    assert await update_worker(deps, SPV_BANDUNG, sari, edit, now) is EditAccess.HIDDEN
    assert await update_worker(deps, SPV_JAKSEL, wide, edit, now) is EditAccess.READ_ONLY
    assert await update_worker(deps, ADMIN, 999, edit, now) is EditAccess.HIDDEN
    bad = await update_worker(deps, ADMIN, sari, WorkerDraft("Sari", "32.73", phone="x"), now)
    assert isinstance(bad, SaveResult) and set(bad.errors) == {"phone"}
    assert (await worker_row(deps, sari)).region_codes == ["31.74"]


async def test_the_page_hides_the_phone_from_who_may_not_manage(deps: TriageDeps) -> None:
    wide = await add(deps, "Wide", ["31.74", "32.73"], phone="+628111111111")
    now = deps.clock()

    seen = await worker_page(deps, SPV_JAKSEL, wide, now, lambda _hours: "")
    managed = await worker_page(deps, ADMIN, wide, now, lambda _hours: "")

    assert seen is not None and seen.access is EditAccess.READ_ONLY
    assert seen.phone is None and seen.draft == WorkerDraft()
    assert managed is not None and managed.phone == "+628111111111"
    assert await worker_page(deps, SPV_BANDUNG, 999, now, lambda _hours: "") is None
