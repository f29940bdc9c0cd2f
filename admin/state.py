"""Typed application and request state of the admin app. Imports services' types and the
admin's own presentation caches only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network
from zoneinfo import ZoneInfo

from aiohttp import web
from cryptography.fernet import Fernet

from admin.presentation.dashboard_shown import ShownDashboards
from admin.presentation.map_shown import ShownMaps
from triage.domain.disclosure import DEFAULT_MINIMUM
from triage.domain.health import DEFAULT_OUTBOX_LAG
from triage.domain.login_throttle import ThrottlePolicy
from triage.domain.partners.rate import RatePolicy
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.kept import KeptFigures
from triage.services.dashboard.model import Dashboard
from triage.services.inbox.port import UpdateReceiver
from triage.services.partners.calls import PartnerCaller
from triage.services.staff.accounts import StaffIdentity
from triage.services.staff.sessions import ClientInfo, SessionPolicy


@dataclass(frozen=True, slots=True)
class AdminSecurity:
    """Session limits, login throttling and the proxies whose X-Forwarded-For is believed."""

    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()
    require_admin_second_factor: bool = False  # ADMIN_REQUIRE_2FA
    # METRICS_TOKEN: /metrics wants it as a bearer token; None: loopback only, unproxied.
    metrics_token: str | None = field(default=None, repr=False)
    partner_rate: RatePolicy = field(default_factory=RatePolicy)  # per partner token


@dataclass(frozen=True, slots=True)
class AdminContext:
    """What the views need, wired once by `create_admin_app`."""

    deps: TriageDeps
    display_zone: ZoneInfo
    username_key: bytes  # keys the hashes of typed usernames (throttle, failed-login audit)
    second_factor_box: Fernet  # encrypts authenticator secrets at rest
    security: AdminSecurity = field(default_factory=AdminSecurity)
    secure: bool = False  # served over HTTPS: Secure __Host- cookies and HSTS
    min_cases: int = DEFAULT_MINIMUM  # rankings and per-region figures from this many cases
    outbox_lag: timedelta = DEFAULT_OUTBOX_LAG  # /healthz fails when a message waits longer
    # Dashboards computed by this process, given again until the data or the clock moves on.
    dashboards: KeptFigures[Dashboard] = field(default_factory=KeptFigures)
    # Their charts and tables, drawn once per kept dashboard and language.
    shown_dashboards: ShownDashboards = field(default_factory=ShownDashboards)
    # The case map's drawing, made once per distinct set of figures and language.
    shown_maps: ShownMaps = field(default_factory=ShownMaps)


@dataclass(frozen=True, slots=True)
class TelegramWebhook:
    """Where Telegram posts updates in webhook mode: the secret it sends back in a header, who
    takes the updates, and the path (None: the route table's)."""

    secret: str = field(repr=False)
    receiver: UpdateReceiver
    path: str | None = None


ADMIN = web.AppKey("admin_context", AdminContext)
TELEGRAM = web.AppKey("telegram_webhook", TelegramWebhook)
LANG = web.RequestKey("admin_lang", str)
STAFF = web.RequestKey("admin_staff", StaffIdentity)
CLIENT = web.RequestKey("admin_client", ClientInfo)
PARTNER = web.RequestKey("admin_partner", PartnerCaller)  # a partner API call's caller
SIGNED_IN = web.RequestKey("admin_signed_in", StaffIdentity)  # set when the session loads
