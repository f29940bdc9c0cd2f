"""The process's Prometheus metrics, in a registry of their own (one per `TriageDeps`).

Labels take values from short fixed lists only (update kinds, urgencies, results, deadline
kinds, route names): never a chat, a case reference or a path, so nothing personal reaches
a scrape and the series stay few. What each metric means: docs/operations.md.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

from triage.domain.deadline_keys import DeadlineKind
from triage.domain.delivery import PERMANENT, TOO_MANY_ATTEMPTS, Verdict
from triage.domain.model import Urgency

PREFIX = "lapor_sosial"
UPDATE_KINDS = ("message", "edited_message", "callback_query", "my_chat_member", "other")
DROP_REASONS = ("flood",)  # updates stopped before any handler (bot/flood.py)
SEND_RESULTS = ("sent", *(verdict.value for verdict in Verdict))
UNDELIVERABLE_REASONS = (*sorted(failure.value for failure in PERMANENT), TOO_MANY_ATTEMPTS)
BREACH_KINDS = tuple(kind.value for kind in DeadlineKind if kind.value.endswith("_breach"))
# Admin pages answer in milliseconds to a few seconds (exports, the first map).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Counters the code bumps as things happen, and gauges set when /metrics is read."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            f"{PREFIX}_updates", "Telegram updates processed (first delivery only), by kind",
            ["type"], registry=r,
        )  # fmt: skip
        self.updates_dropped = Counter(
            f"{PREFIX}_updates_dropped", "Telegram updates dropped before any handler, by reason",
            ["reason"], registry=r,
        )  # fmt: skip
        self.flood_notices = Counter(
            f"{PREFIX}_flood_notices", "Chats told they were sending too fast", registry=r
        )
        self.reports = Counter(
            f"{PREFIX}_reports", "Reports submitted, by urgency", ["urgency"], registry=r
        )
        self.sends = Counter(
            f"{PREFIX}_outbox_sends", "Outbox send attempts, by result", ["result"], registry=r
        )
        self.sla_breaches = Counter(
            f"{PREFIX}_sla_breaches", "SLA targets missed (first escalation step fired), by kind",
            ["kind"], registry=r,
        )  # fmt: skip
        self.admin_latency = Histogram(
            f"{PREFIX}_admin_request_duration_seconds", "Admin web requests, by route name",
            ["route"], buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        self.outbox_pending = Gauge(
            f"{PREFIX}_outbox_pending", "Outbox messages not yet sent (due or waiting)", registry=r
        )
        self.outbox_oldest_due = Gauge(
            f"{PREFIX}_outbox_oldest_due_seconds",
            "How long the longest-waiting due outbox message has been due (0: none due)",
            registry=r,
        )
        self.outbox_undeliverable = Gauge(
            f"{PREFIX}_outbox_undeliverable", "Outbox messages given up, by reason",
            ["reason"], registry=r,
        )  # fmt: skip
        self.database_up = Gauge(
            f"{PREFIX}_database_up", "1 if the last scrape could read the database", registry=r
        )
        self.last_run = Gauge(
            f"{PREFIX}_loop_last_run_timestamp_seconds",
            "When a loop of this process last completed a run (outbox sender, SLA sweep)",
            ["loop"], registry=r,
        )  # fmt: skip
        self.rules = Info(f"{PREFIX}_rules", "The triage rules in use", registry=r)
        self._start_at_zero()

    def _start_at_zero(self) -> None:
        """Every known series exists from the start, so a rate over it is never missing."""
        for kind in UPDATE_KINDS:
            self.updates.labels(kind)
        for reason in DROP_REASONS:
            self.updates_dropped.labels(reason)
        for urgency in Urgency:
            self.reports.labels(urgency.value)
        for result in SEND_RESULTS:
            self.sends.labels(result)
        for breach in BREACH_KINDS:
            self.sla_breaches.labels(breach)
        for reason in UNDELIVERABLE_REASONS:
            self.outbox_undeliverable.labels(reason)

    def update_processed(self, kind: str) -> None:
        self.updates.labels(kind if kind in UPDATE_KINDS else "other").inc()

    def update_dropped(self, reason: str) -> None:
        self.updates_dropped.labels(reason).inc()

    def flood_notice(self) -> None:
        self.flood_notices.inc()

    def report_submitted(self, urgency: str) -> None:
        self.reports.labels(urgency).inc()

    def send_result(self, result: str) -> None:
        self.sends.labels(result).inc()

    def sla_breached(self, kind: str) -> None:
        self.sla_breaches.labels(kind).inc()

    def admin_request(self, route: str, seconds: float) -> None:
        self.admin_latency.labels(route).observe(seconds)
