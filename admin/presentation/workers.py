"""How the workers and coverage pages say things: roles, duty, duty hours on the display
clock, regions by name, open cases by urgency, the last activity."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from admin.presentation.labels import HOLDER_LABELS
from admin.presentation.reports import URGENCY_LABELS, format_local_time
from triage.domain.model import Urgency
from triage.domain.timezones import DutyHours, duty_hours_in_zone, zone_for
from triage.i18n import N_, Translator
from triage.services.workers.coverage import CoverageState
from triage.services.workers.listing import DutyState, WorkerSummary
from triage.services.workers.problems import Problem
from triage.services.workers.roster import duty_hours_from_json

ROLE_LABELS = {"worker": N_("Petugas"), "supervisor": N_("Supervisor")}
DUTY_LABELS = {
    DutyState.ON_DUTY: N_("Bertugas sekarang"),
    DutyState.OUTSIDE_HOURS: N_("Di luar jam tugas"),
    DutyState.SWITCHED_OFF: N_("Sedang libur (/libur)"),
    DutyState.ON_LEAVE: N_("Cuti"),
    DutyState.NOT_BOUND: N_("Belum terhubung ke Telegram"),
    DutyState.ESCALATIONS: N_("Menerima eskalasi"),
    DutyState.INACTIVE: N_("Nonaktif"),
}
COVERAGE_LABELS = {
    CoverageState.NO_WORKER: N_("Tidak ada petugas"),
    CoverageState.NONE_ON_DUTY: N_("Tidak ada yang bertugas sekarang"),
    CoverageState.ON_DUTY: N_("Ada yang bertugas"),
}
ANY_TIME = N_("Kapan saja")
EVERY_DAY = N_("Setiap hari")
NEVER = N_("Belum ada")
NO_OPEN_CASES = N_("Tidak ada")
_DAY_NAMES = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


@dataclass(frozen=True, slots=True)
class OpenCount:
    code: str  # the urgency, lower case, for the badge's class
    label: str
    count: int


def day_runs(days: frozenset[int], names: tuple[str, ...], dash: str) -> str:
    """[0, 1, 2, 3, 4, 6] -> "Sen–Jum, Min": runs of two or more days joined by a dash."""
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}{dash}{names[run[-1]]}" for run in runs
    )


@dataclass(frozen=True, slots=True)
class WorkerWords:
    lang: str
    translator: Translator
    zone: ZoneInfo  # the display zone
    region_name: Callable[[str], str | None]

    def _(self, msgid: str, **values: object) -> str:
        return self.translator.text(self.lang, msgid, **values)

    def role(self, code: str) -> str:
        return self.translator.label(self.lang, ROLE_LABELS, code)

    def duty(self, state: DutyState) -> str:
        return self.translator.label(self.lang, DUTY_LABELS, state)

    def coverage(self, state: CoverageState) -> str:
        return self.translator.label(self.lang, COVERAGE_LABELS, state)

    def problem(self, found: Problem) -> str:
        return found.text(self.translator, self.lang)

    def regions(self, codes: tuple[str, ...]) -> list[tuple[str, str]]:
        """(code, name) of each region; an unknown code is shown as itself."""
        return [(code, self.region_name(code) or code) for code in codes]

    def names(self) -> tuple[str, ...]:
        return _DAY_NAMES.get(self.lang, _DAY_NAMES["id"])

    def duty_hours(self, worker: WorkerSummary, now: datetime) -> str:
        """The shifts on the display clock: "Sen–Jum 07:00–15:00 WIB"; "Kapan saja" if none."""
        if worker.duty_hours is None:
            return self._(ANY_TIME)
        shown = duty_hours_in_zone(worker.duty_hours, zone_for(worker.zone_code), self.zone, now)
        zone_name = now.astimezone(self.zone).tzname() or ""
        days = (
            self._(EVERY_DAY) if len(shown.days) == 7 else day_runs(shown.days, self.names(), "–")
        )
        return f"{days} {shown.start:%H:%M}–{shown.end:%H:%M} {zone_name}"

    def duty_hours_input(self, data: dict[str, Any] | None) -> str:
        """The stored shifts as the form takes them back: "sen-jum 08:00-16:00" (local clock)."""
        hours: DutyHours | None = duty_hours_from_json(data)
        if hours is None:
            return ""
        names = tuple(name.lower() for name in self.names())
        days = "" if len(hours.days) == 7 else day_runs(hours.days, names, "-") + " "
        return f"{days}{hours.start:%H:%M}-{hours.end:%H:%M}"

    def open_cases(self, counts: Mapping[Urgency, int]) -> list[OpenCount]:
        return [
            OpenCount(u.value.lower(), self.translator.label(self.lang, URGENCY_LABELS, u), n)
            for u in Urgency
            if (n := counts.get(u, 0))
        ]

    def holder(self, kind: str, name: str | None) -> str:
        """ "Sari (Petugas)", or just "Antrean nasional" when nobody holds the case."""
        role = self.translator.label(self.lang, HOLDER_LABELS, kind)
        return f"{name} ({role})" if name else role

    def moment(self, at: datetime | None) -> str:
        return format_local_time(at, self.zone, self.lang) if at else self._(NEVER)
