"""The callback codec: the wire format stays, builds round-trip, and malformed data is refused.

Whether a well-formed press is allowed is the database's to say: a forged worker button for
someone else's case is refused in tests/e2e/test_worker_flow.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import callbacks as cb
from bot.callbacks import (
    IntakeAnswer,
    Rating,
    SessionChoice,
    WorkerAction,
    WorkerCallback,
)
from bot.worker.render import CLOSE_CHOICES, DECLINE_CHOICES, REFER_CHOICES, TYPE_CHOICES
from triage.domain.referrals import ReferralStatus

ids = st.integers(min_value=0, max_value=10**18 - 1)
references = st.text(st.characters(codec="ascii", exclude_characters=":"), min_size=1, max_size=40)


def worker_calls() -> st.SearchStrategy[WorkerCallback]:
    def with_arg(action: WorkerAction) -> st.SearchStrategy[WorkerCallback]:
        return st.builds(WorkerCallback, st.just(action), ids, _args(action))

    return st.sampled_from(list(WorkerAction)).flatmap(with_arg)


def _args(action: WorkerAction) -> st.SearchStrategy[str | None]:
    """What the bot puts after an action: a code, an id, or a referral's id and status."""
    if action in cb.WORKER_ID_ARGS:
        return ids.map(str)
    if action is WorkerAction.REFERRAL_SET:
        return st.builds(cb.referral_set_arg, ids, st.sampled_from(cb.REFERRAL_TARGETS))
    args = cb.WORKER_ARGS.get(action)
    return st.none() if args is None else st.sampled_from(args)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (cb.intake_data(7, "yes"), "i:7:yes"),
        (cb.intake_data(12, "31.74"), "i:12:31.74"),
        (cb.session_data(SessionChoice.CONTINUE), "s:continue"),
        (cb.session_data(SessionChoice.RESTART), "s:restart"),
        (cb.language_data("id"), "l:id"),
        (cb.language_data("en"), "l:en"),
        (cb.rating_data("LS-7KQ2-M9XD", 4), "r:LS-7KQ2-M9XD:4"),
        (cb.worker_data(WorkerAction.ACCEPT, 42), "w:acc:42"),
        (cb.worker_data(WorkerAction.DECLINE, 42), "w:dec:42"),
        (cb.worker_data(WorkerAction.DECLINE_REASON, 42, "load"), "w:dr:42:load"),
        (cb.worker_data(WorkerAction.REFER_TO, 42, "uptd_ppa"), "w:rt:42:uptd_ppa"),
        (cb.worker_data(WorkerAction.CLOSE_OUTCOME, 42, "handled"), "w:co:42:handled"),
        (cb.worker_data(WorkerAction.CANCEL, 42), "w:x:42"),
        (cb.worker_data(WorkerAction.OPEN, 42), "w:open:42"),
    ],
)
def test_the_wire_format_of_buttons_already_sent_stays(data: str, expected: str) -> None:
    assert data == expected


@pytest.mark.parametrize(
    ("data", "parsed"),
    [
        ("i:3:no", IntakeAnswer(3, "no")),
        ("i:3:a:b", IntakeAnswer(3, "a:b")),
        ("s:restart", SessionChoice.RESTART),
        ("l:en", "en"),
        ("r:LS-7KQ2-M9XD:5", Rating("LS-7KQ2-M9XD", 5)),
        ("w:acc:17", WorkerCallback(WorkerAction.ACCEPT, 17)),
        ("w:co:17:unreachable", WorkerCallback(WorkerAction.CLOSE_OUTCOME, 17, "unreachable")),
    ],
)
def test_stored_data_parses(data: str, parsed: object) -> None:
    parsers = (cb.parse_intake, cb.parse_session, cb.parse_language, cb.parse_rating)
    found = [p(data) for p in (*parsers, cb.parse_worker)]
    assert [x for x in found if x is not None] == [parsed]


@given(ids, st.text(max_size=10))
def test_intake_round_trip(version: int, value: str) -> None:
    data = cb.intake_data(version, value)
    assert cb.parse_intake(data) == IntakeAnswer(version, value)
    assert re.match(cb.INTAKE_PATTERN, data)


@given(st.sampled_from(list(SessionChoice)))
def test_session_round_trip(choice: SessionChoice) -> None:
    data = cb.session_data(choice)
    assert cb.parse_session(data) is choice
    assert re.match(cb.SESSION_PATTERN, data)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_language_round_trip(lang: str) -> None:
    data = cb.language_data(lang)
    assert cb.parse_language(data) == lang
    assert re.match(cb.LANGUAGE_PATTERN, data)


@given(references, st.sampled_from(cb.RATINGS))
def test_rating_round_trip(reference: str, stars: int) -> None:
    data = cb.rating_data(reference, stars)
    assert cb.parse_rating(data) == Rating(reference, stars)
    assert re.match(cb.RATING_PATTERN, data)


@given(worker_calls())
def test_worker_round_trip(call: WorkerCallback) -> None:
    data = cb.worker_data(call.action, call.assignment_id, call.arg)
    assert len(data.encode()) <= cb.MAX_BYTES
    assert cb.parse_worker(data) == call
    assert re.match(cb.WORKER_PATTERN, data)


@given(worker_calls())
def test_each_kind_matches_only_its_own_pattern(call: WorkerCallback) -> None:
    data = cb.worker_data(call.action, call.assignment_id, call.arg)
    others = (cb.INTAKE_PATTERN, cb.SESSION_PATTERN, cb.LANGUAGE_PATTERN, cb.RATING_PATTERN)
    assert not any(re.match(p, data) for p in others)
    assert cb.parse_intake(data) is None and cb.parse_rating(data) is None


@pytest.mark.parametrize(
    "data",
    [
        "",
        "w",
        "w:",
        "w:acc",
        "w:acc:",
        "w:acc:x1",
        "w:acc:-1",
        "w:acc:+1",
        "w:acc:１２",  # full-width digits
        "w:acc:²",
        "w:acc:1234567890123456789",  # 19 digits
        "w:acc:1:extra",
        "w:dr:1",  # needs a reason
        "w:dr:1:bored",
        "w:co:1:'; DROP TABLE report;--",
        "w:hapus:1",
        "W:acc:1",
        " w:acc:1",
        "w:acc:1 ",
        "w::1",
        "x:acc:1",
        "w:co:1:handled:again",
        "w:acc:" + "1" * 70,
        "w:rsv:1",
        "w:rsv:1:abc",
        "w:rsv:1:-3",
        "w:rty:1:panti",
        "w:rfo:1:²",
        "w:rfs:1:3",
        "w:rfs:1:3.sent",
        "w:rfs:1:.accepted",
        "w:rfs:1:3.accepted.x",
    ],
)
def test_malformed_worker_data_is_refused(data: str) -> None:
    assert cb.parse_worker(data) is None


@pytest.mark.parametrize(
    ("parse", "data"),
    [
        (cb.parse_intake, "i:3"),
        (cb.parse_intake, "i::yes"),
        (cb.parse_intake, "i:x:yes"),
        (cb.parse_intake, "i:²:yes"),
        (cb.parse_intake, "s:3:yes"),
        (cb.parse_intake, "i:3:" + "y" * 70),
        (cb.parse_session, "s:"),
        (cb.parse_session, "s:later"),
        (cb.parse_session, "s:restart:1"),
        (cb.parse_session, "restart"),
        (cb.parse_language, "l:fr"),
        (cb.parse_language, "l:"),
        (cb.parse_language, "l:id:x"),
        (cb.parse_language, "id"),
        (cb.parse_rating, "r:LS-1:"),
        (cb.parse_rating, "r::3"),
        (cb.parse_rating, "r:LS-1:0"),
        (cb.parse_rating, "r:LS-1:6"),
        (cb.parse_rating, "r:LS-1:²"),
        (cb.parse_rating, "r:LS-1:3:4"),
        (cb.parse_rating, "r:LS-1"),
        (cb.parse_rating, "w:LS-1:3"),
    ],
)
def test_malformed_data_of_other_kinds_is_refused(
    parse: Callable[[str], object], data: str
) -> None:
    assert parse(data) is None


@given(st.text(max_size=80))
def test_parsers_never_raise(data: str) -> None:
    for parse in (
        cb.parse_intake,
        cb.parse_session,
        cb.parse_language,
        cb.parse_rating,
        cb.parse_worker,
    ):
        parse(data)


def test_a_well_formed_button_for_any_case_parses_the_database_decides() -> None:
    assert cb.parse_worker("w:acc:999999") == WorkerCallback(WorkerAction.ACCEPT, 999999)


@pytest.mark.parametrize(
    "build",
    [
        lambda: cb.intake_data(1, "x" * 61),  # 65 bytes
        lambda: cb.intake_data(-1, "yes"),
        lambda: cb.intake_data(10**18, "yes"),
        lambda: cb.language_data("fr"),
        lambda: cb.rating_data("LS-1", 0),
        lambda: cb.rating_data("LS-1", 6),
        lambda: cb.rating_data("", 3),
        lambda: cb.rating_data("LS:1", 3),
        lambda: cb.rating_data("LS-" + "X" * 60, 3),
        lambda: cb.worker_data(WorkerAction.ACCEPT, -1),
        lambda: cb.worker_data(WorkerAction.ACCEPT, 1, "now"),
        lambda: cb.worker_data(WorkerAction.DECLINE_REASON, 1),
        lambda: cb.worker_data(WorkerAction.CLOSE_OUTCOME, 1, "bored"),
    ],
)
def test_builders_refuse_what_telegram_or_the_parser_would(build: Callable[[], str]) -> None:
    with pytest.raises(ValueError, match=r"."):
        build()


def test_the_longest_worker_data_fits_telegram() -> None:
    biggest = 10**18 - 1
    special = {
        **{action: str(biggest) for action in cb.WORKER_ID_ARGS},
        WorkerAction.REFERRAL_SET: cb.referral_set_arg(biggest, ReferralStatus.COMPLETED),
    }
    longest = max(
        (
            cb.worker_data(
                action, biggest, special.get(action) or (max(args, key=len) if args else None)
            )
            for action, args in ((a, cb.WORKER_ARGS.get(a)) for a in WorkerAction)
        ),
        key=len,
    )
    assert len(longest.encode()) <= cb.MAX_BYTES


def test_the_worker_choice_keyboards_offer_exactly_what_the_codec_accepts() -> None:
    offered = {
        WorkerAction.DECLINE_REASON: DECLINE_CHOICES,
        WorkerAction.REFER_TO: REFER_CHOICES,
        WorkerAction.REFER_TYPE: TYPE_CHOICES,
        WorkerAction.CLOSE_OUTCOME: CLOSE_CHOICES,
    }
    assert {action: tuple(code for code, _ in choices) for action, choices in offered.items()} == (
        cb.WORKER_ARGS
    )
