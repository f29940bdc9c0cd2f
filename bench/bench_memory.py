"""RSS of one process holding what a running Lapor Sosial holds. Prints figures; asserts nothing.

Run from the repository root: `python -m bench.bench_memory [--drafts N] [--cases N]`;
`--quick` takes 1,000 drafts and 10,000 cases; `--trace` adds a run under tracemalloc
(several minutes: left out of `make bench`).

Goal: RSS ≤ 200 MB with 10,000 open questionnaires (drafts) and 100,000 stored cases.

A first child process fills a fresh SQLite database (the cases, with their assignments and
SLA deadlines, and the drafts with their chat profiles), so that what filling costs is not
counted. A second child, the measured one, builds the real application objects (the
dependencies, the bot's Application with its handlers and outbox sender, the admin app and
the scheduler's timers), then touches what a running process keeps: the region directory,
the map outlines of the country and of every province, a flood limiter window for every
chat with an open questionnaire, and each open questionnaire read back as /start reads it.
It prints its RSS after each stage. With `--trace` a third run does the same under
tracemalloc (reading back 1,000 questionnaires: each costs the same) and prints who
allocated what is held.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

GOAL_MB = 200.0
NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
CHUNK = 2_000
KEY_ID, KEYS_VARIABLE = "bench", "DATA_KEYS"  # one data key for this run, in every child
# The steps in questionnaire order, each with the answer it adds.
DRAFT_STEPS = (
    ("consent", {"language": "id"}),
    ("danger", {"immediate_danger": "yes"}),
    ("category", {"categories": ["kekerasan_fisik"]}),
    ("age", {"child_age": 9}),
    ("risks", {"injured": "yes", "repeated": "yes"}),
    ("location", {"province": "31", "region_code": "31.74"}),
    ("description", {"description": "anak tetangga sering dipukul bapaknya kalau pulang malam, "
                     "kemarin terlihat memar di tangan dan tidak masuk sekolah"}),
    ("relation", {"relation": "tetangga"}),
)  # fmt: skip


def rss_mb() -> tuple[float, float]:
    """The resident set and its peak so far, in MB (Linux /proc)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def stage(name: str) -> None:
    rss, peak = rss_mb()
    print(f"  {name:<52} RSS {rss:>7.1f} MB  (peak {peak:>6.1f})", flush=True)


# ---- filling (first child) ----


async def fill(url: str, cases: int, drafts: int) -> None:
    from sqlalchemy import insert

    from bench import bench_sla_sweep as sla
    from triage.storage import tables
    from triage.storage.db import create_engine
    from triage.storage.encryption.cipher import Keyring, parse_data_keys
    from triage.storage.migrate import upgrade_database_async

    keyring = Keyring.of(KEY_ID, parse_data_keys(os.environ[KEYS_VARIABLE]))
    await upgrade_database_async(url, keyring)
    engine = create_engine(url, keyring=keyring)
    try:
        counts = await sla.load_rows(engine, sla.build(cases, 2026))
        rng = random.Random(11)
        chats = [10**10 + n for n in range(drafts)]
        async with engine.begin() as conn:
            for at in range(0, drafts, CHUNK):
                part = chats[at : at + CHUNK]
                await conn.execute(insert(tables.ChatProfile), [profile(c) for c in part])
                await conn.execute(insert(tables.Draft), [draft(c, rng) for c in part])
        print(f" filled: {counts}, {drafts:,} open questionnaires", flush=True)
    finally:
        await engine.dispose()


def profile(chat: int) -> dict[str, Any]:
    return {"user_id": chat, "language": "id", "consented_at": NOW, "created_at": NOW}


def draft(chat: int, rng: random.Random) -> dict[str, Any]:
    """A questionnaire stopped somewhere in the middle, with the answers given so far."""
    at = rng.randrange(1, len(DRAFT_STEPS))
    answers = {k: v for _, given in DRAFT_STEPS[:at] for k, v in given.items()}
    started = NOW - timedelta(minutes=rng.randrange(1, 600))
    return {
        "chat_id": chat, "user_id": chat, "step": DRAFT_STEPS[at][0], "answers": answers,
        "version": at + 1,
        "created_at": started, "updated_at": started, "prompt_message_id": rng.randrange(1, 10**6),
    }  # fmt: skip


# ---- measuring (second and third child) ----


async def measure(url: str, drafts: int) -> None:
    stage("python started")
    from admin.web import create_admin_app
    from app.bootstrap import admin_security, wire
    from app.bot_runner import BotRunner
    from app.scheduler import Timers
    from app.settings import load_settings
    from bot.flood import FloodGate, FloodLimit
    from triage.services.dashboard.outlines import provinces_with_boundaries, view_outlines
    from triage.services.intake.conversation import current

    stage("modules imported")
    settings = load_settings(
        environment="test", database_url=url, telegram_bot_token="123456:bench",
        data_keys=os.environ[KEYS_VARIABLE],
    )  # fmt: skip
    wiring = wire(settings)
    deps = wiring.deps
    bot = BotRunner(settings, wiring, "123456:bench")
    admin = create_admin_app(
        deps=deps, secret_key="bench-secret-key-" + "x" * 40, security=admin_security(settings)
    )
    timers = Timers(deps, settings)
    stage("deps, bot Application, admin app, timers built")
    for province in deps.regions.directory.provinces():
        for kabkota in deps.regions.directory.kabkota_in(province.code):
            deps.regions.name(kabkota.code)
    deps.regions.search("jakarta selatan", 5)
    deps.regions.match("kota bandung")
    deps.regions.nearest(-6.2, 106.8)
    await view_outlines(None)
    for province_code in provinces_with_boundaries():
        await view_outlines(province_code)
    stage("region directory and every map outline touched")
    chats = [10**10 + n for n in range(drafts)]
    limit = FloodLimit(settings.inbound_rate_limit_updates, settings.inbound_rate_limit_seconds)
    gate = FloodGate(limit)  # like the bot's own (bot_runner), which it does not expose
    for _ in range(10):  # a questionnaire's worth of updates from every chat
        for chat in chats:
            gate.check(chat)
    stage(f"flood limiter holding {len(gate):,} chats")
    for chat in chats:
        await current(deps, chat, "id")
    stage(f"{drafts:,} open questionnaires read back")
    import gc

    gc.collect()
    stage("after a garbage collection")
    del bot, admin, timers
    await wiring.close()


def trace_report(top: int = 12) -> None:
    """What holds the traced memory: each allocation is charged to the innermost frame of our
    code that made it (else to the library, or to the import machinery for module code)."""
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    owners: Counter[str] = Counter()
    for stat in snapshot.statistics("traceback"):
        owners[owner_of(stat.traceback)] += stat.size
    total = sum(owners.values())
    print(f"  traced Python memory {total / 2**20:.1f} MB, by who allocated it:")
    for name, size in owners.most_common(top):
        print(f"    {size / 2**20:>7.1f} MB  {name}")


PROJECT = ("triage", "bot", "admin", "app")


def owner_of(traceback: Any) -> str:
    frames = list(traceback)  # oldest first
    innermost = frames[-1].filename
    if innermost.startswith("<frozen importlib"):
        return "module code and import-time data (importlib)"
    for frame in reversed(frames):
        parts = Path(frame.filename).parts
        if "site-packages" not in parts:
            for ours in PROJECT:
                if ours in parts:
                    return "/".join(parts[parts.index(ours) :])
    return library_of(innermost)


def library_of(filename: str) -> str:
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    return f"stdlib {Path(filename).stem}" if filename.endswith(".py") else filename


# ---- the parent ----

FRAMES = 16  # deep enough to reach our code from inside most library calls
TRACED_DRAFTS = 1_000  # each costs the same; tracing 10,000 takes many minutes
KEYS = {KEYS_VARIABLE: f"{KEY_ID}:{secrets.token_urlsafe(48)}"}


def child(*args: str, trace: bool = False) -> str:
    tracing = ["-X", f"tracemalloc={FRAMES}"] if trace else []
    command = [sys.executable, *tracing, "-m", "bench.bench_memory"]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, check=False, env=os.environ | KEYS
    )
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n")
        raise SystemExit(f"child {args[0]} failed ({done.returncode})")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int)
    parser.add_argument("--cases", type=int)
    parser.add_argument("--quick", action="store_true", help="1,000 drafts, 10,000 cases")
    parser.add_argument("--trace", action="store_true", help="then who allocated what is held")
    parser.add_argument("--fill", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    drafts = args.drafts or (1_000 if args.quick else 10_000)
    cases = args.cases or (10_000 if args.quick else 100_000)
    if args.fill:
        asyncio.run(fill(args.fill, cases, drafts))
        return
    if args.measure:
        asyncio.run(measure(args.measure, drafts))
        if _tracing():  # started by `-X tracemalloc` in the third child
            trace_report()
        return
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"{drafts:,} open questionnaires, {cases:,} stored cases; load average {load}")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        sizes = ("--drafts", str(drafts), "--cases", str(cases))
        print(child("--fill", url, *sizes), end="")
        figures = child("--measure", url, *sizes)
        print(figures, end="")
        rss = float(figures.strip().splitlines()[-1].split("RSS")[1].split()[0])
        print(f" RSS {rss:.1f} MB: {rss / GOAL_MB:.2f} of the {GOAL_MB:.0f} MB goal")
        if not args.trace:
            print(" (who holds the memory: run again with --trace, under tracemalloc)")
            return
        print(
            f" under tracemalloc, {min(drafts, TRACED_DRAFTS):,} questionnaires read back"
            " (slower; its own bookkeeping adds to RSS):"
        )
        few = ("--drafts", str(min(drafts, TRACED_DRAFTS)), "--cases", str(cases))
        traced = child("--measure", url, *few, trace=True).splitlines()
        start = next(i for i, line in enumerate(traced) if "traced Python memory" in line)
        print("\n".join(traced[start:]))


def _tracing() -> bool:
    import tracemalloc

    return tracemalloc.is_tracing()


if __name__ == "__main__":
    main()
