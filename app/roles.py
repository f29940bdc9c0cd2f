"""What one `lapor-sosial run --role …` process does.

- `web`: the admin view and, in webhook mode, Telegram's webhook (the updates are processed
  here, under the per-chat lock). No outbox sender, no scheduler. Run as many as needed
  behind the load balancer.
- `worker`: the outbox sender (it sends only while elected: one process at a time), the
  scheduler's jobs and, in polling mode, long polling (Telegram allows one poller). It also
  serves the admin app on its ADMIN_PORT for `/healthz` and `/metrics`.
- `all` (the default): everything, as a single process does on SQLite.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    WEB = "web"
    WORKER = "worker"
    ALL = "all"

    @property
    def sends(self) -> bool:
        return self is not Role.WEB

    @property
    def schedules(self) -> bool:
        return self is not Role.WEB

    @property
    def polls(self) -> bool:
        return self is not Role.WEB

    @property
    def takes_webhook(self) -> bool:
        return self is not Role.WORKER
