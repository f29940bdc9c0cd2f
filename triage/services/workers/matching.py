"""Which existing worker each imported CSV row updates. No I/O; imports the tables.

The rules, so that a re-import never duplicates a worker who is bound to Telegram:
1. A row with a telegram_user_id updates the worker bound to that account.
2. Failing that, it binds the one worker of the same name who has no account yet
   (imported earlier without an id); if there is none, it creates a worker.
3. A row without a telegram_user_id updates the one worker of the same name (bound or not)
   not already taken by rule 1; if there is none, it creates an unbound worker.
Deactivated workers are left out: a row never updates or revives one (it creates a new
worker instead). Names compare case-insensitively with spaces collapsed. Several candidates,
or two rows reaching the same worker, are line errors: the file must then give telegram ids.
"""

from __future__ import annotations

from collections import defaultdict

from triage.i18n import N_
from triage.services.workers.csv_lines import LineError
from triage.services.workers.csv_rows import WorkerRow
from triage.services.workers.fields import name_key
from triage.services.workers.problems import Problem, problem
from triage.storage.tables import Worker


class _Ambiguous(ValueError):
    def __init__(self, found: Problem) -> None:
        super().__init__(found.msgid)
        self.problem = found


class _Matcher:
    def __init__(self, workers: list[Worker]) -> None:
        self.by_telegram = {
            w.telegram_user_id: w for w in workers if w.telegram_user_id is not None
        }
        self.by_name: defaultdict[str, list[Worker]] = defaultdict(list)
        for worker in workers:
            self.by_name[name_key(worker.name)].append(worker)
        self.taken_by_id: set[int] = set()  # workers matched by their Telegram id (rule 1)
        self.line_of: dict[int, int] = {}  # worker id -> the line that updates it

    def by_account(self, row: WorkerRow) -> Worker | None:
        """Rule 1."""
        if row.telegram_user_id is None:
            return None
        worker = self.by_telegram.get(row.telegram_user_id)
        if worker is not None and worker.id is not None:
            self.taken_by_id.add(worker.id)
        return worker

    def by_same_name(self, row: WorkerRow) -> Worker | None:
        """Rules 2 and 3; raises _Ambiguous with the reason."""
        candidates = [
            w
            for w in self.by_name.get(name_key(row.name), ())
            if w.id not in self.taken_by_id
            and (row.telegram_user_id is None or w.telegram_user_id is None)
        ]
        if len(candidates) > 1:
            ids = ", ".join(str(w.id) for w in candidates)
            several = N_(
                "beberapa petugas bernama ini (id {ids}); tambahkan telegram_user_id "
                "petugas yang dimaksud baris ini"
            )
            raise _Ambiguous(problem(several, ids=ids))
        return candidates[0] if candidates else None

    def claim(self, row: WorkerRow, worker: Worker | None) -> None:
        """Refuses a second line for the same worker."""
        if worker is None or worker.id is None:
            return
        first = self.line_of.setdefault(worker.id, row.line)
        if first != row.line:
            twice = N_("baris {first} sudah mengubah petugas yang sama (id {id})")
            raise _Ambiguous(problem(twice, first=first, id=worker.id))


def match_rows(
    rows: list[WorkerRow], workers: list[Worker]
) -> tuple[list[Worker | None], list[LineError]]:
    """For each row the worker it updates (None: create one), or the lines that are ambiguous."""
    matcher = _Matcher(workers)
    direct = [matcher.by_account(row) for row in rows]
    targets: list[Worker | None] = []
    errors: list[LineError] = []
    for row, found in zip(rows, direct, strict=True):
        try:
            worker = found if found is not None else matcher.by_same_name(row)
            matcher.claim(row, worker)
        except _Ambiguous as exc:
            errors.append(LineError(row.line, exc.problem))
            worker = None
        targets.append(worker)
    return targets, errors
