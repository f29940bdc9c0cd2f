"""The real region directory, loaded once per test module, for the directory tests."""

from __future__ import annotations

import pytest

from triage.domain.regions.directory import RegionDirectory
from triage.storage.region_source import load_region_directory


@pytest.fixture(scope="module")
def regions() -> RegionDirectory:
    return load_region_directory()
