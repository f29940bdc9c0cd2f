"""Which services of the directory serve a place: for the worker's referral picker (by type,
then by name) and for the reporter who says a child is in danger."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.referrals import ServiceType, by_name, offered_types, serves, type_order
from triage.storage.tables import ServiceEntry


@dataclass(frozen=True, slots=True)
class ServiceChoice:
    """A service as a button or a line shows it (public contact details)."""

    id: int
    name: str
    type: str
    phone: str | None
    whatsapp: str | None


async def serving(session: AsyncSession, kabkota_code: str | None) -> list[ServiceEntry]:
    """The active services whose region codes cover the kabupaten/kota."""
    if kabkota_code is None:
        return []
    query = select(ServiceEntry).where(col(ServiceEntry.active).is_(True))
    entries = (await session.exec(query)).all()
    return [entry for entry in entries if serves(entry.region_codes, kabkota_code)]


async def types_serving(session: AsyncSession, kabkota_code: str | None) -> list[ServiceType]:
    """The types of service the place has, in the directory's order."""
    return offered_types(entry.type for entry in await serving(session, kabkota_code))


async def services_serving(
    session: AsyncSession, kabkota_code: str | None, service_type: str
) -> list[ServiceChoice]:
    """The place's services of one type, by name."""
    entries = {
        entry.id: entry
        for entry in await serving(session, kabkota_code)
        if entry.type == service_type and entry.id is not None
    }
    ordered = by_name([(entry_id, entry.name) for entry_id, entry in entries.items()])
    return [_choice(entries[entry_id]) for entry_id, _name in ordered]


async def local_contacts(
    session: AsyncSession, kabkota_code: str | None, types: tuple[ServiceType, ...]
) -> list[ServiceChoice]:
    """The place's services of these types that have a number, in the order of `types`."""
    entries = [
        entry
        for entry in await serving(session, kabkota_code)
        if entry.type in types and (entry.phone or entry.whatsapp)
    ]
    entries.sort(key=lambda e: (types.index(ServiceType(e.type)), type_order(e.type), e.name))
    return [_choice(entry) for entry in entries]


def _choice(entry: ServiceEntry) -> ServiceChoice:
    assert entry.id is not None
    return ServiceChoice(entry.id, entry.name, entry.type, entry.phone, entry.whatsapp)
