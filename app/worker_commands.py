"""Console commands that end a worker's access at once: `workers deactivate` (their open
cases are routed again, as the admin view's deactivation does) and `workers unbind` (their
Telegram account stops; they stay active until invited again). A name shared by several
workers, or matching none, lists the candidates with their ids instead of guessing."""

from __future__ import annotations

from datetime import UTC, datetime

from app.bootstrap import migrated
from app.commands import CommandError
from app.settings import Settings
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.deactivate import (
    REASON_MAX_CHARS,
    DeactivateResult,
    DeactivateStatus,
    deactivate_worker,
)
from triage.services.workers.named import Candidate, workers_named
from triage.services.workers.unbind import UnbindResult, UnbindStatus, unbind_worker

CONSOLE = StaffIdentity(0, "cli", "admin")  # the person at the console may manage anyone
HOLDERS = {
    "supervisor_kabkota": "kabupaten/kota supervisor",
    "supervisor_province": "province supervisor",
    "national_queue": "the national queue: nobody could take it",
}


def _line(candidate: Candidate) -> str:
    regions = ";".join(candidate.region_codes) or "-"
    state = "" if candidate.active else "\tdeactivated"
    return f"  {candidate.id}\t{candidate.name}\t{candidate.role}\t{regions}{state}"


async def _one(deps: TriageDeps, name_or_id: str) -> Candidate:
    """The worker meant, or a CommandError listing the candidates with their ids."""
    match = await workers_named(deps, name_or_id)
    if match.one is not None:
        return match.one
    shown = name_or_id.strip()[:80]
    if match.exact:
        lines = "\n".join(_line(c) for c in match.exact)
        raise CommandError(f"several workers are named '{shown}'; give the id:\n{lines}")
    if match.similar:
        lines = "\n".join(_line(c) for c in match.similar)
        raise CommandError(
            f"no worker is named '{shown}'. Did you mean one of these? Give the full name "
            f"or the id:\n{lines}"
        )
    raise CommandError(f"no worker is named or numbered '{shown}'")


async def deactivate(settings: Settings, name_or_id: str, reason: str) -> int:
    if not reason.strip():
        raise CommandError("give the reason with --reason (it is kept on the worker's page)")
    if len(reason) > REASON_MAX_CHARS:
        raise CommandError(f"the reason is too long: at most {REASON_MAX_CHARS} characters")
    async with migrated(settings) as wiring:
        worker = await _one(wiring.deps, name_or_id)
        now = datetime.now(UTC)
        result = await deactivate_worker(wiring.deps, CONSOLE, worker.id, reason, now)
    print(_deactivated(worker, result))
    return 0


def _deactivated(worker: Candidate, result: DeactivateResult) -> str:
    who = f"{worker.name} (worker {worker.id})"
    if result.status is DeactivateStatus.ALREADY_INACTIVE:
        raise CommandError(f"{who} is already deactivated")
    lines = [f"{who} is deactivated; their Telegram access has ended."]
    if not result.reassigned:
        return "\n".join([*lines, "They held no open case."])
    lines.append(f"{len(result.reassigned)} open case(s) routed again:")
    for moved in result.reassigned:
        holder = f"{moved.worker_name} (worker {moved.worker_id})" if moved.worker_name else ""
        role = HOLDERS.get(moved.kind)
        named = f"{holder}, {role}" if holder and role else holder or role or moved.kind
        lines.append(f"  {moved.reference}\t{named}")
    return "\n".join(lines)


async def unbind(settings: Settings, name_or_id: str) -> int:
    async with migrated(settings) as wiring:
        worker = await _one(wiring.deps, name_or_id)
        result = await unbind_worker(wiring.deps, CONSOLE, worker.id, datetime.now(UTC))
    print(_unbound(worker, result))
    return 0


def _unbound(worker: Candidate, result: UnbindResult) -> str:
    who = f"{worker.name} (worker {worker.id})"
    if result.status is UnbindStatus.INACTIVE:
        raise CommandError(f"{who} is deactivated: their Telegram access already ended")
    if result.status is UnbindStatus.NOT_BOUND:
        raise CommandError(f"{who} has no Telegram account and no open invite to end")
    return (
        f"{who} is unbound: their Telegram account no longer works and any open invite is "
        f"void. They stay active; invite them again with `lapor-sosial workers invite "
        f"{worker.id}`.\nOpen cases still theirs: {result.open_cases} (deactivate them to "
        "route those cases to someone else)."
    )
