"""Messages about what staff did on the case page, in Indonesian and English."""

from __future__ import annotations

import pytest

from tests.bot.messages.support import REF, buttons, messages
from tests.bot.messages.test_cases import CASE, NEW_CASE
from triage.services.outbox.notices import (
    CaseMovedAway,
    DuplicateMarking,
    ReporterUpdate,
    StaffAssignment,
    StaffClosure,
    StaffNote,
    StaffStatusChange,
)
from triage.services.outbox.port import Envelope

OTHER = "LS-AAAA-BBBB"


@pytest.mark.parametrize(
    ("lang", "handed", "accept"),
    [
        (
            "id",
            "👤 Staf Dinas Sosial menyerahkan kasus ini kepada Anda. Alasan: Sari cuti",
            "✅ Terima",
        ),
        ("en", "👤 Dinas Sosial staff handed this case to you. Reason: Sari cuti", "✅ Accept"),
    ],
)
def test_the_new_holder_gets_the_case_its_buttons_and_the_reason(
    lang: str, handed: str, accept: str
) -> None:
    message = messages().staff_assignment(
        Envelope("assign:9", 501, lang), StaffAssignment(CASE, "Sari cuti")
    )
    assert message.text == f"{NEW_CASE[lang]}\n\n{handed}"
    assert buttons(message)[0][0] == (accept, "w:acc:9")


CASES = [
    (
        "case_moved_away", CaseMovedAway(REF, "Budi"),
        f"↪️ Kasus {REF} dipindahkan oleh staf Dinas Sosial kepada Budi. Anda tidak perlu "
        "menindaklanjutinya lagi. Terima kasih.",
        f"↪️ Dinas Sosial staff handed case {REF} to Budi. You need not follow it up any more. "
        "Thank you.",
    ),
    (
        "staff_note", StaffNote(REF, "Telepon ibunya <b>sore</b>"),
        f"📝 Catatan staf Dinas Sosial untuk kasus {REF}:\nTelepon ibunya <b>sore</b>",
        f"📝 A note from Dinas Sosial staff on case {REF}:\nTelepon ibunya <b>sore</b>",
    ),
    (
        "staff_status_change", StaffStatusChange(REF, "visited"),
        f"ℹ️ Staf Dinas Sosial mengubah status kasus {REF} menjadi: Sudah dikunjungi.",
        f"ℹ️ Dinas Sosial staff changed the status of case {REF} to: Visited.",
    ),
    (
        "staff_status_change", StaffStatusChange(REF, "referred", "uptd_ppa"),
        f"ℹ️ Staf Dinas Sosial mengubah status kasus {REF} menjadi: Dirujuk (UPTD PPA).",
        f"ℹ️ Dinas Sosial staff changed the status of case {REF} to: Referred (UPTD PPA).",
    ),
    (
        "staff_closure", StaffClosure(REF, "unreachable"),
        f"✔️ Kasus {REF} ditutup oleh staf Dinas Sosial: Tidak dapat dihubungi. Tidak perlu "
        "tindakan lagi.",
        f"✔️ Dinas Sosial staff closed case {REF}: Could not be reached. No further action is needed.",
    ),
    (
        "duplicate_marking", DuplicateMarking(REF, OTHER, marked=True),
        f"🔗 Staf Dinas Sosial menandai kasus {REF} sama dengan kasus {OTHER}.",
        f"🔗 Dinas Sosial staff marked case {REF} as the same as case {OTHER}.",
    ),
    (
        "duplicate_marking", DuplicateMarking(REF, OTHER, marked=False),
        f"🔗 Kasus {REF} tidak lagi ditandai sama dengan kasus {OTHER}.",
        f"🔗 Case {REF} is no longer marked as the same as case {OTHER}.",
    ),
    (
        "reporter_update", ReporterUpdate(REF, "Petugas sudah datang."),
        f"✉️ Pesan dari Dinas Sosial tentang laporan {REF}:\n\nPetugas sudah datang.\n\n"
        "Ketik /status untuk melihat keadaan laporan Anda.",
        f"✉️ A message from Dinas Sosial about report {REF}:\n\nPetugas sudah datang.\n\n"
        "Type /status to see how your reports stand.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("method", "notice", "id_text", "en_text"), CASES)
def test_each_notice_in_both_languages_without_buttons(
    method: str, notice: object, id_text: str, en_text: str
) -> None:
    for lang, expected in (("id", id_text), ("en", en_text)):
        message = getattr(messages(), method)(Envelope("key", 42, lang), notice)
        assert (message.dedup_key, message.chat_id, message.text) == ("key", 42, expected)
        assert message.reply_markup is None
