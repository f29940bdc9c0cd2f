"""Every audit row is written by `audit()` (triage/services/common/events.py), which gives it
the request's source address; a use case that built `AuditLog(...)` itself would lose it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WRITER = ROOT / "triage" / "services" / "common" / "events.py"


def _builds_audit_rows(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "AuditLog"
        for node in ast.walk(tree)
    )


def test_only_audit_builds_audit_rows() -> None:
    builders = [
        path.relative_to(ROOT).as_posix()
        for folder in ("triage/services", "bot", "admin", "app")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != WRITER and _builds_audit_rows(path)
    ]
    assert builders == []
