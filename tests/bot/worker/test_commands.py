"""Workers' commands: the invite link, their help, /tugas, /kasus, /bertugas, /libur, /wilayah."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.worker import texts as t
from tests.bot.cases import add_worker, file_case
from tests.bot.harness import BotUnderTest
from tests.bot.worker.arrange import EKA, RINA, SARI, WARGA, offer_case, sari_with_a_case
from tests.support.deps import Clock
from triage.domain.case import DeclineReason
from triage.services.cases.decline import decline_case
from triage.services.workers.manage import create_invite
from triage.storage.tables import AuditLog, Draft, Worker


async def test_an_invite_link_binds_the_account_once(harness: BotUnderTest) -> None:
    sari_id = await add_worker(harness.deps, "Sari Peksos", None, ["31.74"])
    invite = await create_invite(harness.deps, "Sari Peksos", datetime.now(UTC))
    sari = harness.user(SARI, "Sari")
    await sari.command("/start", f"w-{invite.code}")
    welcome = await sari.wait_for("Selamat datang, Sari Peksos!")
    assert "pekerja sosial" in welcome.text and "Kota Jakarta Selatan" in welcome.text
    assert harness.text(t.COMMANDS) in welcome.text
    await sari.command("/start", f"w-{invite.code}")
    await sari.wait_for(harness.text(t.INVITE_INVALID))
    stranger = harness.user(WARGA)
    await stranger.command("/start", f"w-{invite.code}")
    await stranger.wait_for(harness.text(t.INVITE_INVALID))
    bound = await harness.row(Worker, sari_id)
    assert bound is not None and (bound.telegram_user_id, bound.invite_code_hash) == (SARI, None)
    assert await harness.rows(Draft) == []  # an invite never starts a report


async def test_the_redeeming_account_is_kept_as_telegram_gave_it(harness: BotUnderTest) -> None:
    sari_id = await add_worker(harness.deps, "Sari Peksos", None, ["31.74"])
    invite = await create_invite(harness.deps, "Sari Peksos", datetime.now(UTC))
    sari = harness.user(SARI, "Sari", username="sari_peksos")

    await sari.command("/start", f"w-{invite.code}")

    await sari.wait_for("Selamat datang, Sari Peksos!")
    bound = await harness.row(Worker, sari_id)
    assert bound is not None and bound.invite_redeemed_username == "sari_peksos"
    assert bound.invite_redeemed_at is not None and bound.invite_expires_at is None


async def test_an_expired_invite_is_refused_in_the_persons_language_and_changes_nothing(
    harness: BotUnderTest,
) -> None:
    sari_id = await add_worker(harness.deps, "Sari Peksos", None, ["31.74"])
    made = datetime.now(UTC) - harness.deps.invite_ttl - timedelta(minutes=1)
    invite = await create_invite(harness.deps, "Sari Peksos", made)
    before = await harness.row(Worker, sari_id)
    sari, english = harness.user(SARI, "Sari"), harness.user(EKA, "Eka", language_code="en")

    await sari.command("/start", f"w-{invite.code}")
    await english.command("/start", f"w-{invite.code}")

    await sari.wait_for(harness.text(t.INVITE_EXPIRED))
    await english.wait_for(harness.text(t.INVITE_EXPIRED, "en"))
    after = await harness.row(Worker, sari_id)
    assert before is not None and after is not None
    assert after.model_dump() == before.model_dump()  # still unbound, the link not used up
    assert await harness.rows(Draft) == []
    tried = [a.actor for a in await harness.rows(AuditLog) if a.action == "worker_invite_expired"]
    assert tried == [f"telegram:{SARI}", f"telegram:{EKA}"]


async def test_a_used_invite_is_refused_in_the_persons_language(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Sari Peksos", None, ["31.74"])
    invite = await create_invite(harness.deps, "Sari Peksos", datetime.now(UTC))
    sari = harness.user(SARI, "Sari")
    await sari.command("/start", f"w-{invite.code}")
    await sari.wait_for("Selamat datang")
    stranger = harness.user(WARGA, language_code="en")

    await stranger.command("/start", f"w-{invite.code}")

    await stranger.wait_for(harness.text(t.INVITE_INVALID, "en"))


async def test_an_account_bound_to_another_worker_cannot_take_an_invite(
    harness: BotUnderTest,
) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    budi_id = await add_worker(harness.deps, "Budi Peksos", None, ["31.71"])
    invite = await create_invite(harness.deps, "Budi Peksos", datetime.now(UTC))
    sari = harness.user(SARI, "Sari")
    await sari.command("/start", f"w-{invite.code}")
    await sari.wait_for(harness.text(t.INVITE_TAKEN))
    budi = await harness.row(Worker, budi_id)
    assert budi is not None and budi.telegram_user_id is None and budi.invite_code_hash


async def test_a_malformed_invite_is_refused(harness: BotUnderTest) -> None:
    stranger = harness.user(WARGA)
    for payload in ("w-", "w-" + "x" * 5, "w-" + "!" * 22):
        await stranger.command("/start", payload)
        await stranger.wait_for(harness.text(t.INVITE_INVALID))
    assert await harness.rows(Draft) == []


async def test_start_and_help_from_a_worker_show_the_workers_help(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Rina", RINA, ["31.74"], role="supervisor")
    rina = harness.user(RINA, "Rina")
    for command in ("/start", "/help"):
        await rina.command(command)
        shown = await rina.wait_for("Halo Rina. Anda terdaftar sebagai supervisor")
        assert harness.text(t.SUPERVISOR_COMMAND) in shown.text
    assert await harness.rows(Draft) == []


async def test_a_workers_stray_message_gets_the_workers_help(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari")

    await sari.send("selamat pagi, ada kasus baru?")

    shown = await sari.wait_for("Halo Sari")
    assert harness.text(t.COMMANDS) in shown.text
    assert await harness.rows(Draft) == []


async def test_tugas_lists_open_cases_most_urgent_first_and_opens_one(
    harness: BotUnderTest,
) -> None:
    sari, calm = await sari_with_a_case(harness)
    urgent = await offer_case(harness, sari, danger=True)
    await sari.command("/tugas")
    listing = await sari.wait_for(harness.text(t.TASKS_HEAD, count="2"))
    assert listing.text.index(urgent.reference) < listing.text.index(calm.reference)
    assert listing.button_texts() == [f"🔴 {urgent.reference}", f"🟡 {calm.reference}"]
    await sari.press(f"🔴 {urgent.reference}")
    opened = await sari.wait_for(f"📋 {urgent.reference}")
    assert opened.message_id > listing.message_id  # a new message: the list stays
    assert opened.button_texts() == ["✅ Terima", "↩️ Tolak"]


async def test_a_case_passed_on_leaves_the_list_without_losing_the_others(
    harness: BotUnderTest,
) -> None:
    sari, calm = await sari_with_a_case(harness)
    urgent = await offer_case(harness, sari, danger=True)
    await sari.command("/tugas")
    listing = await sari.wait_for(harness.text(t.TASKS_HEAD, count="2"))
    await decline_case(harness.deps, SARI, urgent.assignment_id, DeclineReason.LOAD)

    await sari.press(f"🔴 {urgent.reference}", message_id=listing.message_id)

    edited = await sari.wait_for(lambda m: m.message_id == listing.message_id)
    assert edited.button_texts() == [f"🟡 {calm.reference}"]


async def test_tugas_without_cases_and_for_a_stranger(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari")
    await sari.command("/tugas")
    await sari.wait_for(harness.text(t.TASKS_NONE))
    stranger = harness.user(WARGA)
    await stranger.command("/tugas")
    await stranger.wait_for(harness.text(t.NOT_A_WORKER))


async def test_kasus_opens_a_card_by_its_reference_as_typed(harness: BotUnderTest) -> None:
    sari, offer = await sari_with_a_case(harness)
    await sari.command("/kasus", offer.reference.lower().replace("-", " "))
    card = await sari.wait_for(f"📋 {offer.reference}")
    assert card.button_texts() == ["✅ Terima", "↩️ Tolak"]
    await sari.command("/kasus")
    await sari.wait_for(harness.text(t.CASE_USAGE))
    await sari.command("/kasus", "LS-0000-0000")
    await sari.wait_for(harness.text(t.CASE_NOT_FOUND))


async def test_kasus_of_another_region_is_not_shown_and_is_audited(harness: BotUnderTest) -> None:
    _sari, offer = await sari_with_a_case(harness)
    await add_worker(harness.deps, "Eka", EKA, ["32.73"])
    eka = harness.user(EKA, "Eka")
    await eka.command("/kasus", offer.reference)
    await eka.wait_for(harness.text(t.CASE_NOT_FOUND))
    assert offer.reference not in eka.transcript().replace(f"/kasus {offer.reference}", "")
    audit = [(a.actor, a.detail.get("attempted")) for a in await harness.rows(AuditLog)]
    assert (f"telegram:{EKA}", "view") in audit


async def test_libur_and_bertugas_switch_duty(harness: BotUnderTest) -> None:
    sari_id = await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari")
    await sari.command("/libur")
    await sari.wait_for(harness.text(t.NOW_OFF_DUTY))
    off = await harness.row(Worker, sari_id)
    assert off is not None and off.on_duty is False
    await sari.command("/bertugas")
    await sari.wait_for(harness.text(t.NOW_ON_DUTY))
    on = await harness.row(Worker, sari_id)
    assert on is not None and on.on_duty is True
    stranger = harness.user(WARGA)
    await stranger.command("/libur")
    await stranger.wait_for(harness.text(t.NOT_A_WORKER))


async def test_wilayah_summarises_a_supervisors_regions(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Rina", RINA, ["31.74"], role="supervisor")
    first = await file_case(harness.deps, WARGA)
    await file_case(harness.deps, WARGA, danger=True)
    rina = harness.user(RINA, "Rina")
    await rina.command("/wilayah")
    overview = await rina.wait_for("📊 Wilayah: Kota Jakarta Selatan")
    assert "Kasus terbuka: 2" in overview.text
    assert harness.text(t.OVERVIEW_NO_OVERDUE) in overview.text and overview.inline_buttons == []
    clock = harness.deps.clock = Clock(datetime.now(UTC))
    clock.now += timedelta(days=3)
    await rina.command("/wilayah")
    overdue = await rina.wait_for(harness.text(t.OVERVIEW_OVERDUE, count="2"))
    assert f"🟡 {first}" in overdue.button_texts()


async def test_wilayah_is_for_supervisors_only(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Sari", SARI, ["31.74"])
    sari = harness.user(SARI, "Sari")
    await sari.command("/wilayah")
    await sari.wait_for(harness.text(t.NOT_A_SUPERVISOR))
    stranger = harness.user(WARGA)
    await stranger.command("/wilayah")
    await stranger.wait_for(harness.text(t.NOT_A_WORKER))
