"""CSRF tokens: one random token per session, compared in constant time on every POST."""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web
from aiohttp_session import Session, get_session

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"


def new_csrf_token(session: Session) -> str:
    """Store a fresh token in the session (at login) and return it."""
    token = secrets.token_urlsafe(32)
    session[SESSION_KEY] = token
    return token


def csrf_token(session: Session) -> str:
    """The session's token, created on first use."""
    token = session.get(SESSION_KEY)
    return token if isinstance(token, str) else new_csrf_token(session)


def csrf_valid(session: Session, submitted: object) -> bool:
    expected = session.get(SESSION_KEY)
    if not isinstance(expected, str) or not isinstance(submitted, str):
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


async def checked_form(request: web.Request) -> dict[str, str]:
    """The posted text fields, or 403 Forbidden when the CSRF token does not match the session's."""
    form = await request.post()
    if not csrf_valid(await get_session(request), form.get(FORM_FIELD)):
        raise web.HTTPForbidden()
    return {key: value for key, value in form.items() if isinstance(value, str)}
