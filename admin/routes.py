"""The admin's route table: every page and action, in one place.

Each handler declares who may use it (`admin/access.py`); the authorisation matrix in
`tests/admin/test_authorisation_matrix.py` is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from admin.access import Handler
from admin.views import case, health, login, reports, reports_csv


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
    Route("GET", "/reports.csv", reports_csv.reports_csv, "reports_csv"),
    Route("GET", "/reports/{reference}", case.case_page, "case"),
    Route("POST", "/reports/{reference}/urgency", case.override, "case_urgency"),
    Route("GET", "/healthz", health.healthz, "healthz"),
)
