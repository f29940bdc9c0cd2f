"""Session storage for aiohttp_session: logged-in sessions live on the server.

A logged-in browser's cookie holds only a random session id; the data (CSRF token, a
one-time notice) is in the `staff_session` row, so logging out, a password change or a
deactivation ends the session at once, wherever the cookie was copied. Before login the
only thing to remember is the login form's CSRF token: it stays in a small encrypted cookie,
so anonymous visitors never write to the database.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from aiohttp_session import AbstractStorage, Session, get_session
from cryptography.fernet import Fernet, InvalidToken

from admin.state import ADMIN, CLIENT, SIGNED_IN
from triage.services.staff.sessions import (
    ClientInfo,
    SessionPolicy,
    end_session,
    open_session,
    resume_session,
    save_session_data,
)

STAFF_ID = "staff_id"
SESSION_COOKIE = "ls_admin_session"
LOGIN_COOKIE = "ls_admin_login"
SECURE_PREFIX = "__Host-"  # only over HTTPS, for this host and path "/" (no subdomain can set it)
_STALE = web.RequestKey("admin_stale_session_cookie", bool)


def cookie_name(name: str, *, secure: bool) -> str:
    return SECURE_PREFIX + name if secure else name


class ServerSessionStorage(AbstractStorage):
    """Logged-in sessions in the database (cookie: the id); anonymous ones in an encrypted cookie."""

    def __init__(self, fernet: Fernet, policy: SessionPolicy, *, secure: bool) -> None:
        lifetime = int(policy.lifetime.total_seconds())
        super().__init__(
            cookie_name=cookie_name(SESSION_COOKIE, secure=secure),
            max_age=lifetime,
            httponly=True,
            samesite="Lax",
            secure=secure,
        )
        self._fernet = fernet
        self._policy = policy
        self._secure = secure
        self._login_cookie = cookie_name(LOGIN_COOKIE, secure=secure)

    async def load_session(self, request: web.Request) -> Session:
        token = self.load_cookie(request)
        if token:
            context = request.app[ADMIN]
            resumed = await resume_session(context.deps, token, context.deps.clock(), self._policy)
            if resumed is not None:
                request[SIGNED_IN] = resumed.identity
                data = {**resumed.data, STAFF_ID: resumed.identity.id}
                return Session(token, data={"session": data}, new=False)
            request[_STALE] = True
        session = Session(None, data=self._anonymous_data(request), new=False)
        if request.get(_STALE):
            session.changed()  # so the response clears the dead id
        return session

    def _anonymous_data(self, request: web.Request) -> Any:
        cookie = request.cookies.get(self._login_cookie)
        if not cookie:
            return None
        try:
            plain = self._fernet.decrypt(cookie.encode(), ttl=self.max_age)
            return {"session": json.loads(plain)}
        except (InvalidToken, ValueError):
            return None

    async def save_session(
        self, request: web.Request, response: web.StreamResponse, session: Session
    ) -> None:
        staff_id = session.get(STAFF_ID)
        token = session.identity if isinstance(session.identity, str) else None
        deps = request.app[ADMIN].deps
        data = {key: value for key, value in session.items() if key != STAFF_ID}
        if isinstance(staff_id, int) and token is None:  # just logged in
            client = request.get(CLIENT) or ClientInfo()
            token = await open_session(deps, staff_id, data, client, deps.clock(), self._policy)
            self._set(response, self.cookie_name, token)
            self._delete(response, self._login_cookie)
        elif isinstance(staff_id, int) and token is not None:
            await save_session_data(deps, token, data)
        elif token is not None:  # emptied: logged out
            await end_session(deps, token, deps.clock())
            self._delete(response, self.cookie_name)
        else:
            if request.get(_STALE):
                self._delete(response, self.cookie_name)
            if data:
                sealed = self._fernet.encrypt(json.dumps(data).encode()).decode()
                self._set(response, self._login_cookie, sealed)
            else:
                self._delete(response, self._login_cookie)

    def _set(self, response: web.StreamResponse, name: str, value: str) -> None:
        response.set_cookie(
            name, value, max_age=self.max_age, path="/", secure=self._secure, httponly=True,
            samesite="Lax",
        )  # fmt: skip

    def _delete(self, response: web.StreamResponse, name: str) -> None:
        # A __Host- cookie is only replaced by a Set-Cookie that is itself Secure.
        response.del_cookie(name, path="/", secure=self._secure, httponly=True, samesite="Lax")


async def end_current_session(request: web.Request) -> None:
    """Forget the logged-in session of this request (its row is deleted when the response goes)."""
    session = await get_session(request)
    session.invalidate()
    request.pop(SIGNED_IN, None)
