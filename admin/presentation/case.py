"""How the case page says things: local times, durations, labels and timeline sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from admin.presentation import labels
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS, format_local_time
from triage.domain.age import ChildAge, age_words
from triage.domain.case import DeclineReason
from triage.domain.child_sex import ChildSex, sex_words
from triage.domain.model import Reason
from triage.domain.report_context import happened_words, relation_words
from triage.domain.scoring.reasons import reason_text
from triage.i18n import Translator
from triage.i18n.catalog import Code
from triage.services.cases.detail_model import (
    EvidenceItem,
    PendingDeadline,
    ResponseTime,
    TimelineEntry,
    UndeliveredMessage,
    WorkerChoice,
)


@dataclass(frozen=True, slots=True)
class Moment:
    """A time as shown ("23 Nov 2026 08:00 WIB") and as machine-readable ISO 8601."""

    text: str
    iso: str


@dataclass(frozen=True, slots=True)
class CaseWords:
    """Turns the case's codes and times into words in one language; used by the template."""

    lang: str
    translator: Translator
    zone: ZoneInfo
    region_name: Callable[[str], str | None]

    def _(self, msgid: str, **values: object) -> str:
        return self.translator.text(self.lang, msgid, **values)

    def _label(self, table: Mapping[Code, str], code: str) -> str:
        return self.translator.label(self.lang, table, code)

    def moment(self, at: datetime) -> Moment:
        return Moment(format_local_time(at, self.zone, self.lang), at.isoformat())

    def duration(self, span: timedelta) -> str:
        """Two units at most: "2 hari 3 jam", "1 jam 5 menit", "12 menit"."""
        total = max(0, int(span.total_seconds() // 60))
        days, hours, minutes = total // 1440, total // 60 % 24, total % 60
        if days:
            msgid = labels.DAYS_HOURS if hours else labels.DAYS_ONLY
        elif hours:
            msgid = labels.HOURS_MINUTES if minutes else labels.HOURS_ONLY
        else:
            msgid = labels.MINUTES_ONLY
        return self._(msgid, days=days, hours=hours, minutes=minutes)

    def urgency(self, code: str) -> str:
        return self._label(URGENCY_LABELS, code)

    def status(self, code: str) -> str:
        return self._label(STATUS_LABELS, code)

    def region(self, code: str | None) -> str | None:
        return (self.region_name(code) or code) if code else None

    def kecamatan(self, code: str | None) -> str | None:
        """The kecamatan's name when the region directory knows it; never a bare code."""
        return self.region_name(code) if code else None

    def age(self, age: ChildAge) -> str:
        """ "7 tahun" as typed, "6–12 tahun" as chosen; never a band's bound alone."""
        msgid, values = age_words(age)
        return self._(msgid, **values)

    def sex(self, sex: ChildSex | None) -> str:
        """ "Perempuan", "Laki-laki", or "Tidak diketahui"."""
        return self._(sex_words(sex))

    def happened(self, code: str | None) -> str | None:
        """When it happened, as the reporter answered ("Sedang terjadi"); None if not said."""
        msgid = happened_words(code)
        return self._(msgid) if msgid else None

    def relation(self, code: str | None) -> str | None:
        """Who reported, from staff's side ("Anak itu sendiri"); None if not said."""
        msgid = relation_words(code)
        return self._(msgid) if msgid else None

    def categories(self, codes: Iterable[str]) -> str:
        return ", ".join(self._label(labels.CATEGORY_LABELS, code) for code in codes)

    def reason(self, reason: Reason) -> str:
        return reason_text(reason, self.lang)

    def holder(self, name: str | None, kind: str) -> str:
        """ "Sari (Petugas)", or just "Antrean nasional" when nobody holds the case."""
        role = self._label(labels.HOLDER_LABELS, kind)
        return f"{name} ({role})" if name else role

    def measure(self, time: ResponseTime) -> str:
        return self._label(labels.MEASURE_LABELS, time.measure)

    def decline(self, code: str | None) -> str:
        return self._label(labels.DECLINE_LABELS, code or DeclineReason.OTHER)

    def deadline(self, deadline: PendingDeadline) -> str:
        msgid = labels.DEADLINE_LABELS.get(deadline.kind)
        return self._(msgid, level=deadline.level) if msgid else deadline.kind

    def actor(self, entry: TimelineEntry) -> str:
        if entry.actor in labels.ACTOR_LABELS:
            return self._(labels.ACTOR_LABELS[entry.actor])
        if entry.actor.startswith("staff:"):
            return self._(labels.STAFF_ACTOR, username=entry.actor.removeprefix("staff:"))
        if entry.actor_name:
            return entry.actor_name
        return self._(labels.WORKER_ACTOR, id=entry.actor.removeprefix("worker:"))

    def event(self, entry: TimelineEntry) -> str:
        """One sentence from whitelisted codes; an unknown kind shows as its code."""
        msgid = labels.EVENT_TEXTS.get(entry.kind)
        if msgid is None:
            return entry.kind
        facts = entry.facts
        if entry.kind == "status_changed" and "to" in facts:
            msgid = labels.STATUS_REFERRED_TO
        if entry.kind == "referred" and "type" in facts:
            msgid = labels.REFERRED_TO_SERVICE
        values = {
            "urgency": self.urgency(facts.get("urgency", "")),
            "old": self.urgency(facts.get("old", "")),
            "new": self.urgency(facts.get("new", "")),
            "holder": self.holder(facts.get("worker"), facts.get("to", facts.get("kind", ""))),
            "reason": self.decline(facts.get("reason")),
            "target": self._label(labels.REFERRAL_LABELS, facts.get("to", "")),
            "outcome": self._label(labels.OUTCOME_LABELS, facts.get("outcome", "")),
            "rating": facts.get("rating", "?"),
            "from_status": self.status(facts.get("from_status", "")),
            "to_status": self.status(facts.get("to_status", "")),
            "of": facts.get("of", "?"),
            "service_type": self.service_type(facts.get("type", "")),
            "from_referral": self.referral_status(facts.get("from", "")),
            "to_referral": self.referral_status(facts.get("to", "")),
        }
        return self._(msgid, **values)

    def outcome(self, code: str) -> str:
        return self._label(labels.OUTCOME_LABELS, code)

    def referral(self, code: str) -> str:
        return self._label(labels.REFERRAL_LABELS, code)

    def service_type(self, code: str) -> str:
        return self._label(labels.SERVICE_TYPE_LABELS, code)

    def referral_status(self, code: str) -> str:
        return self._label(labels.REFERRAL_STATUS_LABELS, code)

    def worker_options(self, choices: Sequence[WorkerChoice], selected: str) -> Markup:
        """The reassign list's `<option>`s, each "Sari (Petugas) · bertugas · 2 kasus aktif"
        (enough to choose without a lookup), built at once: the labels are translated once
        per role and duty, not once per worker (with hundreds of workers the template's loop
        was the case page's largest cost)."""
        line = self._(labels.WORKER_CHOICE)
        roles: dict[str, str] = {}
        duty = {True: self._(labels.ON_DUTY), False: self._(labels.OFF_DUTY)}
        parts = []
        for choice in choices:
            if choice.role not in roles:
                roles[choice.role] = self._label(labels.ROLE_LABELS, choice.role)
            words = line.format(
                name=choice.name, role=roles[choice.role], duty=duty[choice.on_duty],
                count=choice.open_cases,
            )  # fmt: skip
            value = str(choice.id)
            mark = " selected" if value == selected else ""
            parts.append(f'<option value="{value}"{mark}>{escape(words)}</option>')
        return Markup("".join(parts))  # noqa: S704 - the words escaped, the value a number

    def evidence(self, item: EvidenceItem) -> str:
        """ "Foto 1", "Pesan suara 2"."""
        msgid = labels.EVIDENCE_LABELS.get(item.kind, labels.OTHER_FILE)
        return self._(msgid, number=item.number)

    def recipient(self, message: UndeliveredMessage) -> str:
        """ "Pelapor", the staff member's name, or someone no longer on the roster."""
        if message.recipient == "reporter":
            msgid = labels.ACTOR_LABELS[message.recipient]
        else:
            msgid = labels.UNKNOWN_RECIPIENT
        return message.recipient_name or self._(msgid)

    def undelivered_reason(self, message: UndeliveredMessage) -> str:
        msgid = labels.UNDELIVERED_REASONS.get(
            message.reason, labels.UNDELIVERED_REASONS["unknown"]
        )
        return self._(msgid, attempts=message.attempts)
