"""Bodies of the console subcommands; each builds what it needs from settings."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from app.bootstrap import data_keyring, load_configured_rules, migrated, secret_key
from app.key_files import KeyFileError
from app.roles import Role
from app.runtime import serve
from app.settings import Settings
from triage.domain.rules.loading import RulesFileError
from triage.services.intake import reporter as reporter_service
from triage.services.staff import accounts as staff
from triage.services.staff import manage as staff_admin
from triage.services.workers import manage as workers_admin
from triage.storage.migrate import upgrade_database
from triage.storage.region_source import load_region_directory


class CommandError(Exception):
    """A problem the person at the console can fix; printed without a traceback.

    `status` is the exit status (1 unless a command documents another).
    """

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def run(settings: Settings, role: Role = Role.ALL) -> int:
    try:
        load_configured_rules(settings)
        key = secret_key(settings)
    except (RulesFileError, KeyFileError) as exc:
        raise CommandError(f"cannot start: {exc}") from exc
    asyncio.run(serve(settings.model_copy(update={"secret_key": SecretStr(key)}), role=role))
    return 0


def migrate(settings: Settings) -> int:
    upgrade_database(settings.database_url, data_keyring(settings))
    print("The database is up to date.")
    return 0


async def create_admin(
    settings: Settings, username: str, password: str, role: str, regions: tuple[str, ...]
) -> int:
    try:
        async with migrated(settings) as wiring:
            identity = await staff.create_staff_user(
                wiring.deps, username, password, role=role, region_codes=regions
            )
    except staff.StaffError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Created {identity.role} '{identity.username}'.")
    return 0


async def set_staff_password(
    settings: Settings, username: str, password: str, forget_second_factor: bool = False
) -> int:
    try:
        async with migrated(settings) as wiring:
            await staff.set_password(
                wiring.deps,
                username,
                password,
                actor="cli",
                clear_second_factor=forget_second_factor,
            )
    except staff.StaffError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Password of '{staff.normalise_username(username)}' replaced; its sessions ended.")
    return 0


async def set_staff_active(settings: Settings, username: str, active: bool) -> int:
    try:
        async with migrated(settings) as wiring:
            await staff_admin.set_active(wiring.deps, "cli", username, active, datetime.now(UTC))
    except staff.StaffError as exc:
        raise CommandError(str(exc)) from exc
    state = "active again" if active else "deactivated; its sessions ended"
    print(f"'{staff.normalise_username(username)}' is {state}.")
    return 0


async def list_staff(settings: Settings) -> int:
    console = staff.StaffIdentity(0, "cli", "admin")
    async with migrated(settings) as wiring:
        accounts = await staff_admin.list_staff(wiring.deps, console, datetime.now(UTC))
    for account in accounts:
        state = "active" if account.active else "deactivated"
        regions = ";".join(account.region_codes) or "-"
        print(f"{account.username}\t{account.role}\t{regions}\t{state}")
    return 0


def import_workers(settings: Settings, file: str) -> int:
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"no such file: {file}")
    return asyncio.run(_import_workers(settings, file, path.read_text(encoding="utf-8-sig")))


async def _import_workers(settings: Settings, file: str, csv_text: str) -> int:
    async with migrated(settings) as wiring:
        result = await workers_admin.import_workers_csv(
            wiring.deps,
            csv_text,
            wiring.deps.regions.directory,
            datetime.now(UTC),
        )
    for error in result.errors:
        print(f"{file}:{error.line}: {error.message}", file=sys.stderr)
    if result.errors:
        print(f"Nothing was imported: {len(result.errors)} line(s) need fixing.", file=sys.stderr)
        return 1
    print(f"Imported workers: {result.created} new, {result.updated} updated.")
    return 0


async def invite_worker(settings: Settings, name: str) -> int:
    if not settings.telegram_bot_username:
        raise CommandError(
            "set TELEGRAM_BOT_USERNAME (the bot's @username, without the @) in .env first: "
            "the invite is a link to the bot."
        )
    try:
        async with migrated(settings) as wiring:
            invite = await workers_admin.create_invite(wiring.deps, name, datetime.now(UTC))
    except workers_admin.WorkerAdminError as exc:
        raise CommandError(str(exc)) from exc
    username = settings.telegram_bot_username
    until = invite.expires_at.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M")
    print(f"One-time link for {invite.name} (worker {invite.worker_id}), valid until {until}:")
    print(workers_admin.invite_link(username, invite.code))
    return 0


def search_regions(text: str) -> int:
    directory = load_region_directory()
    matches = directory.search(text, limit=5)
    if not matches:
        print(f"No kabupaten/kota matches '{text[:80]}'.")
        return 1
    for match in matches:
        province = directory.province(match.kabkota.province_code)
        print(
            f"{match.kabkota.code}\t{match.kabkota.name}\t{province.name if province else ''}\t(score {match.score})"
        )
    return 0


async def block(settings: Settings, telegram_user_id: int, blocked: bool) -> int:
    async with migrated(settings) as wiring:
        await reporter_service.set_blocked(wiring.deps, telegram_user_id, blocked, "cli")
    print(f"Telegram account {telegram_user_id} is {'blocked' if blocked else 'allowed again'}.")
    return 0
