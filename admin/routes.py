"""The admin's route table: every page and action, in one place.

Each handler declares who may use it (`admin/access.py`); the authorisation matrix in
`tests/admin/test_authorisation_matrix.py` is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from admin.access import Handler
from admin.api import cases as api_cases
from admin.api import stats as api_stats
from admin.views import (
    account,
    audit,
    case,
    case_actions,
    case_map,
    coverage,
    dashboard,
    evidence,
    health,
    language,
    login,
    metrics,
    reports,
    reports_csv,
    services,
    staff,
    statistics,
    telegram,
    two_factor,
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
    Route("GET", "/login/code", two_factor.login_code_page, "login_code"),
    Route("POST", "/login/code", two_factor.login_code_submit, "login_code_submit"),
    Route("GET", "/reports", reports.reports, "reports"),
    Route("GET", "/reports.csv", reports_csv.reports_csv, "reports_csv"),
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
    Route("GET", "/dashboard", dashboard.dashboard_page, "dashboard"),
    Route("GET", "/map", case_map.map_page, "case_map"),
    Route("GET", "/stats", statistics.statistics_page, "statistics"),
    Route("GET", "/healthz", health.healthz, "healthz"),
    Route("POST", "/language", language.choose_language, "language"),
    Route("GET", "/metrics", metrics.metrics, "metrics"),
    # Telegram's webhook (webhook mode); WEBHOOK_PATH may move it, WEBHOOK_PORT serve it apart.
    Route("POST", "/telegram/webhook", telegram.webhook, "telegram_webhook"),
    # The partner API (Access.PARTNER: a bearer token); every route is in docs/api/openapi.yaml.
    Route("GET", "/api/v1/stats", api_stats.stats, "api_stats"),
    Route("GET", "/api/v1/cases", api_cases.cases, "api_cases"),
    # Workers: the fixed paths come before /workers/{worker_id}, which would match them too.
    # The directory of services: /services/new comes before /services/{service_id}.
    Route("GET", "/services", services.services, "services"),
    Route("POST", "/services", services.create, "service_create"),
    Route("GET", "/services/new", services.new_service, "service_new"),
    Route("GET", "/services/{service_id}", services.service, "service"),
    Route("POST", "/services/{service_id}", services.update, "service_update"),
    Route("POST", "/services/{service_id}/active", services.set_active, "service_active"),
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
    Route("GET", "/audit", audit.audit_log, "audit"),
    Route("GET", "/audit.csv", audit.audit_csv, "audit_csv"),
    Route("GET", "/account", account.account_page, "account"),
    Route("POST", "/account/password", account.change_password, "account_password"),
    Route("POST", "/account/two-factor", two_factor.start_enrolment, "account_2fa_start"),
    Route(
        "POST", "/account/two-factor/confirm", two_factor.confirm_enrolment, "account_2fa_confirm"
    ),
    Route("POST", "/account/two-factor/disable", two_factor.disable, "account_2fa_disable"),
    Route("GET", "/staff", staff.staff_page, "staff"),
    Route("POST", "/staff", staff.create_staff, "staff_create"),
    Route("POST", "/staff/{username}/deactivate", staff.deactivate_staff, "staff_deactivate"),
    Route("POST", "/staff/{username}/activate", staff.activate_staff, "staff_activate"),
    Route("POST", "/staff/{username}/password", staff.reset_staff_password, "staff_reset"),
)
