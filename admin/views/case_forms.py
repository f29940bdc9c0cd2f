"""The case page's action forms as typed: reading fields, and the problems shown beside them.

A problem is a message id with its values, translated when the page is rendered; the field
"" holds a problem with the whole form (the case changed, or was closed, meanwhile).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from triage.domain.case import STAFF_SETTABLE, CaseStatus, Outcome, Referral
from triage.i18n import N_, Translator

FORM = ""  # the "field" of a problem with the whole form
MISSING_REASON = N_("Tuliskan alasannya.")
MISSING_NOTE = N_("Tuliskan catatannya.")
MISSING_MESSAGE = N_("Tuliskan pesan untuk pelapor.")
MISSING_REFERENCE = N_("Tuliskan nomor laporan kasus yang sama.")
TOO_LONG = N_("Terlalu panjang: {length} karakter. Paling banyak {max} karakter.")
PICK_WORKER = N_("Pilih petugas dari daftar.")
PICK_STATUS = N_("Pilih salah satu status dari daftar.")
PICK_OUTCOME = N_("Pilih hasil akhir dari daftar.")
REFERENCE_TOO_LONG = N_("Nomor laporan terlalu panjang. Contoh: LS-7KQ2-M9XD.")


@dataclass(frozen=True, slots=True)
class Problem:
    msgid: str
    values: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionForm:
    """One form as the staff member filled it, with a problem per field."""

    name: str
    values: Mapping[str, str] = field(default_factory=dict)
    problems: Mapping[str, Problem] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def problem(self, name: str) -> Problem | None:
        return self.problems.get(name)


@dataclass(slots=True)
class Reading:
    """Fields read from a posted form; problems collected on the way."""

    form: Mapping[str, str]
    problems: dict[str, Problem] = field(default_factory=dict)

    def text(self, name: str, limit: int, missing: str) -> str:
        """Typed text with plain line ends, outer blanks dropped; a problem if empty or long."""
        typed = self.form.get(name, "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if not typed:
            self.problems[name] = Problem(missing)
        elif len(typed) > limit:
            self.problems[name] = Problem(TOO_LONG, {"length": len(typed), "max": limit})
        return typed

    def worker(self, name: str) -> int:
        typed = self.form.get(name, "")
        if not typed.isdecimal() or len(typed) > 12:
            self.problems[name] = Problem(PICK_WORKER)
            return 0
        return int(typed)

    def status(self, name: str) -> tuple[CaseStatus, Referral | None]:
        """ "contacted", or "referred:police" (a referral names the service)."""
        code, _, target = self.form.get(name, "").partition(":")
        status = _member(CaseStatus, code)
        referral = _member(Referral, target) if target else None
        fits = status is CaseStatus.REFERRED if referral else status is not CaseStatus.REFERRED
        if status is None or status not in STAFF_SETTABLE or not fits:
            self.problems[name] = Problem(PICK_STATUS)
            return CaseStatus.ACCEPTED, None
        return status, referral

    def outcome(self, name: str) -> Outcome:
        outcome = _member(Outcome, self.form.get(name, ""))
        if outcome is None:
            self.problems[name] = Problem(PICK_OUTCOME)
            return Outcome.OTHER
        return outcome

    def reference(self, name: str, limit: int) -> str:
        typed = self.form.get(name, "").strip()
        if not typed:
            self.problems[name] = Problem(MISSING_REFERENCE)
        elif len(typed) > limit:
            self.problems[name] = Problem(REFERENCE_TOO_LONG)
        return typed

    def holder(self, name: str) -> int | None:
        """The holder the page showed ("" for nobody); anything else never matches."""
        typed = self.form.get(name, "")
        if not typed:
            return None
        return int(typed) if typed.isdecimal() and len(typed) <= 12 else -1

    def checked(self, name: str) -> bool:
        return self.form.get(name) in ("on", "1", "true")

    def filled(self, name: str, keep: tuple[str, ...]) -> ActionForm:
        return ActionForm(name, {key: self.form.get(key, "") for key in keep}, self.problems)


E = TypeVar("E", CaseStatus, Referral, Outcome)


def _member(enum: type[E], code: str) -> E | None:
    return enum(code) if code in {member.value for member in enum} else None


# What a successful action says at the top of the page, once (session key DONE_FLASH).
DONE_FLASH = "case_done"
DONE_TEXTS = {
    "reassign": N_("Kasus dipindahkan ke {name}. Petugas itu mendapat kabar lewat Telegram."),
    "note": N_("Catatan disimpan di riwayat kasus."),
    "note_told": N_("Catatan disimpan dan dikirim ke petugas yang memegang kasus."),
    "status": N_("Status diubah. Perubahan ini tercatat di riwayat kasus."),
    "close": N_("Kasus ditutup. Semua tenggat dihentikan."),
    "duplicate": N_("Kasus ditandai sama dengan kasus {other}."),
    "unduplicate": N_("Tanda duplikat dihapus."),
    "message": N_("Pesan masuk antrean dan segera dikirim ke pelapor lewat bot."),
}


def done_text(translator: Translator, lang: str, flash: Mapping[str, object]) -> str | None:
    """The success message a flash names; values are plain strings the action stored."""
    msgid = DONE_TEXTS.get(str(flash.get("action")))
    values = flash.get("values")
    if msgid is None or not isinstance(values, dict):
        return None
    try:
        return translator.text(lang, msgid, **{str(k): str(v) for k, v in values.items()})
    except (KeyError, IndexError):  # a flash from an older version of this page
        return None
