"""What a reporter who says a child is in danger sees once they give the place: after 112 and
SAPA 129 (shown at the danger question), the local UPTD PPA and the police unit (Unit PPA
Polres) of that kabupaten/kota, when the directory has a number for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.intake.result import Notice
from triage.domain.referrals import DANGER_LOCAL_TYPES
from triage.i18n import N_
from triage.services.referrals.choices import ServiceChoice, local_contacts

LOCAL_NUMBERS = N_("☎️ Selain 112 dan SAPA 129, layanan setempat untuk {place}:\n{lines}")
MAX_LINES = 4


async def local_numbers_notice(
    session: AsyncSession,
    place_name: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> Notice | None:
    """The notice when this answer gave (or changed) the place of a child in danger, or said
    (from the summary's edit menu) that the child whose place is known is in danger."""
    code = after.get("region_code")
    if after.get("immediate_danger") != "yes" or not code:
        return None
    if code == before.get("region_code") and before.get("immediate_danger") == "yes":
        return None
    contacts = await local_contacts(session, str(code), DANGER_LOCAL_TYPES)
    if not contacts:
        return None
    lines = "\n".join(_line(contact) for contact in contacts[:MAX_LINES])
    return Notice(LOCAL_NUMBERS, {"place": place_name, "lines": lines})


def _line(contact: ServiceChoice) -> str:
    """ "• UPTD PPA Kota Bandung: +62225550103 · WhatsApp +6281…" (names and numbers only)."""
    numbers = [number for number in (contact.phone,) if number]
    if contact.whatsapp:
        numbers.append(f"WhatsApp {contact.whatsapp}")
    return f"• {contact.name}: {' · '.join(numbers)}"
