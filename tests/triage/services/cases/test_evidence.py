"""The reporter's files for staff: found by number in the viewer's regions, audited, and
fetched by their Telegram file id through the files port (here the Bot API stand-in)."""

from __future__ import annotations

import dataclasses

import pytest

from app.telegram_files import BotApiFiles
from tests.support.botapi_stub import BotApiStub
from tests.triage.services.cases.helpers import World, new_case
from tests.triage.services.cases.staff_helpers import (
    ADMIN,
    BANDUNG,
    JAKSEL,
    audits,
    change_report,
    reference,
    report,
)
from triage.services.cases.detail import case_detail
from triage.services.cases.detail_model import EvidenceItem
from triage.services.cases.evidence import fetch_evidence, find_evidence
from triage.services.files.port import FileUnavailable

EVIDENCE = [
    {"kind": "photo", "file_id": "AgACAgPhoto"},
    {"kind": "voice", "file_id": "AwACAgVoice"},
]


async def test_files_are_found_by_number_and_every_one_handed_out_is_audited(
    world: World,
) -> None:
    await new_case(world)
    await change_report(world, evidence=EVIDENCE)
    ref = await reference(world)

    photo = await find_evidence(world.deps, JAKSEL, ref, 1, world.clock.now)
    voice = await find_evidence(world.deps, ADMIN, ref, 2, world.clock.now)

    assert photo is not None and voice is not None
    assert (photo.file_id, photo.media_type, photo.filename, photo.inline) == (
        "AgACAgPhoto", "image/jpeg", f"{ref}-1.jpg", True,
    )  # fmt: skip
    assert (voice.media_type, voice.filename) == ("audio/ogg", f"{ref}-2.ogg")
    case_id = (await report(world)).id
    assert await audits(world, "view_evidence") == [
        ("spv.jaksel", "view_evidence", {"staff_id": JAKSEL.id, "number": 1, "kind": "photo"}),
        ("admin", "view_evidence", {"staff_id": ADMIN.id, "number": 2, "kind": "voice"}),
    ]
    detail = await case_detail(world.deps, JAKSEL, ref, world.clock.now)
    assert detail is not None and case_id is not None
    assert detail.evidence == (EvidenceItem(1, "photo"), EvidenceItem(2, "voice"))
    assert "AgACAgPhoto" not in repr(detail)


@pytest.mark.parametrize("number", [0, 3, -1])
async def test_a_number_without_a_file_is_nothing(world: World, number: int) -> None:
    await new_case(world)
    await change_report(world, evidence=EVIDENCE)
    assert (
        await find_evidence(world.deps, ADMIN, await reference(world), number, world.clock.now)
        is None
    )
    assert await audits(world, "view_evidence") == []


async def test_outside_the_region_is_nothing_and_the_attempt_is_audited(world: World) -> None:
    await new_case(world)
    await change_report(world, evidence=EVIDENCE)
    found = await find_evidence(world.deps, BANDUNG, await reference(world), 1, world.clock.now)
    assert found is None
    assert await audits(world, "view_evidence") == [
        ("spv.bandung", "view_evidence_refused", {"staff_id": BANDUNG.id})
    ]


async def test_the_file_comes_through_the_port_and_without_one_it_is_unavailable(
    world: World,
) -> None:
    await new_case(world)
    await change_report(world, evidence=EVIDENCE)
    found = await find_evidence(world.deps, ADMIN, await reference(world), 1, world.clock.now)
    assert found is not None
    with pytest.raises(FileUnavailable, match="no_file_source"):
        fetch_evidence(world.deps, found)
    async with BotApiStub() as stub:
        stub.private_user(9001)  # the reporter
        stub.register_file("AgACAgPhoto", b"\xff\xd8photo", "photos/file_7.jpg")
        files = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
        deps = dataclasses.replace(world.deps, files=files)
        try:
            async with fetch_evidence(deps, found) as fetched:
                body = b"".join([chunk async for chunk in fetched.chunks])
        finally:
            await files.close()
    assert body == b"\xff\xd8photo"
