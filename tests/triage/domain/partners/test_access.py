from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.domain.partners.access import (
    Grant,
    InvalidGrant,
    Refusal,
    Scope,
    parse_lifetime,
    parse_regions,
    parse_scopes,
)

NOW = datetime(2026, 11, 29, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        ("stats", {Scope.STATS}),
        ("cases", {Scope.CASES}),
        ("cases,pii", {Scope.CASES, Scope.PII}),
        (" Stats , cases ", {Scope.STATS, Scope.CASES}),
    ],
)
def test_scopes(text: str, scopes: set[Scope]) -> None:
    assert parse_scopes(text) == scopes


@pytest.mark.parametrize("text", ["", "pii", "stats,pii", "admin", "cases;pii"])
def test_scopes_refused(text: str) -> None:
    with pytest.raises(InvalidGrant):
        parse_scopes(text)


@pytest.mark.parametrize(
    ("text", "lifetime"),
    [("90d", timedelta(days=90)), ("12h", timedelta(hours=12)), ("2W", timedelta(weeks=2))],
)
def test_lifetimes(text: str, lifetime: timedelta) -> None:
    assert parse_lifetime(text) == lifetime


@pytest.mark.parametrize("text", ["", "0d", "90", "d", "-1d", "1.5d", "99999w", "1y"])
def test_lifetimes_refused(text: str) -> None:
    with pytest.raises(InvalidGrant):
        parse_lifetime(text)


def test_regions() -> None:
    assert parse_regions([" 32", "31.74", "32", ""]) == ("31.74", "32")
    for wrong in (["3"], ["32.7"], ["32.73.01"], ["32%"], [], ["", " "]):
        with pytest.raises(InvalidGrant):
            parse_regions(wrong)


def test_a_grant_stops_at_revocation_or_expiry() -> None:
    live = Grant(frozenset({Scope.STATS}), ("32",), NOW + timedelta(days=1), None)
    assert live.refusal(NOW) is None
    assert live.refusal(NOW + timedelta(days=1)) is Refusal.EXPIRED
    revoked = Grant(frozenset({Scope.STATS}), ("32",), None, NOW)
    assert revoked.refusal(NOW - timedelta(days=1)) is Refusal.REVOKED


def test_a_grant_covers_its_provinces_kabupaten_and_nothing_else() -> None:
    grant = Grant(frozenset({Scope.CASES}), ("32", "31.74"), None, None)
    assert grant.narrowed(()) == ("32", "31.74")
    assert grant.narrowed(("32.73", "31.74")) == ("32.73", "31.74")
    assert grant.narrowed(("32",)) == ("32",)
    assert grant.narrowed(("31",)) is Refusal.REGION  # the province of a granted city
    assert grant.narrowed(("32.73", "33.01")) is Refusal.REGION


def test_refusals_are_401_or_403() -> None:
    assert {r.status for r in Refusal if r in (Refusal.SCOPE, Refusal.REGION)} == {403}
    assert {r.status for r in Refusal if r not in (Refusal.SCOPE, Refusal.REGION)} == {401}
