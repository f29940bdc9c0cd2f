"""Bodies of the operator's subcommands: `backup create|restore` and `retention run|status`."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from app.bootstrap import wire
from app.commands import CommandError
from app.settings import Settings
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import RetentionCounts, run_retention
from triage.services.retention.status import due_now, last_run
from triage.services.staff.accounts import StaffIdentity
from triage.storage.backup import BackupError, backup_database, restore_database
from triage.storage.migrate import upgrade_database

CONSOLE = StaffIdentity(0, "cli", "admin")
MEGABYTE = 1024 * 1024


def create_backup(settings: Settings, file: str) -> int:
    target = Path(file)
    try:
        reports = asyncio.run(backup_database(settings.database_url, target))
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    size = target.stat().st_size / MEGABYTE
    print(f"Backup written to {target} ({size:.1f} MB); the database held {reports} reports.")
    return 0


def restore_backup(settings: Settings, file: str, replace: bool) -> int:
    try:
        reports = asyncio.run(restore_database(settings.database_url, Path(file), replace=replace))
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Restored from {file}: the database holds {reports} reports. Start the service or run "
        "`lapor-sosial migrate` to bring its schema up to date."
    )
    return 0


async def run_retention_now(settings: Settings) -> int:
    await asyncio.to_thread(upgrade_database, settings.database_url)
    wiring = wire(settings)
    try:
        counts = await run_retention(wiring.deps, settings.retention_policy)
    finally:
        await wiring.engine.dispose()
    print("Retention run done (audited):")
    print(_counts(counts))
    return 0


async def retention_status(settings: Settings) -> int:
    await asyncio.to_thread(upgrade_database, settings.database_url)
    wiring = wire(settings)
    try:
        last = await last_run(wiring.deps, CONSOLE)
        due = await due_now(wiring.deps, settings.retention_policy)
    finally:
        await wiring.engine.dispose()
    print("Limits (days after closure, or after the row was written):")
    print(_limits(settings.retention_policy))
    if last is None:
        print("No retention run yet.")
    else:
        print(f"Last run {last.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC:")
        print(_counts(last.counts))
    print(f"Due now ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC):")
    print(_counts(due))
    return 0


def _counts(counts: RetentionCounts) -> str:
    return (
        f"  reporters' phone numbers cleared: {counts.phones_cleared}\n"
        f"  closed cases anonymised: {counts.cases_anonymised}\n"
        f"  outbox rows deleted: {counts.outbox_deleted}\n"
        f"  audit rows deleted: {counts.audit_deleted}"
    )


def _limits(policy: RetentionPolicy) -> str:
    return (
        f"  REPORTER_PHONE_RETENTION_DAYS={policy.phone_days}\n"
        f"  RETENTION_DAYS={policy.case_days}\n"
        f"  OUTBOX_RETENTION_DAYS={policy.outbox_days}\n"
        f"  AUDIT_RETENTION_DAYS={policy.audit_days}"
    )
