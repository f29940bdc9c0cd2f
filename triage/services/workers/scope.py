"""Which workers a staff member may see and change. Pure: identities and codes in, yes or no.

An admin sees and manages every worker. A supervisor sees the workers whose regions share a
kabupaten/kota with theirs, and manages (edits, deactivates, invites) only workers with the
role "worker" whose every region lies inside their own: a worker who also serves a region
beyond theirs, and every escalation supervisor, stay with the admins.
"""

from __future__ import annotations

from collections.abc import Collection

from triage.domain.roster import Role, codes_overlap, codes_within
from triage.services.staff.accounts import StaffIdentity


def is_admin(viewer: StaffIdentity) -> bool:
    return viewer.role == "admin"


def may_see(viewer: StaffIdentity, worker_codes: Collection[str]) -> bool:
    return is_admin(viewer) or codes_overlap(viewer.region_codes, worker_codes)


def may_manage(viewer: StaffIdentity, role: str, worker_codes: Collection[str]) -> bool:
    if is_admin(viewer):
        return True
    return role == Role.WORKER and codes_within(worker_codes, viewer.region_codes)
