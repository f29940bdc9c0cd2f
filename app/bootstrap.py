"""Builds the real dependencies from settings. Nothing here runs at import time."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from sqlalchemy.ext.asyncio import AsyncEngine

from admin.client import parse_networks
from admin.state import AdminSecurity
from app.key_files import KEY_BYTES, load_or_create_key
from app.settings import Settings
from app.telegram_files import BotApiFiles
from bot.messages import TelegramMessages
from triage.domain.delivery import RetryPolicy
from triage.domain.partners.rate import RatePolicy
from triage.domain.rules.model import Rules
from triage.i18n import load_translator
from triage.services.common.coordination import LocalCoordination, PostgresCoordination
from triage.services.common.deps import TriageDeps
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff.sessions import SessionPolicy
from triage.storage.db import create_engine, create_session_factory, is_sqlite
from triage.storage.encryption.cipher import Keyring
from triage.storage.migrate import upgrade_database
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules, load_rules
from triage.storage.uow import UnitOfWorkFactory


@dataclass
class Wiring:
    engine: AsyncEngine
    deps: TriageDeps
    files: BotApiFiles | None = None  # the reporters' files, when a bot token is set

    async def close(self) -> None:
        if self.files is not None:
            await self.files.close()
        await self.deps.coordination.close()  # PostgreSQL frees this process's locks
        await self.engine.dispose()


SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name in var/, not a secret


def secret_key(settings: Settings) -> str:
    """SECRET_KEY from the environment; unset in development, the key kept in var/ (made on
    the first start); unset in tests, a fresh one. Production always sets it (see settings).
    Raises KeyFileError."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    if settings.environment == "test":
        return secrets.token_urlsafe(KEY_BYTES)
    return load_or_create_key(SECRET_KEY_FILE)


DATA_KEY_FILE = "data_key"  # a file name in var/
LOCAL_DATA_KEY_ID = "local"  # the id of development's key in var/data_key


def data_keyring(settings: Settings) -> Keyring:
    """The data keys: DATA_KEYS from the environment; unset in development, the key kept in
    var/data_key (made on the first start); unset in tests, one fresh key for this process.
    Production always sets them (see settings). Raises KeyFileError."""
    texts = settings.data_key_texts
    if texts is not None:
        return Keyring.of(next(iter(texts)), texts)
    if settings.environment == "test":
        return _test_keyring()
    return Keyring.of(LOCAL_DATA_KEY_ID, {LOCAL_DATA_KEY_ID: load_or_create_key(DATA_KEY_FILE)})


@cache
def _test_keyring() -> Keyring:
    return Keyring.of(LOCAL_DATA_KEY_ID, {LOCAL_DATA_KEY_ID: secrets.token_urlsafe(KEY_BYTES)})


def load_configured_rules(settings: Settings) -> Rules:
    """The rules file named by RULES_FILE, else the packaged default. Raises RulesFileError."""
    return load_rules(settings.rules_file) if settings.rules_file else load_default_rules()


def telegram_files(settings: Settings) -> BotApiFiles | None:
    """The Bot API file source the admin streams evidence from; None without a bot token."""
    if settings.telegram_bot_token is None:
        return None
    return BotApiFiles(
        settings.telegram_bot_token.get_secret_value(),
        settings.telegram_api_base_url,
        settings.telegram_api_file_url,
    )


def wire(settings: Settings) -> Wiring:
    engine = create_engine(settings.database_url, keyring=data_keyring(settings))
    translator = load_translator(settings.default_language)
    files = telegram_files(settings)
    deps = TriageDeps(
        uow=UnitOfWorkFactory(create_session_factory(engine)),
        rules=load_configured_rules(settings),
        regions=DirectoryLookup(load_region_directory()),
        translator=translator,
        messages=TelegramMessages(translator),
        reports_per_hour=settings.reports_per_hour,
        invite_ttl=timedelta(hours=settings.invite_ttl_hours),
        bot_username=settings.telegram_bot_username or "",  # the bot's own name once it starts
        files=files,
        password_checks=asyncio.Semaphore(settings.admin_password_checks_at_once),
        delivery=RetryPolicy(
            max_attempts=settings.outbox_max_attempts,
            first_delay=timedelta(seconds=settings.outbox_retry_first_seconds),
        ),
        coordination=coordination(settings.database_url, engine),
        service_verified_days=settings.service_verified_max_days,
    )
    return Wiring(engine, deps, files)


def coordination(url: str, engine: AsyncEngine) -> LocalCoordination:
    """Several processes share the work only on PostgreSQL; on SQLite there is one."""
    return LocalCoordination() if is_sqlite(url) else PostgresCoordination(engine)


def admin_security(settings: Settings) -> AdminSecurity:
    """The admin's session limits, trusted proxies and second-factor rule from the settings."""
    return AdminSecurity(
        sessions=SessionPolicy(
            idle=timedelta(minutes=settings.admin_session_idle_minutes),
            lifetime=timedelta(hours=settings.admin_session_lifetime_hours),
        ),
        trusted_proxies=parse_networks(settings.trusted_proxies),
        require_admin_second_factor=settings.admin_require_2fa,
        metrics_token=(
            settings.metrics_token.get_secret_value() if settings.metrics_token else None
        ),
        partner_rate=RatePolicy(calls=settings.partner_api_calls_per_minute),
    )


@asynccontextmanager
async def wired(settings: Settings) -> AsyncIterator[Wiring]:
    """The wiring for one console command, closed when it is done, whatever happens."""
    wiring = wire(settings)
    try:
        yield wiring
    finally:
        await wiring.close()


@asynccontextmanager
async def migrated(settings: Settings) -> AsyncIterator[Wiring]:
    """`wired`, on a database brought up to date first."""
    await asyncio.to_thread(upgrade_database, settings.database_url, data_keyring(settings))
    async with wired(settings) as wiring:
        yield wiring
