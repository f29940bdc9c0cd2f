"""The partner API over realistic data: how long a call takes, and how fast a partner reads
the whole cases feed, through the real admin app (token check, rate count, audit line).

N cases over two years (`bench/admin_data.py`); a partner of Jawa Barat (32) with each
scope. Prints the median and p90 of /api/v1/stats (the default twelve weeks) and of a page
of /api/v1/cases (500 cases), and the whole feed's time and rate with and without `pii`
(with it, the encrypted columns are decrypted). On SQLite, and on a fresh PostgreSQL database
when TEST_POSTGRES_URL is set. Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_partner_api [--cases 20000] [--runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from admin.state import AdminSecurity
from admin.web import create_admin_app
from bench.admin_data import NOW, fill
from bench.databases import PostgresDatabase
from tests.support.deps import TEST_KEYRING, make_deps
from triage.domain.partners.access import parse_scopes
from triage.domain.partners.rate import RatePolicy
from triage.services.partners.manage import add_partner
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.uow import UnitOfWorkFactory

SECRET = "bench-secret-key-that-is-long-enough-0123456789"


def spread(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"


async def timed_calls(client: TestClient[Any, Any], path: str, token: str, runs: int) -> str:
    headers = {"Authorization": f"Bearer {token}"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = await client.get(path, headers=headers)
        await response.read()
        assert response.status == 200, response.status
        times.append(time.perf_counter() - start)
    return spread(times)


async def whole_feed(client: TestClient[Any, Any], token: str) -> tuple[int, float]:
    headers = {"Authorization": f"Bearer {token}"}
    start, count, cursor = time.perf_counter(), 0, ""
    while True:
        response = await client.get(f"/api/v1/cases?limit=500{cursor}", headers=headers)
        body = await response.json()
        count += len(body["cases"])
        if not body["has_more"]:
            return count, time.perf_counter() - start
        cursor = f"&cursor={body['next_cursor']}"


async def measure(label: str, url: str, cases: int, runs: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        await fill(engine, cases)
        print(f" {label}: loaded {cases:,} cases in {time.perf_counter() - start:.1f} s")
        uow = UnitOfWorkFactory(create_session_factory(engine))
        deps = make_deps(uow, clock=lambda: NOW)
        tokens = {
            scope: await add_partner(deps, scope, ("32",), parse_scopes(scope), None, "bench")
            for scope in ("stats", "cases", "cases,pii")
        }
        security = AdminSecurity(partner_rate=RatePolicy(calls=1_000_000))
        app = create_admin_app(deps=deps, secret_key=SECRET, security=security)
        async with TestClient(TestServer(app)) as client:
            print(
                f"  /api/v1/stats: {await timed_calls(client, '/api/v1/stats', tokens['stats'], runs)}"
            )
            page = await timed_calls(client, "/api/v1/cases?limit=500", tokens["cases"], runs)
            print(f"  /api/v1/cases, 500 a page: {page}")
            for scope in ("cases", "cases,pii"):
                count, took = await whole_feed(client, tokens[scope])
                print(f"  whole feed ({scope}): {count:,} cases in {took:.2f} s, "
                      f"{count / took:,.0f} cases/s")  # fmt: skip
    finally:
        await engine.dispose()


async def on_fresh_postgres(admin_url: str, cases: int, runs: int) -> None:
    async with PostgresDatabase(admin_url) as url:
        await measure("postgresql", url, cases, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="2,000 cases, 5 runs a call")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.runs = 2_000, 5
    print(f"{args.cases:,} cases over two years; a partner of Jawa Barat; {args.runs} runs a call")
    with tempfile.TemporaryDirectory(prefix="bench-partners-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(measure("sqlite", url, args.cases, args.runs))
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        asyncio.run(on_fresh_postgres(postgres, args.cases, args.runs))
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
