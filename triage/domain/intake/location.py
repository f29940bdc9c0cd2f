"""The location questions: a typed name, a pin, or browsing province -> kabupaten/kota.

A name that clearly means one kabupaten/kota, and a pin, are taken at once: the next question
shows the place with a "not this one" button (`_place_check`). Anything else is picked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Step
from triage.domain.intake.inputs import Input, Location, Press, Text
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import PLEASE_USE_BUTTONS, StepResult, refuse, stay
from triage.domain.intake.text import clean_text, letter_count

Answers = Mapping[str, Any]
MATCHES = 3
_RESET = {"_candidates": [], "_from_pin": False, "_browse": None, "_page": 0}
PLACE_UNSET = {**_RESET, "region_code": None, "latitude": None, "longitude": None}


def location(answers: Answers, given: Input, regions: RegionLookup) -> StepResult:
    if isinstance(given, Text):
        return _search(answers, given.text, regions)
    if isinstance(given, Location):
        return _pin(answers, given, regions)
    if isinstance(given, Press) and given.value == c.LOCATION_BROWSE:
        return stay(Step.LOCATION_PICK, {**_RESET, "_browse": "province"})
    return refuse(
        N_("Ketik nama kabupaten/kota, kirim lokasi dengan tombol 📍, atau pilih dari daftar.")
    )


def location_pick(answers: Answers, given: Input, regions: RegionLookup) -> StepResult:
    if not isinstance(given, Press):
        return location(answers, given, regions)
    value = given.value
    if value.startswith(c.REGION_PREFIX):
        return _chosen(answers, value[len(c.REGION_PREFIX) :], regions)
    if value == c.LOCATION_AGAIN:
        return stay(Step.LOCATION, dict(_RESET))
    if value == c.LOCATION_BROWSE:
        return stay(Step.LOCATION_PICK, {**_RESET, "_browse": "province"})
    if value.startswith(c.PROVINCE_PREFIX) and answers.get("_browse") == "province":
        province = value[len(c.PROVINCE_PREFIX) :]
        if regions.name(province) is None:
            return refuse(PLEASE_USE_BUTTONS)
        return stay(Step.LOCATION_PICK, {"_browse": province, "_page": 0})
    if value.startswith(c.PAGE_PREFIX) and value[len(c.PAGE_PREFIX) :].isdigit():
        return stay(Step.LOCATION_PICK, {"_page": int(value[len(c.PAGE_PREFIX) :])})
    return refuse(PLEASE_USE_BUTTONS)


def _search(answers: Answers, text: str, regions: RegionLookup) -> StepResult:
    typed = clean_text(text)[:80]
    if letter_count(typed) < 2:
        return refuse(N_("Mohon ketik nama kabupaten atau kota, misalnya: Kota Bandung."))
    clear = regions.match(typed)
    if clear is not None:
        return _taken(answers, clear[0])
    found = list(regions.search(typed, MATCHES))
    if not found:
        shown = typed if len(typed) <= 40 else typed[:39] + "…"
        return refuse(
            N_(
                "Kami belum menemukan “{typed}”. Coba ketik nama kabupaten/kota lain, kirim lokasi, atau pilih dari daftar."
            ),
            typed=shown,
        )
    candidates = [[code, name] for code, name in found]
    return stay(Step.LOCATION_PICK, {**_RESET, "_candidates": candidates})


def _pin(answers: Answers, pin: Location, regions: RegionLookup) -> StepResult:
    found = regions.nearest(pin.latitude, pin.longitude)
    if found is None:
        return refuse(
            N_(
                "Lokasi itu tampaknya di luar Indonesia. Ketik nama kabupaten/kota, atau pilih dari daftar."
            )
        )
    return _taken(answers, found[0], round(pin.latitude, 5), round(pin.longitude, 5))


def _taken(
    answers: Answers, code: str, latitude: float | None = None, longitude: float | None = None
) -> StepResult:
    """The place, without asking: the next question shows it with "not this one"."""
    check = not answers.get("_editing")  # when editing, the summary shows the place
    place = {"region_code": code, "latitude": latitude, "longitude": longitude}
    return StepResult(answers={**_RESET, **place, "_place_check": check})


def _chosen(answers: Answers, code: str, regions: RegionLookup) -> StepResult:
    offered = {str(pair[0]) for pair in answers.get("_candidates", ())}
    browsing = answers.get("_browse") not in (None, "province")
    if code not in offered and not (browsing and code.startswith(f"{answers['_browse']}.")):
        return refuse(PLEASE_USE_BUTTONS)
    if regions.name(code) is None:
        return refuse(PLEASE_USE_BUTTONS)
    keep_pin = bool(answers.get("_from_pin"))  # a pin confirmed here (drafts saved before)
    chosen: dict[str, Any] = {**_RESET, "region_code": code, "_place_check": False}
    if not keep_pin:
        chosen.update(latitude=None, longitude=None)
    return StepResult(answers=chosen)
