"""The worker's case card says the child's age and sex, when it happened and who reported,
as the reporter gave them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.worker.render import card_text
from triage.domain.age import ChildAge
from triage.domain.child_sex import ChildSex
from triage.i18n import load_translator
from triage.services.cases.worker_views import CaseCard

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def card(age: ChildAge, sex: ChildSex | None = None) -> CaseCard:
    return CaseCard(
        assignment_id=1, reference="LS-7KQ2-M9XD", urgency="TINGGI", status="assigned",
        place="Tebet, Kota Jakarta Selatan", address=None, categories=("penelantaran",),
        child_age=age, story="Anak tetangga ditinggal sendirian.", reasons=(), phone=None,
        accepted=False, closed=False, due=None, zone_code="31", referred_to=(), notes=0,
        child_sex=sex,
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


@pytest.mark.parametrize(
    ("age", "sex", "lines"),
    [
        (ChildAge.band(6, 12), ChildSex.FEMALE,
         ["Umur anak: 6–12 tahun", "Jenis kelamin anak: Perempuan"]),
        (ChildAge.exact(7), ChildSex.MALE, ["Umur anak: 7 tahun", "Jenis kelamin anak: Laki-laki"]),
        (ChildAge(), ChildSex.FEMALE, ["Jenis kelamin anak: Perempuan"]),
        (ChildAge.exact(7), None, ["Umur anak: 7 tahun"]),
        (ChildAge(), None, []),
    ],
)  # fmt: skip
def test_the_card_shows_the_sex_below_the_age(
    age: ChildAge, sex: ChildSex | None, lines: list[str]
) -> None:
    text = card_text(load_translator(), card(age, sex), NOW)
    about = [line for line in text.splitlines() if line.startswith(("Umur anak", "Jenis kelamin"))]
    assert about == lines


@pytest.mark.parametrize(
    ("happened", "relation", "lines"),
    [
        ("now", "self", ["Kapan: Sedang terjadi", "Pelapor: Anak itu sendiri"]),
        ("earlier", "family", ["Kapan: Lebih dari seminggu", "Pelapor: Keluarga anak"]),
        (None, "neighbour", ["Pelapor: Tetangga"]),
        ("unknown", "made-up", []),  # never stored, but never shown as a bare code either
        (None, None, []),
    ],
)
def test_the_card_shows_when_and_who_reported(
    happened: str | None, relation: str | None, lines: list[str]
) -> None:
    shown = CaseCard(
        **{**_fields(card(ChildAge())), "happened": happened, "reporter_relation": relation}
    )
    text = card_text(load_translator(), shown, NOW)
    assert [line for line in text.splitlines() if line.startswith(("Kapan", "Pelapor"))] == lines


def _fields(value: CaseCard) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__slots__}
