"""Checks one field of a worker (the CSV or the admin form): names, ids, region codes, phones,
duty hours. Pure; a refused value raises FieldError with a catalogue message."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from triage.domain.regions.directory import RegionDirectory
from triage.i18n import N_
from triage.services.workers.problems import FieldError

ROLES = ("worker", "supervisor")
MAX_NAME_CHARS = 120  # Worker.name
MAX_TELEGRAM_ID = 2**63 - 1  # BigInteger
_YES = frozenset({"true", "ya", "1", "yes", "y"})
_NO = frozenset({"false", "tidak", "0", "no", "n"})
_DIGITS = re.compile(r"[0-9]+")
_REGION = re.compile(r"([0-9]{2})(?:\.?([0-9]{2}))?")
_KECAMATAN = re.compile(r"[0-9]{2}\.?[0-9]{2}\.?[0-9]{2,3}")
_PHONE_NOISE = re.compile(r"[\s().-]")
_PHONE_NSN = re.compile(r"[1-9][0-9]{7,11}")  # national number after +62: 8 to 12 digits
_DAY_NAMES = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"),
)
_TIME = r"[0-9]{1,2}[:.][0-9]{2}"
_DUTY = re.compile(rf"(?:(?P<days>.*?)\s+)?(?P<start>{_TIME})\s*-\s*(?P<end>{_TIME})")


def name_key(name: str) -> str:
    """How names are compared: case-folded, single spaces."""
    return " ".join(name.casefold().split())


def parse_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise FieldError(N_("nama kosong"))
    if len(name) > MAX_NAME_CHARS:
        raise FieldError(N_("nama lebih dari {max} karakter"), max=MAX_NAME_CHARS)
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise FieldError(N_("nama berisi karakter kontrol"))
    return name


def parse_telegram_id(text: str) -> int | None:
    """Empty: not yet bound (the worker gets an invite). Otherwise a positive integer."""
    text = text.strip()
    if not text:
        return None
    if not _DIGITS.fullmatch(text) or not 0 < int(text) <= MAX_TELEGRAM_ID:
        raise FieldError(
            N_("telegram_user_id harus bilangan bulat positif, bukan '{value}'"), value=text
        )
    return int(text)


def parse_role(text: str) -> str:
    role = text.strip().lower()
    if role not in ROLES:
        raise FieldError(
            N_("role harus 'worker' atau 'supervisor', bukan '{value}'"), value=text.strip()
        )
    return role


def parse_on_duty(text: str) -> bool:
    value = text.strip().lower()
    if value in _YES or value in _NO:
        return value in _YES
    raise FieldError(
        N_("on_duty harus true/false (atau ya/tidak, yes/no, 1/0), bukan '{value}'"),
        value=text.strip(),
    )


def parse_region_codes(text: str, regions: RegionDirectory) -> tuple[str, ...]:
    """Codes separated by ';': a province ("31") or kabupaten/kota ("31.74" or "3174")."""
    codes: list[str] = []
    for raw in (part.strip() for part in text.split(";")):
        if raw:
            code = _region_code(raw, regions)
            if code not in codes:
                codes.append(code)
    if not codes:
        raise FieldError(
            N_("region_codes kosong; isi paling sedikit satu provinsi atau kabupaten/kota")
        )
    return tuple(codes)


def _region_code(raw: str, regions: RegionDirectory) -> str:
    match = _REGION.fullmatch(raw)
    if match is None:
        if _KECAMATAN.fullmatch(raw):
            raise FieldError(
                N_("kode wilayah '{code}' adalah kecamatan; pakai kode kabupaten/kotanya"),
                code=raw,
            )
        raise FieldError(N_("kode wilayah '{code}' harus seperti '31' atau '31.74'"), code=raw)
    province, kabkota = match.groups()
    code = f"{province}.{kabkota}" if kabkota else province
    known = regions.kabkota(code) if kabkota else regions.province(code)
    if known is None:
        if kabkota:
            raise FieldError(
                N_("kode wilayah '{code}' bukan kabupaten/kota yang dikenal"), code=raw
            )
        raise FieldError(N_("kode wilayah '{code}' bukan provinsi yang dikenal"), code=raw)
    return code


def parse_phone(text: str) -> str | None:
    """Empty: no phone. Otherwise 08…, 628… or +62… normalised to +62…."""
    compact = _PHONE_NOISE.sub("", text)
    if not compact:
        return None
    for prefix in ("+62", "62", "0"):
        if compact.startswith(prefix):
            national = compact[len(prefix) :]
            if _PHONE_NSN.fullmatch(national):
                return "+62" + national
            break
    raise FieldError(N_("nomor telepon bukan nomor Indonesia (tulis sebagai 08…, 628… atau +62…)"))


def parse_duty_hours(text: str) -> dict[str, Any] | None:
    """ "mon-fri 08:00-16:00", "sen,rab 20:00-08:00", "08:00-16:00" (every day); empty: any time."""
    text = " ".join(text.lower().split())
    if not text:
        return None
    match = _DUTY.fullmatch(text)
    if match is None:
        raise FieldError(
            N_("jam tugas (duty_hours) harus seperti 'sen-jum 08:00-16:00' (kosong: kapan saja)")
        )
    days = _days(match["days"]) if match["days"] else list(range(7))
    return {"days": days, "start": _clock(match["start"]), "end": _clock(match["end"])}


def _days(text: str) -> list[int]:
    days: set[int] = set()
    for item in (part.strip() for part in text.split(",")):
        first, _, last = (end.strip() for end in item.partition("-"))
        start = _weekday(first)
        stop = _weekday(last) if last else start
        days.update((start + step) % 7 for step in range((stop - start) % 7 + 1))
    return sorted(days)


def _weekday(word: str) -> int:
    """0 for "mon", "monday", "sen" or "senin" (at least three letters of a day's name), …"""
    word = word.replace("'", "")
    for names in _DAY_NAMES:
        for index, name in enumerate(names):
            if len(word) >= 3 and name.startswith(word):
                return index
    raise FieldError(
        N_("jam tugas: '{word}' bukan nama hari (sen … min atau mon … sun)"), word=word
    )


def _clock(text: str) -> str:
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours > 23 or minutes > 59:
        raise FieldError(N_("jam tugas: '{time}' bukan jam (00:00 sampai 23:59)"), time=text)
    return f"{hours:02d}:{minutes:02d}"
