"""Arrange helpers for the directory tests: a small services CSV and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from triage.services.referrals.csv_rows import HEADER
from triage.storage.tables import ServiceEntry
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
SERVICES = f"""{HEADER}
UPTD PPA Kota Jakarta Selatan,uptd_ppa,31.74,Jl. Contoh 1,021-555-0101,,08.00-16.00,,2026-11-01
Unit PPA Polres Metro Jakarta Selatan,unit_ppa_polres,31.74,,021-555-0102,,24 jam,,2024-01-01
Puskesmas Kebayoran,puskesmas,31.74,,,,,,
LBH Jakarta,lbh,31,,0812-3456-7890,0812-3456-7890,,Bantuan hukum,2026-10-01
UPTD PPA Kota Bandung,uptd_ppa,32.73,,022-555-0103,,,,2026-11-20
"""


async def stored_services(uow_factory: UnitOfWorkFactory) -> list[ServiceEntry]:
    async with uow_factory() as uow:
        query = select(ServiceEntry).order_by(col(ServiceEntry.id))
        return list((await uow.session.exec(query)).all())


async def add_service(
    uow_factory: UnitOfWorkFactory,
    name: str,
    service_type: str,
    region_codes: list[str],
    *,
    phone: str | None = None,
    active: bool = True,
) -> int:
    """A service of the directory, as an import would store it."""
    async with uow_factory() as uow:
        entry = ServiceEntry(
            name=name,
            type=service_type,
            region_codes=region_codes,
            phone=phone,
            active=active,
            created_at=NOW,
            updated_at=NOW,
        )
        uow.session.add(entry)
        await uow.commit()
        assert entry.id is not None
        return entry.id
