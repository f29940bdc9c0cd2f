"""The period fields: defaults, each bad value explained beside its field, nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest

from admin.presentation.period_form import (
    BAD_DATE,
    OUT_OF_RANGE,
    TOO_LONG,
    UNKNOWN_URGENCY,
    WRONG_ORDER,
    read_period_form,
)
from triage.domain.model import Urgency
from triage.domain.period import Period

TODAY = date(2026, 11, 25)


def test_nothing_chosen_means_the_last_twelve_weeks() -> None:
    form = read_period_form({}, TODAY)

    assert form.valid
    assert form.period == Period(date(2026, 9, 7), TODAY)
    assert (form.first, form.last, form.urgency) == ("2026-09-07", "2026-11-25", "")
    assert form.urgency_code is None


def test_chosen_dates_and_urgency() -> None:
    query = {"from": " 2026-01-01 ", "to": "2026-03-31", "urgency": "DARURAT"}

    form = read_period_form(query, TODAY)

    assert form.period == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert form.urgency_code is Urgency.DARURAT


@pytest.mark.parametrize(
    ("query", "field", "msgid"),
    [
        ({"from": "yesterday"}, "from", BAD_DATE),
        ({"to": "2026-02-30"}, "to", BAD_DATE),
        ({"from": "0001-01-01"}, "from", OUT_OF_RANGE),
        ({"to": "9999-12-31"}, "to", OUT_OF_RANGE),
        ({"from": "2026-11-22", "to": "2026-11-02"}, "to", WRONG_ORDER),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "to", TOO_LONG),
        ({"urgency": "<script>"}, "urgency", UNKNOWN_URGENCY),
    ],
)
def test_each_bad_value_is_a_problem_beside_its_field(query, field, msgid) -> None:
    form = read_period_form(query, TODAY)

    assert not form.valid and form.period is None
    assert form.problems[field].msgid == msgid
    for name, typed in query.items():  # shown again as typed
        assert getattr(form, {"from": "first", "to": "last"}.get(name, name)) == typed.strip()


def test_the_wrong_order_names_both_dates() -> None:
    form = read_period_form({"from": "2026-11-22", "to": "2026-11-02"}, TODAY)

    assert form.problems["to"].values == {"first": date(2026, 11, 22), "last": date(2026, 11, 2)}
