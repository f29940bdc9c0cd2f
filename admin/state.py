"""Typed application and request state of the admin app. Imports services' types only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from admin.throttle import LoginThrottle
from triage.domain.rules.model import Rules
from triage.i18n import Translator
from triage.services.staff.accounts import StaffIdentity
from triage.storage.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class AdminContext:
    """What the views need, wired once by `create_admin_app`."""

    uow_factory: UnitOfWorkFactory
    translator: Translator
    region_name: Callable[[str], str | None]
    clock: Callable[[], datetime]
    display_zone: ZoneInfo
    throttle: LoginThrottle
    rules: Rules | None = None  # SLA targets and urgency overrides; None: neither is offered


ADMIN = web.AppKey("admin_context", AdminContext)
LANG = web.RequestKey("admin_lang", str)
STAFF = web.RequestKey("admin_staff", StaffIdentity)
