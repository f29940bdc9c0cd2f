"""The layers' import rules (docs/architecture.md), read from the source with `ast`.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("triage", "bot", "admin", "app")
WEB_AND_TELEGRAM = ("telegram", "aiohttp", "aiohttp_jinja2", "aiohttp_session", "jinja2")
DATABASE = ("sqlalchemy", "sqlmodel", "alembic", "asyncpg", "aiosqlite")
IO = ("os", "io", "socket", "asyncio", "logging", "pathlib", "importlib", "subprocess", "sqlite3")
IO += ("urllib", "http", "shutil", "tempfile", "secrets", "random", "uuid")

# (package, what it must not import): a module name matches a rule and all below it.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "triage.domain",
        (
            "triage.services",
            "triage.storage",
            "triage.i18n",
            *PACKAGES[1:],
            *WEB_AND_TELEGRAM,
            *DATABASE,
            "apscheduler",
            *IO,
        ),
    ),
    ("triage.services", (*PACKAGES[1:], *WEB_AND_TELEGRAM)),
    ("triage.storage", ("triage.services", *PACKAGES[1:], *WEB_AND_TELEGRAM)),
    ("triage.i18n", ("triage.services", "triage.storage", *PACKAGES[1:], *WEB_AND_TELEGRAM)),
    ("bot", ("triage.storage", "admin", "app", *DATABASE, "jinja2", "aiohttp_jinja2")),
    ("admin", ("triage.storage", "bot", "app", "telegram", *DATABASE)),
)


def imported_modules(source: str) -> Iterator[str]:
    """Every absolute module an import statement names (`from a import b` names `a` and `a.b`)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def breaks(module: str, forbidden: tuple[str, ...]) -> str | None:
    return next(
        (rule for rule in forbidden if module == rule or module.startswith(f"{rule}.")), None
    )


def violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
        for module in set(imported_modules(path.read_text(encoding="utf-8"))):
            rule = breaks(module, forbidden)
            if rule is not None:
                found.append(f"{path.relative_to(ROOT)} imports {module} (no {rule} in {package})")
    return sorted(found)


@pytest.mark.parametrize(("package", "forbidden"), RULES, ids=[rule[0] for rule in RULES])
def test_layer_imports(package: str, forbidden: tuple[str, ...]) -> None:
    assert violations(package, forbidden) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sqlalchemy.orm", {"sqlalchemy.orm"}),
        ("from triage.storage import tables", {"triage.storage", "triage.storage.tables"}),
        ("def f():\n    from telegram import Bot\n", {"telegram", "telegram.Bot"}),
        ("if TYPE_CHECKING:\n    import aiohttp\n", {"aiohttp"}),
        ("from . import sibling", set()),
    ],
)
def test_the_reader_sees_every_import(source: str, expected: set[str]) -> None:
    assert set(imported_modules(source)) == expected


@pytest.mark.parametrize(
    ("module", "rule"),
    [("triage.storage.tables", "triage.storage"), ("sqlalchemy", "sqlalchemy"), ("iox", None)],
)
def test_a_rule_covers_its_submodules_only(module: str, rule: str | None) -> None:
    assert breaks(module, ("triage.storage", "sqlalchemy", "io")) == rule
