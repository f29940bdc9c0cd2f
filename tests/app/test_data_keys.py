"""DATA_KEYS: required in production, strong and separate from SECRET_KEY; development makes
one in var/ on the first start; the keyring puts the first key in front."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.bootstrap import data_keyring
from app.settings import Settings

SECRET = "q3Vn8-Jz0pLr7Xc_2mWk5Ty9BfHd4Gs6NaEu1Oi0RvQ"
OLD = "old-data-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW = "new-data-key-9876543210-zyxwvutsrqponmlkjihgfedcba"


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _production(data_keys: str) -> Settings:
    return _settings(
        environment="production", secret_key=SECRET, admin_cookie_secure=True, data_keys=data_keys
    )


def test_production_needs_data_keys() -> None:
    with pytest.raises(ValidationError, match="DATA_KEYS must be set in production"):
        _production("")


@pytest.mark.parametrize("data_keys", ["k1:change-me", "k1:short", f"k1:{'x' * 48}"])
def test_a_weak_data_key_is_refused_without_showing_it(data_keys: str) -> None:
    with pytest.raises(ValidationError, match="'k1' is a placeholder or too weak") as caught:
        _production(data_keys)
    assert data_keys.removeprefix("k1:") not in caught.value.errors()[0]["msg"]


def test_the_data_key_must_not_be_the_secret_key() -> None:
    with pytest.raises(ValidationError, match="is SECRET_KEY") as caught:
        _production(f"k2:{NEW},k1:{SECRET}")
    assert SECRET not in caught.value.errors()[0]["msg"]


def test_a_malformed_entry_is_refused() -> None:
    with pytest.raises(ValidationError, match="DATA_KEYS entry 1 is not `id:key`"):
        _production(NEW)


def test_the_first_key_seals_and_the_others_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keyring = data_keyring(_production(f"k2:{NEW}, k1:{OLD}"))
    assert (keyring.current, keyring.ids) == ("k2", ("k2", "k1"))
    assert not (tmp_path / "var").exists()


def test_development_makes_a_data_key_in_var_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = data_keyring(_settings())
    sealed = first.seal("cerita", "report.description")

    key_file = tmp_path / "var" / "data_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = data_keyring(_settings())  # the next start
    assert again.current == "local" and again.open(sealed, "report.description") == "cerita"
    secret_file = tmp_path / "var" / "secret_key"
    assert not secret_file.exists()  # a key of its own, not SECRET_KEY's file
