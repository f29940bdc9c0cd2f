"""Finding the worker a console command names: by id, by a shared name, by part of a name."""

from __future__ import annotations

from tests.triage.services.workers.staffing import ADMIN, add
from triage.services.common.deps import TriageDeps
from triage.services.workers.deactivate import deactivate_worker
from triage.services.workers.named import workers_named


async def test_ids_names_shared_names_and_suggestions(deps: TriageDeps) -> None:
    first = await add(deps, "Budi Santoso", ["31.74"])
    second = await add(deps, "budi  santoso", ["32.73"], role="supervisor")
    sari = await add(deps, "Sari Dewi", ["31.74"])
    gone = await add(deps, "Sari Dewi", ["31.71"])
    await deactivate_worker(deps, ADMIN, gone, "pindah", deps.clock())

    for text in (str(sari), f"#{sari}", " Sari  DEWI "):
        match = await workers_named(deps, text)
        assert match.one is not None and match.one.id == sari, text
    by_id = await workers_named(deps, str(gone))
    assert by_id.one is not None and not by_id.one.active  # an id finds a deactivated one too
    shared = await workers_named(deps, "Budi Santoso")
    assert shared.one is None
    assert [(c.id, c.role, c.region_codes) for c in shared.exact] == [
        (first, "worker", ("31.74",)),
        (second, "supervisor", ("32.73",)),
    ]
    guess = await workers_named(deps, "santo")
    assert guess.exact == () and [c.id for c in guess.similar] == [first, second]
    for nothing in ("Nobody", "999", "9" * 40, "", "#"):
        found = await workers_named(deps, nothing)
        assert (found.exact, found.similar) == ((), ()), nothing
