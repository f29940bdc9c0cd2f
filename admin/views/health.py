"""`/healthz`, for probes: no login, no personal data.

200 `{"status": "ok"}` while the database answers, this process's outbox sender and SLA
sweep completed a run recently (each only where this process runs it), and no outbox
message has been due longer than HEALTH_OUTBOX_LAG_SECONDS; else 503
`{"status": "unavailable", "checks": …}`. `/healthz?verbose` always lists the checks;
`outbox_sender` says whether this process holds the sender's role (`elected_here`) and
whether any process does (`elected_anywhere`; with several processes on PostgreSQL, one).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin.access import Access, allow
from admin.state import ADMIN
from triage.services.health.check import Health, check_health


@allow(Access.PUBLIC)
async def healthz(request: web.Request) -> web.Response:
    context = request.app[ADMIN]
    health = await check_health(context.deps, context.deps.clock(), context.outbox_lag)
    body: dict[str, Any] = {"status": "ok" if health.ok else "unavailable"}
    if "verbose" in request.query or not health.ok:
        body["checks"] = checks(health)
    return web.json_response(body, status=200 if health.ok else 503)


def checks(health: Health) -> dict[str, dict[str, Any]]:
    backlog = health.backlog
    outbox: dict[str, Any] = {"ok": health.outbox_ok}
    if backlog is not None:
        oldest = backlog.oldest_due.total_seconds() if backlog.oldest_due is not None else None
        outbox |= {
            "pending": backlog.pending,
            "oldest_due_seconds": _rounded(oldest),
            "undeliverable": backlog.undeliverable_total,
        }
    found: dict[str, dict[str, Any]] = {"database": {"ok": health.database}, "outbox": outbox}
    for loop in health.loops:
        found[loop.name] = {
            "ok": loop.ok,
            "running": loop.running,
            "last_run_seconds_ago": _rounded(loop.last_run_seconds),
        }
    sender = health.sender
    found["outbox_sender"] |= {
        "elected_here": sender.here,
        "elected_anywhere": sender.here or sender.elsewhere,
    }
    return found


def _rounded(seconds: float | None) -> float | None:
    return round(seconds, 1) if seconds is not None else None
