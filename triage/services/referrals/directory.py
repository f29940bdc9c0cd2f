"""The directory of services as the admin and the CLI change it: the CSV import (all or
nothing), the list with its stale flag, one service, create, edit, deactivate. Each change is
audited with ids only (a service's contact details are public, but the audit holds none)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.referrals import is_stale, serves, type_order
from triage.domain.regions.directory import RegionDirectory
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.referrals.csv_rows import ServiceRow, parse_service_csv
from triage.services.workers.csv_lines import LineError
from triage.services.workers.fields import name_key
from triage.storage.tables import ServiceEntry


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a CSV import did. With any error nothing was written and both counts are 0."""

    created: int
    updated: int
    errors: tuple[LineError, ...] = ()


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """A service as the admin shows it; `stale` when not verified recently enough."""

    id: int
    name: str
    type: str
    region_codes: tuple[str, ...]
    address: str | None
    phone: str | None
    whatsapp: str | None
    hours: str | None
    offers: str | None
    last_verified: date | None
    active: bool
    stale: bool


def service_info(entry: ServiceEntry, today: date, max_days: int) -> ServiceInfo:
    assert entry.id is not None
    return ServiceInfo(
        id=entry.id,
        name=entry.name,
        type=entry.type,
        region_codes=tuple(entry.region_codes),
        address=entry.address,
        phone=entry.phone,
        whatsapp=entry.whatsapp,
        hours=entry.hours,
        offers=entry.offers,
        last_verified=entry.last_verified,
        active=entry.active,
        stale=is_stale(entry.last_verified, today, max_days),
    )


async def import_services_csv(
    deps: TriageDeps, csv_text: str, regions: RegionDirectory, *, actor: str = "cli"
) -> ImportResult:
    """Create services, or update the one of the same name and type; all or nothing."""
    now = deps.clock()
    rows, errors = parse_service_csv(csv_text, regions, now.date())
    if errors:
        return ImportResult(0, 0, tuple(errors))
    async with deps.uow() as uow:
        await uow.lock_for_write()
        existing = {_key(entry): entry for entry in await _all(uow.session)}
        created = 0
        for row in rows:
            entry = existing.get(row.key)
            created += entry is None
            uow.session.add(applied(row, entry, now))
        updated = len(rows) - created
        audit(uow.session, actor, "services_import", now, created=created, updated=updated)
        await uow.commit()
    return ImportResult(created, updated)


def _key(entry: ServiceEntry) -> tuple[str, str]:
    return name_key(entry.name), entry.type


async def _all(session: AsyncSession) -> list[ServiceEntry]:
    return list((await session.exec(select(ServiceEntry).order_by(col(ServiceEntry.id)))).all())


def applied(row: ServiceRow, entry: ServiceEntry | None, now: datetime) -> ServiceEntry:
    """The row written onto its service (a new one if None)."""
    if entry is None:
        entry = ServiceEntry(name=row.name, type=row.type.value, created_at=now, updated_at=now)
    entry.name, entry.type = row.name, row.type.value
    entry.region_codes = list(row.region_codes)
    entry.address, entry.phone, entry.whatsapp = row.address, row.phone, row.whatsapp
    entry.hours, entry.offers, entry.last_verified = row.hours, row.offers, row.last_verified
    entry.updated_at = now
    return entry


async def list_services(
    deps: TriageDeps,
    *,
    include_inactive: bool = True,
    serving: str | None = None,
    stale_only: bool = False,
) -> list[ServiceInfo]:
    """Every service (those serving one kabupaten/kota; only the stale ones), active first,
    by type (in the directory's order), then name."""
    today, max_days = deps.clock().date(), deps.service_verified_days
    async with deps.uow() as uow:
        entries = await _all(uow.session)
    infos = [
        service_info(entry, today, max_days)
        for entry in entries
        if (include_inactive or entry.active)
        and (serving is None or serves(entry.region_codes, serving))
    ]
    if stale_only:
        infos = [info for info in infos if info.stale]
    return sorted(infos, key=lambda s: (not s.active, type_order(s.type), s.name.casefold()))


async def get_service(deps: TriageDeps, service_id: int) -> ServiceInfo | None:
    async with deps.uow() as uow:
        entry = await uow.session.get(ServiceEntry, service_id)
    if entry is None:
        return None
    return service_info(entry, deps.clock().date(), deps.service_verified_days)


class SameServiceError(ValueError):
    """Another service already has this name and type."""


async def save_service(
    deps: TriageDeps, actor: str, row: ServiceRow, service_id: int | None = None
) -> int | None:
    """Create (no id) or edit a service; None when the id names no service."""
    now = deps.clock()
    async with deps.uow() as uow:
        await uow.lock_for_write()
        entry = None
        if service_id is not None:
            entry = await uow.session.get(ServiceEntry, service_id)
            if entry is None:
                return None
        others = [e for e in await _all(uow.session) if e.id != service_id]
        if any(_key(other) == row.key for other in others):
            raise SameServiceError(row.name)
        saved = applied(row, entry, now)
        uow.session.add(saved)
        await uow.session.flush()
        action = "service_created" if service_id is None else "service_edited"
        audit(uow.session, actor, action, now, service_id=saved.id)
        await uow.commit()
        return saved.id


async def set_service_active(deps: TriageDeps, actor: str, service_id: int, active: bool) -> bool:
    """Deactivate (or activate again) a service; False when the id names no service."""
    now = deps.clock()
    async with deps.uow() as uow:
        await uow.lock_for_write()
        entry = await uow.session.get(ServiceEntry, service_id)
        if entry is None:
            return False
        if entry.active != active:
            entry.active, entry.updated_at = active, now
            uow.session.add(entry)
            action = "service_activated" if active else "service_deactivated"
            audit(uow.session, actor, action, now, service_id=service_id)
            await uow.commit()
        return True
