"""The source address (X-Forwarded-For only from a trusted proxy) and the browser summary."""

from __future__ import annotations

import pytest

from admin.client import client_address, parse_networks, user_agent_summary

PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not a proxy: the header is ignored
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),  # two proxies
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a spoofed entry on the left
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "2001:db8::7", "2001:db8::7"),
        (None, "198.51.100.1", None),
    ],
)
def test_client_address(peer: str | None, forwarded: str | None, expected: str | None) -> None:
    assert client_address(peer, forwarded, PROXIES) == expected


def test_a_bad_proxy_entry_is_named() -> None:
    with pytest.raises(ValueError, match=r"'proxy\.example'"):
        parse_networks(["127.0.0.1", "proxy.example"])


@pytest.mark.parametrize(
    ("agent", "summary"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome, Android",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox, Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari, iOS",
        ),
        ("curl/8.5.0", "curl"),
        ("<script>", "script"),
        (None, None),
    ],
)
def test_user_agent_summary(agent: str | None, summary: str | None) -> None:
    assert user_agent_summary(agent) == summary
