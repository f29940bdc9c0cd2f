"""Bodies of `lapor-sosial partners add|list|revoke|webhook`: partner systems' API tokens
and webhooks. A token and a webhook secret are printed once, here, and never again."""

from __future__ import annotations

import re
from datetime import datetime

from app.bootstrap import migrated
from app.commands import CommandError
from app.settings import Settings
from triage.domain.partners.access import InvalidGrant, parse_lifetime, parse_regions, parse_scopes
from triage.services.partners.manage import (
    PartnerError,
    PartnerLine,
    PartnerProblem,
    add_partner,
    list_partners,
    revoke_partner,
    set_webhook,
)

ACTOR = "cli"
PROBLEMS = {
    PartnerProblem.NAME_TAKEN: "a partner of that name exists (revoked ones keep their name)",
    PartnerProblem.BAD_NAME: "a partner's name is 1 to 64 printable characters",
    PartnerProblem.NOT_FOUND: "no partner of that name (see `lapor-sosial partners list`)",
    PartnerProblem.ALREADY_REVOKED: "that partner's token is revoked",
    PartnerProblem.BAD_URL: "a webhook URL is an https:// address (http:// only to this machine)",
    PartnerProblem.NO_CASES_SCOPE: "webhooks carry case events: the partner needs the cases scope",
}


def _problem(exc: PartnerError) -> CommandError:
    return CommandError(PROBLEMS[exc.problem])


async def add(settings: Settings, name: str, regions: str, scopes: str, expires: str | None) -> int:
    try:
        codes = parse_regions(re.split(r"[;,]", regions))
        granted = parse_scopes(scopes)
        lifetime = parse_lifetime(expires) if expires else None
    except InvalidGrant as exc:
        raise CommandError(str(exc)) from exc
    async with migrated(settings) as wiring:
        unknown = [code for code in codes if wiring.deps.regions.name(code) is None]
        if unknown:
            raise CommandError(f"unknown region codes: {', '.join(unknown)}")
        try:
            token = await add_partner(wiring.deps, name, codes, granted, lifetime, ACTOR)
        except PartnerError as exc:
            raise _problem(exc) from exc
    print(f"Partner '{name.strip()}' added. Its token (shown only now; keep it secret):")
    print(token)
    return 0


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "-"


def _state(line: PartnerLine, now: datetime) -> str:
    if line.revoked_at is not None:
        return f"revoked {_when(line.revoked_at)}"
    if line.expires_at is not None and line.expires_at <= now:
        return f"expired {_when(line.expires_at)}"
    return f"active until {_when(line.expires_at)}" if line.expires_at else "active"


async def list_all(settings: Settings) -> int:
    async with migrated(settings) as wiring:
        lines = await list_partners(wiring.deps)
        now = wiring.deps.clock()
    if not lines:
        print("No partners.")
    for line in lines:
        webhook = line.webhook_url or "-"
        print(
            f"{line.name}\t{','.join(line.scopes)}\t{';'.join(line.regions)}\t"
            f"{_state(line, now)}\tlast used {_when(line.last_used_at)}\twebhook {webhook}"
        )
    return 0


async def revoke(settings: Settings, name: str) -> int:
    async with migrated(settings) as wiring:
        try:
            await revoke_partner(wiring.deps, name, ACTOR)
        except PartnerError as exc:
            raise _problem(exc) from exc
    print(f"Partner '{name.strip()}' revoked: its token opens nothing from now on.")
    return 0


async def webhook(settings: Settings, name: str, url: str | None) -> int:
    async with migrated(settings) as wiring:
        try:
            secret = await set_webhook(wiring.deps, name, url, ACTOR)
        except PartnerError as exc:
            raise _problem(exc) from exc
    if secret is None:
        print(f"Partner '{name.strip()}' receives no more webhook events.")
        return 0
    print(f"Webhook set. The signing secret (shown only now; give it to '{name.strip()}'):")
    print(secret)
    return 0
