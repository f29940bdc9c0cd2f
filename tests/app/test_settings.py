"""Settings that keep production safe, read in-process (no .env file)."""

from __future__ import annotations

import asyncio
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.bootstrap import admin_security, secret_key, wire
from app.settings import Settings
from triage.domain.retention import RetentionPolicy

LONG_SECRET = "q3Vn8-Jz0pLr7Xc_2mWk5Ty9BfHd4Gs6NaEu1Oi0RvQ"
WEAK_SECRETS = ["change-me", "CHANGE-ME", "short-but-random-Xk2", "x" * 48, "abab" * 12]


DATA_KEYS = "k1:Zr4-uQ8xNw2_Lp6bTy0vHc3JmKs9DfGa5Eo7WiXq1Rn"


def _settings(**values: object) -> Settings:
    """Production is given DATA_KEYS unless a test says otherwise (test_data_keys.py)."""
    if values.get("environment") == "production":
        values = {"data_keys": DATA_KEYS, **values}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_production_requires_secure_cookies() -> None:
    with pytest.raises(ValidationError, match="ADMIN_COOKIE_SECURE must be true in production"):
        _settings(environment="production", secret_key=LONG_SECRET)

    assert _settings(
        environment="production", secret_key=LONG_SECRET, admin_cookie_secure=True
    ).admin_cookie_secure


def test_development_may_run_over_plain_http() -> None:
    assert not _settings().admin_cookie_secure


def test_session_limits_and_trusted_proxies_reach_the_admin() -> None:
    settings = _settings(
        admin_session_idle_minutes=15,
        admin_session_lifetime_hours=4,
        admin_trusted_proxies="127.0.0.1, 10.0.0.0/8",
    )

    security = admin_security(settings)

    assert security.sessions.idle.total_seconds() == 15 * 60
    assert security.sessions.lifetime.total_seconds() == 4 * 3600
    assert [str(network) for network in security.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8"]


def test_invite_lifetime_reaches_the_use_cases(tmp_path: Path) -> None:
    assert _settings().invite_ttl_hours == 72
    settings = _settings(invite_ttl_hours=5, database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    wiring = wire(settings)
    asyncio.run(wiring.engine.dispose())
    assert wiring.deps.invite_ttl == timedelta(hours=5)


def test_the_bot_sends_at_most_thirty_messages_a_second_unless_told() -> None:
    assert _settings().telegram_messages_per_second == 30
    assert _settings(telegram_messages_per_second=0).telegram_messages_per_second == 0


def test_the_flood_limit_defaults_to_twenty_updates_in_ten_seconds() -> None:
    settings = _settings()
    assert (settings.inbound_rate_limit_updates, settings.inbound_rate_limit_seconds) == (20, 10)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("admin_trusted_proxies", "proxy.example"),
        ("admin_session_idle_minutes", 0),
        ("admin_password_checks_at_once", 0),
        ("invite_ttl_hours", 0),
        ("inbound_rate_limit_updates", 0),
        ("inbound_rate_limit_seconds", 0),
        ("telegram_messages_per_second", -1),
    ],
)
def test_bad_security_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        _settings(**{field: value})


@pytest.mark.parametrize("environment", ["development", "production"])
@pytest.mark.parametrize("weak", WEAK_SECRETS)
def test_a_placeholder_or_weak_secret_is_refused_outside_tests(environment: str, weak: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY is a placeholder or too weak") as caught:
        _settings(environment=environment, secret_key=weak, admin_cookie_secure=True)
    message = str(caught.value)
    assert "secrets.token_urlsafe(48)" in message  # says how to make a good one
    assert ("var/secret_key" in message) == (environment == "development")


def test_tests_may_use_any_secret() -> None:
    assert _settings(environment="test", secret_key="change-me").secret_key is not None


def test_production_needs_a_secret_from_the_environment() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY must be set in production"):
        _settings(environment="production", admin_cookie_secure=True, secret_key="")


def test_a_strong_secret_is_used_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = _settings(environment="production", secret_key=LONG_SECRET, admin_cookie_secure=True)
    assert secret_key(settings) == LONG_SECRET
    assert not (tmp_path / "var").exists()


def test_development_without_a_secret_makes_one_in_var_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = _settings(secret_key="")

    first = secret_key(settings)

    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == first and len(first) >= 48
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert secret_key(settings) == first  # the next start reuses it
    assert _settings(secret_key=first).secret_key is not None  # and it passes as strong


def test_tests_without_a_secret_get_a_fresh_one_and_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = _settings(environment="test", secret_key="")
    assert secret_key(settings) != secret_key(settings)
    assert not (tmp_path / "var").exists()


def test_retention_limits_default_and_reach_the_policy() -> None:
    assert _settings().retention_policy == RetentionPolicy(30, 365, 30, 730)
    settings = _settings(
        reporter_phone_retention_days=14,
        retention_days=180,
        outbox_retention_days=7,
        audit_retention_days=1095,
    )
    assert settings.retention_policy == RetentionPolicy(14, 180, 7, 1095)


WEBHOOK = {
    "telegram_mode": "webhook",
    "webhook_url": "https://bot.example.org/telegram/webhook",
    "webhook_secret": LONG_SECRET,
}


def test_polling_is_the_default_and_needs_no_webhook_settings() -> None:
    settings = _settings()
    assert settings.telegram_mode == "polling"
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert settings.shutdown_timeout_seconds == 20


def test_a_complete_webhook_configuration_is_taken() -> None:
    settings = _settings(**WEBHOOK, webhook_path="/hook/telegram-1", webhook_port="8443")
    assert settings.webhook_path == "/hook/telegram-1"
    assert settings.webhook_port == 8443


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"webhook_url": ""}, "needs WEBHOOK_URL"),
        ({"webhook_url": "http://bot.example.org/telegram/webhook"}, "needs WEBHOOK_URL"),
        ({"webhook_url": "https:///telegram/webhook"}, "needs WEBHOOK_URL"),
        ({"webhook_secret": ""}, "needs WEBHOOK_SECRET"),
        ({"webhook_secret": LONG_SECRET + "!"}, "needs WEBHOOK_SECRET"),
        ({"webhook_secret": LONG_SECRET + " x"}, "needs WEBHOOK_SECRET"),
        ({"webhook_secret": "a" * 257}, "needs WEBHOOK_SECRET"),
        ({"webhook_secret": "change-me"}, "WEBHOOK_SECRET is a placeholder or too weak"),
        ({"webhook_secret": "Short_but-fine4TG"}, "WEBHOOK_SECRET is a placeholder or too weak"),
    ],
)
def test_an_incomplete_or_unsafe_webhook_configuration_is_refused(
    change: dict[str, object], says: str
) -> None:
    with pytest.raises(ValidationError, match=says) as caught:
        _settings(**(WEBHOOK | change))
    assert LONG_SECRET not in str(caught.value)  # a refusal never repeats the secret


def test_tests_may_use_a_short_webhook_secret_of_telegrams_characters() -> None:
    settings = _settings(environment="test", **(WEBHOOK | {"webhook_secret": "t-1_x"}))
    assert settings.webhook_secret is not None
    with pytest.raises(ValidationError, match="needs WEBHOOK_SECRET"):
        _settings(environment="test", **(WEBHOOK | {"webhook_secret": "t 1"}))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reporter_phone_retention_days", 0),
        ("retention_days", 29),  # a typo must not wipe last month's cases
        ("outbox_retention_days", 6),
        ("audit_retention_days", 89),
    ],
)
def test_retention_limits_below_their_floor_are_refused(field: str, value: int) -> None:
    with pytest.raises(ValidationError):
        _settings(**{field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("webhook_path", "telegram"),
        ("webhook_path", "/telegram webhook"),
        ("webhook_path", "/telegram?x=1"),
        ("webhook_path", "/static/hook"),
        ("webhook_port", 0),
        ("webhook_max_connections", 101),
        ("shutdown_timeout_seconds", 0),
        ("inbox_retention_days", 0),
        ("telegram_mode", "pull"),
    ],
)
def test_bad_telegram_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        _settings(**{field: value})


def test_env_example_names_every_setting_and_loads() -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    named = set(re.findall(r"^([A-Z0-9_]+)=", example.read_text(encoding="utf-8"), re.MULTILINE))

    assert {name.upper() for name in Settings.model_fields} <= named
    loaded = Settings(_env_file=example)  # type: ignore[call-arg]
    assert (loaded.telegram_mode, loaded.webhook_url, loaded.webhook_port) == (
        "polling",
        None,
        None,
    )


def test_the_metrics_token_reaches_the_admin_and_a_short_one_is_refused() -> None:
    token = "t" * 32
    assert admin_security(_settings(metrics_token=token)).metrics_token == token
    assert admin_security(_settings(metrics_token="")).metrics_token is None
    with pytest.raises(ValidationError, match="METRICS_TOKEN is shorter than 16"):
        _settings(metrics_token="short")


def test_log_format_is_text_or_json() -> None:
    assert (_settings().log_format, _settings(log_format="json").log_format) == ("text", "json")
    with pytest.raises(ValidationError):
        _settings(log_format="xml")
