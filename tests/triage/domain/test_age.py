"""The child's age as given: exact, a band or unknown; its parts, its parsing, its words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from triage.domain.age import ChildAge, age_words, parse_band
from triage.domain.intake.catalog import AGE_BANDS, AGE_OPTIONS
from triage.i18n import load_translator

UNKNOWN = ChildAge()


@pytest.mark.parametrize(
    ("age", "known", "years", "is_band", "band_bounds"),
    [
        (ChildAge.exact(7), True, 7, False, (None, None)),
        (ChildAge.exact(0), True, 0, False, (None, None)),
        (ChildAge.exact(12), True, 12, False, (None, None)),
        (ChildAge.band(6, 12), True, None, True, (6, 12)),
        (ChildAge.band(0, 5), True, None, True, (0, 5)),
        (UNKNOWN, False, None, False, (None, None)),
    ],
)
def test_the_parts_of_an_age(
    age: ChildAge,
    known: bool,
    years: int | None,
    is_band: bool,
    band_bounds: tuple[int | None, int | None],
) -> None:
    assert (age.known, age.years, age.is_band, age.band_bounds) == (
        known, years, is_band, band_bounds,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("parts", "age"),
    [
        ((7, None, None), ChildAge.exact(7)),
        ((None, 6, 12), ChildAge.band(6, 12)),
        ((None, None, None), UNKNOWN),
        ((None, 6, None), UNKNOWN),
        ((12, 6, 12), ChildAge.exact(12)),  # a typed age wins over stray bounds
    ],
)
def test_from_stored_parts(parts: tuple[int | None, int | None, int | None], age: ChildAge):
    assert ChildAge.from_parts(*parts) == age


def test_a_typed_twelve_is_not_the_band_six_to_twelve() -> None:
    assert ChildAge.exact(12) != ChildAge.band(6, 12)
    assert ChildAge.exact(12).upper == ChildAge.band(6, 12).upper


@pytest.mark.parametrize(
    "make",
    [
        lambda: ChildAge.exact(18),
        lambda: ChildAge.exact(-1),
        lambda: ChildAge.band(12, 6),
        lambda: ChildAge.band(7, 7),
        lambda: ChildAge.band(13, 18),
        lambda: ChildAge(3, None),
    ],
)
def test_impossible_ages_are_refused(make: Callable[[], ChildAge]) -> None:
    with pytest.raises(ValueError, match=r"age|band"):
        make()


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("6-12", ChildAge.band(6, 12)),
        ("0-5", ChildAge.band(0, 5)),
        ("13–17", ChildAge.band(13, 17)),
        (" 3 - 9 ", ChildAge.band(3, 9)),
        ("12-6", None),
        ("7-7", None),
        ("13-18", None),
        ("7", None),
        ("6-12-3", None),
        ("-5", None),
        ("enam-12", None),
        ("٣-٩", None),  # other digits are not read as numbers
    ],
)
def test_parse_band(text: str, age: ChildAge | None) -> None:
    assert parse_band(text) == age


@pytest.mark.parametrize(
    ("age", "id_text", "en_text"),
    [
        (ChildAge.exact(7), "7 tahun", "7 years"),
        (ChildAge.exact(12), "12 tahun", "12 years"),
        (ChildAge.band(6, 12), "6–12 tahun", "6–12 years"),
        (ChildAge.band(0, 5), "0–5 tahun", "0–5 years"),
        (ChildAge.band(13, 17), "13–17 tahun", "13–17 years"),
        (UNKNOWN, "Tidak diketahui", "Unknown"),
    ],
)
def test_an_age_is_said_as_given(age: ChildAge, id_text: str, en_text: str) -> None:
    translator = load_translator()
    msgid, values = age_words(age)
    assert translator.text("id", msgid, **values) == id_text
    assert translator.text("en", msgid, **values) == en_text


def test_every_band_button_has_its_band_and_reads_the_same() -> None:
    """The questionnaire's bands: the button's label is how the band is said afterwards."""
    buttons = {o.value: o.label for o in AGE_OPTIONS if o.value != "unknown"}
    assert set(AGE_BANDS) == set(buttons)
    for value, band in AGE_BANDS.items():
        assert parse_band(value) == band
        msgid, values = age_words(band)
        assert msgid.format(**values) == buttons[value]
