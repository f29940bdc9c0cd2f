"""A case offered to a worker in Telegram: filed through the service, the offer delivered by the
real outbox sender, and the worker's chat showing the card with Accept and Decline."""

from __future__ import annotations

from dataclasses import dataclass

from tests.bot.cases import active_assignment, add_worker, file_case
from tests.bot.harness import BotUnderTest
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor

SARI, BUDI, RINA, EKA, WARGA = 2001, 2002, 2003, 2005, 1001


@dataclass(frozen=True)
class Offer:
    reference: str
    assignment_id: int
    card: SentMessage


async def offer_case(harness: BotUnderTest, worker: ChatActor, **case: object) -> Offer:
    """File a case for WARGA and deliver its offer; `worker` must be the one it is routed to."""
    harness.user(WARGA, started=True)  # the reporter, to hear of their case
    reference = await file_case(harness.deps, WARGA, **case)  # type: ignore[arg-type]
    assignment = await active_assignment(harness.deps, reference)
    assert assignment.id is not None
    await harness.deliver()
    card = await worker.wait_for(reference)
    return Offer(reference, assignment.id, card)


async def sari_with_a_case(
    harness: BotUnderTest, *, accepted: bool = False
) -> tuple[ChatActor, Offer]:
    """Sari, the only worker for South Jakarta, with a new case on her phone (accepted if asked)."""
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari", started=True)
    offer = await offer_case(harness, sari)
    if accepted:
        await sari.press("✅ Terima")
        await sari.wait_for("Status: Diterima petugas")
    return sari, offer
