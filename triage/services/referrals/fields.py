"""Checks one field of a service (the CSV or the admin form). Pure; a refused value raises
FieldError with a catalogue message. Phones are checked as the workers' are."""

from __future__ import annotations

import re
from datetime import date

from triage.domain.referrals import ServiceType
from triage.i18n import N_
from triage.services.workers.fields import parse_name, parse_phone, parse_region_codes
from triage.services.workers.problems import FieldError

__all__ = [
    "TextParser",
    "parse_last_verified",
    "parse_name",
    "parse_phone",
    "parse_region_codes",
    "parse_type",
]

TYPE_CODES = ", ".join(member.value for member in ServiceType)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_type(text: str) -> ServiceType:
    code = text.strip().lower()
    if code not in {member.value for member in ServiceType}:
        raise FieldError(
            N_("type '{value}' tidak dikenal; pilih salah satu: {codes}"),
            value=text.strip(),
            codes=TYPE_CODES,
        )
    return ServiceType(code)


class TextParser:
    """An optional free text (address, hours, what it offers): single spaces, a length cap."""

    def __init__(self, column: str, max_chars: int) -> None:
        self.column = column
        self.max_chars = max_chars

    def __call__(self, text: str) -> str | None:
        value = " ".join(text.split())
        if len(value) > self.max_chars:
            raise FieldError(
                N_("{column} lebih dari {max} karakter"), column=self.column, max=self.max_chars
            )
        return value or None


def parse_last_verified(text: str, today: date) -> date | None:
    """Empty: never verified. Otherwise YYYY-MM-DD, not after today."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    try:
        day = date(*(int(part) for part in match.groups())) if match else None
    except ValueError:
        day = None
    if day is None:
        raise FieldError(
            N_("last_verified harus tanggal seperti 2026-01-31, bukan '{value}'"), value=text
        )
    if day > today:
        raise FieldError(N_("last_verified {value} ada di masa depan"), value=text)
    return day
