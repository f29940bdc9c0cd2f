"""A reporter who said a child is in danger is shown, once they give the place, the local UPTD
PPA and police unit from the directory (after 112 and SAPA 129); nothing local otherwise."""

from __future__ import annotations

from dataclasses import replace

from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import WHERE, resume, seed_state, state_at
from tests.triage.services.referrals.helpers import add_service
from triage.domain.intake.catalog import Step

LOCAL = "Selain 112 dan SAPA 129, layanan setempat untuk Kota Jakarta Selatan"


async def _at_the_place_question(harness: BotUnderTest, user_id: int, danger: str) -> None:
    state = state_at(harness.deps, Step.LOCATION)
    await seed_state(
        harness.deps, user_id, replace(state, answers={**state.answers, "immediate_danger": danger})
    )


async def _directory(harness: BotUnderTest) -> None:
    uow = harness.deps.uow
    await add_service(uow, "Unit PPA Polres Metro Jakarta Selatan", "unit_ppa_polres", ["31"],
                      phone="+62215550102")  # fmt: skip
    await add_service(uow, "UPTD PPA Kota Jakarta Selatan", "uptd_ppa", ["31.74"],
                      phone="+62215550101")  # fmt: skip
    await add_service(uow, "Puskesmas Tebet", "puskesmas", ["31.74"], phone="+62215550109")
    await add_service(uow, "UPTD PPA Kota Bandung", "uptd_ppa", ["32.73"], phone="+62225550103")


async def test_a_child_in_danger_gets_the_local_numbers_for_the_place(
    harness: BotUnderTest,
) -> None:
    await _directory(harness)
    await _at_the_place_question(harness, 1001, "yes")
    user = harness.user(1001)
    await resume(user, WHERE)

    await user.send("jaksel")
    shown = await user.wait_for(LOCAL)

    assert shown.text.splitlines()[1:] == [
        "• UPTD PPA Kota Jakarta Selatan: +62215550101",
        "• Unit PPA Polres Metro Jakarta Selatan: +62215550102",
    ]


async def test_no_local_numbers_without_danger_or_without_a_directory_entry(
    harness: BotUnderTest,
) -> None:
    await _at_the_place_question(harness, 1001, "yes")  # the directory is empty
    await _directory_elsewhere(harness)
    await _at_the_place_question(harness, 1002, "no")
    for user_id in (1001, 1002):
        user = harness.user(user_id)
        await resume(user, WHERE)
        await user.send("jaksel")
        await user.wait_idle()
        assert not any("layanan setempat" in m.text for m in user.messages)


async def _directory_elsewhere(harness: BotUnderTest) -> None:
    await add_service(harness.deps.uow, "UPTD PPA Kota Bandung", "uptd_ppa", ["32.73"],
                      phone="+62225550103")  # fmt: skip
