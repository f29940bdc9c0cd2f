"""What encryption at rest costs: one value sealed and opened, and a page of whole reports
read through the tables (every encrypted column opened) against the same rows read raw
(what reading cost before: the same bytes, nothing to open). SQLite, a temporary file.
Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_encryption [--quick]   (--quick: a tenth of the runs)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlmodel import col, select

from tests.support.deps import TEST_KEYRING
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.tables import Report

STORY = "Anak tetangga sering dipukul ayahnya sampai memar, terdengar menangis tiap malam. " * 6
CASES = 2000
PAGE = 25
RUNS = 200
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.3f} ms"


def bench_cipher(values: int) -> None:
    seal, opened = [], []
    for _ in range(values):
        start = time.perf_counter()
        sealed = TEST_KEYRING.seal(STORY, "report.description")
        seal.append(time.perf_counter() - start)
        start = time.perf_counter()
        TEST_KEYRING.open(sealed, "report.description")
        opened.append(time.perf_counter() - start)
    print(f"a {len(STORY)}-character story: seal {_median_ms(seal)}, open {_median_ms(opened)}")


async def bench_pages(url: str, runs: int) -> None:
    engine = create_engine(url, keyring=TEST_KEYRING)
    sessions = create_session_factory(engine)
    async with sessions() as session:
        for n in range(CASES):
            session.add(Report(
                reference=f"LS-B{n:04d}", received_at=NOW - timedelta(minutes=n),
                reporter_chat_id=n, urgency="SEDANG", description=STORY,
                address="Jl. Kenanga No. 7", contact_phone="+6281234567890",
                latitude=-6.2, longitude=106.8, evidence=[{"kind": "photo", "file_id": "x"}],
            ))  # fmt: skip
        await session.commit()
    through_tables, raw = [], []
    query = select(Report).order_by(col(Report.received_at).desc()).limit(PAGE)
    raw_query = text(f"SELECT * FROM report ORDER BY received_at DESC LIMIT {PAGE}")
    for _ in range(runs):
        async with sessions() as session:
            start = time.perf_counter()
            (await session.exec(query)).all()
            through_tables.append(time.perf_counter() - start)
            connection = await session.connection()
            start = time.perf_counter()
            (await connection.execute(raw_query)).all()
            raw.append(time.perf_counter() - start)
    await engine.dispose()
    ratio = statistics.median(through_tables) / statistics.median(raw)
    print(
        f"a page of {PAGE} whole reports: through the tables (7 columns opened each) "
        f"{_median_ms(through_tables)}, raw {_median_ms(raw)}: {ratio:.2f}x"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the runs")
    share = 10 if parser.parse_args().quick else 1
    bench_cipher(2000 // share)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_database_async(url, TEST_KEYRING)
        await bench_pages(url, RUNS // share)


if __name__ == "__main__":
    asyncio.run(main())
