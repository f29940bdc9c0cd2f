"""What a worker sees of cases in Telegram: a case's card and their open cases."""

from __future__ import annotations

from tests.triage.services.cases.helpers import (
    EKA,
    SARI,
    World,
    new_case,
    rows,
)
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.cases.worker_views import (
    CaseCard,
    card_for_assignment,
    card_for_reference,
)
from triage.storage.tables import Report


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
