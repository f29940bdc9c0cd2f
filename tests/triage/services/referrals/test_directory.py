"""The directory on SQLite and PostgreSQL: the CSV import (all or nothing, re-import updates),
the admin's create, edit and deactivate, the stale flag."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.deps import make_deps
from tests.triage.services.referrals.helpers import NOW, SERVICES, stored_services
from triage.domain.referrals import ServiceType
from triage.domain.regions.directory import RegionDirectory
from triage.services.referrals.csv_rows import HEADER, ServiceRow
from triage.services.referrals.directory import (
    SameServiceError,
    get_service,
    import_services_csv,
    list_services,
    save_service,
    set_service_active,
)
from triage.storage.uow import UnitOfWorkFactory


async def test_import_then_reimport_updates_by_name_and_type(
    uow_factory: UnitOfWorkFactory, regions: RegionDirectory
) -> None:
    deps = make_deps(uow_factory, clock=lambda: NOW)
    first = await import_services_csv(deps, SERVICES, regions)
    assert (first.created, first.updated, first.errors) == (5, 0, ())

    again = f"{HEADER}\nuptd ppa kota jakarta selatan,uptd_ppa,31.74;31.71,,,,,,2026-11-30\n"
    second = await import_services_csv(deps, again, regions)

    assert (second.created, second.updated) == (0, 1)
    stored = await stored_services(uow_factory)
    assert len(stored) == 5
    assert stored[0].name == "uptd ppa kota jakarta selatan"
    assert stored[0].region_codes == ["31.74", "31.71"] and stored[0].phone is None
    assert stored[0].last_verified == date(2026, 11, 30)


async def test_a_bad_line_imports_nothing(
    uow_factory: UnitOfWorkFactory, regions: RegionDirectory
) -> None:
    deps = make_deps(uow_factory, clock=lambda: NOW)
    text = SERVICES + "Polsek X,unit_ppa_polres,31.7A,,,,,,\n,lksa,31.74,,,,,,\n"

    result = await import_services_csv(deps, text, regions)

    assert (result.created, result.updated) == (0, 0)
    assert [e.line for e in result.errors] == [7, 8]
    assert await stored_services(uow_factory) == []


async def test_the_list_flags_stale_services_by_the_configured_age(
    uow_factory: UnitOfWorkFactory, regions: RegionDirectory
) -> None:
    deps = make_deps(uow_factory, clock=lambda: NOW, service_verified_days=90)
    await import_services_csv(deps, SERVICES, regions)

    listed = await list_services(deps)

    assert [(s.type, s.name, s.stale) for s in listed] == [
        ("uptd_ppa", "UPTD PPA Kota Bandung", False),
        ("uptd_ppa", "UPTD PPA Kota Jakarta Selatan", False),
        ("unit_ppa_polres", "Unit PPA Polres Metro Jakarta Selatan", True),
        ("puskesmas", "Puskesmas Kebayoran", True),  # never verified
        ("lbh", "LBH Jakarta", False),
    ]


async def test_create_edit_and_deactivate(uow_factory: UnitOfWorkFactory) -> None:
    deps = make_deps(uow_factory, clock=lambda: NOW)
    row = ServiceRow(0, "LKSA Harapan", ServiceType.LKSA, ("31.74",), phone="+62215550199")
    service_id = await save_service(deps, "staff:1", row)
    assert service_id is not None

    with pytest.raises(SameServiceError):
        await save_service(
            deps, "staff:1", ServiceRow(0, "lksa harapan", ServiceType.LKSA, ("31",))
        )
    edited = ServiceRow(0, "LKSA Harapan Bangsa", ServiceType.LKSA, ("31",))
    assert await save_service(deps, "staff:1", edited, service_id) == service_id
    assert await save_service(deps, "staff:1", edited, 9999) is None
    assert await set_service_active(deps, "staff:1", service_id, False)

    info = await get_service(deps, service_id)
    assert info is not None
    assert (info.name, info.region_codes, info.phone, info.active) == (
        "LKSA Harapan Bangsa",
        ("31",),
        None,
        False,
    )
    assert not await set_service_active(deps, "staff:1", 9999, False)
