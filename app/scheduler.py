"""The APScheduler jobs: SLA sweep, daily digests, stale reminders, abandoned drafts, cleanup.

The scheduler only ticks: every deadline lives in the database and each job claims or
deduplicates its work there, so several processes may run it side by side.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from app.settings import Settings
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.common.heartbeats import SLA_SWEEP
from triage.services.common.updates import forget_old_updates
from triage.services.intake.drafts import remind_and_discard
from triage.services.sla.digest import remind_stale, send_digests
from triage.services.sla.sweep import Outcome, sweep

log = logging.getLogger(__name__)

DIGEST_CHECK_SECONDS = 60
STALE_CHECK_HOURS = 1
FORGET_UPDATES_HOURS = 6
DRAFT_CHECK_SECONDS = 60


def build_scheduler(deps: TriageDeps, settings: Settings) -> AsyncIOScheduler:
    """A scheduler with every periodic job registered; the caller starts and stops it."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    owner = f"{socket.gethostname()}:{os.getpid()}"
    sweep_every = timedelta(seconds=settings.sweep_interval_seconds)
    deps.heartbeats.started(SLA_SWEEP, deps.clock(), sweep_every)
    jobs: list[tuple[str, Callable[[], Awaitable[object]], dict[str, float]]] = [
        ("sla-sweep", lambda: _sweep(deps, owner), {"seconds": settings.sweep_interval_seconds}),
        ("digest", lambda: send_digests(deps), {"seconds": DIGEST_CHECK_SECONDS}),
        ("stale-check", lambda: remind_stale(deps), {"hours": STALE_CHECK_HOURS}),
        ("forget-updates", lambda: forget_old_updates(deps, deps.clock()),
         {"hours": FORGET_UPDATES_HOURS}),
        ("drafts", lambda: remind_and_discard(deps), {"seconds": DRAFT_CHECK_SECONDS}),
    ]  # fmt: skip
    for name, work, every in jobs:
        scheduler.add_job(
            _guarded(name, work), "interval", **every, id=name, name=name,
            max_instances=1, coalesce=True, next_run_time=datetime.now(UTC),
        )  # fmt: skip
    return scheduler


async def _sweep(deps: TriageDeps, owner: str) -> None:
    result = await sweep(deps, owner)
    deps.heartbeats.ran(SLA_SWEEP, deps.clock())
    if result.claimed:
        counts = ", ".join(f"{o.value} {result.count(o)}" for o in Outcome if result.count(o))
        log.info("sla sweep: %s claimed (%s)", result.claimed, counts)


def _guarded(name: str, work: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
    """Run one job; log a failure by type and place only (database errors quote row values)."""

    async def job() -> None:
        try:
            await work()
        except Exception as exc:
            log.error("job %s failed: %s", name, describe_failure(exc))

    job.__name__ = job.__qualname__ = f"job_{name.replace('-', '_')}"
    return job
