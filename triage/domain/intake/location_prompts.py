"""What the location questions ask: type a name or send a pin, pick one of the matches, or
browse provinces and their kabupaten/kota a page at a time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Option, Step
from triage.domain.intake.prompt import Prompt
from triage.domain.intake.regions_port import RegionLookup

Answers = Mapping[str, Any]


def location_prompt(_answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    question = N_(
        "Di mana anak itu? Ketik nama kabupaten/kota (misalnya: Jaksel, Kota Bandung), "
        "kirim lokasi dengan tombol 📍 di bawah, atau pilih dari daftar."
    )
    browse = (Option(c.LOCATION_BROWSE, N_("📋 Pilih dari daftar")),)
    return Prompt(Step.LOCATION, question, version, browse, request_location=True)


def location_pick_prompt(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    if answers.get("_browse") == "province":
        return _province_page(answers, version, regions)
    if answers.get("_browse"):
        return _kabkota_page(answers, version, regions)
    candidates: Sequence[Sequence[str]] = answers.get("_candidates", ())
    picks = tuple(Option(c.REGION_PREFIX + code, name, literal=True) for code, name in candidates)
    again = Option(c.LOCATION_AGAIN, N_("Bukan, ketik lagi"))
    browse = Option(c.LOCATION_BROWSE, N_("📋 Pilih dari daftar"))
    question = N_("Maksud Anda yang mana?")
    return Prompt(Step.LOCATION_PICK, question, version, (*picks, again, browse))


def _paged(items: Sequence[tuple[str, str]], prefix: str, page: int) -> tuple[Option, ...]:
    size = int(c.LIMITS["region_page_size"])
    start = page * size
    options = [
        Option(prefix + code, name, literal=True) for code, name in items[start : start + size]
    ]
    if page > 0:
        options.append(Option(f"{c.PAGE_PREFIX}{page - 1}", N_("⬅️ Sebelumnya")))
    if start + size < len(items):
        options.append(Option(f"{c.PAGE_PREFIX}{page + 1}", N_("Berikutnya ➡️")))
    return tuple(options)


def _province_page(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    options = _paged(regions.provinces(), c.PROVINCE_PREFIX, int(answers.get("_page", 0)))
    question = N_("Pilih provinsi:")
    return Prompt(Step.LOCATION_PICK, question, version, options, 2)


def _kabkota_page(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    province = str(answers["_browse"])
    items = regions.kabkota_in(province)
    options = _paged(items, c.REGION_PREFIX, int(answers.get("_page", 0)))
    back = Option(c.LOCATION_BROWSE, N_("⬅️ Daftar provinsi"))
    values = {"province": regions.name(province) or province}
    question = N_("Pilih kabupaten/kota di {province}:")
    return Prompt(Step.LOCATION_PICK, question, version, (*options, back), 2, values=values)
