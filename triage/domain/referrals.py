"""The directory of services a case can be referred to, and a referral's life.

Pure: stdlib and triage.domain only. The enum values are what the database and the services
CSV hold. A service's phone numbers are public contact data, not personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from triage.domain.roster import codes_cover


class ServiceType(StrEnum):
    """What kind of service it is, in the order a worker is offered them."""

    UPTD_PPA = "uptd_ppa"
    P2TP2A = "p2tp2a"
    UNIT_PPA_POLRES = "unit_ppa_polres"
    PUSKESMAS = "puskesmas"
    RSUD_PPT = "rsud_ppt"
    LKSA = "lksa"
    LBH = "lbh"
    DISDUKCAPIL = "disdukcapil"
    DINAS_PENDIDIKAN = "dinas_pendidikan"
    BALAI_REHSOS = "balai_rehsos"
    OTHER = "other"


# Whom a reporter who says a child is in danger is shown after 112 and SAPA 129, in this order.
DANGER_LOCAL_TYPES: tuple[ServiceType, ...] = (ServiceType.UPTD_PPA, ServiceType.UNIT_PPA_POLRES)


class ReferralStatus(StrEnum):
    """sent → accepted → completed, or declined (from sent or accepted)."""

    SENT = "sent"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    DECLINED = "declined"


_NEXT: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED),
    ReferralStatus.ACCEPTED: (ReferralStatus.COMPLETED, ReferralStatus.DECLINED),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.DECLINED: (),
}
OPEN_REFERRAL_STATUSES: tuple[ReferralStatus, ...] = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
REMIND_AFTER = timedelta(days=7)  # a referral with no update for this long gets a reminder


def referral_next(current: ReferralStatus) -> tuple[ReferralStatus, ...]:
    """The statuses a referral may move to now (none once completed or declined)."""
    return _NEXT[current]


def may_move_referral(current: ReferralStatus, target: ReferralStatus) -> bool:
    return target in _NEXT[current]


def referral_due_reminder(
    updated_at: datetime, reminded_at: datetime | None, now: datetime
) -> bool:
    """No update for REMIND_AFTER, and no reminder since the last update (or for as long)."""
    quiet_since = max(updated_at, reminded_at) if reminded_at is not None else updated_at
    return now - quiet_since >= REMIND_AFTER


@dataclass(frozen=True, slots=True)
class NationalLine:
    """A number that serves the whole country; shipped with the bot, never imported."""

    name: str
    phone: str
    whatsapp: str | None = None


# The only numbers the project ships: local numbers come from the admin's directory.
NATIONAL_LINES: tuple[NationalLine, ...] = (
    NationalLine("112 (Layanan Darurat)", "112"),
    NationalLine("SAPA 129 (KemenPPPA)", "129", "+628111129129"),
)


def serves(region_codes: Iterable[str], kabkota_code: str | None) -> bool:
    """Whether a service's codes include the kabupaten/kota or its whole province."""
    return codes_cover(tuple(region_codes), kabkota_code)


def is_stale(last_verified: date | None, today: date, max_age_days: int) -> bool:
    """Never verified, or verified longer ago than `max_age_days`."""
    return last_verified is None or (today - last_verified).days > max_age_days


def type_order(service_type: str) -> int:
    """Where a type stands in ServiceType's order (unknown codes last)."""
    codes = [member.value for member in ServiceType]
    return codes.index(service_type) if service_type in codes else len(codes)


def offered_types(types: Iterable[str]) -> list[ServiceType]:
    """The types present, in ServiceType's order (each once)."""
    present = set(types)
    return [member for member in ServiceType if member.value in present]


def by_name(names: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """(id, name) pairs sorted by name, case-insensitively, then by id."""
    return sorted(names, key=lambda pair: (pair[1].casefold(), pair[0]))
