"""The scheduler registers retention as a daily job, run once at start too, with the limits
from the settings; a run through the job is audited like any other."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.triggers.interval import IntervalTrigger

from app.scheduler import build_scheduler
from app.settings import Settings
from tests.support.deps import make_deps
from triage.services.retention.status import last_run
from triage.services.staff.accounts import StaffIdentity
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")


async def test_retention_runs_daily_with_the_configured_limits(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = make_deps(uow_factory)
    settings = Settings(_env_file=None, retention_days=400)  # type: ignore[call-arg]
    scheduler = build_scheduler(deps, settings)
    job = scheduler.get_job("retention")
    assert job is not None
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == timedelta(days=1)
    assert job.next_run_time is not None  # at start, then every day
    await job.func()
    run = await last_run(deps, ADMIN)
    assert run is not None and run.policy is not None
    assert run.policy.case_days == 400
