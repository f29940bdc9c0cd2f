"""A worker's buttons on a case card: accept, decline with a reason, progress, close, help."""

from __future__ import annotations

from bot import texts
from bot.callbacks import WorkerAction, worker_data
from bot.worker import texts as t
from tests.bot.cases import PHONE, add_worker, report_by_reference
from tests.bot.harness import BotUnderTest
from tests.bot.worker.arrange import BUDI, RINA, WARGA, sari_with_a_case
from tests.triage.services.referrals.helpers import add_service
from triage.services.referrals.directory import set_service_active
from triage.storage.tables import Assignment, CaseEvent, ReferralRow

PROGRESS = [
    "📞 Dihubungi",
    "🏠 Dikunjungi/dinilai",
    "➡️ Dirujuk",
    "📝 Catatan",
    "🆘 Minta bantuan supervisor",
    "✔️ Ditutup",
]


async def kinds(harness: BotUnderTest, reference: str) -> list[str]:
    report = await report_by_reference(harness.deps, reference)
    return [e.kind for e in await harness.rows(CaseEvent) if e.report_id == report.id]


async def test_accepting_redraws_the_card_with_the_phone_and_tells_the_reporter(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness)
    assert offer.card.button_texts() == ["✅ Terima", "↩️ Tolak"] and PHONE not in offer.card.text
    pressed = await sari.press("✅ Terima")
    card = await sari.wait_for(lambda m: PHONE in m.text)
    assert card.message_id == offer.card.message_id and card.button_texts() == PROGRESS
    assert card.text.endswith(harness.text(texts.WORKER_ACCEPTED))
    assert await harness.answer_to(pressed) == (harness.text(texts.WORKER_ACCEPTED), False)
    assignment = await harness.row(Assignment, offer.assignment_id)
    report = await report_by_reference(harness.deps, offer.reference)
    assert assignment is not None and assignment.accepted_at is not None
    assert report.status == "accepted" and harness.kicks == 1
    await harness.deliver()
    await harness.user(WARGA).wait_for(f"Kabar untuk laporan {offer.reference}")


async def test_accepting_twice_records_it_once(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    again = await sari.forge_callback(f"w:acc:{offer.assignment_id}", offer.card.message_id)
    assert await harness.answer_to(again) == (harness.text(texts.WORKER_ALREADY), False)
    assert (await kinds(harness, offer.reference)).count("accepted") == 1
    assert harness.kicks == 1


async def test_declining_asks_why_and_back_returns_to_the_card(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await sari.press("↩️ Tolak")
    asked = await sari.wait_for(harness.text(t.ASK_DECLINE))
    assert asked.message_id == offer.card.message_id
    assert asked.button_texts() == [
        "Di luar wilayah saya",
        "Sedang cuti/sakit",
        "Beban kasus penuh",
        "Lainnya (tulis)",
        "« Kembali",
    ]
    await sari.press("« Kembali")
    back = await sari.wait_for(lambda m: m.button_texts() == ["✅ Terima", "↩️ Tolak"])
    assert back.message_id == offer.card.message_id
    assignment = await harness.row(Assignment, offer.assignment_id)
    assert assignment is not None and assignment.active and assignment.decline_reason is None


async def test_a_decline_reason_passes_the_case_on(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await add_worker(harness.deps, "Budi", BUDI, ["31.74"])
    budi = harness.user(BUDI, "Budi", started=True)
    await sari.press("↩️ Tolak")
    await sari.wait_for(harness.text(t.ASK_DECLINE))
    await sari.press("Beban kasus penuh")
    declined = await sari.wait_for(harness.text(t.DECLINED, reference=offer.reference))
    assert declined.message_id == offer.card.message_id and declined.inline_buttons == []
    assignments = await harness.rows(Assignment)
    assert [(a.active, a.decline_reason) for a in assignments] == [(False, "load"), (True, None)]
    await harness.deliver()
    passed_on = await budi.wait_for(offer.reference)
    assert passed_on.button_texts() == ["✅ Terima", "↩️ Tolak"]


async def test_declining_after_accepting_is_refused(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    for data in (f"w:dec:{offer.assignment_id}", f"w:dr:{offer.assignment_id}:load"):
        pressed = await sari.forge_callback(data, offer.card.message_id)
        assert await harness.answer_to(pressed) == (harness.text(t.TOO_LATE_TO_DECLINE), True)
    assignment = await harness.row(Assignment, offer.assignment_id)
    assert assignment is not None and assignment.active and assignment.declined_at is None


async def test_contacted_and_visited_are_recorded_once_each(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    pressed = await sari.press("📞 Dihubungi")
    card = await sari.wait_for("Status: Sudah dihubungi")
    assert await harness.answer_to(pressed) == (harness.text(t.DONE_CONTACTED), False)
    assert card.message_id == offer.card.message_id and card.button_texts() == PROGRESS
    again = await sari.press("📞 Dihubungi")
    assert await harness.answer_to(again) == (harness.text(t.ALREADY_RECORDED), False)
    await sari.press("🏠 Dikunjungi/dinilai")
    await sari.wait_for("Status: Sudah dikunjungi")
    report = await report_by_reference(harness.deps, offer.reference)
    assert report.first_contact_at is not None and report.status == "visited"
    events = await kinds(harness, offer.reference)
    assert (events.count("contacted"), events.count("visited")) == (1, 1)


async def test_referring_picks_a_directory_service_and_updates_it_from_the_card(
    harness: BotUnderTest,
) -> None:
    uow = harness.deps.uow
    await add_service(uow, "UPTD PPA Jakarta Selatan", "uptd_ppa", ["31.74"])
    await add_service(uow, "Unit PPA Polres Metro Jaksel", "unit_ppa_polres", ["31"])
    await add_service(uow, "UPTD PPA Kota Bandung", "uptd_ppa", ["32.73"])
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await sari.press("➡️ Dirujuk")
    asked = await sari.wait_for(harness.text(t.ASK_REFER_TYPE))
    assert asked.button_texts() == [
        "UPTD PPA",
        "Unit PPA Polres",
        "✏️ Lainnya, ketik sendiri",
        "« Kembali",
    ]
    await sari.press("UPTD PPA")
    listed = await sari.wait_for("Pilih layanannya (UPTD PPA)")
    assert listed.button_texts() == [
        "UPTD PPA Jakarta Selatan",
        "✏️ Lainnya, ketik sendiri",
        "« Kembali",
    ]
    await sari.press("UPTD PPA Jakarta Selatan")
    card = await sari.wait_for("• UPTD PPA Jakarta Selatan (UPTD PPA): terkirim")
    assert "Status: Dirujuk" in card.text
    assert "🔄 Rujukan: UPTD PPA Jakarta Selatan" in card.button_texts()

    await sari.press("🔄 Rujukan: UPTD PPA Jakarta Selatan")
    choices = await sari.wait_for("Apa kabar terbarunya?")
    assert choices.button_texts() == ["✅ Diterima layanan", "⛔ Ditolak layanan", "« Kembali"]
    await sari.press("✅ Diterima layanan")
    await sari.wait_for("(UPTD PPA): diterima layanan")
    await sari.press("🔄 Rujukan: UPTD PPA Jakarta Selatan")
    await sari.wait_for("Apa kabar terbarunya?")
    await sari.press("⛔ Ditolak layanan")
    await sari.wait_for(harness.text(t.ASK_REFERRAL_NOTE))
    await sari.send("Kuota pendampingan penuh.")
    await sari.wait_for(harness.text(t.REFERRAL_NOTE_SAVED))
    after = await sari.wait_for("(UPTD PPA): ditolak layanan")
    assert after.button_texts() == PROGRESS

    await sari.press("➡️ Dirujuk")
    await sari.wait_for(harness.text(t.ASK_REFER_TYPE))
    await sari.press("✏️ Lainnya, ketik sendiri")
    await sari.wait_for(harness.text(t.ASK_REFER_TYPED))
    await sari.send("Yayasan Pelita, Bu Ratna")
    await sari.wait_for(harness.text(t.REFERRAL_SAVED))
    await sari.wait_for("• Yayasan Pelita, Bu Ratna (Layanan lain): terkirim")

    referrals = await harness.rows(ReferralRow)
    assert [(r.status, r.decline_note) for r in referrals] == [
        ("declined", "Kuota pendampingan penuh."),
        ("sent", None),
    ]
    events = await kinds(harness, offer.reference)
    assert events.count("referred") == 2 and events.count("referral_updated") == 2


async def test_a_service_deactivated_meanwhile_is_refused_and_the_card_stays(
    harness: BotUnderTest,
) -> None:
    service_id = await add_service(harness.deps.uow, "UPTD PPA Jaksel", "uptd_ppa", ["31.74"])
    sari, _offer = await sari_with_a_case(harness, accepted=True)
    await sari.press("➡️ Dirujuk")
    await sari.wait_for(harness.text(t.ASK_REFER_TYPE))
    await sari.press("UPTD PPA")
    await sari.wait_for("Pilih layanannya")
    await set_service_active(harness.deps, "staff:admin", service_id, False)

    await sari.press("UPTD PPA Jaksel")

    card = await sari.wait_for(harness.text(t.SERVICE_GONE))
    assert card.button_texts() == PROGRESS
    assert await harness.rows(ReferralRow) == []


async def test_an_older_versions_referral_button_opens_the_picker(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    data = worker_data(WorkerAction.REFER_TO, offer.assignment_id, "police")
    await sari.forge_callback(data, offer.card.message_id)
    asked = await sari.wait_for(harness.text(t.ASK_REFER_NO_SERVICES))
    assert asked.button_texts() == ["✏️ Lainnya, ketik sendiri", "« Kembali"]
    assert await harness.rows(ReferralRow) == []


async def test_closing_asks_the_outcome_and_asks_the_reporter_to_rate(
    harness: BotUnderTest,
) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await sari.press("✔️ Ditutup")
    await sari.wait_for(harness.text(t.ASK_CLOSE))
    await sari.press("Tidak terbukti")
    closed = await sari.wait_for(f"✔️ {offer.reference} ditutup: Tidak terbukti.")
    assert closed.message_id == offer.card.message_id and closed.inline_buttons == []
    report = await report_by_reference(harness.deps, offer.reference)
    assert report.status == "closed" and report.closed_at is not None
    await harness.deliver()
    await harness.user(WARGA).wait_for("Seberapa puas")


async def test_progress_before_accepting_is_refused(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    a = offer.assignment_id
    for data in (f"w:con:{a}", f"w:vis:{a}", f"w:ref:{a}", f"w:cls:{a}", f"w:co:{a}:handled"):
        pressed = await sari.forge_callback(data, offer.card.message_id)
        assert await harness.answer_to(pressed) == (harness.text(t.ACCEPT_FIRST), True), data
    report = await report_by_reference(harness.deps, offer.reference)
    assert report.status == "assigned"


async def test_asking_for_help_tells_the_supervisor_once(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness, accepted=True)
    await add_worker(harness.deps, "Rina", RINA, ["31.74"], role="supervisor")
    rina = harness.user(RINA, "Rina", started=True)
    pressed = await sari.press("🆘 Minta bantuan supervisor")
    assert await harness.answer_to(pressed) == (harness.text(t.DONE_HELP), True)
    await harness.deliver()
    await rina.wait_for(f"🆘 Sari minta bantuan untuk kasus {offer.reference}")
    again = await sari.press("🆘 Minta bantuan supervisor")
    assert await harness.answer_to(again) == (harness.text(t.ALREADY_RECORDED), True)
    assert (await kinds(harness, offer.reference)).count("help_requested") == 1


async def test_asking_for_help_without_a_supervisor_says_so(harness: BotUnderTest) -> None:
    sari, _offer = await sari_with_a_case(harness, accepted=True)
    pressed = await sari.press("🆘 Minta bantuan supervisor")
    assert await harness.answer_to(pressed) == (harness.text(t.NO_SUPERVISOR), True)


async def test_a_supervisor_over_the_region_may_act_on_the_case(harness: BotUnderTest) -> None:
    _sari, offer = await sari_with_a_case(harness)
    rina_id = await add_worker(harness.deps, "Rina", RINA, ["31"], role="supervisor")
    rina = harness.user(RINA, "Rina", started=True)
    await rina.command("/kasus", offer.reference)
    await rina.wait_for(f"📋 {offer.reference}")
    await rina.press("✅ Terima")
    await rina.wait_for(PHONE)
    report = await report_by_reference(harness.deps, offer.reference)
    assert (report.status, report.assigned_worker_id) == ("accepted", rina_id)
