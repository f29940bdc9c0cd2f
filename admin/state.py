"""Typed application and request state of the admin app. Imports services' types only."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiohttp import web

from admin.throttle import LoginThrottle
from triage.domain.disclosure import DEFAULT_MINIMUM
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity


@dataclass(frozen=True, slots=True)
class AdminContext:
    """What the views need, wired once by `create_admin_app`."""

    deps: TriageDeps
    display_zone: ZoneInfo
    throttle: LoginThrottle
    min_cases: int = DEFAULT_MINIMUM  # rankings and per-region figures from this many cases


ADMIN = web.AppKey("admin_context", AdminContext)
LANG = web.RequestKey("admin_lang", str)
STAFF = web.RequestKey("admin_staff", StaffIdentity)
