"""Deadline messages: reminders, escalations (with the Accept button where it applies), stale
cases and the daily digest, in Indonesian and English."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.bot.messages.support import REF, T0, buttons, messages
from triage.domain.sla import DeadlineKind as K
from triage.services.outbox.notices import (
    DeadlineBreach,
    DeadlineReminder,
    Digest,
    OverdueLine,
    StaleCase,
)
from triage.services.outbox.port import Envelope

ACCEPT = {"id": "✅ Terima", "en": "✅ Accept"}


def breach(kind: K, assignment_id: int | None = 9, region: str | None = "94.01") -> DeadlineBreach:
    return DeadlineBreach(
        kind, REF, "TINGGI", "Tebet", ("penelantaran",), "cerita", region, T0, T0, assignment_id
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            f"⏰ Pengingat: kasus {REF} (TINGGI) belum Anda terima. "
            "Mohon terima sebelum 23 Nov 2026 10:00 WIB.",
        ),
        (
            "en",
            f"⏰ Reminder: you have not accepted case {REF} (TINGGI) yet. "
            "Please accept it by 23 Nov 2026 10:00 WIB.",
        ),
    ],
)
def test_accept_reminder_carries_the_accept_button(lang: str, text: str) -> None:
    reminder = DeadlineReminder(K.ACCEPT_REMINDER, REF, "TINGGI", None, T0, 9)
    message = messages().deadline_reminder(Envelope("key", 5, lang), reminder)
    assert (message.dedup_key, message.chat_id, message.text) == ("key", 5, text)
    assert buttons(message) == [[(ACCEPT[lang], "w:acc:9")]]


@pytest.mark.parametrize(
    ("kind", "assignment_id"),
    [(K.CONTACT_REMINDER, 9), (K.CLOSURE_REMINDER, 9), (K.ACCEPT_REMINDER, None)],
)
def test_other_reminders_have_no_buttons(kind: K, assignment_id: int | None) -> None:
    reminder = DeadlineReminder(kind, REF, "TINGGI", "31.74", T0, assignment_id)
    message = messages().deadline_reminder(Envelope("key", 5), reminder)
    assert message.reply_markup is None and REF in message.text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            f"🚨 Eskalasi: kasus {REF} belum diterima sejak 23 Nov 2026 12:00 WIT.\n"
            "Urgensi: TINGGI\nTempat: Tebet\nJenis: penelantaran\nCerita: cerita\n"
            "Anda dapat menerima kasus ini.",
        ),
        (
            "en",
            f"🚨 Escalation: case {REF} has been waiting to be accepted since 23 Nov 2026 12:00 WIT."
            "\nUrgency: TINGGI\nPlace: Tebet\nType: neglect\nStory: cerita\n"
            "You can accept this case yourself.",
        ),
    ],
)
def test_accept_breach_summarises_the_case_with_the_accept_button(lang: str, text: str) -> None:
    message = messages().deadline_breach(Envelope("key", 6, lang), breach(K.ACCEPT_BREACH))
    assert message.text == text
    assert buttons(message) == [[(ACCEPT[lang], "w:acc:9")]]


@pytest.mark.parametrize("assignment_id", [9, None])
def test_contact_and_closure_breaches_have_no_button(assignment_id: int | None) -> None:
    for kind, what in ((K.CONTACT_BREACH, "kontak pertama"), (K.CLOSURE_BREACH, "penyelesaian")):
        message = messages().deadline_breach(Envelope("k", 6), breach(kind, assignment_id, None))
        assert message.text == (
            f"⚠️ Kasus {REF} (TINGGI, Tebet) melewati batas waktu {what} (23 Nov 2026 10:00 WIB)."
        )
        assert message.reply_markup is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            f"💤 Kasus {REF} (SEDANG) tidak ada kegiatan sejak 23 Nov 2026 10:00 WIB. "
            "Mohon catat perkembangan atau tutup kasus ini.",
        ),
        (
            "en",
            f"💤 Case {REF} (SEDANG) has had no activity since 23 Nov 2026 10:00 WIB. "
            "Please record what has happened, or close the case.",
        ),
    ],
)
def test_stale_case(lang: str, text: str) -> None:
    message = messages().stale_case(Envelope("stale", 8, lang), StaleCase(REF, "SEDANG", None, T0))
    assert (message.dedup_key, message.chat_id, message.text) == ("stale", 8, text)
    assert message.reply_markup is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            "🗓 Ringkasan harian 23 Nov 2026\nKasus terbuka: 3\nMelewati batas waktu: 2\n"
            "• LS-1 DARURAT Tebet: belum dihubungi\n• LS-2 RENDAH -: belum diterima",
        ),
        (
            "en",
            "🗓 Daily summary 23 Nov 2026\nOpen cases: 3\nOverdue: 2\n"
            "• LS-1 DARURAT Tebet: not contacted yet\n• LS-2 RENDAH -: not accepted yet",
        ),
    ],
)
def test_digest(lang: str, text: str) -> None:
    overdue = (
        OverdueLine("LS-1", "DARURAT", "Tebet", K.CONTACT_BREACH),
        OverdueLine("LS-2", "RENDAH", "-", K.ACCEPT_BREACH),
    )
    message = messages().daily_digest(
        Envelope("digest:3:2026-11-23", 9, lang), Digest(date(2026, 11, 23), 3, overdue)
    )
    assert (message.dedup_key, message.text, message.reply_markup) == (
        "digest:3:2026-11-23",
        text,
        None,
    )


def test_digest_shows_twenty_lines_and_counts_the_rest() -> None:
    overdue = tuple(OverdueLine(f"LS-{i}", "SEDANG", "-", K.CLOSURE_BREACH) for i in range(23))
    day = (T0 + timedelta(days=1)).date()
    lines = messages().daily_digest(Envelope("k", 9), Digest(day, 30, overdue)).text.splitlines()
    assert lines[0] == "🗓 Ringkasan harian 24 Nov 2026"
    assert [line for line in lines if line.startswith("• ")][
        -1
    ] == "• LS-19 SEDANG -: belum selesai"
    assert lines[-1] == "… dan 3 kasus lainnya."
