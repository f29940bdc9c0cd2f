"""The one formula neutraliser, and both CSV exports (the queue's and the audit log's) using it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from admin.presentation.audit import csv_cells
from admin.presentation.csv_cells import neutralise
from triage.domain.timezones import WIB
from triage.services.audit.entries import AuditEntry

DANGEROUS = ("=1+1", "+62", "-5", "@x", "\tx", "\rx", "\nx", "＝1+1", "＋1", "－1", "＠x")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"), ("+62", "'+62"), ("-5", "'-5"), ("@x", "'@x"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("\nx", "'\nx"), ("＝1+1", "'＝1+1"), ("Budi", "Budi"), ("", ""),
        (" =1", " =1"), ("a=b", "a=b"),
    ],
)  # fmt: skip
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


@pytest.mark.parametrize("cell", DANGEROUS)
def test_the_audit_export_neutralises_every_formula_start(cell: str) -> None:
    entry = AuditEntry(
        id=1, at=datetime(2026, 11, 23, tzinfo=UTC), actor=cell, action=cell,
        reference=cell, source_address=cell, detail={},
    )  # fmt: skip

    row = csv_cells(entry, WIB)

    assert row[1:5] == [f"'{cell}"] * 4
