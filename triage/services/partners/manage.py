"""Making, listing and revoking partners' tokens, and their webhooks (the console's
`lapor-sosial partners …`). Every change is audited with the partner's name, never a token
or a secret."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from yarl import URL

from triage.domain.partners.access import Scope
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.partners.tokens import new_token, new_webhook_secret, token_hash
from triage.storage.tables import Partner

NAME_MAX_CHARS = 64
URL_MAX_CHARS = 500


class PartnerProblem(StrEnum):
    NAME_TAKEN = "name_taken"
    BAD_NAME = "bad_name"
    NOT_FOUND = "not_found"
    ALREADY_REVOKED = "already_revoked"
    BAD_URL = "bad_url"
    NO_CASES_SCOPE = "no_cases_scope"  # webhooks carry case events


class PartnerError(Exception):
    def __init__(self, problem: PartnerProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class PartnerLine:
    name: str
    scopes: tuple[str, ...]
    regions: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    webhook_url: str | None


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX_CHARS or not name.isprintable():
        raise PartnerError(PartnerProblem.BAD_NAME)
    return name


async def add_partner(
    deps: TriageDeps,
    name: str,
    regions: tuple[str, ...],
    scopes: frozenset[Scope],
    lifetime: timedelta | None,
    actor: str,
) -> str:
    """Make a partner and return its token (shown once, stored only as a hash)."""
    name, now, token = _clean_name(name), deps.clock(), new_token()
    async with deps.uow() as uow:
        taken = await uow.session.exec(select(col(Partner.id)).where(Partner.name == name))
        if taken.first() is not None:
            raise PartnerError(PartnerProblem.NAME_TAKEN)
        partner = Partner(
            name=name,
            token_hash=token_hash(token),
            scopes=sorted(scope.value for scope in scopes),
            regions=list(regions),
            created_at=now,
            expires_at=now + lifetime if lifetime is not None else None,
        )
        uow.session.add(partner)
        audit(
            uow.session,
            actor,
            "partner_added",
            now,
            partner=name,
            scopes=partner.scopes,
            regions=partner.regions,
        )
        await uow.commit()
    return token


async def list_partners(deps: TriageDeps) -> list[PartnerLine]:
    async with deps.uow() as uow:
        rows = (await uow.session.exec(select(Partner).order_by(col(Partner.name)))).all()
    return [
        PartnerLine(
            r.name,
            tuple(r.scopes),
            tuple(r.regions),
            r.created_at,
            r.expires_at,
            r.revoked_at,
            r.last_used_at,
            r.webhook_url,
        )
        for r in rows
    ]


async def _named(session: AsyncSession, name: str) -> Partner:
    found = await session.exec(select(Partner).where(Partner.name == name.strip()))
    partner = found.first()
    if partner is None:
        raise PartnerError(PartnerProblem.NOT_FOUND)
    return partner


async def revoke_partner(deps: TriageDeps, name: str, actor: str) -> None:
    """The token opens nothing from now on; its webhook receives nothing more."""
    now = deps.clock()
    async with deps.uow() as uow:
        partner = await _named(uow.session, name)
        if partner.revoked_at is not None:
            raise PartnerError(PartnerProblem.ALREADY_REVOKED)
        partner.revoked_at = now
        audit(uow.session, actor, "partner_revoked", now, partner=partner.name)
        await uow.commit()


def webhook_url(text: str) -> str:
    """An absolute https URL (http only to this machine, for testing), without credentials."""
    url = URL(text.strip())
    local = url.host in ("127.0.0.1", "::1", "localhost")
    if len(text) > URL_MAX_CHARS or not url.is_absolute() or url.host is None:
        raise PartnerError(PartnerProblem.BAD_URL)
    if url.scheme != "https" and not (url.scheme == "http" and local):
        raise PartnerError(PartnerProblem.BAD_URL)
    if url.user is not None or url.password is not None or url.fragment:
        raise PartnerError(PartnerProblem.BAD_URL)
    return str(url)


async def set_webhook(deps: TriageDeps, name: str, url: str | None, actor: str) -> str | None:
    """Register (or replace) the partner's webhook URL and return a new signing secret, shown
    once; `url` None removes the webhook. Only a partner with the cases scope takes one."""
    now, checked = deps.clock(), webhook_url(url) if url is not None else None
    secret = new_webhook_secret() if checked is not None else None
    async with deps.uow() as uow:
        partner = await _named(uow.session, name)
        if checked is not None and Scope.CASES.value not in partner.scopes:
            raise PartnerError(PartnerProblem.NO_CASES_SCOPE)
        if partner.revoked_at is not None:
            raise PartnerError(PartnerProblem.ALREADY_REVOKED)
        partner.webhook_url, partner.webhook_secret = checked, secret
        action = "partner_webhook_set" if checked else "partner_webhook_removed"
        audit(uow.session, actor, action, now, partner=partner.name)
        await uow.commit()
    return secret
