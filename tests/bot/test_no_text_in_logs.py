"""Privacy: while the handlers work, the bot's own logs carry ids only, never what people typed,
their phone numbers or their names."""

from __future__ import annotations

import logging

import pytest

from tests.bot.cases import add_worker
from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import resume, seed_draft
from tests.bot.worker.arrange import sari_with_a_case
from triage.domain.intake.catalog import Step

STORY = "Rahasia: anak bernama Melati dipukul pamannya di Gang Kenanga."
PHONE = "+6281298765432"
NOTE = "Catatan rahasia: ibu Melati bisa ditemui di warung."
OURS = ("bot", "triage", "app")


def our_log_lines(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(OURS))


async def test_a_reporters_story_and_number_stay_out_of_the_logs(
    harness: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await add_worker(harness.deps, "Sari", 2001, ["31.74"])
    harness.user(2001, "Sari", started=True)
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001, "Melati Ibu", phone_number=PHONE)
    await resume(user, "Ceritakan apa yang terjadi")
    await user.send_photo("AgAC-foto-rahasia")
    await user.send(STORY)
    await user.wait_for("Apa hubungan Anda")
    await user.press("Tetangga")
    await user.wait_for("Bolehkah petugas")
    await user.send_contact()
    await user.wait_for("Periksa laporan Anda.")
    await user.press("✅ Kirim laporan")
    await user.wait_for("Nomor laporan")
    await harness.deliver()
    logged = our_log_lines(caplog)
    assert "outbox message 1 sent" in logged  # the bot did log, so the check below means something
    for secret in (STORY, "Melati", PHONE, "AgAC-foto-rahasia"):
        assert secret not in logged


async def test_a_workers_note_stays_out_of_the_logs(
    harness: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sari, _offer = await sari_with_a_case(harness, accepted=True)
    await sari.press("📝 Catatan")
    await sari.wait_for("Tulis catatan Anda")
    await sari.send(NOTE)
    await sari.wait_for("Catatan disimpan")
    await harness.deliver()
    logged = our_log_lines(caplog)
    assert "outbox message" in logged
    assert NOTE not in logged and "Melati" not in logged
