"""The admin app factory: wires services, templates, sessions, middlewares and routes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp_jinja2
import jinja2
from aiohttp import web, web_response
from aiohttp_session import session_middleware

from admin.access import access_middleware
from admin.auth import derived_key, second_factor_box, session_storage
from admin.client import client_middleware
from admin.csrf import csrf_middleware
from admin.declarations import Access, access_of
from admin.language import language_middleware
from admin.middlewares import SERVER, add_security_headers, error_middleware, timing_middleware
from admin.routes import ROUTES, Route
from admin.state import ADMIN, TELEGRAM, AdminContext, AdminSecurity, TelegramWebhook
from triage.domain.disclosure import DEFAULT_MINIMUM
from triage.domain.health import DEFAULT_OUTBOX_LAG
from triage.domain.timezones import WIB
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.outlines import view_outlines

HERE = Path(__file__).parent
MAX_REQUEST_BYTES = 64 * 1024  # the admin only takes small forms


def _add_routes(app: web.Application, routes: tuple[Route, ...], webhook_path: str | None) -> None:
    """The routes; Telegram's webhook at `webhook_path` when one is configured."""
    for route in routes:
        telegram = access_of(route.handler) is Access.TELEGRAM
        path = webhook_path if telegram and webhook_path else route.path
        if route.method == "GET":  # and HEAD, for probes
            app.router.add_get(path, route.handler, name=route.name)
        else:
            app.router.add_route(route.method, path, route.handler, name=route.name)


def _setup_templates(app: web.Application) -> None:
    """Autoescaped Jinja2 templates; an undefined name is an error, not an empty string."""
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def hide_server_version() -> None:
    """aiohttp answers a malformed request itself, before any app code runs, with its default
    `Server: Python/3.x aiohttp/3.x`; this process serves only the admin, so give those
    answers the same versionless name as the pages."""
    web_response.SERVER_SOFTWARE = SERVER  # type: ignore[attr-defined]


MAP_WARM_UP = web.AppKey("map_warm_up", asyncio.Task[object])


async def _warm_up_map(app: web.Application) -> AsyncIterator[None]:
    """Project the country's outlines in the background at start, not on the first map view."""
    app[MAP_WARM_UP] = asyncio.create_task(view_outlines(None))
    yield
    await app[MAP_WARM_UP]  # a thread cannot be stopped; it takes a fraction of a second


def create_admin_app(
    *,
    deps: TriageDeps,
    secret_key: str,
    cookie_secure: bool = False,
    display_zone: ZoneInfo = WIB,
    security: AdminSecurity | None = None,
    min_cases: int = DEFAULT_MINIMUM,
    outbox_lag: timedelta = DEFAULT_OUTBOX_LAG,
    webhook: TelegramWebhook | None = None,
) -> web.Application:
    """The staff web app over the use cases in `deps`; `secret_key` seeds the cookies' keys;
    `min_cases`: the dashboard's and the map's figures start from this many cases;
    `outbox_lag`: /healthz fails when an outbox message has been due longer;
    `webhook`: take Telegram's updates here too (else its route answers 404)."""
    security = security or AdminSecurity()
    hide_server_version()
    storage = session_storage(secret_key, secure=cookie_secure, policy=security.sessions)
    app = web.Application(
        client_max_size=MAX_REQUEST_BYTES,
        middlewares=[
            timing_middleware,
            client_middleware,
            error_middleware,
            session_middleware(storage),
            language_middleware,  # after the session: a logged-in person's language is theirs
            csrf_middleware,
            access_middleware,
        ],
    )
    app[ADMIN] = AdminContext(
        deps=deps,
        display_zone=display_zone,
        username_key=derived_key(secret_key, b"lapor-sosial username hash"),
        second_factor_box=second_factor_box(secret_key),
        security=security,
        secure=cookie_secure,
        min_cases=min_cases,
        outbox_lag=outbox_lag,
    )
    _setup_templates(app)
    app.on_response_prepare.append(add_security_headers)
    app.cleanup_ctx.append(_warm_up_map)
    if webhook is not None:
        app[TELEGRAM] = webhook
    _add_routes(app, ROUTES, webhook.path if webhook else None)
    app.router.add_static("/static/", HERE / "static", name="static")
    return app


def create_webhook_app(webhook: TelegramWebhook) -> web.Application:
    """Only Telegram's webhook, for a port of its own (WEBHOOK_PORT): the same route and the
    same access check as in the admin app, and nothing else."""
    hide_server_version()
    app = web.Application(middlewares=[access_middleware])
    app[TELEGRAM] = webhook
    telegram = tuple(r for r in ROUTES if access_of(r.handler) is Access.TELEGRAM)
    _add_routes(app, telegram, webhook.path)
    return app
