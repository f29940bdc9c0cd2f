"""What /metrics serves: the counters as they stand, and the gauges read at scrape time (the
outbox backlog, whether the database answered, when each loop last ran, the rules)."""

from __future__ import annotations

from datetime import datetime

from prometheus_client import generate_latest

from triage.services.common.deps import TriageDeps
from triage.services.outbox.backlog import outbox_backlog


async def scrape(deps: TriageDeps, now: datetime) -> bytes:
    """The Prometheus text exposition of `deps.metrics`, its gauges refreshed first."""
    metrics = deps.metrics
    metrics.rules.info({"version": deps.rules.version})
    for loop, state in deps.heartbeats.loops().items():
        if state.last_run is not None:
            metrics.last_run.labels(loop).set(state.last_run.timestamp())
    try:
        backlog = await outbox_backlog(deps, now)
    except Exception:  # the database is down: say so, and serve the rest
        metrics.database_up.set(0)
    else:
        metrics.database_up.set(1)
        metrics.outbox_pending.set(backlog.pending)
        oldest = backlog.oldest_due.total_seconds() if backlog.oldest_due else 0.0
        metrics.outbox_oldest_due.set(oldest)
        for reason, count in backlog.undeliverable.items():
            metrics.outbox_undeliverable.labels(reason).set(count)
    return generate_latest(metrics.registry)
