"""`docs/api/openapi.json` documents exactly the partner API the app serves: every
`/api/v1/` route of the router, every error code, every field of a case and of the
statistics."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from admin.api.errors import MESSAGES
from triage.domain.statistics.dimensions import Granularity, Unit
from triage.services.partners.cases import personal, structured
from triage.services.statistics.export import as_json
from triage.services.statistics.harm_source import load_harm_mapping
from triage.services.statistics.model import StatisticsRequest
from triage.services.statistics.overview import tabulate
from triage.storage.tables import Report

OPENAPI = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json"
METHODS = {"get", "post", "put", "patch", "delete"}
VIEW_FIELDS = {"time_zone": "Asia/Jakarta", "regions": ["32"]}  # what the view adds


def _document() -> dict[str, Any]:
    return dict(json.loads(OPENAPI.read_text(encoding="utf-8")))


def _served(app: web.Application) -> set[tuple[str, str]]:
    served = set()
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource is not None else {}
        path = info.get("path") or info.get("formatter")
        if path and path.startswith("/api/") and route.method != "HEAD":
            served.add((route.method.lower(), path))
    return served


def test_every_api_route_is_documented_and_every_documented_one_served(
    admin_app: web.Application,
) -> None:
    documented = {
        (method, path)
        for path, operations in _document()["paths"].items()
        for method in operations
        if method in METHODS
    }

    assert _served(admin_app) == documented
    assert all(path.startswith("/api/v1/") for _, path in documented)


def test_every_operation_documents_its_refusals() -> None:
    for operations in _document()["paths"].values():
        for operation in operations.values():
            assert {"200", "400", "401", "403", "429", "500"} <= set(operation["responses"])


def test_the_error_codes_are_those_the_api_sends() -> None:
    schema = _document()["components"]["schemas"]["Error"]
    assert set(schema["properties"]["error"]["properties"]["code"]["enum"]) == set(MESSAGES)


def test_a_case_has_the_documented_fields() -> None:
    schemas = _document()["components"]["schemas"]
    report = Report(
        reference="LS-DOCS-0001",
        received_at=datetime(2026, 11, 1, tzinfo=UTC),
        reporter_chat_id=1,
        urgency="SEDANG",
        description="",
    )
    pii_part = schemas["CaseWithPersonalData"]["allOf"][1]

    assert set(structured(report)) == set(schemas["Case"]["properties"])
    assert set(personal(report)) == set(pii_part["properties"])


def test_the_statistics_have_the_documented_fields() -> None:
    schemas = _document()["components"]["schemas"]
    asked = StatisticsRequest(date(2026, 1, 1), date(2026, 12, 31), granularity=Granularity.MONTH)
    body = {**as_json(tabulate([], asked, load_harm_mapping(), 5)), **VIEW_FIELDS}
    extra = schemas["StatisticsWorkload"]["allOf"][1]["properties"]
    table = set(schemas["StatisticsTable"]["properties"])

    assert set(body) == set(schemas["Statistics"]["properties"])
    assert all(set(t) == table for t in (*body["counts"], *body["handling"]))
    assert set(body["workload"]) == table | set(extra)
    assert set(body["counts"][0]["total"]) == set(schemas["StatisticsEntry"]["properties"])


def test_the_statistics_parameters_offer_what_the_service_takes() -> None:
    parameters = _document()["paths"]["/api/v1/stats"]["get"]["parameters"]
    enums = {p["name"]: p["schema"].get("enum") for p in parameters}

    assert enums["period"] == [g.value for g in Granularity]
    assert enums["unit"] == [u.value for u in Unit]
