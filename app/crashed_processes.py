"""Which claim owners ("host:pid", as the sender and the webhook's receiver name themselves)
are processes of this machine that no longer run: their claims can be freed at a start
instead of waiting for their leases (`triage/services/common/crashed_claims.py`).

Only this machine's processes can be told gone; another machine's claims wait for their
leases. A pid reused by another program counts as running: that only means waiting."""

from __future__ import annotations

import logging
import os
import socket

from triage.services.common.crashed_claims import release_crashed_claims
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure

log = logging.getLogger(__name__)


def gone_from_this_machine(owner: str, host: str | None = None) -> bool:
    """True when `owner` is a process of this machine (`host`) that no longer runs."""
    name, _, pid = owner.rpartition(":")
    if name != (host or socket.gethostname()) or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # runs, as another user
        return False
    return False


async def free_claims_of_crashed_processes(deps: TriageDeps) -> None:
    """At a start: take up at once what a crashed process of this machine had claimed."""
    try:
        freed = await release_crashed_claims(deps, gone_from_this_machine)
    except Exception as exc:  # the leases still free them later
        log.error("claims of crashed processes not freed: %s", describe_failure(exc))
        return
    if freed:
        log.warning("freed %s claims held by a process that ended without a stop", freed)
