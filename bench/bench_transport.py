"""Bot API calls per second: PTB's HTTPXRequest against AiohttpRequest, on the local stand-in.

Run from the repository root: python -m bench.bench_transport [--calls 1000] [--rounds 3];
`--quick`: 300 calls, 1 round.
The stand-in runs in a child process so that its CPU time is not counted against the client.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable

import telegram
from telegram.request import BaseRequest, HTTPXRequest

from bot.request import AiohttpRequest
from tests.support.botapi_stub import BotApiStub

CHAT_ID = 1001
TRANSPORTS: dict[str, Callable[[], BaseRequest]] = {
    "httpx (PTB default)": HTTPXRequest,
    "aiohttp (bot.request)": AiohttpRequest,
}


async def serve() -> None:
    """Child process: run the stand-in, print its port, stop when stdin closes."""
    async with BotApiStub() as stub:
        await stub.private_user(user_id=CHAT_ID).send("halo")
        print(stub.base_url, flush=True)
        await asyncio.to_thread(sys.stdin.read)


async def send_many(bot: telegram.Bot, calls: int, concurrency: int) -> None:
    """Send `calls` messages with at most `concurrency` in flight."""
    slots = asyncio.Semaphore(concurrency)

    async def one(number: int) -> None:
        async with slots:
            await bot.send_message(CHAT_ID, f"pesan {number}")

    await asyncio.gather(*(one(n) for n in range(calls)))


async def measure(
    base_url: str, make: Callable[[], BaseRequest], calls: int, conc: int
) -> tuple[float, float]:
    """Calls per second (wall clock) and client CPU milliseconds per call."""
    async with telegram.Bot("123456:TEST-TOKEN", base_url=base_url, request=make()) as bot:
        await send_many(bot, 50, conc)
        wall, cpu = time.perf_counter(), time.process_time()
        await send_many(bot, calls, conc)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return calls / wall, cpu * 1000 / calls


async def compare(base_url: str, calls: int, rounds: int, concurrency: int) -> None:
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in TRANSPORTS}
    for _ in range(rounds):
        for name, make in TRANSPORTS.items():
            results[name].append(await measure(base_url, make, calls, concurrency))
    print(f"\n{calls} sendMessage calls, {concurrency} in flight, median of {rounds} rounds")
    medians = {}
    for name, runs in results.items():
        rate = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[name] = rate
        print(f"  {name:24s} {rate:8.0f} calls/s   client CPU {cpu:.2f} ms/call")
    httpx_rate, aiohttp_rate = medians.values()
    print(f"  ratio aiohttp/httpx: {aiohttp_rate / httpx_rate:.2f}x")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--quick", action="store_true", help="300 calls, 1 round")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    calls = args.calls or (300 if args.quick else 1000)
    rounds = args.rounds or (1 if args.quick else 3)
    if args.serve:
        await serve()
        return
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.bench_transport",
        "--serve",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert child.stdin is not None
    assert child.stdout is not None
    base_url = (await child.stdout.readline()).decode().strip()
    try:
        for concurrency in (1, 16):
            await compare(base_url, calls, rounds, concurrency)
    finally:
        child.stdin.close()
        await child.wait()


if __name__ == "__main__":
    asyncio.run(main())
