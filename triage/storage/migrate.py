"""Applies Alembic migrations programmatically (used by `lapor-sosial migrate` and `run`)."""

from __future__ import annotations

import asyncio
from importlib import resources

from alembic import command
from alembic.config import Config

from triage.storage.encryption.cipher import Keyring

KEYRING = "keyring"  # the config attribute the migrations that seal values read


def alembic_config(database_url: str, keyring: Keyring | None = None) -> Config:
    config = Config()
    config.attributes[KEYRING] = keyring
    script_location = resources.files("triage.storage") / "migrations"
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_database(database_url: str, keyring: Keyring | None = None) -> None:
    """Bring the schema to the newest revision. Blocking: call it from a thread in async code.

    `keyring` seals what an upgrade encrypts (revision 0014); an empty database needs none."""
    command.upgrade(alembic_config(database_url, keyring), "head")


async def upgrade_database_async(database_url: str, keyring: Keyring | None = None) -> None:
    """`upgrade_database` from async code: Alembic runs its own event loop, so use a thread."""
    await asyncio.to_thread(upgrade_database, database_url, keyring)
