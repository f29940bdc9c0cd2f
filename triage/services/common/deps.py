"""What the use cases need from outside: rules, regions, texts, messages, a clock, randomness,
and where the process counts what happens (metrics, heartbeats)."""

from __future__ import annotations

import asyncio
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from triage.domain.delivery import RetryPolicy
from triage.domain.references import RANDOM_BYTES, format_reference
from triage.domain.rules.model import Rules
from triage.i18n import Translator
from triage.services.common.coordination import LocalCoordination
from triage.services.common.heartbeats import Heartbeats
from triage.services.common.metrics import Metrics
from triage.services.files.port import TelegramFiles
from triage.services.outbox.port import OutboxMessages
from triage.services.regions.lookup import DirectoryLookup
from triage.storage.uow import UnitOfWorkFactory


def utc_now() -> datetime:
    return datetime.now(UTC)


def random_reference() -> str:
    return format_reference(secrets.token_bytes(RANDOM_BYTES))


@dataclass
class TriageDeps:
    """Built once by the composition root; tests swap the clock or the rules."""

    uow: UnitOfWorkFactory
    rules: Rules
    regions: DirectoryLookup
    translator: Translator
    messages: OutboxMessages  # builds what the outbox sends (the bot's wording)
    clock: Callable[[], datetime] = utc_now
    new_reference: Callable[[], str] = random_reference
    reports_per_hour: int = 5
    invite_ttl: timedelta = timedelta(hours=72)  # how long a worker's invite link works
    bot_username: str = field(default="")
    files: TelegramFiles | None = None  # the reporters' photos and voice notes; None: no bot
    # At most this many password hashes are computed at once (argon2 costs memory and CPU).
    password_checks: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))
    delivery: RetryPolicy = field(default_factory=RetryPolicy)  # the outbox's retries
    jitter: Callable[[], float] = random.random  # in [0, 1): spreads the outbox's retries
    metrics: Metrics = field(default_factory=Metrics)  # served at /metrics
    heartbeats: Heartbeats = field(default_factory=Heartbeats)  # this process's loops
    # The sender's election and the per-chat locks across processes (PostgreSQL).
    coordination: LocalCoordination = field(default_factory=LocalCoordination)
    # A directory service verified longer ago than this many days is flagged in the admin.
    service_verified_days: int = 365
