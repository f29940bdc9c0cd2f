"""Who may open each admin route: every handler declares it, and a middleware enforces it.

A route whose handler declares nothing is refused (fail closed), and the authorisation
matrix in the tests is generated from the route table, so a new page cannot be forgotten.
"""

from __future__ import annotations

import hmac
import logging

from aiohttp import web

from admin.api.guard import partner_call
from admin.auth import current_staff
from admin.declarations import Access, Handler, access_of, allow
from admin.monitor import monitor_refusal
from admin.state import ADMIN, STAFF, TELEGRAM
from triage.services.staff.accounts import StaffIdentity

logger = logging.getLogger(__name__)

# With a temporary password only these open: the account page, its password form and the
# language switcher (so the page can be read in the person's language).
PASSWORD_CHANGE_ROUTES = frozenset({"account", "account_password", "language"})
# An admin who must set up a second factor (ADMIN_REQUIRE_2FA) may open only these.
SECOND_FACTOR_SETUP_ROUTES = PASSWORD_CHANGE_ROUTES | {"account_2fa_start", "account_2fa_confirm"}
# Telegram sends the webhook's secret_token back in this header with every update.
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name

__all__ = ["Access", "AdminRoleRequired", "Handler", "access_middleware", "access_of", "allow"]


class AdminRoleRequired(web.HTTPForbidden):
    """A supervisor opened a page for admins only."""


def _login_redirect(request: web.Request) -> web.HTTPSeeOther:
    login = request.app.router["login"].url_for()
    return web.HTTPSeeOther(login.with_query(next=str(request.rel_url)))


def _setup_first(request: web.Request, identity: StaffIdentity, route: str | None) -> bool:
    """A temporary password, or an admin without a required second factor: only the account
    page opens until that is done."""
    if identity.must_change_password:
        return route not in PASSWORD_CHANGE_ROUTES
    required = request.app[ADMIN].security.require_admin_second_factor
    if required and identity.role == "admin" and not identity.second_factor:
        return route not in SECOND_FACTOR_SETUP_ROUTES
    return False


@web.middleware
async def access_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Enforce the matched handler's declaration; static files and 404s pass through."""
    route = request.match_info.route
    if route.resource is None:  # no route matched: the 404 or 405 page
        return await handler(request)
    if route.resource.name == "static":
        return await handler(request)
    access = access_of(route.handler)
    if access is None:
        logger.error("route %s declares no access; refused", route.resource.canonical)
        raise web.HTTPNotFound()
    if access is Access.PUBLIC:
        return await handler(request)
    if access is Access.MONITOR:
        return monitor_refusal(request) or await handler(request)
    if access is Access.TELEGRAM:
        _check_telegram_secret(request)
        return await handler(request)
    if access is Access.PARTNER:
        return await partner_call(request, handler)
    identity = await current_staff(request)
    if identity is None:
        raise _login_redirect(request)
    if _setup_first(request, identity, route.resource.name):
        raise web.HTTPSeeOther(request.app.router["account"].url_for())
    if access is Access.ADMIN and identity.role != "admin":
        raise AdminRoleRequired()
    request[STAFF] = identity
    return await handler(request)


def _check_telegram_secret(request: web.Request) -> None:
    """Only Telegram knows the webhook's secret: compared in constant time, 401 without it;
    404 when this server takes no webhook (polling, or the webhook on its own port)."""
    webhook = request.app.get(TELEGRAM)
    if webhook is None:
        raise web.HTTPNotFound()
    sent = request.headers.get(TELEGRAM_SECRET_HEADER, "")
    if not hmac.compare_digest(sent.encode(), webhook.secret.encode()):
        raise web.HTTPUnauthorized()
