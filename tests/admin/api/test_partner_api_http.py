"""The partner API with tokens of each scope: what each sees, and every refusal as JSON.

Seven cases in Kota Bandung (32.73), one in Kabupaten Bogor (32.01) and two in Jakarta Selatan
(31.74); tokens for Jawa Barat (32) see the first eight and never the Jakarta ones.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.state import AdminSecurity
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.support.deps import Clock, make_deps
from tests.support.suppression_check import determined, equations
from triage.domain.partners.access import parse_scopes
from triage.domain.partners.cursor import Cursor, encode_cursor
from triage.domain.partners.rate import RatePolicy
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.domain.statistics.suppression import Entry, Hidden
from triage.services.common.deps import TriageDeps
from triage.services.partners.manage import add_partner, revoke_partner
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.export import as_json
from triage.services.statistics.model import StatisticsRequest
from triage.services.statistics.overview import statistics
from triage.storage.tables import AuditLog, Report, StaffSession
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
T0 = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
STORY = "Anak tetangga dipukul setiap malam"
PHONE = "+6281234567890"
BANDUNG, BOGOR, JAKSEL = "32.73", "32.01", "31.74"
CASES = [(f"LS-API-B{n}", BANDUNG) for n in range(7)] + [
    ("LS-API-G0", BOGOR),
    ("LS-API-J0", JAKSEL),
    ("LS-API-J1", JAKSEL),
]
JAWA_BARAT = {ref for ref, code in CASES if code.startswith("32.")}
CALLS_PER_WINDOW = 30


async def _seed_cases(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        for n, (reference, region) in enumerate(CASES):
            received = T0 + timedelta(hours=n)
            uow.session.add(
                Report(
                    reference=reference,
                    received_at=received,
                    last_event_at=received + timedelta(minutes=5),
                    reporter_chat_id=7_000_000_000 + n,
                    description=STORY,
                    contact_phone=PHONE,
                    contact_consent=True,
                    kabkota_code=region,
                    urgency="TINGGI" if n % 2 else "SEDANG",
                    status="closed" if n < 2 else "new",
                    child_age=9,
                )
            )
        await uow.commit()


async def _token(deps: TriageDeps, name: str, scopes: str, regions: tuple[str, ...] = ("32",),
                 lifetime: timedelta | None = None) -> str:  # fmt: skip
    return await add_partner(deps, name, regions, parse_scopes(scopes), lifetime, "test")


class Api:
    """The app, its clock and a token per kind of partner."""

    def __init__(self, client: Client, deps: TriageDeps, clock: Clock) -> None:
        self.client, self.deps, self.clock = client, deps, clock
        self.tokens: dict[str, str] = {}

    async def get(self, path: str, token: str | None) -> tuple[int, Any, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        response = await self.client.get(path, headers=headers)
        assert response.content_type == "application/json"
        return response.status, await response.json(), response.headers


@pytest.fixture
async def api(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Api]:
    clock = Clock(T0 + timedelta(days=20))
    deps = make_deps(uow_factory, clock=clock)
    await _seed_cases(uow_factory)
    security = AdminSecurity(partner_rate=RatePolicy(calls=CALLS_PER_WINDOW))
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY, security=security, min_cases=5)
    async with TestClient(TestServer(app)) as client:
        api = Api(client, deps, clock)
        api.tokens = {
            "stats": await _token(deps, "stats", "stats"),
            "cases": await _token(deps, "cases", "cases"),
            "pii": await _token(deps, "pii", "cases,pii"),
            "both": await _token(deps, "both", "stats,cases"),
            "expired": await _token(deps, "expired", "stats,cases", lifetime=timedelta(days=1)),
            "revoked": await _token(deps, "revoked", "stats,cases"),
        }
        await revoke_partner(deps, "revoked", "test")
        clock.now += timedelta(days=2)  # the one-day token has expired
        yield api


async def _all_cases(api: Api, token: str, query: str = "") -> list[dict[str, Any]]:
    """Every page, following the cursor."""
    seen: list[dict[str, Any]] = []
    status, body, _ = await api.get(f"/api/v1/cases?limit=3{query}", token)
    while True:
        assert status == 200, body
        seen += body["cases"]
        if not body["has_more"]:
            return seen
        status, body, _ = await api.get(f"/api/v1/cases?limit=3&cursor={body['next_cursor']}",
                                        token)  # fmt: skip


def _published(data: dict[str, Any]) -> list[list[Entry]]:
    """A table of the API's answer as its published grid, totals last."""
    cells = [[*row, total] for row, total in zip(data["cells"], data["row_totals"], strict=True)]
    grid = [*cells, [*data["column_totals"], data["total"]]]
    return [
        [Entry(e["value"], Hidden(e["hidden"]) if e["hidden"] else None) for e in row]
        for row in grid
    ]


def _tables(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [*body["counts"], *body["handling"], body["workload"]]


async def test_a_stats_token_sees_small_counts_hidden_and_no_cases(api: Api) -> None:
    status, body, _ = await api.get(
        "/api/v1/stats?from=2026-11-01&to=2026-11-30", api.tokens["stats"]
    )

    assert status == 200
    (counts,) = body["counts"]  # kabupaten/kota × urgency, one year
    assert (counts["row_dimension"], counts["column_dimension"]) == ("kabkota", "urgency")
    assert counts["rows"] == [BOGOR, BANDUNG]  # Jakarta is outside the token's regions
    bogor, bandung = _published(counts)[:2]
    assert bogor[1] == Entry(None, Hidden.SMALL)  # one TINGGI case in Bogor
    assert bogor[-1] == Entry(None, Hidden.SMALL)
    # Bandung's 7 and the total's 8 would show Bogor's 1: not both are published.
    assert None in (bandung[-1].value, _published(counts)[-1][-1].value)
    assert (body["minimum"], body["regions"], body["time_zone"]) == (5, ["32"], "Asia/Jakarta")
    assert STORY not in str(body) and "LS-API" not in str(body)

    status, body, _ = await api.get("/api/v1/cases", api.tokens["stats"])
    assert (status, body["error"]["code"]) == (403, "scope_not_granted")


async def _seed_many(api: Api, count: int) -> None:
    """`count` more Jawa Barat cases, spread unevenly over regions, urgencies and handling."""
    chance = random.Random(12)
    regions = (BANDUNG, BANDUNG, BANDUNG, BOGOR, "32.04", "32.75")
    async with api.deps.uow() as uow:
        for n in range(count):
            received = T0 + timedelta(hours=3 * n)
            contact = timedelta(hours=chance.choice((2, 30, 80, 200)))
            uow.session.add(
                Report(
                    reference=f"LS-API-M{n:03d}",
                    received_at=received,
                    last_event_at=received,
                    reporter_chat_id=7_100_000_000 + n,
                    description=STORY,
                    kabkota_code=chance.choice(regions),
                    urgency=chance.choice(("DARURAT", "TINGGI", "TINGGI", "SEDANG", "RENDAH")),
                    status="new",
                    first_contact_at=received + contact if chance.random() < 0.7 else None,
                    children_count=chance.choice((1, 1, 2, 3)),
                    child_age=chance.choice((None, 4, 9, 15)),
                )
            )
        await uow.commit()


BYS = ["kabkota,urgency", "urgency,kabkota", "age_band,kabkota", "kabkota,period"]


@pytest.mark.parametrize("by", BYS)
async def test_no_published_count_is_small_and_no_hidden_one_can_be_worked_back(
    api: Api, by: str
) -> None:
    await _seed_many(api, 40)
    query = f"from=2026-11-01&to=2026-11-30&by={by}&period=month&unit=children"
    status, body, _ = await api.get(f"/api/v1/stats?{query}", api.tokens["stats"])

    assert status == 200
    tables = _tables(body)
    assert sum(e.value is None for t in tables for row in _published(t) for e in row) > 0
    for table in tables:
        grid = _published(table)
        published = [e.value for row in grid for e in row if e.value is not None]
        assert not [value for value in published if 1 <= value < body["minimum"]]
        unknowns, matrix = equations(grid)
        assert determined(unknowns, matrix) == [], table["table"]


async def test_the_tables_are_the_statistics_services_over_the_tokens_regions(api: Api) -> None:
    await _seed_many(api, 60)
    query = "from=2026-10-01&to=2026-12-31&by=harm,kabkota&period=quarter&unit=children"
    _, body, _ = await api.get(f"/api/v1/stats?{query}", api.tokens["stats"])

    supervisor = StaffIdentity(1, "jabar", "supervisor", ("32",))
    asked = StatisticsRequest(date(2026, 10, 1), date(2026, 12, 31), Dimension.HARM,
                              Dimension.KABKOTA, Granularity.QUARTER, Unit.CHILDREN)  # fmt: skip
    zone = ZoneInfo("Asia/Jakarta")
    expected = await statistics(api.deps, supervisor, asked, zone, minimum=5, now=api.clock.now)

    assert {k: v for k, v in body.items() if k not in ("time_zone", "regions")} == as_json(expected)


BAD_TABLES = {
    "one dimension": ("by=harm", "bad_by"),
    "the same twice": ("by=harm,harm", "bad_by"),
    "unknown dimension": ("by=harm,colour", "bad_by"),
    "three": ("by=harm,sex,urgency", "bad_by"),
    "a week": ("period=week", "bad_granularity"),
    "unknown unit": ("unit=families", "bad_unit"),
    "huge": ("by=" + "x" * 5000, "bad_by"),
}


@pytest.mark.parametrize("case", BAD_TABLES.values(), ids=BAD_TABLES.keys())
async def test_a_bad_table_is_a_400(api: Api, case: tuple[str, str]) -> None:
    query, code = case
    status, body, _ = await api.get(f"/api/v1/stats?{query}", api.tokens["stats"])

    assert (status, body["error"]["code"]) == (400, code)
    assert "x" * 50 not in str(body)


async def test_a_cases_token_sees_its_regions_structured_fields_only(api: Api) -> None:
    cases = await _all_cases(api, api.tokens["cases"])

    assert {case["reference"] for case in cases} == JAWA_BARAT
    assert len(cases) == len(JAWA_BARAT)  # each once across pages
    assert all("description" not in case and "contact_phone" not in case for case in cases)
    assert all("child" not in case for case in cases)
    assert STORY not in str(cases) and PHONE not in str(cases)
    status, body, _ = await api.get("/api/v1/stats", api.tokens["cases"])
    assert (status, body["error"]["code"]) == (403, "scope_not_granted")


async def test_a_cases_and_pii_token_also_sees_the_story_and_contact(api: Api) -> None:
    cases = await _all_cases(api, api.tokens["pii"])

    assert {case["reference"] for case in cases} == JAWA_BARAT
    assert {case["description"] for case in cases} == {STORY}
    assert {case["contact_phone"] for case in cases} == {PHONE}
    assert {case["child"]["age"] for case in cases} == {9}


async def test_a_token_with_both_scopes_opens_both(api: Api) -> None:
    stats, _, _ = await api.get("/api/v1/stats", api.tokens["both"])
    cases, _, _ = await api.get("/api/v1/cases", api.tokens["both"])
    assert (stats, cases) == (200, 200)


async def test_the_cursor_returns_only_cases_changed_since(api: Api) -> None:
    _, first, _ = await api.get("/api/v1/cases", api.tokens["cases"])
    cursor = first["next_cursor"]
    _, nothing_new, _ = await api.get(f"/api/v1/cases?cursor={cursor}", api.tokens["cases"])
    assert (nothing_new["cases"], nothing_new["next_cursor"]) == ([], cursor)

    async with api.deps.uow() as uow:
        report = (
            await uow.session.exec(select(Report).where(Report.reference == "LS-API-B3"))
        ).one()
        report.last_event_at = api.clock.now - timedelta(minutes=1)
        await uow.commit()
    _, changed, _ = await api.get(f"/api/v1/cases?cursor={cursor}", api.tokens["cases"])

    assert [case["reference"] for case in changed["cases"]] == ["LS-API-B3"]


REFUSALS = {
    "no token": (None, 401, "missing_token"),
    "unknown token": ("lsp_not-a-real-token", 401, "unknown_token"),
    "expired": ("expired", 401, "expired_token"),
    "revoked": ("revoked", 401, "revoked_token"),
}


@pytest.mark.parametrize("path", ["/api/v1/stats", "/api/v1/cases"])
@pytest.mark.parametrize("kind", REFUSALS.values(), ids=REFUSALS.keys())
async def test_a_call_without_a_working_token_is_refused(
    api: Api, path: str, kind: tuple[str | None, int, str]
) -> None:
    name, expected_status, code = kind
    token = api.tokens.get(name, name) if name is not None else None

    status, body, headers = await api.get(path, token)

    assert (status, body["error"]["code"]) == (expected_status, code)
    assert headers["WWW-Authenticate"].startswith("Bearer")
    assert set(body) == {"error"} and (token is None or token not in str(body))


@pytest.mark.parametrize("path", ["/api/v1/stats", "/api/v1/cases"])
async def test_a_region_outside_the_token_is_refused(api: Api, path: str) -> None:
    token = api.tokens["both"]
    outside, _, _ = await api.get(f"{path}?region={JAKSEL}", token)
    mixed, body, _ = await api.get(f"{path}?region={BANDUNG},{JAKSEL}", token)
    malformed, bad, _ = await api.get(f"{path}?region=32%25", token)
    inside, _, _ = await api.get(f"{path}?region={BANDUNG}", token)

    assert (outside, mixed, malformed, inside) == (403, 403, 400, 200)
    assert body["error"]["code"] == "region_not_granted"
    assert bad["error"]["code"] == "bad_region"


async def test_a_region_narrows_the_cases(api: Api) -> None:
    cases = await _all_cases(api, api.tokens["cases"], f"&region={BOGOR}")
    assert [case["reference"] for case in cases] == ["LS-API-G0"]


MALFORMED = {
    "not base64": "!!!",
    "base64 of words": "aGVsbG8",
    "no id": encode_cursor(Cursor(T0, 1))[:-3],
    "huge": "A" * 500,
    "far future": "OTk5OTk5OTk5OTk5OTk5OTk5LjE",
    "id beyond a bigint": encode_cursor(Cursor(T0, 2**63)),
}


@pytest.mark.parametrize("cursor", MALFORMED.values(), ids=MALFORMED.keys())
async def test_a_malformed_cursor_is_a_400(api: Api, cursor: str) -> None:
    status, body, _ = await api.get(f"/api/v1/cases?cursor={cursor}", api.tokens["cases"])

    assert (status, body["error"]["code"]) == (400, "malformed_cursor")
    assert cursor not in str(body)


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=x", "limit=" + "9" * 5000])
async def test_a_bad_limit_is_a_400(api: Api, query: str) -> None:
    status, body, _ = await api.get(f"/api/v1/cases?{query}", api.tokens["cases"])
    assert (status, body["error"]["code"]) == (400, "bad_limit")


@pytest.mark.parametrize("query", ["from=2026-13-01", "from=2026-11-30&to=2026-11-01",
                                   "from=2020-01-01&to=2026-01-01"])  # fmt: skip
async def test_a_bad_period_is_a_400(api: Api, query: str) -> None:
    status, body, _ = await api.get(f"/api/v1/stats?{query}", api.tokens["stats"])
    assert (status, body["error"]["code"]) == (400, "bad_period")


async def test_over_the_rate_limit_is_a_429_with_retry_after(api: Api) -> None:
    token = api.tokens["stats"]
    for _ in range(CALLS_PER_WINDOW):
        status, _, _ = await api.get("/api/v1/stats", token)
        assert status == 200
    api.clock.now += timedelta(seconds=20)

    status, body, headers = await api.get("/api/v1/stats", token)
    other, _, _ = await api.get("/api/v1/cases", api.tokens["cases"])  # its own window

    assert (status, body["error"]["code"]) == (429, "rate_limited")
    assert headers["Retry-After"] == "40"
    assert other == 200
    api.clock.now += timedelta(seconds=40)
    again, _, _ = await api.get("/api/v1/stats", token)
    assert again == 200


async def test_every_call_is_audited_without_the_token(api: Api) -> None:
    calls = [
        ("/api/v1/stats", api.tokens["stats"]),
        ("/api/v1/cases", api.tokens["stats"]),
        ("/api/v1/cases?cursor=!!!", api.tokens["cases"]),
        ("/api/v1/cases", None),
        ("/api/v1/stats", api.tokens["revoked"]),
    ]
    for path, token in calls:
        await api.get(path, token)

    async with api.deps.uow() as uow:
        query = select(AuditLog).where(AuditLog.action == "partner_api_call")
        rows = (await uow.session.exec(query.order_by(col(AuditLog.id)))).all()

    seen = [(row.actor, row.detail["route"], row.detail["status"]) for row in rows]
    assert seen == [
        ("partner:stats", "api_stats", 200),
        ("partner:stats", "api_cases", 403),
        ("partner:cases", "api_cases", 400),
        ("partner:?", "api_cases", 401),
        ("partner:revoked", "api_stats", 401),
    ]
    assert not any(token and token in str(row.detail) for row in rows for _, token in calls)


async def test_unknown_paths_and_methods_answer_json(api: Api) -> None:
    missing = await api.client.get("/api/v1/nothing")
    posted = await api.client.post("/api/v1/cases", headers={"Authorization": "Bearer x"})

    assert (missing.status, (await missing.json())["error"]["code"]) == (404, "not_found")
    assert (posted.status, (await posted.json())["error"]["code"]) == (405, "method_not_allowed")


async def test_a_call_leaves_no_session_behind(api: Api, uow_factory: UnitOfWorkFactory) -> None:
    for token in (api.tokens["cases"], None):
        response = await api.client.get(
            "/api/v1/cases", headers={"Authorization": f"Bearer {token}"} if token else {}
        )
        assert "Set-Cookie" not in response.headers
    async with uow_factory() as uow:
        assert (await uow.session.exec(select(StaffSession))).all() == []
