"""Deactivating a worker: open cases routed again with events, timers and the new holder's
message in one transaction; the Telegram binding ends; who may do it."""

from __future__ import annotations

from tests.bot.cases import active_assignment, file_case, report_by_reference
from tests.triage.services.workers.helpers import HEADER
from tests.triage.services.workers.staffing import (
    ADMIN,
    SPV_BANDUNG,
    SPV_JAKSEL,
    add,
    audit_actions,
    events_of,
    outbox_to,
    pending_deadlines,
    worker_row,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.common.deps import TriageDeps
from triage.services.workers.deactivate import DeactivateStatus, deactivate_worker
from triage.services.workers.manage import import_workers_csv, set_on_duty, worker_by_telegram

SARI, BUDI, RINA, REPORTER = 1001, 1002, 1003, 5001


async def _sari_with_two_cases(deps: TriageDeps) -> tuple[int, str, str]:
    """Sari holds two cases of South Jakarta; she accepted the first."""
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    first = await file_case(deps, REPORTER)
    second = await file_case(deps, REPORTER + 1)
    accepted = await accept_case(deps, SARI, (await active_assignment(deps, first)).id or 0)
    assert accepted.status is ActionStatus.DONE
    return sari, first, second


async def test_open_cases_go_to_the_next_worker_who_is_told(deps: TriageDeps) -> None:
    sari, first, second = await _sari_with_two_cases(deps)
    budi = await add(deps, "Budi", ["31.74"], telegram_user_id=BUDI)
    old = await active_assignment(deps, second)

    result = await deactivate_worker(deps, ADMIN, sari, "pindah tugas", deps.clock())

    assert result.status is DeactivateStatus.DONE
    assert {(m.reference, m.kind, m.worker_id, m.worker_name) for m in result.reassigned} == {
        (first, "assigned", budi, "Budi"),
        (second, "assigned", budi, "Budi"),
    }
    for reference in (first, second):
        report = await report_by_reference(deps, reference)
        assert report.assigned_worker_id == budi
        kinds = [(e.kind, e.actor) for e in await events_of(deps, report.id or 0)]
        assert kinds[-2:] == [("worker_deactivated", "staff:admin"), ("routed", "system")]
        assignment = await active_assignment(deps, reference)
        assert assignment.worker_id == budi and assignment.accepted_at is None
        due = [d.key for d in await pending_deadlines(deps, report.id or 0)]
        assert any(key.startswith(f"{reference}:accept") and ":g1" in key for key in due), due
    assert (await report_by_reference(deps, first)).status == "accepted"  # progress is kept
    assert (await report_by_reference(deps, second)).status == "assigned"
    told = {m.dedup_key for m in await outbox_to(deps, BUDI)}
    assert {f"assign:{(await active_assignment(deps, r)).id}" for r in (first, second)} <= told
    assert old.id is not None and (await active_assignment(deps, second)).id != old.id
    assert ("admin", "worker_deactivated") in [(a, b) for a, b, _ in await audit_actions(deps)]


async def test_the_telegram_binding_stops_at_once(deps: TriageDeps) -> None:
    sari, _first, second = await _sari_with_two_cases(deps)
    old = await active_assignment(deps, second)

    await deactivate_worker(deps, ADMIN, sari, "berhenti", deps.clock())

    row = await worker_row(deps, sari)
    assert not row.active and row.telegram_user_id is None and row.invite_code_hash is None
    assert row.ended_telegram_user_id == SARI  # told "your access has ended" in Telegram
    assert row.deactivation_reason == "berhenti" and row.deactivated_at is not None
    assert await worker_by_telegram(deps, SARI) is None
    assert await set_on_duty(deps, SARI, True, deps.clock()) is None
    refused = await accept_case(deps, SARI, old.id or 0)
    assert refused.status is ActionStatus.NOT_YOURS


async def test_with_nobody_else_the_case_escalates(deps: TriageDeps) -> None:
    sari, _first, _second = await _sari_with_two_cases(deps)
    rina = await add(deps, "Rina", ["31"], telegram_user_id=RINA, role="supervisor")

    result = await deactivate_worker(deps, ADMIN, sari, "cuti panjang", deps.clock())

    assert {(m.kind, m.worker_id) for m in result.reassigned} == {("supervisor_province", rina)}
    assert len(await outbox_to(deps, RINA)) == 2


async def test_nobody_at_all_leaves_the_case_in_the_national_queue(deps: TriageDeps) -> None:
    sari, first, second = await _sari_with_two_cases(deps)

    result = await deactivate_worker(deps, ADMIN, sari, "berhenti", deps.clock())

    assert {(m.kind, m.worker_id) for m in result.reassigned} == {("national_queue", None)}
    assert (await report_by_reference(deps, second)).status == "new"
    assert (await report_by_reference(deps, first)).status == "accepted"


async def test_who_may_deactivate(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    wide = await add(deps, "Wide", ["31.74", "32.73"])
    rina = await add(deps, "Rina", ["31.74"], role="supervisor")
    now = deps.clock()

    assert (await deactivate_worker(deps, SPV_BANDUNG, sari, "x", now)).status is (
        DeactivateStatus.HIDDEN
    )
    assert (await deactivate_worker(deps, ADMIN, 999, "x", now)).status is DeactivateStatus.HIDDEN
    for other in (wide, rina):
        result = await deactivate_worker(deps, SPV_JAKSEL, other, "x", now)
        assert result.status is DeactivateStatus.NOT_ALLOWED
        assert (await worker_row(deps, other)).active
    assert (await deactivate_worker(deps, SPV_JAKSEL, sari, "x", now)).status is (
        DeactivateStatus.DONE
    )
    assert (await deactivate_worker(deps, ADMIN, sari, "x", now)).status is (
        DeactivateStatus.ALREADY_INACTIVE
    )


async def test_an_import_never_revives_a_deactivated_worker(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    await deactivate_worker(deps, ADMIN, sari, "berhenti", deps.clock())
    csv_text = f"{HEADER}\nSari,{SARI},worker,31.74,true,\n"

    result = await import_workers_csv(deps, csv_text, deps.regions.directory, deps.clock())

    assert (result.created, result.updated, result.errors) == (1, 0, ())
    assert not (await worker_row(deps, sari)).active
    assert (await worker_by_telegram(deps, SARI)) is not None  # the new worker, bound afresh
