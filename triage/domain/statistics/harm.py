"""The questionnaire's kinds of harm mapped to the categories national statistics use. Pure.

The mapping is data (`triage/data/statistics/harm_categories.toml`, documented in
`docs/statistics.md`); this module checks and applies it. A report may name several kinds
of harm; a table counts it once, under the first of its national categories in the file's
`order` (so the cells of a row add up to its total).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from triage.domain.model import Category

NATIONAL = ("fisik", "psikis", "seksual", "eksploitasi", "tppo", "penelantaran", "lainnya")
FALLBACK = "lainnya"


class HarmMappingError(ValueError):
    """The mapping file is not complete or names something unknown."""


@dataclass(frozen=True, slots=True)
class HarmMapping:
    """Each `Category` to one national category; `order` decides a report naming several."""

    national: Mapping[str, str]  # Category value -> national code
    order: tuple[str, ...]  # national codes, the first found wins

    def primary(self, categories: Iterable[str]) -> str:
        """The national category a report is counted under ("lainnya" when none is known)."""
        ranks = [self.order.index(self.national[c]) for c in categories if c in self.national]
        return self.order[min(ranks)] if ranks else FALLBACK


def parse_harm_mapping(data: Mapping[str, Any]) -> HarmMapping:
    """From the file's tables: `order` (every national code once) and `[categories]` (every
    questionnaire category to a national code)."""
    order = data.get("order")
    if not isinstance(order, list) or sorted(order) != sorted(NATIONAL):
        raise HarmMappingError(f"order must list each of {', '.join(NATIONAL)} once")
    categories = data.get("categories")
    if not isinstance(categories, dict):
        raise HarmMappingError("a [categories] table is needed")
    known = {c.value for c in Category}
    missing, unknown = known - categories.keys(), categories.keys() - known
    if missing or unknown:
        raise HarmMappingError(f"missing {sorted(missing)}, unknown {sorted(unknown)}")
    wrong = {key: value for key, value in categories.items() if value not in NATIONAL}
    if wrong:
        raise HarmMappingError(f"not a national category: {wrong}")
    return HarmMapping(national=dict(categories), order=tuple(order))
