"""Where a request comes from: its address (X-Forwarded-For only from a trusted proxy) and
the browser in a few words; set once per request for the views and the audit log."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable, Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

from aiohttp import web

from admin.state import ADMIN, CLIENT
from triage.services.common.events import audit_source
from triage.services.staff.sessions import ClientInfo

Network = IPv4Network | IPv6Network
Address = IPv4Address | IPv6Address
FORWARDED_FOR = "X-Forwarded-For"

_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
             ("SamsungBrowser/", "Samsung Internet"), ("Chrome/", "Chrome"),
             ("Chromium/", "Chromium"), ("Safari/", "Safari"))  # fmt: skip
_SYSTEMS = (("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))  # fmt: skip


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """`10.0.0.1`, `10.0.0.0/8` or `::1`; raises ValueError naming a bad entry."""
    networks = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as exc:
            raise ValueError(f"not an IP address or network: {entry!r}") from exc
    return tuple(networks)


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address in network for network in proxies)


def client_address(
    peer: str | None, forwarded_for: str | None, proxies: tuple[Network, ...]
) -> str | None:
    """The peer; behind trusted proxies, the nearest forwarded address that is not one of them.

    The header is read right to left (each proxy appends the address it saw), so a client
    cannot choose its address by sending its own X-Forwarded-For.
    """
    peer_address = _address(peer) if peer else None
    if peer_address is None or not forwarded_for or not _trusted(peer_address, proxies):
        return peer
    nearest = peer_address
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            break  # a malformed entry: trust nothing to its left
        nearest = address
        if not _trusted(address, proxies):
            break
    return str(nearest)


def user_agent_summary(user_agent: str | None) -> str | None:
    """'Firefox, Android': enough to recognise one's own devices, little to fingerprint."""
    if not user_agent:
        return None
    browser = next((name for token, name in _BROWSERS if token in user_agent), None)
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    words = [word for word in (browser, system) if word]
    if words:
        return ", ".join(words)
    return re.sub(r"[^\w.\- ]", "", user_agent.split("/")[0])[:40] or None


@web.middleware
async def client_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Store where the request came from; audit rows written while handling it carry it."""
    proxies = request.app[ADMIN].security.trusted_proxies
    address = client_address(request.remote, request.headers.get(FORWARDED_FOR), proxies)
    request[CLIENT] = ClientInfo(address, user_agent_summary(request.headers.get("User-Agent")))
    with audit_source(address):
        return await handler(request)
