"""Fault injection for the Bot API stand-in: a share of answers failing (5xx, 429 with
`retry_after`) decided by a seeded RNG, and a ledger of every message the stand-in accepted,
so that a fault test can count what was sent, delivered, lost and duplicated.

The failure decision depends only on the seed, the message (chat and text) and how often that
message was tried before, never on timing, so the same run fails the same tries.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from tests.support.stub_types import JSON, ApiError


@dataclass
class FaultPlan:
    """Which sendMessage calls fail: to `chats` (all when None), a `server_error` share with a
    500, a `rate_limited` share with a 429 asking for `retry_after` seconds."""

    server_error: float = 0.3
    rate_limited: float = 0.0
    retry_after: int = 1
    seed: int = 0
    chats: frozenset[int] | None = None
    tries: Counter[tuple[int, str]] = field(default_factory=Counter)
    injected: Counter[int] = field(default_factory=Counter)  # by HTTP status

    def error_for(self, method: str, params: JSON) -> ApiError | None:
        """The failure this call meets, if any (counted in `injected`)."""
        chat_id = params.get("chat_id")
        if method.lower() != "sendmessage" or not isinstance(chat_id, int):
            return None
        if self.chats is not None and chat_id not in self.chats:
            return None
        key = (chat_id, str(params.get("text")))
        tried = self.tries[key]
        self.tries[key] += 1
        draw = random.Random(f"{self.seed}:{key}:{tried}").random()
        if draw < self.rate_limited:
            self.injected[429] += 1
            return ApiError(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if draw < self.rate_limited + self.server_error:
            self.injected[500] += 1
            return ApiError(500, "Internal Server Error")
        return None


class Ledger:
    """Every message the stand-in accepted (answered ok), by chat and text; `times` has when
    (time.perf_counter) each acceptance happened, in order, for benchmarks to time delivery."""

    def __init__(self) -> None:
        self.accepted: Counter[tuple[int, str]] = Counter()
        self.times: list[tuple[float, int, str]] = []

    def record(self, method: str, params: JSON) -> None:
        chat_id = params.get("chat_id")
        if method.lower() == "sendmessage" and isinstance(chat_id, int):
            text = str(params.get("text"))
            self.accepted[(chat_id, text)] += 1
            self.times.append((time.perf_counter(), chat_id, text))

    def to(self, chats: set[int] | frozenset[int]) -> Counter[tuple[int, str]]:
        """The accepted messages to `chats`, with how often each was accepted."""
        return Counter({key: n for key, n in self.accepted.items() if key[0] in chats})


@dataclass(frozen=True)
class Tally:
    """What a fault test counted: messages meant to be sent, delivered (accepted at least
    once), lost (never accepted) and duplicated (accepted more than once, extra copies)."""

    sent: int
    delivered: int
    lost: int
    duplicated: int

    @classmethod
    def of(cls, expected: set[tuple[int, str]], accepted: Counter[tuple[int, str]]) -> Tally:
        delivered = sum(1 for key in expected if accepted[key] >= 1)
        duplicated = sum(accepted[key] - 1 for key in expected if accepted[key] > 1)
        return cls(len(expected), delivered, len(expected) - delivered, duplicated)

    def __str__(self) -> str:
        return (
            f"sent={self.sent} delivered={self.delivered} "
            f"lost={self.lost} duplicated={self.duplicated}"
        )
