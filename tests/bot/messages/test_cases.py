"""Messages to staff about a case: a new assignment, a request for help."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.callbacks import WorkerAction, parse_worker
from tests.bot.messages.support import REF, T0, buttons, messages
from triage.domain.model import Reason
from triage.services.outbox.notices import HelpRequest, NewCase
from triage.services.outbox.port import Envelope

CASE = NewCase(
    assignment_id=9,
    reference=REF,
    urgency="TINGGI",
    place="Tebet",
    categories=("kekerasan_fisik", "unknown_code"),
    story="Anak  dipukul\nayahnya.",
    reasons=(Reason("injured", 3, None),),
    accept_due=T0,
    zone_code="51.71",
)
NEW_CASE = {
    "id": (
        f"📋 Kasus baru {REF}\nUrgensi: TINGGI\n• Anak terluka dan perlu perawatan\n"
        "Tempat: Tebet\nJenis: kekerasan fisik, unknown_code\nCerita: Anak dipukul ayahnya.\n"
        "Mohon terima sebelum 23 Nov 2026 11:00 WITA."
    ),
    "en": (
        f"📋 New case {REF}\nUrgency: TINGGI\n• Child injured, needs medical care\n"
        "Place: Tebet\nType: physical violence, unknown_code\nStory: Anak dipukul ayahnya.\n"
        "Please accept by 23 Nov 2026 11:00 WITA."
    ),
}


@pytest.mark.parametrize(
    ("lang", "labels"), [("id", ("✅ Terima", "↩️ Tolak")), ("en", ("✅ Accept", "↩️ Decline"))]
)
def test_new_case_text_and_accept_decline_buttons(lang: str, labels: tuple[str, str]) -> None:
    message = messages().new_case(Envelope("assign:9", 501, lang), CASE)
    assert (message.dedup_key, message.chat_id, message.text) == ("assign:9", 501, NEW_CASE[lang])
    assert buttons(message) == [[(labels[0], "w:acc:9"), (labels[1], "w:dec:9")]]
    pressed = [parse_worker(data) for _, data in buttons(message)[0]]
    assert [(p.action, p.assignment_id) for p in pressed if p] == [
        (WorkerAction.ACCEPT, 9),
        (WorkerAction.DECLINE, 9),
    ]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("id", "⚠️ Mungkin sama dengan kasus LS-AAAA-BBBB yang Anda tangani."),
        ("en", "⚠️ This may be the same as case LS-AAAA-BBBB, which you are handling."),
    ],
)
def test_a_possible_duplicate_is_named_under_the_case(lang: str, note: str) -> None:
    case = replace(CASE, duplicate_of="LS-AAAA-BBBB")
    message = messages().new_case(Envelope("assign:9", 501, lang), case)
    assert message.text == f"{NEW_CASE[lang]}\n\n{note}"


def test_only_the_first_four_reasons_and_a_shortened_story() -> None:
    reasons = tuple(Reason(code, 1, None) for code in ("injured", "repeated", "disability"))
    case = replace(CASE, reasons=reasons * 2, story="kata " * 100)
    text = messages().new_case(Envelope("k", 1), case).text
    assert text.count("\n• ") == 4
    story = next(line for line in text.splitlines() if line.startswith("Cerita: "))
    assert len(story.removeprefix("Cerita: ")) == 280 and story.endswith("…")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            f"🆘 Sari minta bantuan untuk kasus {REF} (TINGGI, Tebet).\n"
            f"Ketik /kasus {REF} untuk melihat dan bertindak.",
        ),
        (
            "en",
            f"🆘 Sari is asking for help with case {REF} (TINGGI, Tebet).\n"
            f"Type /kasus {REF} to see it and act.",
        ),
    ],
)
def test_help_request(lang: str, text: str) -> None:
    message = messages().help_request(
        Envelope("help:9:3:100", 77, lang), HelpRequest("Sari", REF, "TINGGI", "Tebet")
    )
    assert (message.dedup_key, message.chat_id, message.text) == ("help:9:3:100", 77, text)
    assert message.reply_markup is None
