"""Creating and editing a worker from the admin form: every field checked (the CSV's own
checks, `fields`), each problem kept beside its field, nothing saved while any remains.

A supervisor may only give the role "worker" and regions inside their own (`scope`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlmodel import col, select

from triage.domain.regions.directory import RegionDirectory
from triage.domain.roster import Role, codes_within
from triage.i18n import N_
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers import fields
from triage.services.workers.listing import WorkerSummary, last_activities, summary
from triage.services.workers.problems import FieldError, Problem, problem
from triage.services.workers.roster import open_caseloads
from triage.services.workers.scope import is_admin, may_manage, may_see
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWork

T = TypeVar("T")
NO_NAME = N_("Tuliskan nama petugas.")
NO_REGIONS = N_("Isi paling sedikit satu kode wilayah, misalnya 32.73.")
OUTSIDE_SCOPE = N_("Anda hanya dapat memilih wilayah Anda sendiri: {codes}.")
NO_ROLE = N_("Pilih peran: petugas atau supervisor.")
ADMIN_ROLE_ONLY = N_("Hanya admin yang dapat menjadikan seseorang supervisor.")
SAME_NAME = N_(
    "Sudah ada petugas aktif bernama ini (id {id}). Bedakan namanya, misalnya dengan wilayahnya."
)
_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True, slots=True)
class WorkerDraft:
    """The form as typed: kept as text so it comes back unchanged beside its errors."""

    name: str = ""
    region_codes: str = ""
    role: str = Role.WORKER.value
    duty_hours: str = ""
    phone: str = ""
    on_duty: bool = True


@dataclass(frozen=True, slots=True)
class CheckedWorker:
    name: str
    region_codes: tuple[str, ...]
    role: str
    duty_hours: dict[str, Any] | None
    phone: str | None
    on_duty: bool


@dataclass(frozen=True, slots=True)
class SaveResult:
    """The saved worker's id, or the problems by field name (then nothing was saved)."""

    worker_id: int | None
    errors: Mapping[str, Problem] = field(default_factory=dict)


class EditAccess(StrEnum):
    HIDDEN = "hidden"  # unknown, or outside the viewer's regions: answered like unknown
    READ_ONLY = "read_only"  # visible, but the viewer may not change it
    MANAGE = "manage"


@dataclass(frozen=True, slots=True)
class TelegramAccount:
    """The bound account as Telegram gave it when the invite was redeemed. Personal: shown
    only to staff who may manage the worker, like the phone; never logged."""

    user_id: int
    username: str | None


@dataclass(frozen=True, slots=True)
class WorkerPage:
    """One worker for its page: the row as the list shows it, the form filled from the row."""

    worker: WorkerSummary
    draft: WorkerDraft
    phone: str | None
    deactivated_at: datetime | None
    deactivation_reason: str | None
    access: EditAccess
    telegram: TelegramAccount | None = None  # who may manage them only
    invite_redeemed_at: datetime | None = None  # the current binding came from an invite then
    invite_expires_at: datetime | None = None  # an invite was made; it stops (or stopped) then


class _Checker:
    def __init__(self) -> None:
        self.errors: dict[str, Problem] = {}

    def run(self, name: str, parse: Callable[[], T], default: T) -> T:
        try:
            return parse()
        except FieldError as exc:
            self.errors[name] = exc.problem
            return default


def check_draft(
    draft: WorkerDraft, regions: RegionDirectory, viewer: StaffIdentity
) -> CheckedWorker | dict[str, Problem]:
    """Every field's value, or a problem for each field that needs fixing."""
    check = _Checker()
    if not draft.name.strip():
        check.errors["name"] = problem(NO_NAME)
    name = check.run("name", lambda: fields.parse_name(draft.name), "")
    codes_text = ";".join(_SEPARATORS.split(draft.region_codes.strip()))
    if not codes_text:
        check.errors["region_codes"] = problem(NO_REGIONS)
    no_codes: tuple[str, ...] = ()
    codes = check.run(
        "region_codes", lambda: fields.parse_region_codes(codes_text, regions=regions), no_codes
    )
    if codes and not is_admin(viewer) and not codes_within(codes, viewer.region_codes):
        check.errors["region_codes"] = problem(OUTSIDE_SCOPE, codes=", ".join(viewer.region_codes))
    role = draft.role if draft.role in fields.ROLES else ""
    if not role:
        check.errors["role"] = problem(NO_ROLE)
    elif role == Role.SUPERVISOR and not is_admin(viewer):
        check.errors["role"] = problem(ADMIN_ROLE_ONLY)
    hours = check.run("duty_hours", lambda: fields.parse_duty_hours(draft.duty_hours), None)
    phone = check.run("phone", lambda: fields.parse_phone(draft.phone), None)
    if check.errors:
        return check.errors
    return CheckedWorker(name, codes, role, hours, phone, draft.on_duty)


async def _same_name(uow: UnitOfWork, name: str, other_than: int | None) -> int | None:
    """The id of another active worker with this name (names must tell workers apart)."""
    key = fields.name_key(name)
    query = select(Worker).where(col(Worker.active).is_(True))
    for worker in (await uow.session.exec(query)).all():
        if worker.id != other_than and fields.name_key(worker.name) == key:
            return worker.id
    return None


def _write(worker: Worker, checked: CheckedWorker, now: datetime) -> list[str]:
    """Copy the checked values onto the row; the names of the fields that changed."""
    values = {
        "name": checked.name,
        "region_codes": list(checked.region_codes),
        "role": checked.role,
        "duty_hours": checked.duty_hours,
        "phone": checked.phone,
        "on_duty": checked.on_duty,
    }
    changed = [name for name, value in values.items() if getattr(worker, name) != value]
    for name in changed:
        setattr(worker, name, values[name])
    worker.updated_at = now
    return changed


async def create_worker(
    deps: TriageDeps, viewer: StaffIdentity, draft: WorkerDraft, now: datetime
) -> SaveResult:
    """A new, not yet bound worker (an invite link binds their Telegram account)."""
    checked = check_draft(draft, deps.regions.directory, viewer)
    if not isinstance(checked, CheckedWorker):
        return SaveResult(None, checked)
    async with deps.uow() as uow:
        same = await _same_name(uow, checked.name, None)
        if same is not None:
            return SaveResult(None, {"name": problem(SAME_NAME, id=same)})
        worker = Worker(name=checked.name, created_at=now, updated_at=now)
        _write(worker, checked, now)
        uow.session.add(worker)
        await uow.session.flush()
        audit(uow.session, viewer.username, "worker_created", now, staff_id=viewer.id,
              worker_id=worker.id)  # fmt: skip
        await uow.commit()
        return SaveResult(worker.id)


async def update_worker(
    deps: TriageDeps, viewer: StaffIdentity, worker_id: int, draft: WorkerDraft, now: datetime
) -> SaveResult | EditAccess:
    """The saved id or the problems; or HIDDEN / READ_ONLY when the viewer may not edit."""
    checked = check_draft(draft, deps.regions.directory, viewer)
    async with deps.uow() as uow:
        await uow.lock_for_write()
        worker = await uow.session.get(Worker, worker_id, with_for_update=True)
        access = _access(viewer, worker)
        if access is not EditAccess.MANAGE or worker is None:
            return access
        if not isinstance(checked, CheckedWorker):
            return SaveResult(None, checked)
        same = await _same_name(uow, checked.name, worker_id)
        if same is not None:
            return SaveResult(None, {"name": problem(SAME_NAME, id=same)})
        changed = _write(worker, checked, now)
        uow.session.add(worker)
        audit(uow.session, viewer.username, "worker_updated", now, staff_id=viewer.id,
              worker_id=worker_id, fields=changed)  # fmt: skip
        await uow.commit()
    return SaveResult(worker_id)


def _access(viewer: StaffIdentity, worker: Worker | None) -> EditAccess:
    if worker is None or not may_see(viewer, worker.region_codes):
        return EditAccess.HIDDEN
    if worker.active and may_manage(viewer, worker.role, worker.region_codes):
        return EditAccess.MANAGE
    return EditAccess.READ_ONLY


def draft_of(worker: Worker, duty_hours_text: str) -> WorkerDraft:
    return WorkerDraft(
        name=worker.name,
        region_codes="; ".join(worker.region_codes),
        role=worker.role,
        duty_hours=duty_hours_text,
        phone=worker.phone or "",
        on_duty=worker.on_duty,
    )


async def worker_page(
    deps: TriageDeps,
    viewer: StaffIdentity,
    worker_id: int,
    now: datetime,
    duty_hours_text: Callable[[dict[str, Any] | None], str],
) -> WorkerPage | None:
    """The worker if the viewer may see them (None otherwise, like an unknown id)."""
    async with deps.uow() as uow:
        worker = await uow.session.get(Worker, worker_id)
        access = _access(viewer, worker)
        if worker is None or access is EditAccess.HIDDEN:
            return None
        loads = await open_caseloads(uow.session, [worker_id])
        activity = await last_activities(uow.session, [worker_id])
    # The phone and the reason are for those who may manage the worker, not every viewer.
    trusted = may_manage(viewer, worker.role, worker.region_codes)
    draft = draft_of(worker, duty_hours_text(worker.duty_hours))
    return WorkerPage(
        worker=summary(worker, loads.get(worker_id, {}), activity.get(worker_id), viewer, now),
        draft=draft if trusted else WorkerDraft(),
        phone=worker.phone if trusted else None,
        deactivated_at=worker.deactivated_at,
        deactivation_reason=worker.deactivation_reason if trusted else None,
        access=access,
        telegram=_account(worker) if trusted else None,
        invite_redeemed_at=worker.invite_redeemed_at if worker.telegram_user_id else None,
        invite_expires_at=worker.invite_expires_at if worker.invite_code_hash else None,
    )


def _account(worker: Worker) -> TelegramAccount | None:
    if worker.telegram_user_id is None:
        return None
    return TelegramAccount(worker.telegram_user_id, worker.invite_redeemed_username)
