"""Deadline keys: the stored text format, round trips, and refusal of anything else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.domain.deadline_keys import DeadlineKey
from triage.domain.deadline_keys import DeadlineKind as K
from triage.domain.sla import Deadline, DeadlineKind

REF = "LS-7KQ2-M9XD"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (DeadlineKey(REF, K.ACCEPT_REMINDER), "LS-7KQ2-M9XD:accept_reminder:g0:l0"),
        (DeadlineKey(REF, K.ACCEPT_BREACH, 0, 1), "LS-7KQ2-M9XD:accept_breach:g0:l1"),
        (DeadlineKey(REF, K.ACCEPT_BREACH, 2, 3), "LS-7KQ2-M9XD:accept_breach:g2:l3"),
        (DeadlineKey(REF, K.CONTACT_REMINDER, 1, 0), "LS-7KQ2-M9XD:contact_reminder:g1:l0"),
        (DeadlineKey(REF, K.CONTACT_BREACH, 0, 1), "LS-7KQ2-M9XD:contact_breach:g0:l1"),
        (DeadlineKey(REF, K.CLOSURE_REMINDER), "LS-7KQ2-M9XD:closure_reminder:g0:l0"),
        (DeadlineKey(REF, K.CLOSURE_BREACH, 12, 10), "LS-7KQ2-M9XD:closure_breach:g12:l10"),
        (
            DeadlineKey("LS-2026-000123", K.ACCEPT_BREACH, 1, 2),
            "LS-2026-000123:accept_breach:g1:l2",
        ),
        (DeadlineKey("a:b", K.ACCEPT_BREACH, 0, 1), "a:b:accept_breach:g0:l1"),
        (DeadlineKey("x", K.CLOSURE_BREACH, 0, 1), "x:closure_breach:g0:l1"),
    ],
)
def test_format_and_parse_round_trip(key: DeadlineKey, text: str) -> None:
    assert key.format() == text
    assert DeadlineKey.parse(text) == key
    assert DeadlineKey.parse(key.format()).format() == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "LS-7KQ2-M9XD",
        "LS-7KQ2-M9XD:accept_breach",
        "LS-7KQ2-M9XD:accept_breach:g0",
        ":accept_breach:g0:l1",  # no reference
        "LS-7KQ2-M9XD:accept_breach:0:1",  # no g/l prefixes
        "LS-7KQ2-M9XD:accept_breach:l1:g0",  # swapped
        "LS-7KQ2-M9XD:accept_breach:g0:l1:",  # trailing colon
        "LS-7KQ2-M9XD:accept_breach:g0:l1 ",  # trailing space
        "LS-7KQ2-M9XD:accept_breach:g-1:l1",
        "LS-7KQ2-M9XD:accept_breach:g0:l+1",
        "LS-7KQ2-M9XD:accept_breach:g01:l1",  # not as format() writes it
        "LS-7KQ2-M9XD:accept_breach:g0:l1_0",
        "LS-7KQ2-M9XD:accept_breach:g 0:l1",
        "LS-7KQ2-M9XD:accept_breach:g0:l١",  # a digit, but not an ASCII one
        "LS-7KQ2-M9XD:accept_breach:gx:l1",
        "LS-7KQ2-M9XD:ACCEPT_BREACH:g0:l1",
        "LS-7KQ2-M9XD:accept:g0:l1",  # unknown kind
        "LS-7KQ2-M9XD:stale:g0:l1",
        "LS-7KQ2-M9XD:stale:1764000000",  # a stale-reminder key is not a deadline key
        "digest:4:2026-11-23",
    ],
)
def test_parse_refuses_malformed_keys(text: str) -> None:
    with pytest.raises(ValueError, match="deadline"):
        DeadlineKey.parse(text)


@pytest.mark.parametrize(
    ("reference", "generation", "level"), [("", 0, 0), (REF, -1, 0), (REF, 0, -1)]
)
def test_a_key_needs_a_reference_and_counts_from_zero(
    reference: str, generation: int, level: int
) -> None:
    with pytest.raises(ValueError, match="deadline key"):
        DeadlineKey(reference, K.ACCEPT_BREACH, generation, level)


@pytest.mark.parametrize(
    ("reminder", "breach"),
    [
        (DeadlineKey(REF, K.ACCEPT_REMINDER, 2, 0), DeadlineKey(REF, K.ACCEPT_BREACH, 2, 1)),
        (DeadlineKey(REF, K.CONTACT_REMINDER, 1, 0), DeadlineKey(REF, K.CONTACT_BREACH, 1, 1)),
        (DeadlineKey(REF, K.CLOSURE_REMINDER, 0, 0), DeadlineKey(REF, K.CLOSURE_BREACH, 0, 1)),
        (DeadlineKey(REF, K.ACCEPT_BREACH, 0, 3), DeadlineKey(REF, K.ACCEPT_BREACH, 0, 1)),
    ],
)
def test_first_breach_of_the_same_ladder(reminder: DeadlineKey, breach: DeadlineKey) -> None:
    assert reminder.first_breach() == breach


def test_the_domain_deadline_key_is_the_formatted_key() -> None:
    assert DeadlineKind is K  # triage.domain.sla re-exports the kinds
    deadline = Deadline(REF, DeadlineKind.ACCEPT_BREACH, datetime(2026, 11, 23, tzinfo=UTC), 2, 1)
    assert deadline.key == "LS-7KQ2-M9XD:accept_breach:g1:l2"
    assert DeadlineKey.parse(deadline.key) == DeadlineKey(REF, K.ACCEPT_BREACH, 1, 2)
