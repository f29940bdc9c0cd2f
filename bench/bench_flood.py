"""What the per-chat flood limit costs: time per update checked, and memory when it holds
as many chats as it may, each with a full window. Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_flood [--quick]   (--quick: a tenth of the updates)
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

from bot.flood import FloodGate, FloodLimit


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def per_update(chats: int, updates: int) -> float:
    """Microseconds per check for `updates` updates spread over `chats` chats, 100 a second."""
    clock = Ticks()
    gate = FloodGate(FloodLimit(), clock)
    started = time.perf_counter()
    for n in range(updates):
        clock.now = n / 100
        gate.check(n % chats)
    return (time.perf_counter() - started) / updates * 1e6


def full_memory(limit: FloodLimit) -> tuple[int, int]:
    """Bytes held with every window full, and the windows kept, after twice as many chats."""
    clock = Ticks()
    tracemalloc.start()
    gate = FloodGate(limit, clock)
    for chat in range(limit.chats * 2):
        for _ in range(limit.updates):
            gate.check(chat)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return held, len(gate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the updates")
    updates = 20_000 if parser.parse_args().quick else 200_000
    for chats in (1, 100, 10_000):
        print(f"check, {chats:>6} chats: {per_update(chats, updates):.2f} µs per update")
    flood = FloodGate(FloodLimit(), Ticks())
    started = time.perf_counter()
    for _ in range(updates // 2):
        flood.check(1)  # one chat flooding: every update after the 20th is dropped
    took = (time.perf_counter() - started) / (updates // 2) * 1e6
    print(f"check, one chat flooding: {took:.2f} µs per update")
    held, kept = full_memory(FloodLimit())
    print(f"memory, {kept} chats with full windows (20 each): {held / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
