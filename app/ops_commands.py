"""Bodies of the operator's subcommands: `backup create|restore`, `retention run|status` and
`staff rekey-2fa` (after a SECRET_KEY change)."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

from admin.auth import second_factor_box
from app.bootstrap import migrated, secret_key
from app.commands import CommandError
from app.key_files import KeyFileError
from app.settings import Settings
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import RetentionCounts, run_retention
from triage.services.retention.status import due_now, last_run
from triage.services.staff.accounts import StaffIdentity
from triage.services.staff.second_factor import rekey_second_factors
from triage.storage.backup import BackupError, backup_database, restore_database

CONSOLE = StaffIdentity(0, "cli", "admin")
MEGABYTE = 1024 * 1024
OLD_KEY_VARIABLE = "OLD_SECRET_KEY"


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
    async with migrated(settings) as wiring:
        counts = await run_retention(wiring.deps, settings.retention_policy)
    print("Retention run done (audited):")
    print(_counts(counts))
    return 0


async def retention_status(settings: Settings) -> int:
    async with migrated(settings) as wiring:
        last = await last_run(wiring.deps, CONSOLE)
        due = await due_now(wiring.deps, settings.retention_policy)
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


async def rekey_2fa(settings: Settings) -> int:
    """Re-encrypt the authenticator secrets from OLD_SECRET_KEY (read from the environment,
    never the command line) to the current SECRET_KEY."""
    old = os.environ.get(OLD_KEY_VARIABLE, "")
    if not old:
        raise CommandError(
            f"set {OLD_KEY_VARIABLE} in the environment to the SECRET_KEY used before the change "
            "(not as an argument: it would stay in the shell's history)"
        )
    try:
        new = secret_key(settings)
    except KeyFileError as exc:
        raise CommandError(str(exc)) from exc
    if old == new:
        raise CommandError(f"{OLD_KEY_VARIABLE} is the current SECRET_KEY: nothing to re-encrypt")
    async with migrated(settings) as wiring:
        result = await rekey_second_factors(
            wiring.deps, second_factor_box(old), second_factor_box(new), "cli", datetime.now(UTC)
        )
    print(f"Authenticators re-encrypted for the new key: {len(result.rekeyed)}", end="")
    print(f" (already under it: {len(result.already)}).")
    if result.unreadable:
        names = ", ".join(result.unreadable)
        print(f"Readable with neither key, to set up again: {names}")
        print("  lapor-sosial staff set-password USERNAME --forget-2fa")
        return 1
    return 0


def _counts(counts: RetentionCounts) -> str:
    return (
        f"  reporters' phone numbers cleared: {counts.phones_cleared}\n"
        f"  closed cases anonymised: {counts.cases_anonymised}\n"
        f"  outbox rows deleted: {counts.outbox_deleted}\n"
        f"  audit rows deleted: {counts.audit_deleted}\n"
        f"  reporters' Telegram accounts forgotten: {counts.chats_forgotten}"
    )


def _limits(policy: RetentionPolicy) -> str:
    return (
        f"  REPORTER_PHONE_RETENTION_DAYS={policy.phone_days}\n"
        f"  RETENTION_DAYS={policy.case_days}\n"
        f"  OUTBOX_RETENTION_DAYS={policy.outbox_days}\n"
        f"  AUDIT_RETENTION_DAYS={policy.audit_days}"
    )
