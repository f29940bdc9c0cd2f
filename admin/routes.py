"""The admin's route table: every page and action, in one place.

Each handler declares who may use it (`admin/access.py`); the authorisation matrix in
`tests/admin/test_authorisation_matrix.py` is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from admin.access import Handler
from admin.views import case, case_map, dashboard, health, login, reports


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
    Route("GET", "/dashboard", dashboard.dashboard_page, "dashboard"),
    Route("GET", "/map", case_map.map_page, "case_map"),
    Route("GET", "/healthz", health.healthz, "healthz"),
)
