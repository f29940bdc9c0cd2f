"""/healthz's checks: the database answers, this process's loops (outbox sender, SLA sweep)
completed a run recently, and no outbox message has been due for too long; and who sends
the outbox (this process, elected, or another one), which does not decide the status: a
standing-by sender is healthy, and one takes the role within seconds when none holds it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from triage.domain.health import DEFAULT_OUTBOX_LAG, outbox_lagging
from triage.services.cases.queries import database_reachable
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.common.heartbeats import SENDER, SLA_SWEEP
from triage.services.outbox.backlog import Backlog, outbox_backlog

log = logging.getLogger(__name__)
LOOPS = (SENDER, SLA_SWEEP)


@dataclass(frozen=True, slots=True)
class LoopCheck:
    """`running`: this process runs the loop (the sender only with a bot token)."""

    name: str
    running: bool
    ok: bool
    last_run_seconds: float | None = None  # None: not run yet (or not running here)


@dataclass(frozen=True, slots=True)
class SenderRole:
    """Who sends the outbox: this process (elected), or another one (PostgreSQL only)."""

    here: bool
    elsewhere: bool


@dataclass(frozen=True, slots=True)
class Health:
    database: bool
    loops: tuple[LoopCheck, ...]
    backlog: Backlog | None  # None when the database did not answer
    outbox_ok: bool
    sender: SenderRole = SenderRole(here=False, elsewhere=False)

    @property
    def ok(self) -> bool:
        return self.database and self.outbox_ok and all(loop.ok for loop in self.loops)


async def check_health(
    deps: TriageDeps, now: datetime, outbox_lag: timedelta = DEFAULT_OUTBOX_LAG
) -> Health:
    database = await database_reachable(deps)
    backlog = await _backlog(deps, now) if database else None
    lagging = backlog is None or outbox_lagging(backlog.oldest_due, outbox_lag)
    loops = _loops(deps, now)
    return Health(database, loops, backlog, not lagging, await _sender(deps, loops))


async def _sender(deps: TriageDeps, loops: tuple[LoopCheck, ...]) -> SenderRole:
    runs_here = any(loop.name == SENDER and loop.running for loop in loops)
    coordination = deps.coordination
    try:
        here = runs_here and await coordination.still_sender()
        return SenderRole(here, not here and await coordination.sender_elsewhere())
    except Exception as exc:  # the lock connection: reported as nobody known
        log.warning("health check: sender role unknown: %s", describe_failure(exc))
        return SenderRole(False, False)


async def _backlog(deps: TriageDeps, now: datetime) -> Backlog | None:
    """None when the outbox cannot be read (a database not migrated, a lost connection)."""
    try:
        return await outbox_backlog(deps, now)
    except Exception as exc:
        log.warning("health check: outbox not readable: %s", describe_failure(exc))
        return None


def _loops(deps: TriageDeps, now: datetime) -> tuple[LoopCheck, ...]:
    states = deps.heartbeats.loops()
    checks = []
    for name in LOOPS:
        state = states.get(name)
        if state is None:
            checks.append(LoopCheck(name, running=False, ok=True))
            continue
        ran = (now - state.last_run).total_seconds() if state.last_run else None
        checks.append(LoopCheck(name, True, state.alive(now), ran))
    return tuple(checks)
