"""TriageDeps for tests: the real rules, regions and catalogues, loaded once per run."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from bot.messages import TelegramMessages
from triage.domain.rules.model import Rules
from triage.i18n import Translator, load_translator
from triage.services.common.deps import TriageDeps
from triage.services.regions.lookup import DirectoryLookup
from triage.storage.encryption.cipher import Keyring, parse_data_keys
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules
from triage.storage.uow import UnitOfWorkFactory


@dataclass
class Clock:
    """A clock the test moves by hand: `clock.now += timedelta(hours=1)`."""

    now: datetime = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@cache
def real_regions() -> DirectoryLookup:
    return DirectoryLookup(load_region_directory())


@cache
def default_rules() -> Rules:
    return load_default_rules()


@cache
def translator() -> Translator:
    return load_translator()


def make_deps(
    uow: UnitOfWorkFactory, *, clock: Callable[[], datetime] | None = None, **changes: Any
) -> TriageDeps:
    """Real dependencies over `uow`; keyword arguments replace any of them."""
    deps = TriageDeps(
        uow=uow,
        rules=default_rules(),
        regions=real_regions(),
        translator=translator(),
        messages=TelegramMessages(translator()),
    )
    if clock is not None:
        deps.clock = clock
    for name, value in changes.items():
        setattr(deps, name, value)
    return deps


# The data keys of this test run: every test database's encrypted columns use them.
# DATA_KEYS for an app or a command the test starts; TEST_KEYRING for the test's own engines.
TEST_DATA_KEYS = f"test1:{secrets.token_urlsafe(48)}"
TEST_KEYRING = Keyring.of("test1", parse_data_keys(TEST_DATA_KEYS))
