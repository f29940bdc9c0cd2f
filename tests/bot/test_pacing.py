"""The outbox's pacing within Telegram's limits: a little under 30 a second in all and one a
second per chat; which message of several goes first."""

from __future__ import annotations

import itertools

from bot.pacing import CATCH_UP, OVERALL_PER_SECOND, PER_CHAT_INTERVAL, SendPacer


def test_the_pace_keeps_under_telegrams_limits() -> None:
    assert 28 <= OVERALL_PER_SECOND < 30
    assert 1.0 < PER_CHAT_INTERVAL <= 1.1


def test_a_first_message_goes_at_once() -> None:
    assert SendPacer().delay(1, now=100.0) == 0.0


def test_one_chat_waits_a_second_between_messages() -> None:
    pacer = SendPacer(per_chat_interval=1.0)
    pacer.sent(1, at=100.0)
    assert abs(pacer.delay(1, now=100.25) - 0.75) < 1e-9
    assert pacer.delay(1, now=101.0) == 0.0


def test_other_chats_wait_only_for_the_overall_rate() -> None:
    pacer = SendPacer(per_second=30)
    pacer.sent(1, at=100.0)
    assert abs(pacer.delay(2, now=100.0) - 1 / 30) < 1e-9
    assert pacer.delay(2, now=100.04) == 0.0


def test_a_burst_to_many_chats_goes_out_at_thirty_a_second() -> None:
    pacer, now = SendPacer(per_second=30), 0.0
    for chat in range(300):
        now += pacer.delay(chat, now)
        pacer.sent(chat, now)
    assert 9.9 <= now <= 10.0  # 300 messages, 30 a second: the 300th goes at 299/30 s


def test_chats_long_quiet_are_forgotten() -> None:
    pacer = SendPacer()
    for chat in range(5000):
        pacer.sent(chat, at=float(chat))
    assert len(pacer._last_by_chat) <= 1025


def test_pick_passes_over_a_chat_that_waits_out_its_second() -> None:
    pacer = SendPacer(per_second=30, per_chat_interval=1.0)
    pacer.sent(7, at=100.0)
    index, pause = pacer.pick([7, 7, 8, 9], now=100.5)
    assert (index, pause) == (2, 0.0)  # chat 8, at once; chat 7 has half a second to go


def test_pick_keeps_a_chats_messages_in_order_and_takes_the_earliest_on_a_tie() -> None:
    pacer = SendPacer(per_second=30, per_chat_interval=1.0)
    assert pacer.pick([4, 5, 4], now=100.0) == (0, 0.0)
    pacer.sent(4, at=100.0)
    index, pause = pacer.pick([4, 5], now=100.0)  # 5 waits only for the overall rate
    assert index == 1 and abs(pause - 1 / 30) < 1e-9


def test_pick_waits_for_the_chat_free_soonest_when_all_are_waiting() -> None:
    pacer = SendPacer(per_second=30, per_chat_interval=1.0)
    pacer.sent(1, at=100.0)
    pacer.sent(2, at=100.2)
    index, pause = pacer.pick([2, 1], now=100.5)
    assert index == 1 and abs(pause - 0.5) < 1e-9


def test_a_burst_picked_in_turn_never_breaks_either_limit() -> None:
    """Messages to 20 chats, 3 each, in queue order: picked as the sender does, no chat gets
    two within its interval and no second holds more than the overall rate."""
    pacer, now = SendPacer(), 0.0
    queue = [chat for _ in range(3) for chat in range(20)]
    sent: list[tuple[float, int]] = []
    while queue:
        index, pause = pacer.pick(queue, now)
        now += pause
        chat = queue.pop(index)
        pacer.sent(chat, now)
        sent.append((now, chat))
    for chat in range(20):
        times = [t for t, c in sent if c == chat]
        assert all(b - a >= PER_CHAT_INTERVAL - 1e-9 for a, b in itertools.pairwise(times))
    assert all(
        b - a >= 1 / OVERALL_PER_SECOND - 1e-9 for (a, _), (b, _) in itertools.pairwise(sent)
    )
    assert now < 60 / OVERALL_PER_SECOND + 2 * PER_CHAT_INTERVAL  # not held up by any chat


def test_sends_a_little_late_do_not_slow_the_pace() -> None:
    pacer, now = SendPacer(per_second=29), 0.0
    for chat in range(290):
        now += pacer.delay(chat, now) + 0.002  # every wake-up 2 ms late
        pacer.sent(chat, now)
    assert now < 10.0 + 0.01  # 290 at 29 a second: the last one at 289/29 s, plus its lateness


def test_a_long_stall_is_not_made_up_in_a_rush() -> None:
    pacer, now = SendPacer(per_second=29), 0.0
    sent: list[float] = []
    for chat in range(200):
        now += pacer.delay(chat, now) + (0.2 if chat % 25 == 0 else 0.0)  # stalls now and then
        pacer.sent(chat, now)
        sent.append(now)
    most_in_a_second = max(sum(1 for t in sent if s <= t < s + 1.0) for s in sent)
    assert most_in_a_second <= 30  # Telegram's limit, jitter aside
    assert min(b - a for a, b in itertools.pairwise(sent)) >= 1 / 29 - CATCH_UP - 1e-9
