"""The worker's case actions on SQLite and PostgreSQL: accept, decline, progress, notes, help."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from sqlmodel import SQLModel, col, select

from bot.messages import TelegramMessages
from triage.domain.age import ChildAge
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.domain.references import normalise_reference
from triage.i18n import load_translator
from triage.services.cases.accept import ActionStatus, accept_case, refuse_malformed
from triage.services.cases.decline import decline_case
from triage.services.cases.help import request_help
from triage.services.cases.overview import region_overview
from triage.services.cases.progress import close_case, mark_contacted, mark_referred, mark_visited
from triage.services.cases.worker_input import Awaited, await_input, cancel_input, take_typed_input
from triage.services.cases.worker_views import (
    CaseCard,
    card_for_assignment,
    card_for_reference,
    my_cases,
)
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.services.regions.lookup import DirectoryLookup
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules
from triage.storage.tables import Assignment, AuditLog, CaseEvent, Deadline, OutboxMessage, Report
from triage.storage.tables import Worker as WorkerRow
from triage.storage.uow import UnitOfWorkFactory

T = TypeVar("T", bound=SQLModel)
START = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
SARI, BUDI, RINA, PROV, EKA = 1001, 1002, 1003, 1004, 1005  # Telegram ids
REPORTER_CHAT = 9001


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class World:
    deps: TriageDeps
    clock: Clock
    ids: dict[int, int] = field(default_factory=dict)  # telegram id -> worker id


@pytest.fixture(scope="module")
def lookup() -> DirectoryLookup:
    return DirectoryLookup(load_region_directory())


@pytest.fixture
async def world(uow_factory: UnitOfWorkFactory, lookup: DirectoryLookup) -> World:
    clock = Clock()
    translator = load_translator()
    deps = TriageDeps(
        uow_factory,
        load_default_rules(),
        lookup,
        translator,
        TelegramMessages(translator),
        clock=clock,
    )
    staff = [
        (SARI, "Sari", "worker", ["31.74"]),
        (BUDI, "Budi", "worker", ["31.74"]),
        (RINA, "Rina", "supervisor", ["31.74"]),
        (PROV, "Pak Prov", "supervisor", ["31"]),
        (EKA, "Eka", "worker", ["32.73"]),
    ]
    ids = {}
    async with uow_factory() as uow:
        for telegram_id, name, role, regions in staff:
            row = WorkerRow(
                name=name,
                telegram_user_id=telegram_id,
                role=role,
                region_codes=regions,
                created_at=START,
                updated_at=START,
            )
            uow.session.add(row)
            await uow.session.flush()
            assert row.id is not None
            ids[telegram_id] = row.id
        await uow.commit()
    return World(deps, clock, ids)


async def new_case(world: World, *, notify: bool = True, danger: bool = False) -> int:
    """A physical-violence report in Jakarta Selatan; returns its first assignment id."""
    facts = ReportFacts(
        categories=(Category.KEKERASAN_FISIK,),
        child_age=ChildAge.exact(7),
        immediate_danger=Answer.YES if danger else Answer.NO,
        description="Anak tetangga sering dipukul bapaknya.",
        region_code="31.74",
    )
    details = ReportDetails("id", None, None, None, None, None, (), "+6281234567890", True, notify)
    async with world.deps.uow() as uow:
        submitted = await submit_report(uow.session, world.deps, facts, details, REPORTER_CHAT)
        await uow.commit()
    reports = {r.id: r.reference for r in await rows(world, Report)}
    assignments = await rows(world, Assignment)
    found = [a.id for a in assignments if reports[a.report_id] == submitted.reference]
    assert found[0] is not None
    return found[0]


async def rows(world: World, table: type[T]) -> list[T]:
    async with world.deps.uow() as uow:
        found = (await uow.session.exec(select(table).order_by(col(table.id)))).all()  # type: ignore[attr-defined]
        return list(found)


async def kinds(world: World) -> list[str]:
    return [e.kind for e in await rows(world, CaseEvent)]


async def deadline_states(world: World) -> dict[str, str]:
    return {d.key.split(":", 1)[1]: d.status for d in await rows(world, Deadline)}


async def test_accept_stops_accept_timers_and_tells_the_reporter(world: World) -> None:
    assignment_id = await new_case(world)
    result = await accept_case(world.deps, SARI, assignment_id)
    assert result.status is ActionStatus.DONE
    again = await accept_case(world.deps, SARI, assignment_id)
    assert again.status is ActionStatus.ALREADY_DONE
    (report,) = await rows(world, Report)
    assert (report.status, report.accepted_at) == ("accepted", START)
    assert await kinds(world) == ["received", "routed", "accepted"]
    (event,) = [e for e in await rows(world, CaseEvent) if e.kind == "accepted"]
    assert event.actor == f"worker:{world.ids[SARI]}"
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["contact_breach:g0:l1"] == "pending"
    chats = [m.chat_id for m in await rows(world, OutboxMessage)]
    assert chats == [SARI, REPORTER_CHAT]


async def test_decline_passes_the_case_on_and_never_back(world: World) -> None:
    first = await new_case(world)
    world.clock.now = START + timedelta(minutes=5)
    result = await decline_case(world.deps, SARI, first, "area")
    assert (result.status, result.detail) == (ActionStatus.DONE, "assigned")
    old, new = await rows(world, Assignment)
    assert (old.active, old.declined_at, old.decline_reason) == (False, world.clock.now, "area")
    assert (new.active, new.worker_id) == (True, world.ids[BUDI])
    assert await kinds(world) == ["received", "routed", "declined", "routed"]
    states = await deadline_states(world)
    assert states["accept_breach:g0:l1"] == "cancelled"
    assert states["accept_breach:g1:l1"] == "pending"
    assert states["contact_breach:g0:l1"] == "pending"
    outbox = await rows(world, OutboxMessage)
    assert [(m.dedup_key, m.chat_id) for m in outbox] == [
        (f"assign:{first}", SARI),
        (f"assign:{new.id}", BUDI),
    ]
    assert "31.74" not in outbox[1].text and "Jakarta Selatan" in outbox[1].text
    assert (await decline_case(world.deps, SARI, first, "area")).status is ActionStatus.GONE
    replayed = [(a.actor, a.detail["why"]) for a in await rows(world, AuditLog)]
    assert replayed == [(f"telegram:{SARI}", "gone")]
    assert new.id is not None
    await decline_case(world.deps, BUDI, new.id, "load")
    holders = [(a.worker_id, a.kind) for a in await rows(world, Assignment)]
    assert holders[-1] == (world.ids[RINA], "supervisor_kabkota")
    assert world.ids[SARI] not in [w for w, _ in holders[2:]]


async def test_decline_with_nobody_left_climbs_to_the_national_queue(world: World) -> None:
    assignment_id = await new_case(world)
    for telegram_id in (SARI, BUDI, RINA, PROV):
        result = await decline_case(world.deps, telegram_id, assignment_id, "leave")
        assert result.status is ActionStatus.DONE
        assignment_id = (await rows(world, Assignment))[-1].id or 0
    holders = [(a.worker_id, a.kind) for a in await rows(world, Assignment)]
    assert holders[2:] == [
        (world.ids[RINA], "supervisor_kabkota"),
        (world.ids[PROV], "supervisor_province"),
        (None, "national_queue"),
    ]
    (report,) = await rows(world, Report)
    assert (report.assigned_worker_id, report.status) == (None, "new")
    assert (await deadline_states(world))["accept_breach:g4:l1"] == "pending"


async def test_decline_after_accepting_is_refused(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    result = await decline_case(world.deps, SARI, assignment_id, "load")
    assert result.status is ActionStatus.ALREADY_ACCEPTED
    assert len(await rows(world, Assignment)) == 1


async def test_contacted_stops_the_contact_timers_once(world: World) -> None:
    assignment_id = await new_case(world)
    early = await mark_contacted(world.deps, SARI, assignment_id)
    assert early.status is ActionStatus.NOT_ACCEPTED
    await accept_case(world.deps, SARI, assignment_id)
    world.clock.now = START + timedelta(minutes=40)
    assert (await mark_contacted(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    again = await mark_contacted(world.deps, SARI, assignment_id)
    assert again.status is ActionStatus.ALREADY_DONE
    (report,) = await rows(world, Report)
    assert (report.status, report.first_contact_at) == ("contacted", world.clock.now)
    states = await deadline_states(world)
    assert states["contact_breach:g0:l1"] == states["contact_reminder:g0:l0"] == "cancelled"
    assert states["closure_breach:g0:l1"] == "pending"
    assert (await kinds(world)).count("contacted") == 1


async def test_visit_and_referrals_move_the_status_forward(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    assert (await mark_visited(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    assert (await mark_visited(world.deps, SARI, assignment_id)).status is ActionStatus.ALREADY_DONE
    assert (
        await mark_referred(world.deps, SARI, assignment_id, "police")
    ).status is ActionStatus.DONE
    twice = await mark_referred(world.deps, SARI, assignment_id, "police")
    assert twice.status is ActionStatus.ALREADY_DONE
    await mark_referred(world.deps, SARI, assignment_id, "uptd_ppa")
    await mark_contacted(world.deps, SARI, assignment_id)  # after the visit: already counted
    (report,) = await rows(world, Report)
    assert report.status == "referred" and report.first_contact_at == START
    assert (await kinds(world))[3:] == ["visited", "referred", "referred"]


async def test_close_stops_every_timer_and_asks_the_reporter_for_a_rating(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    world.clock.now = START + timedelta(days=2)
    result = await close_case(world.deps, SARI, assignment_id, "handled")
    assert (result.status, result.detail) == (ActionStatus.DONE, "handled")
    assert (
        await close_case(world.deps, SARI, assignment_id, "other")
    ).status is ActionStatus.CLOSED
    (report,) = await rows(world, Report)
    assert (report.status, report.closed_at) == ("closed", world.clock.now)
    assert set((await deadline_states(world)).values()) == {"cancelled"}
    closing = (await rows(world, OutboxMessage))[-1]
    assert closing.chat_id == REPORTER_CHAT and report.reference in closing.text
    buttons = [b["callback_data"] for b in (closing.reply_markup or {})["inline_keyboard"][0]]
    assert buttons == [f"r:{report.reference}:{n}" for n in range(1, 6)]
    assert (await kinds(world))[-1] == "closed"


async def test_close_tells_nobody_when_the_reporter_asked_not_to_be_told(world: World) -> None:
    assignment_id = await new_case(world, notify=False)
    await accept_case(world.deps, SARI, assignment_id)
    await close_case(world.deps, SARI, assignment_id, "unreachable")
    assert [m.chat_id for m in await rows(world, OutboxMessage)] == [SARI]


async def test_a_note_is_the_next_text_and_is_kept_in_the_database(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    assert await take_typed_input(world.deps, SARI, "halo") is None
    started = await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, 77)
    assert started.status is ActionStatus.DONE
    taken = await take_typed_input(world.deps, SARI, "Ibu anak bisa ditemui sore hari.")
    assert taken is not None
    assert (taken.what, taken.result.status, taken.result.message_id) == (
        Awaited.NOTE,
        ActionStatus.DONE,
        77,
    )
    note = (await rows(world, CaseEvent))[-1]
    assert (note.kind, note.data["text"]) == ("note", "Ibu anak bisa ditemui sore hari.")
    assert await take_typed_input(world.deps, SARI, "pesan berikutnya") is None
    assert await take_typed_input(world.deps, BUDI, "bukan peksosnya") is None


async def test_waiting_for_a_note_ends_with_cancel_another_action_or_time(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    assert (await cancel_input(world.deps, SARI, assignment_id)).status is ActionStatus.DONE
    assert await take_typed_input(world.deps, SARI, "teks") is None
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    await mark_contacted(world.deps, SARI, assignment_id)
    assert await take_typed_input(world.deps, SARI, "teks") is None
    await await_input(world.deps, SARI, assignment_id, Awaited.NOTE, None)
    world.clock.now = START + timedelta(minutes=31)
    assert await take_typed_input(world.deps, SARI, "teks") is None
    assert "note" not in await kinds(world)


async def test_a_typed_decline_reason_declines(world: World) -> None:
    assignment_id = await new_case(world)
    await await_input(world.deps, SARI, assignment_id, Awaited.DECLINE_REASON, 5)
    taken = await take_typed_input(world.deps, SARI, "Saya sedang pelatihan di luar kota")
    assert taken is not None and taken.result.status is ActionStatus.DONE
    old = (await rows(world, Assignment))[0]
    assert old.decline_reason == "other: Saya sedang pelatihan di luar kota"


async def test_help_goes_to_the_kabkota_supervisor_once(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    result = await request_help(world.deps, SARI, assignment_id)
    assert (result.status, result.detail) == (ActionStatus.DONE, "1")
    assert (await request_help(world.deps, SARI, assignment_id)).status is ActionStatus.ALREADY_DONE
    asked = [m for m in await rows(world, OutboxMessage) if m.dedup_key.startswith("help:")]
    assert [m.chat_id for m in asked] == [RINA]
    assert "Sari" in asked[0].text and "/kasus" in asked[0].text
    assert (await kinds(world)).count("help_requested") == 1


async def test_help_goes_to_the_province_when_the_kabkota_has_no_supervisor(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    async with world.deps.uow() as uow:
        rina = await uow.session.get(WorkerRow, world.ids[RINA])
        assert rina is not None
        rina.region_codes = ["32.73"]
        await uow.commit()
    await request_help(world.deps, SARI, assignment_id)
    asked = [m for m in await rows(world, OutboxMessage) if m.dedup_key.startswith("help:")]
    assert [m.chat_id for m in asked] == [PROV]


async def test_strangers_and_forged_presses_are_refused_audited_and_change_nothing(
    world: World,
) -> None:
    assignment_id = await new_case(world)
    before = (await kinds(world), await deadline_states(world))
    assert (await accept_case(world.deps, EKA, assignment_id)).status is ActionStatus.NOT_YOURS
    assert (await accept_case(world.deps, 4242, assignment_id)).status is ActionStatus.NOT_YOURS
    assert (
        await close_case(world.deps, BUDI, assignment_id, "other")
    ).status is ActionStatus.NOT_YOURS
    assert (await accept_case(world.deps, SARI, 999_999)).status is ActionStatus.NOT_YOURS
    assert await card_for_assignment(world.deps, EKA, assignment_id) is ActionStatus.NOT_YOURS
    await refuse_malformed(world.deps, EKA)
    assert (await kinds(world), await deadline_states(world)) == before
    (assignment,) = await rows(world, Assignment)
    assert assignment.accepted_at is None
    audit = [(a.actor, a.action, a.detail.get("attempted")) for a in await rows(world, AuditLog)]
    assert audit == [
        (f"telegram:{EKA}", "refused_action", "accept"),
        ("telegram:4242", "refused_action", "accept"),
        (f"telegram:{BUDI}", "refused_action", "close"),
        (f"telegram:{SARI}", "refused_action", "accept"),
        (f"telegram:{EKA}", "refused_action", "view"),
        (f"telegram:{EKA}", "refused_action", "malformed"),
    ]


async def test_a_supervisor_over_the_region_may_act(world: World) -> None:
    assignment_id = await new_case(world)
    assert (await accept_case(world.deps, RINA, assignment_id)).status is ActionStatus.DONE
    (report,) = await rows(world, Report)
    assert report.assigned_worker_id == world.ids[RINA]  # the supervisor takes it over


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


async def test_my_cases_most_urgent_first_and_the_region_overview(world: World) -> None:
    async with world.deps.uow() as uow:
        budi = await uow.session.get(WorkerRow, world.ids[BUDI])
        assert budi is not None
        budi.on_duty = False
        await uow.commit()
    calm = await new_case(world)
    await accept_case(world.deps, SARI, calm)
    await new_case(world, danger=True)
    mine = await my_cases(world.deps, SARI)
    assert mine is not None
    assert [line.urgency for line in mine] == ["DARURAT", "SEDANG"]
    assert mine[1].assignment_id == calm and mine[1].due is not None
    assert await my_cases(world.deps, 4242) is None
    assert await region_overview(world.deps, SARI) is None
    world.clock.now = START + timedelta(days=2)
    overview = await region_overview(world.deps, RINA)
    assert overview is not None
    assert overview.open_by_urgency == {"DARURAT": 1, "SEDANG": 1}
    assert [line.urgency for line in overview.overdue] == ["DARURAT"]  # SEDANG: 3 days
    assert overview.regions == ("Kota Jakarta Selatan, DKI Jakarta",)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("LS-7KQ2-M9XD", "LS-7KQ2-M9XD"),
        ("ls 7kq2 m9xd", "LS-7KQ2-M9XD"),
        ("ls7kq2m9xd", "LS-7KQ2-M9XD"),
        ("15-7KQ2-M9XD", "LS-7KQ2-M9XD"),
        ("7kq2-m9xd", "LS-7KQ2-M9XD"),
        ("LS-1S00-0000", "LS-1S00-0000"),
        ("LS-0L1O-0000", "LS-0110-0000"),
        ("LS-7KQ2-M9X", None),
        ("LS-7KQ2-M9XU", None),
        ("", None),
    ],
)
def test_references_are_read_loosely(typed: str, expected: str | None) -> None:
    assert normalise_reference(typed) == expected
