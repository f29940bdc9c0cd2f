"""Who gets a report: the covering worker on duty with the lightest caseload (round robin
on ties), else escalation up to the national queue. Pure: domain and stdlib only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from triage.domain.model import Urgency
from triage.domain.roster import (
    Role,
    RosterEntry,
    covers,
    is_on_leave,
    weighted_load,
    worker_blocker,
)
from triage.domain.rules.model import Rules
from triage.domain.timezones import (
    is_known_region,
    province_code,
    require_aware,
)

_NEVER = datetime.min.replace(tzinfo=UTC)


class RoutingKind(StrEnum):
    """Who ends up responsible, from the assigned worker up to the national queue."""

    ASSIGNED = "assigned"
    SUPERVISOR_KABKOTA = "supervisor_kabkota"
    SUPERVISOR_PROVINCE = "supervisor_province"
    NATIONAL_QUEUE = "national_queue"


_ESCALATION_ORDER = tuple(RoutingKind)


@dataclass(frozen=True, slots=True)
class RoutingDecision:
    """The outcome of routing, with a stable reason code and an English explanation."""

    kind: RoutingKind
    worker_id: int | None
    reason_code: str
    explanation: str
    candidates_considered: int
    facts: Mapping[str, str | int] = field(default_factory=dict)


def route(
    kabkota_code: str,
    urgency: Urgency,
    roster: Iterable[RosterEntry],
    declined_by: frozenset[int],
    now: datetime,
    rules: Rules,
) -> RoutingDecision:
    """Pick the responsible person for a new (or declined) case. Never returns nothing."""
    ctx = _Context(kabkota_code, tuple(roster), declined_by, require_aware(now, "now"), rules)
    facts: dict[str, str | int] = {"kabkota": kabkota_code, "urgency": urgency.value}
    if not is_known_region(kabkota_code):
        why = f"national queue: unknown region code {kabkota_code!r}"
        return _national("route.national_queue_unknown_region", why, facts)
    workers = [e for e in ctx.entries if e.role is Role.WORKER and covers(e, kabkota_code)]
    blockers = {e.worker_id: worker_blocker(e, kabkota_code, now, declined_by) for e in workers}
    available = [e for e in workers if blockers[e.worker_id] is None]
    if available:
        return _assign(available, rules, facts)
    if not any(covers(e, kabkota_code) for e in ctx.entries):
        why = f"national queue: nobody covers {kabkota_code}"
        return _national("route.national_queue_uncovered", why, facts)
    why = _no_worker_text(kabkota_code, [b for b in blockers.values() if b is not None])
    return _escalate(ctx, "route", _ESCALATION_ORDER[1:3], why, facts)


def next_escalation(
    kabkota_code: str,
    current_kind: RoutingKind,
    current_id: int | None,
    roster: Iterable[RosterEntry],
    declined_by: frozenset[int],
    now: datetime,
    rules: Rules,
) -> RoutingDecision:
    """Who is next after `current_kind` (held by `current_id`) failed to act in time.

    Kab/kota supervisor, then province supervisor, then the national queue; the current
    holder is skipped at every level. From the national queue it stays there.
    """
    excluded = declined_by | frozenset(() if current_id is None else (current_id,))
    ctx = _Context(kabkota_code, tuple(roster), excluded, require_aware(now, "now"), rules)
    facts: dict[str, str | int] = {"kabkota": kabkota_code, "from": current_kind.value}
    holder = "the national queue" if current_id is None else f"{current_kind.value} {current_id}"
    levels = _ESCALATION_ORDER[_ESCALATION_ORDER.index(current_kind) + 1 : -1]
    if not is_known_region(kabkota_code):
        levels = ()
    return _escalate(ctx, "escalation", levels, f"no action from {holder}", facts)


@dataclass(frozen=True, slots=True)
class _Context:
    kabkota_code: str
    entries: tuple[RosterEntry, ...]
    excluded: frozenset[int]
    now: datetime
    rules: Rules


def _order(entry: RosterEntry, rules: Rules) -> tuple[int, bool, datetime, int]:
    last = entry.last_assigned_at
    return (weighted_load(entry, rules), last is not None, last or _NEVER, entry.worker_id)


def _assign(
    available: Sequence[RosterEntry], rules: Rules, facts: dict[str, str | int]
) -> RoutingDecision:
    chosen = min(available, key=lambda e: _order(e, rules))
    load = weighted_load(chosen, rules)
    tied = sum(1 for e in available if weighted_load(e, rules) == load) - 1
    why = f"fewest weighted open cases ({load}) among {len(available)} on duty"
    code = "route.assigned"
    if tied:
        why += f", tied with {tied} other(s), least recently assigned"
        code = "route.assigned_round_robin"
    facts |= {"worker_id": chosen.worker_id, "weighted_load": load, "tied": tied}
    text = f"assigned to worker {chosen.worker_id}: {why}"
    return RoutingDecision(
        RoutingKind.ASSIGNED, chosen.worker_id, code, text, len(available), facts
    )


def _escalate(
    ctx: _Context, prefix: str, levels: Sequence[RoutingKind], why: str, facts: dict[str, str | int]
) -> RoutingDecision:
    """Try each supervisor level in turn, then fall back to the national queue."""
    for kind in levels:
        kabkota_level = kind is RoutingKind.SUPERVISOR_KABKOTA
        code = ctx.kabkota_code if kabkota_level else province_code(ctx.kabkota_code)
        where = code if kabkota_level else f"province {code}"
        pool = [e for e in ctx.entries if _supervisor_available(e, code, ctx)]
        if pool:
            chosen = min(pool, key=lambda e: _order(e, ctx.rules))
            facts |= {"worker_id": chosen.worker_id, "covering": code}
            text = f"{why}, escalated to supervisor {chosen.worker_id} covering {where}"
            reason = f"{prefix}.{kind.value}"
            return RoutingDecision(kind, chosen.worker_id, reason, text, len(pool), facts)
        why += f", no supervisor available for {where}"
    return _national(f"{prefix}.national_queue", f"national queue: {why}", facts)


def _supervisor_available(entry: RosterEntry, code: str, ctx: _Context) -> bool:
    """Supervisors ignore duty hours and the switch: escalation must reach someone."""
    return (
        entry.role is Role.SUPERVISOR
        and code in entry.region_codes
        and entry.worker_id not in ctx.excluded
        and not is_on_leave(entry, ctx.now)
    )


def _no_worker_text(kabkota_code: str, blockers: Sequence[str]) -> str:
    if not blockers:
        return f"no worker covers {kabkota_code}"
    counts = ", ".join(f"{n} {why}" for why, n in sorted(Counter(blockers).items()))
    return f"no worker on duty in {kabkota_code} ({len(blockers)} covering: {counts})"


def _national(code: str, explanation: str, facts: dict[str, str | int]) -> RoutingDecision:
    return RoutingDecision(RoutingKind.NATIONAL_QUEUE, None, code, explanation, 0, facts)
