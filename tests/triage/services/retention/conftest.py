"""The `world` fixture of the case tests (five workers, a movable clock), on both databases."""

from __future__ import annotations

import pytest

from tests.triage.services.cases.helpers import World, make_world
from triage.storage.uow import UnitOfWorkFactory


@pytest.fixture
async def world(uow_factory: UnitOfWorkFactory) -> World:
    return await make_world(uow_factory)
