"""The scheduler's inbox retention job, and a stop that lets a running job finish."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from app.scheduler import Timers, _guarded
from app.settings import Settings
from tests.support.deps import Clock
from triage.services.common.deps import TriageDeps
from triage.services.inbox import queue as inbox
from triage.storage.tables import InboxUpdate

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, environment="test", **values)  # type: ignore[call-arg]


async def test_the_inbox_keeps_processed_updates_for_the_configured_days(
    deps: TriageDeps,
) -> None:
    deps.clock = Clock(NOW)
    for update_id, age in ((1, timedelta(days=4)), (2, timedelta(days=2))):
        stored = await inbox.store(deps, update_id, {"update_id": update_id}, "p:1", NOW)
        assert stored is not None
        await inbox.mark_processed(deps, stored.id, NOW - age)
    timers = Timers(deps, _settings(inbox_retention_days=3))

    job = timers.scheduler.get_job("forget-inbox")
    assert job is not None
    await job.func()

    async with deps.uow() as uow:
        kept = (await uow.session.exec(select(InboxUpdate.update_id))).all()
    assert kept == [2]


async def _stop_during(deps: TriageDeps, work_seconds: float, within: float) -> tuple[bool, str]:
    """Start a job that works `work_seconds`, stop the timers while it runs: (stop's answer,
    what became of the job: ended, cancelled or running)."""
    started = asyncio.Event()
    job: list[asyncio.Task[object]] = []
    outcome = ["running"]

    async def slow() -> None:
        job.append(asyncio.current_task())  # type: ignore[arg-type]
        started.set()
        try:
            await asyncio.sleep(work_seconds)
        except asyncio.CancelledError:
            outcome[0] = "cancelled"
            raise
        outcome[0] = "ended"

    timers = Timers(deps, _settings())
    timers.scheduler.remove_all_jobs()
    timers.scheduler.add_job(
        _guarded("slow", slow, timers.jobs), "interval", hours=1, next_run_time=datetime.now(UTC)
    )
    timers.start()
    await asyncio.wait_for(started.wait(), 5)
    finished = await timers.stop(within)
    await asyncio.wait(job, timeout=1)
    return finished, outcome[0]


async def test_a_stop_lets_the_running_job_finish(deps: TriageDeps) -> None:
    assert await _stop_during(deps, work_seconds=0.3, within=5) == (True, "ended")


async def test_a_job_longer_than_the_timeout_is_cancelled(deps: TriageDeps) -> None:
    assert await _stop_during(deps, work_seconds=30, within=0.2) == (False, "cancelled")
