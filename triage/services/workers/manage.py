"""Worker administration: CSV import, duty switch, lookups; re-exports the invite use cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from triage.domain.regions.directory import RegionDirectory
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.workers.csv_lines import LineError
from triage.services.workers.csv_rows import WorkerRow, parse_worker_csv
from triage.services.workers.invites import (
    Invite,
    RedeemOutcome,
    RedeemResult,
    create_invite,
    invite_code_from_start,
    invite_link,
    redeem_invite,
)
from triage.services.workers.matching import match_rows
from triage.services.workers.records import (
    WorkerAdminError,
    WorkerInfo,
    all_workers,
    ended_account,
    find_by_telegram,
    worker_info,
)
from triage.storage.tables import Worker

__all__ = [
    "ImportResult",
    "Invite",
    "LineError",
    "RedeemOutcome",
    "RedeemResult",
    "WorkerAdminError",
    "WorkerInfo",
    "create_invite",
    "import_workers_csv",
    "invite_code_from_start",
    "invite_link",
    "redeem_invite",
    "set_on_duty",
    "worker_by_telegram",
]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a CSV import did. With any error nothing was written and both counts are 0."""

    created: int
    updated: int  # rows that matched an existing worker, changed or not
    errors: tuple[LineError, ...] = ()


async def import_workers_csv(
    deps: TriageDeps,
    csv_text: str,
    regions: RegionDirectory,
    now: datetime,
    *,
    actor: str = "cli",
) -> ImportResult:
    """Create or update workers from CSV, all or nothing (who is who: see worker_matching).

    The file's columns replace what is stored, except that an empty telegram_user_id keeps an
    existing binding and a file without a duty_hours column keeps the stored hours.
    """
    rows, errors = parse_worker_csv(csv_text, regions)
    if errors:
        return ImportResult(0, 0, tuple(errors))
    async with deps.uow() as uow:
        targets, errors = match_rows(rows, await all_workers(uow.session))
        if errors:
            return ImportResult(0, 0, tuple(errors))
        for row, target in zip(rows, targets, strict=True):
            uow.session.add(_applied(row, target, now))
        created = sum(1 for target in targets if target is None)
        updated = len(rows) - created
        audit(uow.session, actor, "workers_import", now, created=created, updated=updated)
        try:
            await uow.commit()
        except IntegrityError:  # an invite bound one of the file's accounts meanwhile
            raise WorkerAdminError("workers changed during the import; run it again") from None
    return ImportResult(created, updated)


def _applied(row: WorkerRow, worker: Worker | None, now: datetime) -> Worker:
    """The row written onto its worker (a new one if None); no telegram id keeps the old one."""
    if worker is None:
        worker = Worker(name=row.name, created_at=now, updated_at=now)
    if row.telegram_user_id is not None and worker.telegram_user_id != row.telegram_user_id:
        worker.ended_telegram_user_id = ended_account(worker, row.telegram_user_id)
        worker.telegram_user_id = row.telegram_user_id
        worker.invite_code_hash = None  # bound by the file: an open invite must not rebind
        worker.invite_expires_at = None
        worker.invite_redeemed_at, worker.invite_redeemed_username = None, None
    worker.name, worker.role, worker.on_duty = row.name, row.role, row.on_duty
    worker.region_codes = list(row.region_codes)
    worker.phone = row.phone
    if row.duty_hours_given:
        worker.duty_hours = row.duty_hours
    worker.updated_at = now
    return worker


async def worker_by_telegram(deps: TriageDeps, telegram_user_id: int) -> WorkerInfo | None:
    """The worker bound to this Telegram account, or None."""
    async with deps.uow() as uow:
        worker = await find_by_telegram(uow.session, telegram_user_id)
        return None if worker is None else worker_info(worker)


async def set_on_duty(
    deps: TriageDeps, telegram_user_id: int, on_duty: bool, now: datetime
) -> WorkerInfo | None:
    """Put the worker bound to this account on or off duty (/bertugas, /libur); None: no one."""
    async with deps.uow() as uow:
        worker = await find_by_telegram(uow.session, telegram_user_id)
        if worker is None:
            return None
        if worker.on_duty != on_duty:
            worker.on_duty, worker.updated_at = on_duty, now
            uow.session.add(worker)
            actor, worker_id = f"telegram:{telegram_user_id}", worker.id
            audit(uow.session, actor, "worker_duty", now, worker_id=worker_id, on_duty=on_duty)
            await uow.commit()
        return worker_info(worker)
