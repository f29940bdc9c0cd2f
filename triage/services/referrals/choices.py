"""Which services of the directory serve a place: for the worker's referral picker (by type,
then by name) and for the reporter who says a child is in danger."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from triage.domain.referrals import ServiceType, by_name, offered_types, serves, type_order
from triage.storage.filters import json_list_contains
from triage.storage.tables import ServiceEntry


@dataclass(frozen=True, slots=True)
class ServiceChoice:
    """A service as a button or a line shows it (public contact details)."""

    id: int
    name: str
    type: str
    phone: str | None
    whatsapp: str | None


def _serving_query(kabkota_code: str) -> SelectOfScalar[ServiceEntry]:
    """The active services whose codes name the kabupaten/kota or its province, in SQL."""
    province = kabkota_code.split(".", 1)[0]
    codes = col(ServiceEntry.region_codes)
    return select(ServiceEntry).where(
        col(ServiceEntry.active).is_(True),
        or_(json_list_contains(codes, kabkota_code), json_list_contains(codes, province)),
    )


async def serving(
    session: AsyncSession, kabkota_code: str | None, types: Collection[str] | None = None
) -> list[ServiceEntry]:
    """The active services (of these types, if given) whose region codes cover the place."""
    if not kabkota_code:
        return []
    query = _serving_query(kabkota_code)
    if types is not None:
        query = query.where(col(ServiceEntry.type).in_(list(types)))
    entries = (await session.exec(query)).all()
    return [entry for entry in entries if serves(entry.region_codes, kabkota_code)]


async def types_serving(session: AsyncSession, kabkota_code: str | None) -> list[ServiceType]:
    """The types of service the place has, in the directory's order."""
    if not kabkota_code:
        return []
    subquery = _serving_query(kabkota_code).subquery()
    found = await session.exec(select(subquery.c.type).distinct())
    return offered_types(found.all())


async def services_serving(
    session: AsyncSession, kabkota_code: str | None, service_type: str
) -> list[ServiceChoice]:
    """The place's services of one type, by name."""
    entries = {
        entry.id: entry
        for entry in await serving(session, kabkota_code, (service_type,))
        if entry.id is not None
    }
    ordered = by_name([(entry_id, entry.name) for entry_id, entry in entries.items()])
    return [_choice(entries[entry_id]) for entry_id, _name in ordered]


async def local_contacts(
    session: AsyncSession, kabkota_code: str | None, types: tuple[ServiceType, ...]
) -> list[ServiceChoice]:
    """The place's services of these types that have a number, in the order of `types`."""
    entries = [
        entry
        for entry in await serving(session, kabkota_code, [t.value for t in types])
        if entry.phone or entry.whatsapp
    ]
    entries.sort(key=lambda e: (types.index(ServiceType(e.type)), type_order(e.type), e.name))
    return [_choice(entry) for entry in entries]


def _choice(entry: ServiceEntry) -> ServiceChoice:
    assert entry.id is not None
    return ServiceChoice(entry.id, entry.name, entry.type, entry.phone, entry.whatsapp)
