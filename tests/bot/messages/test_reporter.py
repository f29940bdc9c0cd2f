"""Messages to reporters: accepted, closed with a rating keyboard, and the abandoned draft."""

from __future__ import annotations

import pytest

from bot.callbacks import Rating, parse_rating
from tests.bot.messages.support import REF, buttons, messages
from triage.services.outbox.port import Envelope

ACCEPTED = {
    "id": (
        f"Kabar untuk laporan {REF}: seorang pekerja sosial sudah menerima kasus ini dan akan "
        "menindaklanjutinya. Terima kasih sudah peduli."
    ),
    "en": (
        f"Update on report {REF}: a social worker has taken on this case and will follow it up. "
        "Thank you for caring."
    ),
}
CLOSED_START = {
    "id": f"Kabar untuk laporan {REF}: pekerja sosial sudah selesai",
    "en": f"Update on report {REF}: the social worker has finished",
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_accepted(lang: str) -> None:
    message = messages().reporter_accepted(Envelope(f"reporter:{REF}:accepted", 42, lang), REF)
    assert (message.dedup_key, message.chat_id) == (f"reporter:{REF}:accepted", 42)
    assert (message.text, message.reply_markup) == (ACCEPTED[lang], None)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_closed_asks_for_a_rating_with_five_buttons(lang: str) -> None:
    message = messages().reporter_closed(Envelope(f"reporter:{REF}:closed", 42, lang), REF)
    assert message.text.startswith(CLOSED_START[lang])
    assert ("Pilih 1 (sangat tidak puas)" in message.text) is (lang == "id")
    assert buttons(message) == [[(f"{n} ⭐", f"r:{REF}:{n}") for n in range(1, 6)]]
    assert [parse_rating(data) for _, data in buttons(message)[0]] == [
        Rating(REF, n) for n in range(1, 6)
    ]


@pytest.mark.parametrize(
    ("lang", "reminder", "discarded"),
    [
        ("id", "Laporan Anda belum terkirim.", "Laporan yang belum selesai sudah kami hapus"),
        ("en", "Your report has not been sent yet.", "We have deleted your unfinished report"),
    ],
)
def test_abandoned_draft(lang: str, reminder: str, discarded: str) -> None:
    to = Envelope("draft:42:1700000000:reminder", 42, lang)
    first = messages().draft_reminder(to)
    assert (first.dedup_key, first.chat_id, first.reply_markup) == (to.dedup_key, 42, None)
    assert first.text.startswith(reminder) and "24" in first.text
    assert messages().draft_discarded(to).text.startswith(discarded)
