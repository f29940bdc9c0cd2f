"""Parsing `[scoring.text.combos.<name>]`: groups, exceptions, window, what a combination
sets and how it shows. Errors name the file and the line (`Reader`).
"""

from __future__ import annotations

from triage.domain.model import Urgency
from triage.domain.rules.codes import INFERRED_FACTORS
from triage.domain.rules.rule_parts import (
    PATH,
    category_of,
    dotted,
    factor_of,
    known_names,
    names_of,
)
from triage.domain.rules.text_model import ComboRule
from triage.domain.rules.toml_reader import KeyPath, Reader, Table
from triage.domain.scoring.reasons import COMBO_NAMES

_COMBO_KEYS = (
    "groups", "unless", "reason", "window", "ordered", "near", "points", "floor", "sets",
    "category", "clears",
)  # fmt: skip


def parse_combo(
    r: Reader, combos: Table, name: str, names: tuple[set[str], set[str]], near: Table
) -> ComboRule:
    """One combination; `names` are the signals and reasons, and the word lists, it may use."""
    reasons, lists = names
    path = (*PATH, "combos", name)
    table = r.table(combos, path[:-1], name)
    r.only(table, path, _COMBO_KEYS)
    level = r.value(table, path, "floor", str, "")
    combo = ComboRule(
        name=name,
        groups=groups_of(r, table, path, reasons | lists),
        unless=names_of(r, table, path, "unless", reasons | lists),
        reason=r.value(table, path, "reason", str, ""),
        points=r.count(table, path, "points", 0, high=100),
        window=r.count(table, path, "window", 0, high=500) or None,
        ordered=r.value(table, path, "ordered", bool, False),
        near=r.value(table, path, "near", str, "") or None,
        floor=r.urgency(level, (*path, "floor")) if level else None,
        sets=factor_of(r, table, path),
        category=category_of(r, table, path),
        clears=_inferred_factor(r, table, path),
    )
    if combo.near is not None and combo.near not in near:
        r.fail((*path, "near"), f"there is no word list scoring.text.near.{combo.near}")
    _check_shown(r, combo, path, reasons)
    return combo


def combo_floors(combos: tuple[ComboRule, ...]) -> dict[str, Urgency]:
    """The floors of the combinations that have a reason text, by that reason's code."""
    return {c.code: c.floor for c in combos if c.floor and (c.reason or c.name) in COMBO_NAMES}


def _check_shown(r: Reader, combo: ComboRule, path: KeyPath, reasons: set[str]) -> None:
    """A rule must show what it does: its points and floor under a reason text, or its floor
    through the signals and reasons its groups name; or else set a factor or category, or
    clear an inferred factor."""
    text = combo.reason or combo.name
    if (combo.reason or combo.points) and text not in COMBO_NAMES:
        known_names = ", ".join(sorted(COMBO_NAMES))
        where = (*path, "reason") if combo.reason else path
        r.fail(where, f"no reason text for combination {text!r} (known: {known_names})")
    lists = [n for g in combo.groups for n in g if n not in reasons]
    if combo.floor is not None and text not in COMBO_NAMES and lists:
        reason = "a floor without a reason text shows through the signals and reasons"
        r.fail((*path, "floor"), f"{reason} its groups name, not word list {lists[0]!r}")
    if not (combo.points or combo.floor or combo.sets or combo.category or combo.clears):
        reason = (
            f"combination {combo.name!r} does nothing: give points, floor, sets, category or clears"
        )
        r.fail(path, reason)


def _inferred_factor(r: Reader, table: Table, path: KeyPath) -> str | None:
    """The factor a rule `clears`: only one inferred from the answers, never one answered
    (the story never lowers what the reporter answered)."""
    factor = r.value(table, path, "clears", str, "") or None
    if factor is not None and factor not in INFERRED_FACTORS:
        known = ", ".join(INFERRED_FACTORS)
        r.fail(
            (*path, "clears"), f"only an inferred factor can be cleared ({known}), not {factor!r}"
        )
    return factor


def groups_of(
    r: Reader, table: Table, path: KeyPath, known: set[str]
) -> tuple[tuple[str, ...], ...]:
    groups = r.value(table, path, "groups", list, None)
    result = []
    for group in groups:
        names = [group] if isinstance(group, str) else group
        if not names or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            r.fail((*path, "groups"), f"{dotted(path)}.groups must be a list of lists of names")
        result.append(known_names(r, names, (*path, "groups"), known))
    if not result:
        r.fail((*path, "groups"), f"{dotted(path)}.groups must not be empty")
    return tuple(result)
