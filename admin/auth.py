"""Staff sessions: the session storage's keys and cookies, starting and ending a session,
the current staff member."""

from __future__ import annotations

import base64

from aiohttp import web
from aiohttp_session import get_session, new_session
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from yarl import URL

from admin.csrf import new_csrf_token
from admin.sessions import STAFF_ID, ServerSessionStorage, end_current_session
from admin.state import ADMIN, SIGNED_IN
from triage.services.staff.accounts import StaffIdentity
from triage.services.staff.sessions import SessionPolicy
from triage.services.staff.sessions import end_session as end_server_session


def derived_key(secret_key: str, purpose: bytes) -> bytes:
    """32 bytes for one purpose, derived from SECRET_KEY with HKDF-SHA256."""
    if not secret_key:
        raise ValueError("secret_key must not be empty")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose)
    return hkdf.derive(secret_key.encode())


def session_fernet(secret_key: str) -> Fernet:
    """The key of the login form's encrypted cookie, used only for it."""
    return Fernet(base64.urlsafe_b64encode(derived_key(secret_key, b"lapor-sosial admin session")))


def second_factor_box(secret_key: str) -> Fernet:
    """The key that encrypts authenticator secrets in the database."""
    return Fernet(base64.urlsafe_b64encode(derived_key(secret_key, b"lapor-sosial totp secret")))


def session_storage(
    secret_key: str, *, secure: bool, policy: SessionPolicy | None = None
) -> ServerSessionStorage:
    """HttpOnly, SameSite=Lax cookies; `secure` (and the __Host- prefix) when served over HTTPS."""
    return ServerSessionStorage(
        session_fernet(secret_key), policy or SessionPolicy(), secure=secure
    )


async def start_session(request: web.Request, identity: StaffIdentity) -> None:
    """A brand-new server session (no fixation) for the staff member, with a fresh CSRF token.

    A session this browser already had is ended first.
    """
    previous = (await get_session(request)).identity
    if isinstance(previous, str):
        deps = request.app[ADMIN].deps
        await end_server_session(deps, previous, deps.clock())
    session = await new_session(request)
    session[STAFF_ID] = identity.id
    new_csrf_token(session)
    request[SIGNED_IN] = identity


async def end_session(request: web.Request) -> None:
    await end_current_session(request)


async def current_staff(request: web.Request) -> StaffIdentity | None:
    """The logged-in, still active staff member whose session has not ended, or None."""
    await get_session(request)  # loading the session checks it on the server
    return request.get(SIGNED_IN)


def safe_next(target: str | None, default: URL) -> URL:
    """Only a path on this site: never another host, scheme or protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    url = URL(target)
    return default if url.is_absolute() or url.scheme else url
