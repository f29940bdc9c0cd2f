"""The worker's case card says the child's age as the reporter gave it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.worker.render import card_text
from triage.domain.age import ChildAge
from triage.i18n import load_translator
from triage.services.cases.worker_views import CaseCard

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def card(age: ChildAge) -> CaseCard:
    return CaseCard(
        assignment_id=1, reference="LS-7KQ2-M9XD", urgency="TINGGI", status="assigned",
        place="Tebet, Kota Jakarta Selatan", address=None, categories=("penelantaran",),
        child_age=age, story="Anak tetangga ditinggal sendirian.", reasons=(), phone=None,
        accepted=False, closed=False, due=None, zone_code="31", referred_to=(), notes=0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("age", "age_lines"),
    [
        (ChildAge.band(6, 12), ["Umur anak: 6–12 tahun"]),
        (ChildAge.band(0, 5), ["Umur anak: 0–5 tahun"]),
        (ChildAge.exact(7), ["Umur anak: 7 tahun"]),
        (ChildAge.exact(12), ["Umur anak: 12 tahun"]),
        (ChildAge(), []),
    ],
)
def test_the_card_shows_the_age_as_given(age: ChildAge, age_lines: list[str]) -> None:
    text = card_text(load_translator(), card(age), NOW)
    assert [line for line in text.splitlines() if line.startswith("Umur anak")] == age_lines
    assert "Cerita: Anak tetangga ditinggal sendirian." in text
