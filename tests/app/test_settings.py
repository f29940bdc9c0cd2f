"""Settings that keep production safe, read in-process (no .env file)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.bootstrap import admin_security
from app.settings import Settings

LONG_SECRET = "x" * 48


def _settings(**values: object) -> Settings:
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


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("admin_trusted_proxies", "proxy.example"),
        ("admin_session_idle_minutes", 0),
        ("admin_password_checks_at_once", 0),
    ],
)
def test_bad_security_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        _settings(**{field: value})


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
