"""Settings from the environment and `.env`, built once by the composition root."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from triage.domain.retention import (
    DEFAULT_AUDIT_DAYS,
    DEFAULT_CASE_DAYS,
    DEFAULT_OUTBOX_DAYS,
    DEFAULT_PHONE_DAYS,
    RetentionPolicy,
)
from triage.storage.encryption.cipher import DataKeyError, parse_data_keys

PLACEHOLDER_SECRET = "change-me"  # noqa: S105 - the old documented placeholder, refused
MIN_SECRET_LENGTH = 32
MIN_SECRET_SYMBOLS = 8  # "x" * 48 is long but no secret
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/lapor-sosial.db"
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
# What Telegram accepts as a webhook's secret_token (setWebhook).
WEBHOOK_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
WEBHOOK_PATH_SHAPE = re.compile(r"(/[A-Za-z0-9._~-]+)+")


class SettingsError(ValueError):
    """A setting is missing or unsafe; the message says what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    telegram_bot_token: SecretStr | None = None
    telegram_bot_username: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    # polling: the bot asks Telegram for updates (development); webhook: Telegram posts them.
    telegram_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None  # the public HTTPS address Telegram posts to
    webhook_secret: SecretStr | None = None  # Telegram sends it back in a header
    webhook_path: str = DEFAULT_WEBHOOK_PATH  # where our server takes the posts
    webhook_port: int | None = Field(default=None, ge=1, le=65535)  # unset: the admin's port
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    # The bot's own pace for messages to chats (Telegram's ~30 a second); 0: no limit.
    telegram_messages_per_second: float = Field(default=30.0, ge=0, le=1000)
    inbox_retention_days: int = Field(default=7, ge=1, le=365)
    shutdown_timeout_seconds: float = Field(default=20.0, gt=0, le=600)
    database_url: str = DEFAULT_DATABASE_URL
    admin_host: str = "127.0.0.1"
    admin_port: int = Field(default=8080, ge=0, le=65535)
    admin_cookie_secure: bool = False
    admin_session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    admin_session_lifetime_hours: int = Field(default=8, ge=1, le=30 * 24)
    admin_trusted_proxies: str = ""
    admin_password_checks_at_once: int = Field(default=2, ge=1, le=64)
    admin_require_2fa: bool = False
    secret_key: SecretStr | None = None  # development without one: a key kept in var/
    # `id:key,id:key`: the first seals, every one opens (data encrypted at rest); development
    # without one: a key kept in var/data_key under the id "local".
    data_keys: SecretStr | None = None
    timezone: str = "Asia/Jakarta"
    default_language: Literal["id", "en"] = "id"
    rules_file: Path | None = None
    reports_per_hour: int = Field(default=5, ge=1)
    invite_ttl_hours: int = Field(default=72, ge=1, le=30 * 24)
    inbound_rate_limit_updates: int = Field(default=20, ge=1, le=10_000)
    inbound_rate_limit_seconds: float = Field(default=10.0, gt=0, le=3600)
    outbox_interval_seconds: float = Field(default=1.0, gt=0)
    outbox_max_attempts: int = Field(default=12, ge=1, le=100)
    outbox_retry_first_seconds: float = Field(default=5.0, gt=0, le=600)
    sweep_interval_seconds: float = Field(default=5.0, gt=0)
    dashboard_min_cases: int = Field(default=5, ge=1, le=1000)
    # A service of the directory not verified for longer is flagged in the admin.
    service_verified_max_days: int = Field(default=365, ge=1, le=3650)
    metrics_token: SecretStr | None = None
    partner_api_calls_per_minute: int = Field(default=120, ge=1, le=100_000)  # per token
    health_outbox_lag_seconds: float = Field(default=300.0, gt=0)
    # Retention, in days (triage/domain/retention.py); the floors stop a typo from wiping
    # recent cases or the audit trail.
    reporter_phone_retention_days: int = Field(default=DEFAULT_PHONE_DAYS, ge=1, le=3650)
    retention_days: int = Field(default=DEFAULT_CASE_DAYS, ge=30, le=3650)
    outbox_retention_days: int = Field(default=DEFAULT_OUTBOX_DAYS, ge=7, le=3650)
    audit_retention_days: int = Field(default=DEFAULT_AUDIT_DAYS, ge=90, le=3650)
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"

    @field_validator(
        "telegram_bot_token",
        "telegram_bot_username",
        "rules_file",
        "secret_key",
        "data_keys",
        "metrics_token",
        "webhook_url",
        "webhook_secret",
        "webhook_port",
        mode="before",
    )
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}, e.g. Asia/Jakarta") from exc
        return value

    @field_validator("admin_trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if entry:
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError as exc:
                    raise ValueError(
                        f"{entry!r} is not an IP address or network, e.g. 127.0.0.1 or 10.0.0.0/8"
                    ) from exc
        return value

    @field_validator("webhook_path")
    @classmethod
    def _plain_path(cls, value: str) -> str:
        if not WEBHOOK_PATH_SHAPE.fullmatch(value) or value.startswith("/static/"):
            raise ValueError(
                f"{value!r} is not a plain path outside /static/, e.g. {DEFAULT_WEBHOOK_PATH}"
            )
        return value

    @property
    def trusted_proxies(self) -> tuple[str, ...]:
        return tuple(e.strip() for e in self.admin_trusted_proxies.split(",") if e.strip())

    @model_validator(mode="after")
    def _refuse_weak_secret(self) -> Settings:
        if self.environment == "test":
            return self
        if self.secret_key is None:
            if self.environment == "production":
                raise SettingsError("SECRET_KEY must be set in production. " + _HOW_TO_SET_IT)
            return self  # development: made once and kept in var/secret_key
        if is_weak_secret(self.secret_key.get_secret_value()):
            raise SettingsError(_weak_secret_message(self.environment))
        return self

    @model_validator(mode="after")
    def _refuse_weak_data_keys(self) -> Settings:
        if self.data_keys is None:
            if self.environment == "production":
                raise SettingsError("DATA_KEYS must be set in production. " + _HOW_TO_SET_DATA_KEYS)
            return self  # development: made once and kept in var/data_key; test: a fresh one
        try:
            keys = parse_data_keys(self.data_keys.get_secret_value())
        except DataKeyError as exc:
            raise SettingsError(f"{exc}. {_HOW_TO_SET_DATA_KEYS}") from exc
        secret = self.secret_key.get_secret_value() if self.secret_key else None
        for key_id, key in keys.items():
            if secret is not None and key == secret:
                raise SettingsError(
                    f"DATA_KEYS key {key_id!r} is SECRET_KEY: the data key must be a separate "
                    "value, so that one leaked key does not give away the other. "
                    + _HOW_TO_SET_DATA_KEYS
                )
            if self.environment != "test" and is_weak_secret(key):
                raise SettingsError(
                    f"DATA_KEYS key {key_id!r} is a placeholder or too weak (at least "
                    f"{MIN_SECRET_LENGTH} random characters). " + _HOW_TO_SET_DATA_KEYS
                )
        return self

    @property
    def data_key_texts(self) -> dict[str, str] | None:
        """DATA_KEYS by id, the sealing one first; None when unset."""
        return parse_data_keys(self.data_keys.get_secret_value()) if self.data_keys else None

    @field_validator("metrics_token")
    @classmethod
    def _long_metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError(
                "METRICS_TOKEN is shorter than 16 characters; use a long random value, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`, or leave it "
                "empty to serve /metrics to this machine only"
            )
        return value

    @model_validator(mode="after")
    def _require_secure_cookies_in_production(self) -> Settings:
        if self.environment == "production" and not self.admin_cookie_secure:
            raise SettingsError(
                "ADMIN_COOKIE_SECURE must be true in production: serve the admin view over "
                "HTTPS (directly or behind a TLS proxy) and set ADMIN_COOKIE_SECURE=true, so the "
                "session cookie is never sent in clear text."
            )
        return self

    @model_validator(mode="after")
    def _complete_webhook(self) -> Settings:
        if self.telegram_mode != "webhook":
            return self
        if self.webhook_url is None or not _https_url(self.webhook_url):
            raise SettingsError(
                "TELEGRAM_MODE=webhook needs WEBHOOK_URL: the public https:// address Telegram "
                "posts updates to, e.g. https://bot.example.org/telegram/webhook (a proxy in "
                "front of this server may forward it to WEBHOOK_PATH)."
            )
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not WEBHOOK_SECRET_SHAPE.fullmatch(secret):
            raise SettingsError(
                "TELEGRAM_MODE=webhook needs WEBHOOK_SECRET: 1 to 256 characters of A-Z, a-z, "
                "0-9, _ and - (what Telegram accepts). " + _MAKE_ONE
            )
        if self.environment != "test" and is_weak_secret(secret):
            raise SettingsError(
                "WEBHOOK_SECRET is a placeholder or too weak (at least "
                f"{MIN_SECRET_LENGTH} random characters): whoever knows it can post updates as "
                "any Telegram user. " + _MAKE_ONE
            )
        return self

    @property
    def retention_policy(self) -> RetentionPolicy:
        return RetentionPolicy(
            phone_days=self.reporter_phone_retention_days,
            case_days=self.retention_days,
            outbox_days=self.outbox_retention_days,
            audit_days=self.audit_retention_days,
        )

    @property
    def bot_enabled(self) -> bool:
        return self.telegram_bot_token is not None


_HOW_TO_SET_IT = (
    "Set SECRET_KEY in the environment (or .env) to a long random value, e.g. the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`, and keep it: it keys the "
    "admin's cookies, the authenticator secrets and the audit log's hashes of unknown usernames."
)
_OR_LEAVE_IT_UNSET = (
    " In development you may instead leave SECRET_KEY unset (remove it from .env): a random "
    "key is then made once and kept in var/secret_key."
)


_HOW_TO_SET_DATA_KEYS = (
    "Set DATA_KEYS to `id:key`, e.g. `k1:` followed by the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(48))'` (not SECRET_KEY's value), "
    "and keep it: without it the encrypted reports cannot be read. To rotate, put the new key "
    "first and keep the old ones after it (`k2:new,k1:old`) until `lapor-sosial keys rotate` "
    "has finished."
)


_MAKE_ONE = "Make one with `python -c 'import secrets; print(secrets.token_urlsafe(48))'`."


def _https_url(url: str) -> bool:
    parsed = urlsplit(url)
    return parsed.scheme == "https" and bool(parsed.hostname)


def is_weak_secret(secret: str) -> bool:
    """The old placeholder, too short, or too few different characters to be random."""
    return (
        secret.strip().lower() == PLACEHOLDER_SECRET
        or len(secret) < MIN_SECRET_LENGTH
        or len(set(secret)) < MIN_SECRET_SYMBOLS
    )


def _weak_secret_message(environment: str) -> str:
    message = (
        f"SECRET_KEY is a placeholder or too weak (at least {MIN_SECRET_LENGTH} random "
        "characters): whoever knows it can forge the admin's cookies. " + _HOW_TO_SET_IT
    )
    return message if environment == "production" else message + _OR_LEAVE_IT_UNSET


def load_settings(**overrides: object) -> Settings:
    """Read the environment and `.env` once; keyword overrides win (used by tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
