"""Stored reports read back as the facts they were assessed from, to replay under other rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from triage.domain.age import ChildAge
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.assessment.replay import facts_of, stored_facts
from triage.services.common.deps import TriageDeps
from triage.storage.tables import Report

RECEIVED = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def report(**changes: Any) -> Report:
    fields: dict[str, Any] = {
        "reference": "LS-7KQ2-M9XD", "received_at": RECEIVED, "reporter_chat_id": 9001,
        "categories": ["kekerasan_fisik", "penelantaran"], "child_age": 7, "children_count": 2,
        "immediate_danger": "yes", "perpetrator_access": "no", "injured": "unknown",
        "repeated": "yes", "disability": True, "description": "anak dipukul setiap malam",
        "kabkota_code": "31.74", "kecamatan_code": "31.74.01", "urgency": "DARURAT",
        "contact_phone": "+6281234567890", "status": "closed",
    }  # fmt: skip
    return Report(**{**fields, **changes})


def test_a_report_gives_back_the_facts_it_was_assessed_from() -> None:
    assert facts_of(report()) == ReportFacts(
        categories=(Category.KEKERASAN_FISIK, Category.PENELANTARAN),
        child_age=ChildAge.exact(7),
        children_count=2,
        immediate_danger=Answer.YES,
        perpetrator_access=Answer.NO,
        injured=Answer.UNKNOWN,
        repeated=Answer.YES,
        disability=True,
        description="anak dipukul setiap malam",
        region_code="31.74",  # the kabupaten/kota, not the kecamatan
        reported_at=RECEIVED,
    )


def test_category_codes_no_longer_known_are_left_out() -> None:
    facts = facts_of(report(categories=["retired_code", "eksploitasi"], kabkota_code=None))
    assert facts.categories == (Category.EKSPLOITASI,)
    assert facts.region_code is None


async def test_every_stored_report_is_read_with_its_reference(deps: TriageDeps) -> None:
    assert await stored_facts(deps) == []
    async with deps.uow() as uow:
        uow.session.add(report())
        uow.session.add(report(reference="LS-AAAA-BBBB", categories=[], immediate_danger="no"))
        await uow.commit()
    found = dict(await stored_facts(deps))
    assert found == {
        "LS-7KQ2-M9XD": facts_of(report()),
        "LS-AAAA-BBBB": facts_of(report(categories=[], immediate_danger="no")),
    }
    assert found["LS-AAAA-BBBB"].immediate_danger is Answer.NO


async def test_anonymised_reports_are_not_replayed(deps: TriageDeps) -> None:
    async with deps.uow() as uow:
        uow.session.add(report())
        uow.session.add(report(reference="LS-AAAA-BBBB", description="", anonymised_at=RECEIVED))
        await uow.commit()
    assert [reference for reference, _ in await stored_facts(deps)] == ["LS-7KQ2-M9XD"]
