"""A worker's referrals on SQLite and PostgreSQL: what the picker offers for the case's place,
a referral to a directory service or a typed one, its status, a decline note (sealed), and the
counts the statistics read."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from tests.triage.services.cases.helpers import RINA, SARI, START, World, kinds, new_case, rows
from tests.triage.services.referrals.helpers import add_service
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.worker_input import Awaited, await_input, take_typed_input
from triage.services.referrals.actions import (
    refer_to_service,
    referral_services,
    referral_types,
    update_referral,
)
from triage.services.referrals.counts import ReferralCount, referral_counts
from triage.storage.tables import CaseEvent, ReferralRow, Report


async def _accepted_case(world: World) -> int:
    assignment_id = await new_case(world)  # in Kota Jakarta Selatan (31.74)
    await accept_case(world.deps, SARI, assignment_id)
    return assignment_id


async def test_the_picker_offers_the_places_services_by_type_then_name(world: World) -> None:
    uow = world.deps.uow
    await add_service(uow, "UPTD PPA Bandung", "uptd_ppa", ["32.73"])
    await add_service(uow, "Puskesmas Tebet", "puskesmas", ["31.74"])
    zeta = await add_service(uow, "UPTD PPA Zeta", "uptd_ppa", ["31"])
    alpha = await add_service(uow, "uptd ppa alpha", "uptd_ppa", ["31.74"])
    await add_service(uow, "UPTD PPA Tutup", "uptd_ppa", ["31.74"], active=False)
    assignment_id = await new_case(world)
    early = await referral_types(world.deps, SARI, assignment_id)
    assert early.result.status is ActionStatus.NOT_ACCEPTED
    await accept_case(world.deps, SARI, assignment_id)

    offer = await referral_types(world.deps, SARI, assignment_id)
    services = await referral_services(world.deps, SARI, assignment_id, "uptd_ppa")

    assert offer.types == ("uptd_ppa", "puskesmas")
    assert [(s.id, s.name) for s in services.services] == [
        (alpha, "uptd ppa alpha"),
        (zeta, "UPTD PPA Zeta"),
    ]


async def test_a_referral_moves_sent_accepted_completed_on_the_timeline(world: World) -> None:
    service_id = await add_service(world.deps.uow, "UPTD PPA", "uptd_ppa", ["31.74"])
    elsewhere = await add_service(world.deps.uow, "UPTD PPA Bandung", "uptd_ppa", ["32.73"])
    assignment_id = await _accepted_case(world)

    stranger = await refer_to_service(world.deps, SARI, assignment_id, elsewhere)
    done = await refer_to_service(world.deps, SARI, assignment_id, service_id)
    (row,) = await rows(world, ReferralRow)
    assert row.id is not None
    skipped = await update_referral(world.deps, SARI, assignment_id, row.id, "completed")
    world.clock.now = START + timedelta(days=2)
    accepted = await update_referral(world.deps, RINA, assignment_id, row.id, "accepted")
    completed = await update_referral(world.deps, SARI, assignment_id, row.id, "completed")
    late = await update_referral(world.deps, SARI, assignment_id, row.id, "declined")

    assert stranger.status is ActionStatus.NOT_YOURS
    assert (done.status, done.detail) == (ActionStatus.DONE, "UPTD PPA")
    assert skipped.status is ActionStatus.GONE
    assert (accepted.status, completed.status) == (ActionStatus.DONE, ActionStatus.DONE)
    assert late.status is ActionStatus.GONE
    (row,) = await rows(world, ReferralRow)
    assert (row.status, row.updated_at) == ("completed", world.clock.now)
    (report,) = await rows(world, Report)
    assert report.status == "referred"
    assert (await kinds(world))[3:] == ["referred", "referral_updated", "referral_updated"]


async def test_typed_referral_and_decline_note_are_sealed(world: World) -> None:
    assignment_id = await _accepted_case(world)
    typed = "Yayasan Pelita Kasih, Bu Ratna"
    await await_input(world.deps, SARI, assignment_id, Awaited.REFERRAL, None)
    taken = await take_typed_input(world.deps, SARI, typed)
    assert taken is not None and taken.result.status is ActionStatus.DONE
    (row,) = await rows(world, ReferralRow)
    assert (row.typed_service, row.service_id, row.service_type) == (typed, None, "other")
    assert row.id is not None

    await update_referral(world.deps, SARI, assignment_id, row.id, "declined")
    await await_input(world.deps, SARI, assignment_id, Awaited.REFERRAL_NOTE, None, row.id)
    note = "Penuh sampai bulan depan"
    assert await take_typed_input(world.deps, SARI, note) is not None

    (row,) = await rows(world, ReferralRow)
    assert (row.status, row.decline_note) == ("declined", note)
    events = {e.kind: e.data for e in await rows(world, CaseEvent)}
    assert events["referred"]["text"] == typed and events["referral_note"]["text"] == note
    async with world.deps.uow() as uow:
        connection = await uow.session.connection()
        query = text("SELECT typed_service, decline_note FROM referral")
        raw = (await connection.execute(query)).one()
    assert "Pelita" not in raw[0] and "Penuh" not in raw[1]


async def test_counts_by_month_region_type_and_status(world: World) -> None:
    uptd = await add_service(world.deps.uow, "UPTD PPA", "uptd_ppa", ["31.74"])
    lbh = await add_service(world.deps.uow, "LBH", "lbh", ["31"])
    assignment_id = await _accepted_case(world)
    await refer_to_service(world.deps, SARI, assignment_id, uptd)
    await refer_to_service(world.deps, SARI, assignment_id, lbh)
    first = (await rows(world, ReferralRow))[0]
    assert first.id is not None
    await update_referral(world.deps, SARI, assignment_id, first.id, "accepted")
    month = START.strftime("%Y-%m")
    span = (START - timedelta(days=1), START + timedelta(days=1))

    everywhere = await referral_counts(world.deps, *span)
    bandung = await referral_counts(world.deps, *span, ["32.73"])
    later = await referral_counts(world.deps, START + timedelta(hours=1), span[1])

    assert everywhere == [
        ReferralCount(month, "31.74", "lbh", "sent", 1),
        ReferralCount(month, "31.74", "uptd_ppa", "accepted", 1),
    ]
    assert bandung == [] and later == []
    assert await referral_counts(world.deps, *span, ["31"]) == everywhere
