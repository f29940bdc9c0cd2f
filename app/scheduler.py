"""The APScheduler jobs: SLA sweep, daily digests, stale reminders, quiet referrals, abandoned
drafts, cleanup, retention.

The scheduler only ticks: every deadline lives in the database and each job claims or
deduplicates its work there, so several processes may run it side by side. At a stop no new
job starts and the running ones may finish (`Timers.stop`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from app.settings import Settings
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.common.heartbeats import SLA_SWEEP
from triage.services.common.updates import forget_old_updates
from triage.services.inbox.queue import forget_processed
from triage.services.intake.drafts import remind_and_discard
from triage.services.referrals.reminders import remind_quiet_referrals
from triage.services.retention.run import run_retention
from triage.services.sla.digest import remind_stale, send_digests
from triage.services.sla.sweep import Outcome, sweep

log = logging.getLogger(__name__)

DIGEST_CHECK_SECONDS = 60
STALE_CHECK_HOURS = 1
FORGET_UPDATES_HOURS = 6
DRAFT_CHECK_SECONDS = 60
RETENTION_HOURS = 24  # and once at every start


class RunningJobs:
    """The jobs running now, so that a stop can let them finish."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            yield
        finally:
            self._tasks.discard(task)

    async def finish(self, within: float) -> bool:
        """Wait up to `within` seconds for the running jobs; False if some still run."""
        if not self._tasks:
            return True
        _, pending = await asyncio.wait(set(self._tasks), timeout=within)
        return not pending


class Timers:
    """The scheduler with its jobs, started and stopped by the running process."""

    def __init__(self, deps: TriageDeps, settings: Settings) -> None:
        self.jobs = RunningJobs()
        self.scheduler = build_scheduler(deps, settings, self.jobs)

    def start(self) -> None:
        self.scheduler.start()

    async def stop(self, within: float) -> bool:
        """Start no new job, let the running ones finish for up to `within` seconds, then
        cancel what still runs (every job's work is claimed or repeatable). True if none was."""
        self.scheduler.pause()
        finished = await self.jobs.finish(within)
        if not finished:
            log.warning("scheduler: a job was still running at the shutdown timeout; stopped")
        self.scheduler.shutdown(wait=False)
        return finished


def build_scheduler(
    deps: TriageDeps, settings: Settings, jobs: RunningJobs | None = None
) -> AsyncIOScheduler:
    """A scheduler with every periodic job registered; the caller starts and stops it."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    owner = deps.coordination.owner
    keep_inbox = timedelta(days=settings.inbox_retention_days)
    tracker = jobs or RunningJobs()
    sweep_every = timedelta(seconds=settings.sweep_interval_seconds)
    deps.heartbeats.started(SLA_SWEEP, deps.clock(), sweep_every)
    periodic: list[tuple[str, Callable[[], Awaitable[object]], dict[str, float]]] = [
        ("sla-sweep", lambda: _sweep(deps, owner), {"seconds": settings.sweep_interval_seconds}),
        ("digest", lambda: send_digests(deps), {"seconds": DIGEST_CHECK_SECONDS}),
        ("stale-check", lambda: remind_stale(deps), {"hours": STALE_CHECK_HOURS}),
        ("referral-reminders", lambda: remind_quiet_referrals(deps),
         {"hours": STALE_CHECK_HOURS}),
        ("forget-updates", lambda: forget_old_updates(deps, deps.clock()),
         {"hours": FORGET_UPDATES_HOURS}),
        ("drafts", lambda: remind_and_discard(deps), {"seconds": DRAFT_CHECK_SECONDS}),
        ("retention", lambda: _retention(deps, settings), {"hours": RETENTION_HOURS}),
        ("forget-inbox", lambda: _forget_inbox(deps, keep_inbox),
         {"hours": FORGET_UPDATES_HOURS}),
    ]  # fmt: skip
    for name, work, every in periodic:
        scheduler.add_job(
            _guarded(name, work, tracker), "interval", **every, id=name, name=name,
            max_instances=1, coalesce=True, next_run_time=datetime.now(UTC),
        )  # fmt: skip
    return scheduler


async def _sweep(deps: TriageDeps, owner: str) -> None:
    result = await sweep(deps, owner)
    deps.heartbeats.ran(SLA_SWEEP, deps.clock())
    if result.claimed:
        counts = ", ".join(f"{o.value} {result.count(o)}" for o in Outcome if result.count(o))
        log.info("sla sweep: %s claimed (%s)", result.claimed, counts)


async def _retention(deps: TriageDeps, settings: Settings) -> None:
    counts = await run_retention(deps, settings.retention_policy)
    log.info(
        "retention: %s phone numbers cleared, %s cases anonymised, %s outbox and %s audit rows "
        "deleted, %s chat profiles forgotten", counts.phones_cleared, counts.cases_anonymised,
        counts.outbox_deleted, counts.audit_deleted, counts.chats_forgotten,
    )  # fmt: skip


async def _forget_inbox(deps: TriageDeps, keep: timedelta) -> None:
    deleted = await forget_processed(deps, deps.clock(), keep)
    if deleted:
        log.info("inbox: %s processed updates older than %s days deleted", deleted, keep.days)


def _guarded(
    name: str, work: Callable[[], Awaitable[object]], jobs: RunningJobs
) -> Callable[[], Awaitable[None]]:
    """Run one job; log a failure by type and place only (database errors quote row values)."""

    async def job() -> None:
        with jobs.running():
            try:
                await work()
            except Exception as exc:
                log.error("job %s failed: %s", name, describe_failure(exc))

    job.__name__ = job.__qualname__ = f"job_{name.replace('-', '_')}"
    return job
