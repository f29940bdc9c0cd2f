"""What a reporter types where a button was asked for: kept for the story, not refused and lost.

A frightened reporter often types what happened at the first question instead of tapping.
Refusing it ("please pick a button") throws away the most important words of the report. A
few words or more are kept instead: before the story is asked, beside the draft, and offered
at the story question (to send as they are or to add to); once the story is in, added to it.
Kept only on the questions that take buttons alone; a place, an address or a phone number
typed where one is asked is that answer, not a story. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Step
from triage.domain.intake.inputs import Input, Text
from triage.domain.intake.result import PLEASE_USE_BUTTONS, Notice
from triage.domain.intake.text import clean_text, letter_count

TOLD_EARLY = "_told_early"  # the draft's key: sealed with the rest of the draft's answers
KEEPING_STEPS = frozenset(
    {Step.DANGER, Step.CATEGORY, Step.AGE, Step.RISKS, Step.RELATION, Step.SUMMARY}
)

KEPT_PICK_A_BUTTON = N_(
    "Terima kasih, yang Anda tulis sudah kami simpan untuk cerita laporan ini. "
    "Sekarang mohon pilih salah satu tombol di bawah."
)
KEPT = N_("Terima kasih, yang Anda tulis sudah kami simpan untuk cerita laporan ini.")


def kept(step: Step, answers: Mapping[str, Any], given: Input) -> dict[str, Any] | None:
    """The answers that keep a story typed at a button question, or None when nothing is
    kept (not such a question, too few words, or the story would pass its length limit)."""
    if step not in KEEPING_STEPS or not isinstance(given, Text):
        return None
    text = clean_text(given.text, keep_newlines=True)
    words = c.LIMITS["typed_story_min_words"]
    if len(text.split()) < words or letter_count(text) < c.LIMITS["description_min_letters"]:
        return None
    key = "description" if answers.get("description") else TOLD_EARLY
    story = joined(answers.get(key), text)
    return None if len(story) > c.LIMITS["description_max_chars"] else {key: story}


def kept_notices(refusal: Notice) -> tuple[Notice, ...]:
    """What the reporter is told: kept, and what the question still needs."""
    if refusal.msgid == PLEASE_USE_BUTTONS:
        return (Notice(KEPT_PICK_A_BUTTON),)
    return Notice(KEPT), refusal


def joined(before: object, text: str) -> str:
    """`text` after what was told before, on a line of its own."""
    return f"{before}\n{text}" if isinstance(before, str) and before else text


def told_early(answers: Mapping[str, Any]) -> str:
    told = answers.get(TOLD_EARLY)
    return told if isinstance(told, str) else ""
