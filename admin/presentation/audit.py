"""How audit entries are shown and exported: local time, who in words, the action's label."""

from __future__ import annotations

import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from admin.presentation.csv_cells import neutralise
from admin.presentation.reports import format_local_time
from triage.i18n import N_, Translator
from triage.services.audit.entries import AuditEntry
from triage.services.staff.accounts import UNKNOWN_PREFIX

ACTION_LABELS = {
    "login": N_("Masuk"),
    "login_failed": N_("Gagal masuk"),
    "logout": N_("Keluar"),
    "login_second_factor": N_("Masuk dengan kode verifikasi"),
    "second_factor_enabled": N_("Mengaktifkan verifikasi dua langkah"),
    "second_factor_disabled": N_("Mematikan verifikasi dua langkah"),
    "second_factor_rekeyed": N_("Mengenkripsi ulang rahasia autentikator (kunci baru)"),
    "list_reports": N_("Membuka daftar laporan"),
    "view_case": N_("Membuka kasus"),
    "view_case_refused": N_("Ditolak membuka kasus"),
    "override_refused": N_("Ditolak mengubah kasus"),
    "urgency_override": N_("Mengubah urgensi"),
    "audit_export": N_("Mengunduh log audit"),
    "password_changed": N_("Mengganti kata sandi sendiri"),
    "password_reset": N_("Mengatur ulang kata sandi staf"),
    "staff_created": N_("Membuat akun staf"),
    "staff_deactivated": N_("Menonaktifkan akun staf"),
    "staff_activated": N_("Mengaktifkan kembali akun staf"),
    "password_change_failed": N_("Gagal mengganti kata sandi"),
    "workers_import": N_("Mengimpor petugas"),
    "worker_duty": N_("Mengubah status tugas petugas"),
    "worker_invite_created": N_("Membuat undangan petugas"),
    "case_viewed": N_("Petugas membuka kasus"),
    "region_viewed": N_("Petugas melihat wilayah"),
    "retention_run": N_("Retensi data dijalankan"),
    "data_keys_rotated": N_("Data dienkripsi ulang dengan kunci data baru"),
    "partner_api_call": N_("Sistem mitra memanggil API"),
    "partner_added": N_("Membuat token mitra"),
    "partner_revoked": N_("Mencabut token mitra"),
    "partner_webhook_set": N_("Mendaftarkan webhook mitra"),
    "partner_webhook_removed": N_("Menghapus webhook mitra"),
}
UNKNOWN_NAME = N_("nama tak dikenal")
WORKER = N_("petugas #{id}")
PARTNER = N_("mitra {name}")
CSV_HEADER = ("time", "user", "action", "case", "source_address", "detail")


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One table row, every cell a plain string (escaped by the template)."""

    at: str
    at_iso: str
    actor: str
    action: str
    action_code: str
    reference: str | None
    source: str
    detail: str


def actor_words(actor: str, translator: Translator, lang: str) -> str:
    """`unknown:1a2b…` → "nama tak dikenal (1a2b…)"; `staff:budi` → "budi"; `worker:7` → "petugas #7";
    `partner:Dinsos` → "mitra Dinsos"."""
    if actor.startswith(UNKNOWN_PREFIX):
        return f"{translator.text(lang, UNKNOWN_NAME)} ({actor.removeprefix(UNKNOWN_PREFIX)})"
    if actor.startswith("staff:"):
        return actor.removeprefix("staff:")
    if actor.startswith("worker:"):
        return translator.text(lang, WORKER, id=actor.removeprefix("worker:"))
    if actor.startswith("partner:"):
        return translator.text(lang, PARTNER, name=actor.removeprefix("partner:"))
    return actor


def detail_words(detail: dict[str, object]) -> str:
    """`reason=wrong_password · staff_id=3`: ids and codes only, as stored; empty ones left out."""
    return " · ".join(
        f"{key}={value}" for key, value in sorted(detail.items()) if value not in (None, "")
    )


def audit_row(entry: AuditEntry, translator: Translator, lang: str, zone: ZoneInfo) -> AuditRow:
    return AuditRow(
        at=format_local_time(entry.at, zone, lang),
        at_iso=entry.at.isoformat(),
        actor=actor_words(entry.actor, translator, lang),
        action=translator.label(lang, ACTION_LABELS, entry.action),
        action_code=entry.action,
        reference=entry.reference,
        source=entry.source_address or "—",
        detail=detail_words(entry.detail),
    )


def csv_cells(entry: AuditEntry, zone: ZoneInfo) -> list[str]:
    """The export's row: codes rather than words, so it reads the same in every language."""
    detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
    cells = [
        entry.at.astimezone(zone).isoformat(timespec="seconds"),
        entry.actor,
        entry.action,
        entry.reference or "",
        entry.source_address or "",
        detail,
    ]
    return [neutralise(cell) for cell in cells]
