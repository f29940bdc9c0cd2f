"""Checks of single workers CSV fields: names, ids, roles, region codes, phones, duty hours."""

from __future__ import annotations

import pytest

from triage.domain.regions.directory import RegionDirectory
from triage.services.workers import fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("628123456789", "+628123456789"),
        ("+62 812 3456 789", "+628123456789"),
        ("(021) 555-1234", "+62215551234"),
        ("", None),
        ("  ", None),
    ],
)
def test_phones_are_normalised(text: str, expected: str | None) -> None:
    assert fields.parse_phone(text) == expected


@pytest.mark.parametrize(
    "text", ["12345", "+1 202 555 0100", "0812abc4567", "08", "+62 0812 3456 7890", "62"]
)
def test_garbage_phones_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an Indonesian number") as caught:
        fields.parse_phone(text)
    if len(text) > 4:
        assert text not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("YA", True),
        ("1", True),
        ("yes", True),
        ("false", False),
        ("Tidak", False),
        ("0", False),
        ("no", False),
    ],
)
def test_on_duty_words(text: str, expected: bool) -> None:
    assert fields.parse_on_duty(text) is expected


@pytest.mark.parametrize(
    ("text", "days", "start", "end"),
    [
        ("mon-fri 08:00-16:00", [0, 1, 2, 3, 4], "08:00", "16:00"),
        ("Senin-Jumat 8.00 - 16.00", [0, 1, 2, 3, 4], "08:00", "16:00"),
        ("sat,sun 20:00-08:00", [5, 6], "20:00", "08:00"),
        ("fri-mon 07:30-19:30", [0, 4, 5, 6], "07:30", "19:30"),
        ("jum'at 09:00-11:00", [4], "09:00", "11:00"),
        ("00:00-00:00", [0, 1, 2, 3, 4, 5, 6], "00:00", "00:00"),
    ],
)
def test_duty_hours(text: str, days: list[int], start: str, end: str) -> None:
    assert fields.parse_duty_hours(text) == {"days": days, "start": start, "end": end}


@pytest.mark.parametrize(
    "text", ["mon-fri", "someday 08:00-16:00", "mo 08:00-16:00", "24:00-08:00"]
)
def test_bad_duty_hours(text: str) -> None:
    with pytest.raises(ValueError, match="duty_hours"):
        fields.parse_duty_hours(text)


def test_empty_duty_hours_means_any_time() -> None:
    assert fields.parse_duty_hours("  ") is None


def test_region_codes(regions: RegionDirectory) -> None:
    assert fields.parse_region_codes("3174; 31 ;31.74;;32.73", regions) == ("31.74", "31", "32.73")
    for bad in ["3", "31.7", "31.99", "99", "jakarta", "31.74.01"]:
        with pytest.raises(ValueError, match="region code"):
            fields.parse_region_codes(bad, regions)


def test_names() -> None:
    assert fields.parse_name("  Sari   Dewi ") == "Sari Dewi"
    for bad, reason in [("", "empty"), ("x" * 121, "longer"), ("A\x00ni", "control")]:
        with pytest.raises(ValueError, match=reason):
            fields.parse_name(bad)


def test_telegram_ids() -> None:
    assert fields.parse_telegram_id(" 123456789 ") == 123456789
    assert fields.parse_telegram_id("") is None
    for bad in ["0", "-1", "1.5e9", "١٢٣", str(2**63)]:
        with pytest.raises(ValueError, match="telegram_user_id"):
            fields.parse_telegram_id(bad)


@pytest.mark.parametrize(
    ("text", "role"), [("worker", "worker"), (" Supervisor ", "supervisor"), ("WORKER", "worker")]
)
def test_roles(text: str, role: str) -> None:
    assert fields.parse_role(text) == role


@pytest.mark.parametrize("text", ["admin", "", "pekerja"])
def test_unknown_roles_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="role must be 'worker' or 'supervisor'"):
        fields.parse_role(text)


def test_names_compare_case_folded_with_single_spaces() -> None:
    assert fields.name_key("  Sari\t DEWI ") == fields.name_key("sari dewi") == "sari dewi"
    assert fields.name_key("Straße") == fields.name_key("STRASSE")
    assert fields.name_key("Sari Dewi") != fields.name_key("SariDewi")
