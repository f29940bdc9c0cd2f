"""When the reporter's answer brings up the local numbers: the place given (or changed) for a
child in danger, or danger said once the place is known; never twice for the same answers."""

from __future__ import annotations

from tests.triage.services.referrals.helpers import add_service
from triage.services.referrals.danger import local_numbers_notice
from triage.storage.uow import UnitOfWorkFactory

DANGER = {"immediate_danger": "yes"}
JAKSEL = {"region_code": "31.74"}


async def test_the_local_numbers_come_with_the_place_or_with_danger(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await add_service(uow_factory, "UPTD PPA Jaksel", "uptd_ppa", ["31.74"], phone="+62215550101")
    await add_service(uow_factory, "Puskesmas Tebet", "puskesmas", ["31.74"], phone="+62215550109")
    async with uow_factory() as uow:
        session = uow.session
        place = await local_numbers_notice(session, "Jaksel", DANGER, {**DANGER, **JAKSEL})
        danger = await local_numbers_notice(session, "Jaksel", JAKSEL, {**DANGER, **JAKSEL})
        again = await local_numbers_notice(
            session, "Jaksel", {**DANGER, **JAKSEL}, {**DANGER, **JAKSEL}
        )
        no_danger = await local_numbers_notice(
            session, "Jaksel", {}, {"immediate_danger": "no", **JAKSEL}
        )
        elsewhere = await local_numbers_notice(
            session, "Bandung", DANGER, {**DANGER, "region_code": "32.73"}
        )

    assert place is not None and place == danger
    assert place.values == {"place": "Jaksel", "lines": "• UPTD PPA Jaksel: +62215550101"}
    assert again is None and no_danger is None and elsewhere is None
