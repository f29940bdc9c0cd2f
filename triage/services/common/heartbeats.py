"""The loops this process runs (the outbox sender, the SLA sweep) and when each last
completed a run. In memory, per process: /healthz reports this process's loops."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from triage.domain.health import LoopState, allowed_quiet

SENDER = "outbox_sender"
SLA_SWEEP = "sla_sweep"


class Heartbeats:
    def __init__(self) -> None:
        self._loops: dict[str, LoopState] = {}

    def started(self, loop: str, at: datetime, interval: timedelta) -> None:
        """The loop runs from now on, every `interval`; it is expected to complete runs."""
        self._loops[loop] = LoopState(at, None, allowed_quiet(interval))

    def ran(self, loop: str, at: datetime) -> None:
        """The loop completed a run (one it was never started for is ignored)."""
        state = self._loops.get(loop)
        if state is not None:
            self._loops[loop] = replace(state, last_run=at)

    def loops(self) -> dict[str, LoopState]:
        return dict(self._loops)
