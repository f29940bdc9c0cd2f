"""Which stored worker each imported CSV line updates: the three rules of matching.py, and the
lines that are ambiguous. Pure: workers are built in memory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.services.workers.csv_rows import WorkerRow
from triage.services.workers.matching import match_rows
from triage.storage.tables import Worker

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
# Stored workers by id: (name, telegram_user_id).
STORED = {
    1: ("Sari Dewi", 1001),
    2: ("Budi", None),
    3: ("Rina", 1003),
    4: ("Ani", 1004),
    5: ("ani", None),
    6: ("Tono", None),
    7: ("tono", None),
}

Line = tuple[str, int | None]  # (name, telegram_user_id) of lines 2, 3, ...
Errors = dict[int, str]  # line -> part of the message


def workers() -> list[Worker]:
    return [Worker(id=worker_id, name=name, telegram_user_id=telegram, created_at=T0,
                   updated_at=T0) for worker_id, (name, telegram) in STORED.items()]  # fmt: skip


def rows(lines: list[Line]) -> list[WorkerRow]:
    return [WorkerRow(n, name, telegram, "worker", ("31.74",), True, None, None, False)
            for n, (name, telegram) in enumerate(lines, start=2)]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "targets", "errors"),
    [
        # 1. an account updates the worker bound to it, whatever the name now is
        ([("Sari D.", 1001)], [1], {}),
        # 2. an unknown account binds the one unbound worker of that name (case and spaces aside)
        ([("  BUDI ", 2002)], [2], {}),
        # ... but never a worker bound to another account: a new worker
        ([("Rina", 3003)], [None], {}),
        # 3. no account: the one worker of that name, bound or not
        ([("rina", None), ("budi", None)], [3, 2], {}),
        ([("Nobody", None), ("Nobody", 9009)], [None, None], {}),
        # a name shared by a bound and an unbound worker: an account tells them apart
        ([("Ani", 1004), ("ani", None)], [4, 5], {}),
        ([("Ani", 4004)], [5], {}),
        ([("Ani", None)], [None], {2: "several workers have this name (ids 4, 5)"}),
        ([("TONO", 6006)], [None], {2: "several workers have this name (ids 6, 7)"}),
        # a worker matched by its account is not matched again by name: a new worker
        ([("Sari", 1001), ("Sari Dewi", None)], [1, None], {}),
        # two lines reaching the same worker
        ([("Budi", None), ("budi", None)], [2, None],
         {3: "line 2 already updates the same worker (id 2)"}),
        ([("Budi", None), ("budi", 2002)], [2, None],
         {3: "line 2 already updates the same worker (id 2)"}),
    ],
)  # fmt: skip
def test_match_rows(lines: list[Line], targets: list[int | None], errors: Errors) -> None:
    found, problems = match_rows(rows(lines), workers())
    assert [w.id if w is not None else None for w in found] == targets
    assert {e.line: e.message for e in problems}.keys() == errors.keys()
    for problem in problems:
        assert errors[problem.line] in problem.message
