"""The documentation names only what exists: every repository path and every dotted module name
written in backticks in README.md and docs/*.md must be in the tree.

A path may name a file or a folder; `triage.domain.roster.codes_cover` must be a module, or a
name defined at the top level of one. Placeholders (`<code>`, `{id}`, `*`, `…`) are skipped.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
TOP = ("triage", "bot", "admin", "app", "tests", "bench", "docs", ".ci")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
PATH = re.compile(rf"^(?:{'|'.join(re.escape(t) for t in TOP)})/[\w./-]*$")
DOTTED = re.compile(r"^(?:triage|bot|admin|app)(?:\.\w+)+$")
PLACEHOLDER = re.compile(r"[<>{}*…]")


def references(text: str) -> list[str]:
    """Paths and dotted names in backticks; a span may hold several words, each is looked at."""
    found = []
    for span in CODE_SPAN.findall(text):
        for word in span.split():
            word = word.strip(",;:()")
            if PLACEHOLDER.search(word):
                continue
            if PATH.match(word) or DOTTED.match(word):
                found.append(word)
    return found


@cache
def top_level_names(module_file: Path) -> frozenset[str]:
    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return frozenset(names)


def exists(reference: str) -> bool:
    if "/" in reference:
        return (ROOT / reference.rstrip("/")).exists()
    parts = reference.split(".")
    for cut in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:cut])
        module = base.with_suffix(".py") if not base.is_dir() else base / "__init__.py"
        if module.exists():
            rest = parts[cut:]
            return not rest or (len(rest) == 1 and rest[0] in top_level_names(module))
    return False


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_named_path_exists(document: Path) -> None:
    missing = [ref for ref in references(document.read_text(encoding="utf-8")) if not exists(ref)]
    assert missing == []


def test_the_architecture_map_names_many_modules() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert len(set(references(text))) > 60


@pytest.mark.parametrize(
    ("reference", "found"),
    [
        ("triage/domain/roster.py", True),
        ("triage/domain/", True),
        ("triage/domain/nowhere.py", False),
        ("triage.domain.roster", True),
        ("triage.domain.roster.codes_cover", True),
        ("triage.domain.roster.no_such_rule", False),
        ("triage.domain.nowhere", False),
    ],
)
def test_the_check_tells_real_from_gone(reference: str, found: bool) -> None:
    assert exists(reference) is found


def test_placeholders_and_prose_are_not_references() -> None:
    text = "`triage/i18n/locales/<code>/x.po` `make run` `w:acc` `bot/callbacks.py`, `app.cli`"
    assert references(text) == ["bot/callbacks.py", "app.cli"]
