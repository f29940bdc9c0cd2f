"""How fast updates get in by webhook, against long polling: the real application and the
Bot API stand-in, many people sending /start at once.

Webhook: the updates are posted the way Telegram does, at most WEBHOOK_MAX_CONNECTIONS at a
time; prints how long Telegram waits for each answer (the update is stored in the inbox
before it, so this is the price of not losing it) and how long until every person has the
bot's reply. Polling: how long until every person has the reply. On SQLite, and on a fresh
PostgreSQL database when TEST_POSTGRES_URL is set. Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_webhook [--people 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from typing import Any

from bench import posting
from bench.databases import PostgresDatabase, SqliteDatabase, percentile
from bench.posting import CONNECTIONS
from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, RunningApp, eventually, running_app
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_users import ChatActor


def people(stub: BotApiStub, count: int) -> list[ChatActor]:
    return [stub.private_user(10_000 + n, f"Warga {n}") for n in range(count)]


async def everyone_answered(users: list[ChatActor]) -> None:
    await asyncio.gather(*(user.wait_for("Pilih bahasa", timeout=120) for user in users))


async def polling(url: str, count: int) -> float:
    async with running_app(url) as app:
        users = people(app.stub, count)
        start = time.perf_counter()
        for user in users:
            await user.command("/start")
        await everyone_answered(users)
        return time.perf_counter() - start


async def post_all(app: RunningApp, updates: list[dict[str, Any]]) -> list[float]:
    """Post like Telegram: CONNECTIONS at a time; the time each answer took, in ms."""
    target = f"{app.admin_url}{app.settings.webhook_path}"
    return await posting.post_all(target, updates, WEBHOOK_SECRET)


async def webhook(url: str, count: int) -> tuple[list[float], float]:
    async with running_app(url, None, **WEBHOOK) as app:
        app.stub.pusher.target = None  # this bench posts, to time each answer
        await eventually(lambda: _registered(app.stub), within=30)  # the bot takes updates
        users = people(app.stub, count)
        for user in users:
            await user.command("/start")
        updates = []
        while (update := app.stub.oldest_update()) is not None:
            app.stub.confirm_pushed(update["update_id"])
            updates.append(update)
        start = time.perf_counter()
        waits = await post_all(app, updates)
        await everyone_answered(users)
        return waits, time.perf_counter() - start


async def _registered(stub: BotApiStub) -> bool:
    return stub.webhook is not None


async def measure(label: str, make_url_for: Any, count: int) -> None:
    async with make_url_for() as url:
        polled = await polling(url, count)
    async with make_url_for() as url:
        waits, posted = await webhook(url, count)
    print(f" {label}:")
    print(f"  polling: every reply after {polled:.2f} s ({count / polled:.0f} updates/s)")
    print(
        f"  webhook: every reply after {posted:.2f} s ({count / posted:.0f} updates/s); "
        f"answer to Telegram p50 {statistics.median(waits):.1f} ms, "
        f"p95 {percentile(waits, 0.95):.1f} ms, max {max(waits):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int)
    parser.add_argument("--quick", action="store_true", help="50 people")
    args = parser.parse_args()
    args.people = args.people or (50 if args.quick else 300)
    print(f"{args.people} people send /start at once; webhook posts {CONNECTIONS} at a time")
    asyncio.run(measure("sqlite", SqliteDatabase, args.people))
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        asyncio.run(measure("postgresql", lambda: PostgresDatabase(postgres), args.people))
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
