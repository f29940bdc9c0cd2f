"""The real region directory, loaded once per test module, for the directory tests."""

from __future__ import annotations

import pytest

from tests.triage.services.cases.helpers import World, make_world
from triage.domain.regions.directory import RegionDirectory
from triage.storage.region_source import load_region_directory
from triage.storage.uow import UnitOfWorkFactory


@pytest.fixture(scope="module")
def regions() -> RegionDirectory:
    return load_region_directory()


@pytest.fixture
async def world(uow_factory: UnitOfWorkFactory) -> World:
    """The case use-case tests' world (workers Sari, Budi, Rina in 31.74), on both databases."""
    return await make_world(uow_factory)
