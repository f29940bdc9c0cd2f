"""Worker administration on SQLite and PostgreSQL: CSV import and re-import, duty switch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.triage.services.workers.helpers import (
    GOOD,
    HEADER,
    NOW,
    audit_entries,
    worker_rows,
    workers_by_name,
)
from triage.domain.regions.directory import RegionDirectory
from triage.services.common.deps import TriageDeps
from triage.services.workers.manage import (
    ImportResult,
    RedeemOutcome,
    WorkerInfo,
    create_invite,
    import_workers_csv,
    redeem_invite,
    set_on_duty,
    worker_by_telegram,
)
from triage.storage.uow import UnitOfWorkFactory


async def test_import_creates_workers(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    result = await import_workers_csv(deps, GOOD, regions, NOW)

    assert result == ImportResult(created=3, updated=0, errors=())
    workers = await workers_by_name(uow_factory)
    sari, budi, rina = workers["Sari Dewi"], workers["Budi Santoso"], workers["Rina"]
    assert (sari.telegram_user_id, sari.role, sari.region_codes) == (1001, "worker", ["31.74"])
    assert (sari.on_duty, sari.phone) == (True, "+6281234567890")
    assert sari.duty_hours == {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}
    assert (budi.telegram_user_id, budi.region_codes, budi.phone) == (
        None,
        ["31.71", "32.73"],
        None,
    )
    assert budi.duty_hours is None
    assert (rina.role, rina.region_codes, rina.on_duty, rina.phone) == (
        "supervisor",
        ["31"],
        False,
        "+62215551234",
    )
    assert sari.created_at == sari.updated_at == NOW
    assert await audit_entries(uow_factory) == [
        ("cli", "workers_import", {"created": 3, "updated": 0})
    ]


async def test_reimport_updates_without_duplicates(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    later = datetime(2026, 12, 1, tzinfo=UTC)
    changed = f"""{HEADER}
Sari D.,1001,supervisor,32,false,
budi  SANTOSO,,worker,33.74,true,081111111111
Rina,1003,supervisor,31,true,+62 21 555 1234
Tono,1004,worker,31.74,true,
"""
    result = await import_workers_csv(deps, changed, regions, later)

    assert result == ImportResult(created=1, updated=3)
    workers = await workers_by_name(uow_factory)
    assert sorted(workers) == ["Rina", "Sari D.", "Tono", "budi SANTOSO"]
    sari = workers["Sari D."]
    assert (sari.telegram_user_id, sari.role, sari.region_codes, sari.on_duty) == (
        1001,
        "supervisor",
        ["32"],
        False,
    )
    assert sari.duty_hours is not None  # the file had no duty_hours column: left as it was
    assert (sari.created_at, sari.updated_at) == (NOW, later)
    assert workers["budi SANTOSO"].region_codes == ["33.74"]
    assert workers["Rina"].on_duty is True


async def test_reimport_after_binding_keeps_one_worker(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    invite = await create_invite(deps, "Budi Santoso", NOW)
    await redeem_invite(deps, invite.code, 2002, NOW)

    assert await import_workers_csv(deps, GOOD, regions, NOW) == ImportResult(0, 3)
    with_id = GOOD.replace("Budi Santoso,,", "Budi Santoso,2002,")
    assert await import_workers_csv(deps, with_id, regions, NOW) == ImportResult(0, 3)
    workers = await workers_by_name(uow_factory)
    assert len(workers) == 3
    assert workers["Budi Santoso"].telegram_user_id == 2002


async def test_file_id_binds_a_worker_imported_without_one(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    invite = await create_invite(deps, "Budi Santoso", NOW)
    with_id = GOOD.replace("Budi Santoso,,", "Budi Santoso,2002,")

    assert await import_workers_csv(deps, with_id, regions, NOW) == ImportResult(0, 3)

    budi = (await workers_by_name(uow_factory))["Budi Santoso"]
    assert (budi.telegram_user_id, budi.invite_code_hash) == (2002, None)
    redeemed = await redeem_invite(deps, invite.code, 3003, NOW)
    assert redeemed.outcome is RedeemOutcome.INVALID  # the open invite died with the binding


BAD_LINES = [
    ("Ani,,nurse,31.74,true,", "role must be 'worker' or 'supervisor'"),
    ("Ani,,worker,99.99,true,", "'99.99' is not a known kabupaten/kota"),
    ("Ani,,worker,31.74.01,true,", "is a kecamatan"),
    ("Ani,,worker,,true,", "region_codes is empty"),
    ("Ani,,worker,31.74,maybe,", "on_duty must be true/false"),
    ("Ani,,worker,31.74,true,12345", "phone is not an Indonesian number"),
    ("Ani,abc,worker,31.74,true,", "telegram_user_id must be a positive whole number"),
    ("Ani,-5,worker,31.74,true,", "telegram_user_id must be a positive whole number"),
    (",,worker,31.74,true,", "name is empty"),
    ("Ani,,worker,31.74", "expected 6 fields, found 4"),
    ("Ani,,worker,31.74,true,,extra", "expected 6 fields, found 7"),
    ("Dua,1001,worker,31.74,true,", "telegram_user_id 1001 is already on line 2"),
    ("sari dewi,,worker,31.74,true,", "same name without a telegram_user_id is already on line"),
]


async def test_every_bad_line_is_reported_and_nothing_written(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    lines = [
        HEADER,
        "Satu,1001,worker,31.74,true,",
        "Sari Dewi,,worker,31.74,true,",
        *(line for line, _ in BAD_LINES),
    ]

    result = await import_workers_csv(deps, "\n".join(lines), regions, NOW)

    assert (result.created, result.updated) == (0, 0)
    assert [error.line for error in result.errors] == list(range(4, 4 + len(BAD_LINES)))
    for error, (_line, reason) in zip(result.errors, BAD_LINES, strict=True):
        assert reason in error.message
    assert await workers_by_name(uow_factory) == {}
    assert await audit_entries(uow_factory) == []


async def test_one_line_with_several_bad_fields_reports_each(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    text = f"{HEADER}\nAni,x,boss,31.74,true,hello\n"

    result = await import_workers_csv(deps, text, regions, NOW)

    assert [error.line for error in result.errors] == [2, 2, 2]
    assert "hello" not in str(result.errors)  # phones are never echoed back


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("name,role,region_codes,on_duty\nAni,worker,31.74,true\n", "missing: telegram_user_id"),
        (f"{HEADER},email\n", "unknown: email"),
        (f"{HEADER},phone\n", "repeated: phone"),
    ],
)
async def test_a_bad_header_is_line_one(
    deps: TriageDeps,
    uow_factory: UnitOfWorkFactory,
    regions: RegionDirectory,
    text: str,
    reason: str,
):
    result = await import_workers_csv(deps, text, regions, NOW)

    [error] = result.errors
    assert error.line == 1
    assert reason in error.message


async def test_an_ambiguous_name_must_be_told_apart(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    twins = f"{HEADER}\nBudi,1,worker,31.74,true,\nBudi,2,worker,31.71,true,\n"
    await import_workers_csv(deps, twins, regions, NOW)
    ids = sorted(w.id or 0 for w in await worker_rows(uow_factory))

    result = await import_workers_csv(deps, f"{HEADER}\nbudi,,worker,31,true,\n", regions, NOW)

    [error] = result.errors
    assert error.line == 2
    assert f"ids {ids[0]}, {ids[1]}" in error.message
    assert len(await worker_rows(uow_factory)) == 2


async def test_bom_crlf_spaces_and_blank_lines_are_tolerated(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    text = (
        "\ufeff Name , Telegram_User_Id ,role,region_codes,on_duty,phone,,\r\n"
        "\r\n"
        ' "Sari" , 1001 , Worker , 3174 ; 31 , YA , 0812 3456 7890,,\r\n'
        "Ani,,worker,31.74,tidak,\r\n"
        "Bad,,worker,31.74,nope,\r\n"
    )

    result = await import_workers_csv(deps, text, regions, NOW)

    assert [(e.line, e.message.split(",")[0]) for e in result.errors] == [
        (5, "on_duty must be true/false (or ya/tidak")
    ]
    result = await import_workers_csv(deps, text.rsplit("Bad", 1)[0], regions, NOW)
    assert result == ImportResult(created=2, updated=0)
    sari = (await workers_by_name(uow_factory))["Sari"]
    assert (sari.telegram_user_id, sari.region_codes, sari.phone) == (
        1001,
        ["31.74", "31"],
        "+6281234567890",
    )


async def test_duty_switch(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions: RegionDirectory
):
    await import_workers_csv(deps, GOOD, regions, NOW)

    off = await set_on_duty(deps, 1001, False, NOW)

    assert off is not None
    assert off.on_duty is False
    assert await worker_by_telegram(deps, 1001) == off
    assert (await set_on_duty(deps, 1001, True, NOW)) == WorkerInfo(
        off.id, "Sari Dewi", "worker", ("31.74",), True, 1001
    )
    assert await set_on_duty(deps, 424242, True, NOW) is None
    duty = [(a, d) for _, a, d in await audit_entries(uow_factory) if a == "worker_duty"]
    assert duty == [
        ("worker_duty", {"worker_id": off.id, "on_duty": False}),
        ("worker_duty", {"worker_id": off.id, "on_duty": True}),
    ]
