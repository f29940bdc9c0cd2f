"""Callback data is built and parsed in `bot/callbacks.py` only: no other module of the
application spells a callback prefix ("w:", "r:", "i:", "s:", "l:") in a string or f-string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODEC = ROOT / "bot" / "callbacks.py"
PREFIX = re.compile(r"^(w|r|i|s|l):")


def prefixed_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant, also an f-string's literal part, that starts
    with a callback prefix."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and PREFIX.match(node.value)
    ]


def test_only_the_codec_spells_callback_prefixes() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} {text!r}"
        for folder in ("triage", "bot", "admin", "app")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != CODEC
        for line, text in prefixed_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('x = "w:acc:1"', [(1, "w:acc:1")]),
        ('x = f"r:{ref}:{n}"', [(1, "r:")]),
        ('x = "s:" + y', [(1, "s:")]),
        ('x = "ws:1"; y = "kasus: {ref}"', []),
    ],
)
def test_the_scan_sees_strings_and_f_strings(source: str, found: list[tuple[int, str]]) -> None:
    assert prefixed_literals(source) == found
