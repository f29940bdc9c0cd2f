"""Who may use a route, as its handler declares it: `@allow(Access.STAFF)`.

The access middleware (`admin/access.py`) enforces the declaration; the CSRF middleware
(`admin/csrf.py`) reads it to know which routes a browser's session authorises. Imports
nothing of the admin, so both may.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TypeVar

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
H = TypeVar("H", bound=Handler)
_ATTRIBUTE = "__admin_access__"


class Access(Enum):
    """PUBLIC: anyone; STAFF: any logged-in staff (region scoping is the use case's job);
    ADMIN: staff with the admin role; MONITOR: a metrics scraper, not a person: the bearer
    token METRICS_TOKEN, or without one this machine itself (`admin/monitor.py`); TELEGRAM:
    Telegram's webhook calls only, authenticated by the secret Telegram sends in a header,
    never by a session; PARTNER: a partner system's API call (`/api/v1/`), authenticated by
    its bearer token, rate-limited and audited (`admin/api/guard.py`), never by a session;
    which scope and regions it needs is the view's check."""

    PUBLIC = "public"
    STAFF = "staff"
    ADMIN = "admin"
    MONITOR = "monitor"
    TELEGRAM = "telegram"
    PARTNER = "partner"

    @property
    def by_session(self) -> bool:
        """True when a browser's cookies may authorise the route, so CSRF applies; a machine
        route carries its own credential, which a forged cross-site request cannot."""
        return self not in (Access.MONITOR, Access.TELEGRAM, Access.PARTNER)


def allow(access: Access) -> Callable[[H], H]:
    """Declare who may use a handler: `@allow(Access.STAFF)`."""

    def declare(handler: H) -> H:
        setattr(handler, _ATTRIBUTE, access)
        return handler

    return declare


def access_of(handler: object) -> Access | None:
    access = getattr(handler, _ATTRIBUTE, None)
    return access if isinstance(access, Access) else None
