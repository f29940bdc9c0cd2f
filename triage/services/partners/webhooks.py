"""Case events for partners' webhooks, through the outbox like Telegram's messages.

When a case is created (its `received` event), accepted or closed, every partner with a
webhook, the `cases` scope, a live token and a region covering the case gets one outbox row
(`channel = webhook`) in the same transaction as the event: a few inserts, so a partner's
endpoint being slow or down never holds up a report. `bot/partner_sender.py` posts the rows,
signed (`triage.domain.partners.signing`), and the outbox's retry policy decides what follows
a failure.

The body names the case by reference and region only, with its urgency; a partner reads the
rest through the API within its scopes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.partners.access import Scope
from triage.domain.roster import codes_cover
from triage.services.common.deps import TriageDeps
from triage.services.outbox.queue import WEBHOOK, claim_rows
from triage.storage.tables import OutboxMessage, Partner, Report

EVENTS = {"received": "case.created", "accepted": "case.accepted", "closed": "case.closed"}


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def _subscribers(session: AsyncSession, region: str, now: datetime) -> list[int]:
    """Partners whose webhook should hear of a case in `region` (the secret is not read)."""
    query = select(col(Partner.id), col(Partner.scopes), col(Partner.regions)).where(
        col(Partner.webhook_url).is_not(None),
        col(Partner.revoked_at).is_(None),
        or_(col(Partner.expires_at).is_(None), col(Partner.expires_at) > now),
    )
    rows = (await session.exec(query)).all()
    return [
        pid
        for pid, scopes, regions in rows
        if pid is not None and Scope.CASES.value in scopes and codes_cover(regions, region)
    ]


async def queue_case_event(session: AsyncSession, report: Report, kind: str, now: datetime) -> int:
    """Queue the timeline event `kind` for the partners it concerns; how many were queued."""
    event = EVENTS.get(kind)
    if event is None or report.kabkota_code is None or report.id is None:
        return 0
    partners = await _subscribers(session, report.kabkota_code, now)
    stamp = _iso(now)
    body = {
        "event": event,
        "occurred_at": stamp,
        "case": {
            "reference": report.reference,
            "region": report.kabkota_code,
            "urgency": report.urgency,
        },
    }
    for partner_id in partners:
        session.add(
            OutboxMessage(
                dedup_key=f"webhook:{partner_id}:{report.reference}:{event}:{stamp}"[:128],
                created_at=now,
                channel=WEBHOOK,
                partner_id=partner_id,
                text=json.dumps(body, separators=(",", ":")),
                report_id=report.id,
                next_attempt_at=now,
            )
        )
    return len(partners)


@dataclass(frozen=True, slots=True)
class PendingDelivery:
    """A claimed delivery: post `body` to `url` signed with `secret`. `url` is None when the
    partner has since been revoked or dropped its webhook: given up untried."""

    id: int
    claim: str
    attempts: int
    event: str
    body: bytes
    url: str | None
    secret: str | None = None

    def __repr__(self) -> str:  # the secret never reaches a log
        return f"PendingDelivery(id={self.id}, event={self.event}, attempts={self.attempts})"


def _live(partner: Partner | None, now: datetime) -> bool:
    if partner is None or partner.revoked_at is not None or partner.webhook_url is None:
        return False
    return partner.expires_at is None or partner.expires_at > now


async def claim_deliveries(
    deps: TriageDeps, owner: str, now: datetime, limit: int = 20
) -> list[PendingDelivery]:
    """Claim up to `limit` due webhook deliveries, each with its partner's URL and secret."""
    async with deps.uow() as uow:
        token, rows = await claim_rows(uow.session, WEBHOOK, owner, now, limit)
        deliveries = []
        for row in rows:
            partner = await uow.session.get(Partner, row.partner_id) if row.partner_id else None
            live = partner if _live(partner, now) else None
            event = str(json.loads(row.text).get("event", "")) if row.text else ""
            deliveries.append(
                PendingDelivery(
                    row.id or 0,
                    token,
                    row.attempts,
                    event,
                    row.text.encode(),
                    live.webhook_url if live else None,
                    live.webhook_secret if live else None,
                )
            )
        await uow.commit()
    return deliveries
