"""Console commands for the directory of services: `services import FILE.csv` (all or
nothing, every bad line reported with its number, as the workers' import does)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from app.bootstrap import migrated
from app.commands import CommandError
from app.settings import Settings
from triage.services.referrals.directory import import_services_csv


def import_services(settings: Settings, file: str) -> int:
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"no such file: {file}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{file} is not UTF-8 text; save it as CSV (UTF-8)") from None
    return asyncio.run(_import(settings, file, text))


async def _import(settings: Settings, file: str, csv_text: str) -> int:
    async with migrated(settings) as wiring:
        result = await import_services_csv(wiring.deps, csv_text, wiring.deps.regions.directory)
    for error in result.errors:
        print(f"{file}:{error.line}: {error.message}", file=sys.stderr)
    if result.errors:
        print(f"Nothing was imported: {len(result.errors)} line(s) need fixing.", file=sys.stderr)
        return 1
    print(f"Imported services: {result.created} new, {result.updated} updated.")
    return 0
