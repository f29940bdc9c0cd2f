"""The admin's route table: every page and action, in one place.

Each handler declares who may use it (`admin/access.py`); the authorisation matrix in
`tests/admin/test_authorisation_matrix.py` is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from admin.access import Handler
from admin.views import (
    case,
    case_actions,
    coverage,
    evidence,
    health,
    login,
    reports,
    worker_import,
    workers,
)


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    path: str
    handler: Handler
    name: str


ROUTES: tuple[Route, ...] = (
    Route("GET", "/", reports.index, "index"),
    Route("GET", "/login", login.login_page, "login"),
    Route("POST", "/login", login.login_submit, "login_submit"),
    Route("POST", "/logout", login.logout, "logout"),
    Route("GET", "/reports", reports.reports, "reports"),
    Route("GET", "/reports/{reference}", case.case_page, "case"),
    Route("POST", "/reports/{reference}/urgency", case.override, "case_urgency"),
    Route("POST", "/reports/{reference}/reassign", case_actions.reassign, "case_reassign"),
    Route("POST", "/reports/{reference}/notes", case_actions.note, "case_note"),
    Route("POST", "/reports/{reference}/status", case_actions.status, "case_status"),
    Route("POST", "/reports/{reference}/close", case_actions.close, "case_close"),
    Route("POST", "/reports/{reference}/duplicate", case_actions.duplicate, "case_duplicate"),
    Route(
        "POST",
        "/reports/{reference}/duplicate/remove",
        case_actions.unduplicate,
        "case_unduplicate",
    ),
    Route("POST", "/reports/{reference}/message", case_actions.message, "case_message"),
    Route("GET", "/reports/{reference}/evidence/{number}", evidence.evidence, "case_evidence"),
    Route("GET", "/healthz", health.healthz, "healthz"),
    # Workers: the fixed paths come before /workers/{worker_id}, which would match them too.
    Route("GET", "/workers", workers.workers, "workers"),
    Route("POST", "/workers", workers.create, "worker_create"),
    Route("GET", "/workers/new", workers.new_worker, "worker_new"),
    Route("GET", "/workers/import", worker_import.import_form, "workers_import"),
    Route("POST", "/workers/import", worker_import.import_csv, "workers_import_submit"),
    Route("GET", "/workers/{worker_id}", workers.worker, "worker"),
    Route("POST", "/workers/{worker_id}", workers.update, "worker_update"),
    Route("GET", "/workers/{worker_id}/deactivate", workers.deactivate_form, "worker_deactivate"),
    Route(
        "POST", "/workers/{worker_id}/deactivate", workers.deactivate, "worker_deactivate_submit"
    ),
    Route("POST", "/workers/{worker_id}/invite", workers.invite, "worker_invite"),
    Route("GET", "/coverage", coverage.coverage_page, "coverage"),
)
