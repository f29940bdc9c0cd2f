"""An invite link made from the admin view: the CLI's one-time code (`invites.create_invite`,
only its hash stored), for a worker the staff member may manage. The link is shown once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.invites import create_invite, invite_link
from triage.services.workers.managed import Refusal, manageable
from triage.services.workers.records import WorkerAdminError
from triage.storage.tables import Worker


class InviteRefusal(StrEnum):
    HIDDEN = Refusal.HIDDEN.value  # unknown, or outside the viewer's regions
    NOT_ALLOWED = Refusal.NOT_ALLOWED.value
    INACTIVE = Refusal.INACTIVE.value
    BOUND = "bound"  # already bound; a new link moves them only when that is confirmed
    NO_BOT = "no_bot"  # TELEGRAM_BOT_USERNAME is not set: there is no bot to link to


@dataclass(frozen=True, slots=True)
class InviteLink:
    worker_id: int
    name: str
    url: str  # https://t.me/<bot>?start=w-<code>: never stored, shown this once
    expires_at: datetime


async def invite_from_admin(
    deps: TriageDeps, viewer: StaffIdentity, worker_id: int, now: datetime, *, rebind: bool
) -> InviteLink | InviteRefusal:
    async with deps.uow() as uow:
        worker = manageable(viewer, await uow.session.get(Worker, worker_id))
        if isinstance(worker, Refusal):
            return InviteRefusal(worker.value)
        if worker.telegram_user_id is not None and not rebind:
            return InviteRefusal.BOUND
    if not deps.bot_username:
        return InviteRefusal.NO_BOT
    try:
        invite = await create_invite(
            deps, str(worker_id), now, rebind=rebind, actor=viewer.username
        )
    except WorkerAdminError:  # deactivated or bound in the meantime
        return InviteRefusal.INACTIVE
    url = invite_link(deps.bot_username, invite.code)
    return InviteLink(invite.worker_id, invite.name, url, invite.expires_at)
