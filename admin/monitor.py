"""Who may read /metrics: a scraper, never a browser session.

With METRICS_TOKEN set, a request must carry `Authorization: Bearer <token>`. Without it,
only this machine may scrape: the connection comes from a loopback address and carries no
forwarding header (a reverse proxy on the same machine would otherwise make every visitor
look local). Staff logins open nothing here.
"""

from __future__ import annotations

import hmac
import ipaddress

from aiohttp import web

from admin.state import ADMIN

FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")


def monitor_refusal(request: web.Request) -> web.Response | None:
    """None when the request may read the metrics, else the short plain-text refusal."""
    token = request.app[ADMIN].security.metrics_token
    if token is not None:
        if _bearer_matches(request.headers.get("Authorization", ""), token):
            return None
        return web.Response(
            status=401,
            text="A bearer token is required.\n",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    if _local(request):
        return None
    return web.Response(
        status=403, text="Only this machine may read the metrics unless METRICS_TOKEN is set.\n"
    )


def _bearer_matches(header: str, token: str) -> bool:
    return hmac.compare_digest(header.encode(), f"Bearer {token}".encode())


def _local(request: web.Request) -> bool:
    if any(name in request.headers for name in FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:  # a Unix socket, or no peer address at all
        return False
