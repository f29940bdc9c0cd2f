"""What a worker sees of cases in Telegram: a case's card and their open cases."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from tests.triage.services.cases.helpers import (
    BUDI,
    EKA,
    RINA,
    SARI,
    START,
    World,
    new_case,
    rows,
)
from tests.triage.services.referrals.helpers import add_service
from triage.domain.child_sex import ChildSex
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.decline import decline_case
from triage.services.cases.progress import close_case
from triage.services.cases.worker_input import Awaited, await_input, take_typed_input
from triage.services.cases.worker_views import (
    CaseCard,
    card_for_assignment,
    card_for_reference,
    my_cases,
)
from triage.services.referrals.actions import refer_to_service
from triage.storage.tables import AuditLog, Report


async def test_the_card_shows_the_phone_only_after_accepting(world: World) -> None:
    assignment_id = await new_case(world)
    before = await card_for_assignment(world.deps, SARI, assignment_id)
    assert isinstance(before, CaseCard) and before.phone is None and not before.accepted
    assert "Jakarta Selatan" in before.place
    await accept_case(world.deps, SARI, assignment_id)
    (report,) = await rows(world, Report)
    typed = report.reference.lower().replace("-", " ")
    after = await card_for_reference(world.deps, SARI, typed)
    assert isinstance(after, CaseCard) and after.phone == "+6281234567890"
    assert after.due is not None and after.due[0].value == "contact_breach"
    assert await card_for_reference(world.deps, EKA, report.reference) is ActionStatus.NOT_YOURS
    assert await card_for_reference(world.deps, SARI, "LS-0000-0000") is ActionStatus.NOT_YOURS


async def test_the_card_counts_referrals_and_notes_and_each_view_is_audited(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    for name, kind in (("UPTD PPA Jaksel", "uptd_ppa"), ("Unit PPA Polres", "unit_ppa_polres")):
        service_id = await add_service(world.deps.uow, name, kind, ["31.74"])
        await refer_to_service(world.deps, SARI, assignment_id, service_id)
    for text in ("catatan satu", "catatan dua"):
        await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
        await take_typed_input(world.deps, SARI, text)
    async with world.deps.uow() as uow:
        report = (await uow.session.exec(select(Report))).one()
        report.contact_consent = False  # the reporter did not agree to be called
        await uow.commit()
    card = await card_for_assignment(world.deps, SARI, assignment_id)
    assert isinstance(card, CaseCard)
    assert (card.referred_to, card.notes, card.status) == ((), 2, "referred")
    assert [(r.name, r.type, r.status) for r in card.referrals] == [
        ("UPTD PPA Jaksel", "uptd_ppa", "sent"),
        ("Unit PPA Polres", "unit_ppa_polres", "sent"),
    ]
    assert (card.accepted, card.closed, card.phone) == (True, False, None)
    assert card.categories == ("kekerasan_fisik",) and card.reasons
    by_rina = await card_for_reference(world.deps, RINA, report.reference)
    assert isinstance(by_rina, CaseCard) and by_rina.assignment_id == assignment_id
    views = [(a.actor, a.report_id, a.detail) for a in await rows(world, AuditLog)]
    assert views == [
        (f"worker:{world.ids[SARI]}", report.id, {"via": "button"}),
        (f"worker:{world.ids[RINA]}", report.id, {"via": "command"}),
    ]


async def test_a_case_passed_on_or_closed_leaves_the_lists(world: World) -> None:
    references = iter(["LS-ZZZZ-ZZZZ", "LS-AAAA-AAAA"])
    world.deps.new_reference = lambda: next(references)
    first = await new_case(world)
    world.clock.now = START + timedelta(minutes=10)
    second = await new_case(world)  # a duplicate of the first: Sari holds it too
    mine = await my_cases(world.deps, SARI)
    assert mine is not None
    assert [line.assignment_id for line in mine] == [first, second]  # the sooner due first
    await decline_case(world.deps, SARI, first, "load")
    assert await card_for_assignment(world.deps, SARI, first) is ActionStatus.GONE
    assert await card_for_reference(world.deps, SARI, "LS-ZZZZ-ZZZZ") is ActionStatus.NOT_YOURS
    budi = await card_for_reference(world.deps, BUDI, "ls zzzz zzzz")
    assert isinstance(budi, CaseCard) and budi.assignment_id != first
    await accept_case(world.deps, SARI, second)
    await close_case(world.deps, SARI, second, "handled")
    assert await my_cases(world.deps, SARI) == []
    budi_cases = await my_cases(world.deps, BUDI)
    assert budi_cases is not None
    assert [line.reference for line in budi_cases] == ["LS-ZZZZ-ZZZZ"]


async def test_the_card_carries_the_childs_sex_as_stored(world: World) -> None:
    assignment_id = await new_case(world)
    unknown = await card_for_assignment(world.deps, SARI, assignment_id)
    assert isinstance(unknown, CaseCard) and unknown.child_sex is None
    async with world.deps.uow() as uow:
        report = (await uow.session.exec(select(Report))).one()
        report.child_sex = "female"
        await uow.commit()
    known = await card_for_assignment(world.deps, SARI, assignment_id)
    assert isinstance(known, CaseCard) and known.child_sex is ChildSex.FEMALE
