"""How long personal data is kept, and what each field of a closed case becomes. Pure.

A closed case loses the reporter's phone number `phone_days` after closure and every other
personal detail `case_days` after closure (anonymisation); what the statistics need stays:
region, categories, urgency, the answers' codes, the times and the outcome. Sent or
undeliverable outbox rows go after `outbox_days`, audit rows after `audit_days`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from triage.domain.intake.catalog import AGE_BANDS

DEFAULT_PHONE_DAYS = 30
DEFAULT_CASE_DAYS = 365
DEFAULT_OUTBOX_DAYS = 30
DEFAULT_AUDIT_DAYS = 730  # two years: who looked at a child's case is asked about long after


class Fate(StrEnum):
    """What happens to a report column."""

    KEPT = "kept"  # needed by the statistics, the queue or the case's history
    PHONE = "phone"  # cleared `phone_days` after closure (and at anonymisation)
    ANONYMISED = "anonymised"  # cleared or coarsened `case_days` after closure


# Every column of `report`, decided one by one; tests/triage/domain/test_retention.py fails
# when the table gains a column this map does not decide.
REPORT_FATES: Mapping[str, Fate] = {
    "id": Fate.KEPT,
    "reference": Fate.KEPT,  # an opaque code; the queue and the audit log name cases by it
    "received_at": Fate.KEPT,
    "reporter_chat_id": Fate.ANONYMISED,  # the reporter's Telegram account
    "intake_update_id": Fate.KEPT,  # a Telegram update number: names nobody
    "language": Fate.KEPT,
    "categories": Fate.KEPT,
    "child_age": Fate.ANONYMISED,  # an exact age becomes the questionnaire's band
    "age_band_lower": Fate.KEPT,
    "age_band_upper": Fate.KEPT,
    "child_sex": Fate.KEPT,
    "children_count": Fate.KEPT,
    "happened": Fate.KEPT,
    "reporter_relation": Fate.KEPT,
    "immediate_danger": Fate.KEPT,
    "perpetrator_access": Fate.KEPT,
    "injured": Fate.KEPT,
    "repeated": Fate.KEPT,
    "disability": Fate.KEPT,
    "description": Fate.ANONYMISED,  # the story: names, places, everything
    "kabkota_code": Fate.KEPT,  # the region of the statistics and the map
    "kecamatan_code": Fate.ANONYMISED,  # a district narrows a case down to a few families
    "latitude": Fate.ANONYMISED,
    "longitude": Fate.ANONYMISED,
    "address": Fate.ANONYMISED,
    "evidence": Fate.ANONYMISED,  # Telegram file ids of photos and voice notes
    "contact_phone": Fate.PHONE,
    "contact_consent": Fate.KEPT,
    "notify_reporter": Fate.ANONYMISED,  # nobody left to tell
    "status": Fate.KEPT,
    "urgency": Fate.KEPT,
    "assigned_worker_id": Fate.KEPT,
    "duplicate_of_id": Fate.KEPT,
    "accepted_at": Fate.KEPT,
    "first_contact_at": Fate.KEPT,
    "closed_at": Fate.KEPT,
    "last_event_at": Fate.KEPT,
    "rating": Fate.KEPT,
    "rating_comment": Fate.ANONYMISED,  # the reporter's own words
    "urgency_rank": Fate.KEPT,
    "status_rank": Fate.KEPT,
    "queue_rank": Fate.KEPT,
    "anonymised_at": Fate.KEPT,  # when this happened
}

NO_CHAT = 0  # the reporter's chat id after anonymisation (the column is NOT NULL)


def cleared_report_values() -> dict[str, Any]:
    """The value each anonymised column takes (fresh objects: the lists are stored as JSON).

    `child_age` is cleared here; its band is kept by `age_band_of`."""
    values: dict[str, Any] = {
        "reporter_chat_id": NO_CHAT,
        "child_age": None,
        "description": "",
        "kecamatan_code": None,
        "latitude": None,
        "longitude": None,
        "address": None,
        "evidence": [],
        "contact_phone": None,
        "notify_reporter": False,
        "rating_comment": None,
    }
    return values


# The questionnaire's bands as (lower, upper): what an exact age is coarsened to.
AGE_BAND_BOUNDS: tuple[tuple[int, int], ...] = tuple(
    (band.lower, band.upper)
    for band in AGE_BANDS.values()
    if band.lower is not None and band.upper is not None
)


def age_band_of(years: int) -> tuple[int, int] | None:
    """The band that holds an exact age ("6–12" for 9); None outside them."""
    return next(((lo, hi) for lo, hi in AGE_BAND_BOUNDS if lo <= years <= hi), None)


# Words people wrote on a case's timeline, by event kind: the worker's or staff's notes,
# typed reasons, the message sent to the reporter. Other keys are codes and ids.
EVENT_FREE_TEXT: Mapping[str, tuple[str, ...]] = {
    "note": ("text",),
    "staff_note": ("text",),
    "declined": ("text",),
    "reporter_messaged": ("text",),
    "urgency_override": ("reason",),
    "reassigned": ("reason",),
    "status_changed": ("reason",),
    "closed": ("reason",),
    "marked_duplicate": ("reason",),
    "unmarked_duplicate": ("reason",),
}
ANY_KIND_FREE_TEXT = ("text",)  # by convention a `text` key always holds typed words


def scrubbed_event_data(kind: str, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The event's data without typed words; None when it holds none (nothing to write)."""
    drop = set(EVENT_FREE_TEXT.get(kind, ())) | set(ANY_KIND_FREE_TEXT)
    if not drop & data.keys():
        return None
    return {key: value for key, value in data.items() if key not in drop}


def decline_code(decline_reason: str) -> str:
    """`other: on a training course` → `other`: the code without the worker's words."""
    return decline_reason.partition(": ")[0]


def scrubbed_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Assessment reasons without the words matched in the story (code and points stay);
    None when no reason quotes any."""
    if not any(reason.get("detail") is not None for reason in reasons):
        return None
    return [{**reason, "detail": None} for reason in reasons]


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """The four limits, in whole days."""

    phone_days: int = DEFAULT_PHONE_DAYS
    case_days: int = DEFAULT_CASE_DAYS
    outbox_days: int = DEFAULT_OUTBOX_DAYS
    audit_days: int = DEFAULT_AUDIT_DAYS

    def __post_init__(self) -> None:
        limits = (self.phone_days, self.case_days, self.outbox_days, self.audit_days)
        if min(limits) < 1:
            raise ValueError(f"retention limits are whole days from 1 up, got {limits}")

    def cutoffs(self, now: datetime) -> RetentionCutoffs:
        """What closed, was queued or audited before these times is due now."""
        return RetentionCutoffs(
            phone=now - timedelta(days=self.phone_days),
            case=now - timedelta(days=self.case_days),
            outbox=now - timedelta(days=self.outbox_days),
            audit=now - timedelta(days=self.audit_days),
        )


@dataclass(frozen=True, slots=True)
class RetentionCutoffs:
    phone: datetime
    case: datetime
    outbox: datetime
    audit: datetime
