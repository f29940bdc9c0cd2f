"""Reads the packaged mapping of kinds of harm to national categories."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from triage.domain.statistics.harm import HarmMapping, parse_harm_mapping

MAPPING_FILE = "harm_categories.toml"


@cache
def load_harm_mapping() -> HarmMapping:
    """`triage/data/statistics/harm_categories.toml`, read and checked once."""
    files = resources.files("triage.data.statistics")
    text = files.joinpath(MAPPING_FILE).read_text(encoding="utf-8")
    return parse_harm_mapping(tomllib.loads(text))
