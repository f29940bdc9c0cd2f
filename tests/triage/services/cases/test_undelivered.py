"""Which of a case's Telegram messages the case page lists as not delivered, on both databases."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from tests.triage.services.cases.test_detail import ADMIN, REF, T0, seed_case
from triage.services.cases.detail import case_detail
from triage.services.common.deps import TriageDeps
from triage.storage.tables import OutboxMessage, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

M = timedelta(minutes=1)
SARI_CHAT = 4242


async def seed_messages(uow_factory: UnitOfWorkFactory) -> None:
    """Sari on Telegram; the case's messages: sent, queued, retrying, and two given up."""
    await seed_case(uow_factory)
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
        sari = (await uow.session.exec(select(Worker).where(Worker.name == "Sari Wulandari"))).one()
        sari.telegram_user_id = SARI_CHAT
        rows = [
            ("sent", "sent", SARI_CHAT, 1, None, None),
            ("queued", "pending", SARI_CHAT, 0, None, None),
            ("retrying", "pending", SARI_CHAT, 2, "network: NetworkError: Bad Gateway", None),
            ("blocked", "undeliverable", report.reporter_chat_id, 1, "blocked", "blocked"),
            ("gone", "undeliverable", 999, 12, "network", "too_many_attempts"),
        ]
        for minutes, (key, status, chat, attempts, error, failure) in enumerate(rows):
            at = T0 + minutes * M
            uow.session.add(
                OutboxMessage(
                    dedup_key=key, created_at=at, chat_id=chat, text="", report_id=report.id,
                    status=status, attempts=attempts, next_attempt_at=at + 5 * M,
                    last_error=error, failure=failure,
                    failed_at=at + M if status == "undeliverable" else None,
                )
            )  # fmt: skip
        other = Report(reference="LS-OTHER", received_at=T0, reporter_chat_id=1,
                       kabkota_code="32.73", urgency="RENDAH")  # fmt: skip
        uow.session.add(other)
        await uow.session.flush()
        uow.session.add(
            OutboxMessage(
                dedup_key="other", created_at=T0, chat_id=1, text="", report_id=other.id,
                status="undeliverable", next_attempt_at=T0, failure="blocked", failed_at=T0,
            )
        )  # fmt: skip
        await uow.commit()


async def test_the_case_lists_its_retrying_and_given_up_messages_only(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_messages(uow_factory)

    detail = await case_detail(deps, ADMIN, REF, T0 + 60 * M)

    assert detail is not None
    lines = [
        (m.recipient, m.recipient_name, m.given_up, m.reason, m.attempts)
        for m in detail.undelivered
    ]
    assert lines == [
        ("staff", "Sari Wulandari", False, "network", 2),
        ("reporter", None, True, "blocked", 1),
        ("unknown", None, True, "too_many_attempts", 12),
    ]
    retrying, blocked, _ = detail.undelivered
    assert (retrying.next_attempt_at, retrying.failed_at) == (T0 + 7 * M, None)
    assert (blocked.failed_at, blocked.next_attempt_at) == (T0 + 4 * M, None)


async def test_a_case_whose_messages_all_arrived_lists_none(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_case(uow_factory)
    async with uow_factory() as uow:
        report_id = (await uow.session.exec(select(col(Report.id)))).one()
        uow.session.add(
            OutboxMessage(
                dedup_key="ok",
                created_at=T0,
                chat_id=1,
                text="[sent]",
                report_id=report_id,
                status="sent",
                attempts=3,
                next_attempt_at=T0,
                last_error="network",
            )
        )
        await uow.commit()

    detail = await case_detail(deps, ADMIN, REF, T0)

    assert detail is not None and detail.undelivered == ()
