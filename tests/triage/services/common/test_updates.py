"""Telegram update ids: an update delivered twice is handled once; old ids are forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from triage.services.common.deps import TriageDeps
from triage.services.common.updates import KEEP_FOR, first_time_seen, forget_old_updates

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


async def test_an_update_id_is_seen_once_until_it_is_forgotten(deps: TriageDeps) -> None:
    assert await first_time_seen(deps, 7001, T0) is True
    assert await first_time_seen(deps, 7001, T0 + timedelta(seconds=1)) is False
    assert await first_time_seen(deps, 7002, T0 + timedelta(hours=1)) is True
    assert await first_time_seen(deps, 2**40, T0) is True  # Telegram ids outgrow 32 bits

    await forget_old_updates(deps, T0 + KEEP_FOR)  # exactly KEEP_FOR old: still kept
    assert await first_time_seen(deps, 7001, T0 + KEEP_FOR) is False

    await forget_old_updates(deps, T0 + KEEP_FOR + timedelta(minutes=1))
    assert await first_time_seen(deps, 7001, T0 + KEEP_FOR) is True  # forgotten
    assert await first_time_seen(deps, 7002, T0 + KEEP_FOR) is False  # younger: kept
