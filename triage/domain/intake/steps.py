"""One handler per question: validate an input and record the answer. Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Option, Step
from triage.domain.intake.child import child
from triage.domain.intake.inputs import Contact, Input, Media, Press, Text
from triage.domain.intake.location import PLACE_UNSET, location, location_pick
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import (
    EMERGENCY_NUMBERS,
    PLEASE_USE_BUTTONS,
    Notice,
    StepResult,
    refuse,
    stay,
    unexpected,
)
from triage.domain.intake.review import cancel_confirm, summary
from triage.domain.intake.text import clean_text, letter_count, typed_choice
from triage.domain.intake.told_early import TOLD_EARLY, joined, told_early

Answers = Mapping[str, Any]
Handler = Callable[[Answers, Input, RegionLookup], StepResult]


def _pressed(given: Input, options: tuple[Option, ...]) -> str | None:
    """The chosen option's value, from a button or from typed words like "ya"."""
    if isinstance(given, Press):
        return given.value if any(o.value == given.value for o in options) else None
    if isinstance(given, Text):
        return typed_choice(given.text, [o.value for o in options])
    return None


def _consent(_answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    value = given.value if isinstance(given, Press) else None
    if value == "decline":
        notice = Notice(N_("Baik. Tidak ada yang disimpan. Ketik /start kapan saja untuk melapor."))
        return StepResult(cancelled=True, notices=(notice,))
    if value in ("id", "en"):
        return StepResult(answers={"language": value, "consented": True})
    return refuse(PLEASE_USE_BUTTONS)


def _danger(_answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    """Danger right now, and when it happened, in one answer (typed "ya"/"tidak" too)."""
    value = given.value if isinstance(given, Press) else None
    if isinstance(given, Text):
        value = typed_choice(given.text, ("yes", "no", "unknown"))
    recorded = c.DANGER_ANSWERS.get(value or "")
    if recorded is None:
        return unexpected(given)
    danger, when = recorded
    notices = (Notice(EMERGENCY_NUMBERS),) if danger == "yes" else ()
    return StepResult(answers={"immediate_danger": danger, "when": when}, notices=notices)


def _category(answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if not isinstance(given, Press):
        return unexpected(given)
    chosen = list(answers.get("categories", ()))
    if given.value == c.CATEGORY_MULTI:
        return stay(Step.CATEGORY, {"_multi": True})
    if given.value == c.CATEGORY_DONE and chosen:
        return StepResult(answers={"_multi": False})
    if not any(o.value == given.value for o in c.CATEGORY_OPTIONS):
        return refuse(PLEASE_USE_BUTTONS)
    if not answers.get("_multi"):
        return StepResult(answers={"categories": [given.value]})
    toggled = (
        [v for v in chosen if v != given.value] if given.value in chosen else [*chosen, given.value]
    )
    return stay(Step.CATEGORY, {"categories": toggled})


def _risks(answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if not isinstance(given, Press):
        return unexpected(given)
    chosen = list(answers.get("_risks", ()))
    if given.value in (c.RISKS_NONE, c.RISKS_UNKNOWN):
        return StepResult(answers={"_risks": [], "risks_answer": given.value})
    if given.value == c.RISKS_DONE and chosen:
        return StepResult(answers={"risks_answer": "some"})
    if not any(o.value == given.value for o in c.RISK_OPTIONS):
        return refuse(PLEASE_USE_BUTTONS)
    toggled = (
        [v for v in chosen if v != given.value] if given.value in chosen else [*chosen, given.value]
    )
    return stay(Step.RISKS, {"_risks": toggled})


def _address(_answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if isinstance(given, Press) and given.value == c.ADDRESS_SKIP:
        return StepResult(answers={"address": None})
    if not isinstance(given, Text):
        return unexpected(given)
    text = clean_text(given.text)
    limit = c.LIMITS["address_max_chars"]
    if len(text) > limit:
        return refuse(
            N_("Alamatnya terlalu panjang. Mohon ringkas, paling banyak {limit} karakter."),
            limit=str(limit),
        )
    if letter_count(text) < 2:
        return refuse(N_("Mohon tulis alamat atau patokan dengan kata-kata, atau tekan Lewati."))
    return StepResult(answers={"address": text})


def _choice(options: tuple[Option, ...], key: str) -> Handler:
    def handle(_answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
        value = _pressed(given, options)
        return unexpected(given) if value is None else StepResult(answers={key: value})

    return handle


def _description(answers: Answers, given: Input, regions: RegionLookup) -> StepResult:
    if isinstance(given, Media):
        return _evidence_with_caption(answers, given, regions)
    if isinstance(given, Press) and given.value == c.PLACE_WRONG and answers.get("_place_check"):
        return stay(Step.LOCATION, {**PLACE_UNSET, "_place_check": False})
    told = told_early(answers)
    if isinstance(given, Press) and given.value == c.STORY_AS_TOLD and told:
        return _story_taken(told, was_told=True)
    if not isinstance(given, Text):
        return refuse(N_("Mohon ceritakan apa yang terjadi dengan mengetik pesan."))
    text = joined(told, clean_text(given.text, keep_newlines=True))
    limit = c.LIMITS["description_max_chars"]
    if len(text) > limit:
        return refuse(
            N_(
                "Ceritanya terlalu panjang ({length} karakter). Mohon ringkas, paling banyak {limit} karakter."
            ),
            length=str(len(text)),
            limit=str(limit),
        )
    if letter_count(text) < c.LIMITS["description_min_letters"]:
        return refuse(
            N_("Mohon ceritakan dengan beberapa kata: apa yang terjadi, siapa, dan di mana.")
        )
    return _story_taken(text, was_told=bool(told))


def _story_taken(story: str, *, was_told: bool) -> StepResult:
    """The story, and what was typed earlier for it (if anything) no longer kept apart."""
    taken: dict[str, Any] = {"description": story, "_place_check": False}
    return StepResult(answers=taken | ({TOLD_EARLY: None} if was_told else {}))


def _evidence_with_caption(answers: Answers, given: Media, regions: RegionLookup) -> StepResult:
    """A photo or voice note; a caption that tells what happened is taken as the story, so
    nothing the reporter typed is lost and no turn is spent asking for it again."""
    added = _add_evidence(answers, given)
    caption = given.caption or ""
    if added.error is not None or len(caption.split()) < c.LIMITS["caption_story_min_words"]:
        return added  # "ini anaknya" labels the photo; it does not tell what happened
    story = _description({**answers, **added.answers}, Text(caption), regions)
    if story.error is not None:
        return added
    notice = Notice(N_("Foto/suara dan ceritanya diterima."))
    return StepResult(answers={**added.answers, **story.answers}, notices=(notice,))


def _add_evidence(answers: Answers, given: Media) -> StepResult:
    evidence = list(answers.get("evidence", ()))
    limit = c.LIMITS["evidence_max"]
    if len(evidence) >= limit:
        return refuse(
            N_("Sudah {limit} foto/suara; itu batasnya. Sekarang ketik ceritanya."),
            limit=str(limit),
        )
    evidence.append({"kind": given.kind, "file_id": given.file_id})
    notice = Notice(
        N_("Diterima ({count}/{limit}). Kirim lagi, atau ketik ceritanya."),
        {"count": str(len(evidence)), "limit": str(limit)},
    )
    return stay(Step.DESCRIPTION, {"evidence": evidence}, notice)


def _contact(_answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if isinstance(given, Press) and given.value == c.CONTACT_ANONYMOUS:
        return StepResult(answers={"contact_phone": None, "contact_consent": False})
    if isinstance(given, Contact) and given.own:
        phone = "".join(ch for ch in given.phone_number if ch.isdigit() or ch == "+")[:20]
        return StepResult(answers={"contact_phone": phone, "contact_consent": True})
    if isinstance(given, Contact):
        return refuse(N_("Mohon bagikan nomor Anda sendiri dengan tombol 📱 di bawah."))
    return refuse(N_("Tekan 📱 Bagikan nomor saya di bawah, atau pilih Tetap anonim."))


HANDLERS: dict[Step, Handler] = {
    Step.CONSENT: _consent,
    Step.DANGER: _danger,
    Step.CATEGORY: _category,
    Step.AGE: child,
    Step.RISKS: _risks,
    Step.LOCATION: location,
    Step.LOCATION_PICK: location_pick,
    Step.ADDRESS: _address,
    Step.DESCRIPTION: _description,
    Step.RELATION: _choice(c.RELATION_OPTIONS, "relation"),
    Step.CONTACT: _contact,
    Step.SUMMARY: summary,
    Step.CANCEL_CONFIRM: cancel_confirm,
}
