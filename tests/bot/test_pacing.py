"""The outbox's pacing within Telegram's limits: 30 a second in all, one a second per chat."""

from __future__ import annotations

from bot.pacing import SendPacer


def test_a_first_message_goes_at_once() -> None:
    assert SendPacer().delay(1, now=100.0) == 0.0


def test_one_chat_waits_a_second_between_messages() -> None:
    pacer = SendPacer()
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


async def test_wait_sleeps_until_the_chat_may_receive_again() -> None:
    times = iter([0.0, 0.0, 0.0, 0.3])
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    pacer = SendPacer(per_chat_interval=0.3, clock=lambda: next(times), sleep=sleep)
    await pacer.wait(7)
    await pacer.wait(7)
    assert slept == [0.3]
