"""Staff sessions: the encrypted cookie, starting and ending a session, the current staff."""

from __future__ import annotations

import base64

from aiohttp import web
from aiohttp_session import get_session, new_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from yarl import URL

from admin.csrf import new_csrf_token
from admin.state import ADMIN
from triage.services.staff.accounts import StaffIdentity, staff_by_id

COOKIE_NAME = "ls_admin_session"
SESSION_MAX_AGE_SECONDS = 8 * 60 * 60
STAFF_ID = "staff_id"


def session_fernet(secret_key: str) -> Fernet:
    """A Fernet key derived from SECRET_KEY with HKDF-SHA256, used only for this cookie."""
    if not secret_key:
        raise ValueError("secret_key must not be empty")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lapor-sosial admin session")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(secret_key.encode())))


def session_storage(secret_key: str, *, secure: bool) -> EncryptedCookieStorage:
    """HttpOnly, SameSite=Lax, eight hours from login; `secure` when served over HTTPS."""
    return EncryptedCookieStorage(
        session_fernet(secret_key),
        cookie_name=COOKIE_NAME,
        max_age=SESSION_MAX_AGE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=secure,
    )


async def start_session(request: web.Request, identity: StaffIdentity) -> None:
    """A brand-new session (no fixation) holding the staff id and a fresh CSRF token."""
    session = await new_session(request)
    session[STAFF_ID] = identity.id
    new_csrf_token(session)


async def end_session(request: web.Request) -> None:
    (await get_session(request)).invalidate()


async def current_staff(request: web.Request) -> StaffIdentity | None:
    """The logged-in, still active staff member, or None."""
    session = await get_session(request)
    staff_id = session.get(STAFF_ID)
    if not isinstance(staff_id, int):
        return None
    identity = await staff_by_id(request.app[ADMIN].deps, staff_id)
    if identity is None:
        session.invalidate()
    return identity


def safe_next(target: str | None, default: URL) -> URL:
    """Only a path on this site: never another host, scheme or protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    url = URL(target)
    return default if url.is_absolute() or url.scheme else url
