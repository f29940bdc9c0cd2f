"""Words for the codes on the case page (message ids; translated when rendered)."""

from __future__ import annotations

from triage.domain.case import DeclineReason, Outcome, Referral
from triage.domain.intake.catalog import CATEGORY_OPTIONS
from triage.domain.model import Category
from triage.domain.referrals import ReferralStatus, ServiceType
from triage.i18n import N_

# The reporter's own words for a category, and words for those the reporter cannot choose.
CATEGORY_LABELS = {
    **{Category(option.value): option.label for option in CATEGORY_OPTIONS},
    Category.PORNOGRAFI: N_("Pornografi"),
    Category.SITUASI_DARURAT: N_("Situasi darurat"),
}
HOLDER_LABELS = {
    "assigned": N_("Petugas"),
    "supervisor_kabkota": N_("Supervisor kabupaten/kota"),
    "supervisor_province": N_("Supervisor provinsi"),
    "national_queue": N_("Antrean nasional"),
}
DECLINE_LABELS = {
    DeclineReason.AREA: N_("Di luar wilayah saya"),
    DeclineReason.LEAVE: N_("Sedang cuti/sakit"),
    DeclineReason.LOAD: N_("Beban kasus penuh"),
    DeclineReason.OTHER: N_("Lainnya"),
}
REFERRAL_LABELS = {
    Referral.POLICE: N_("Polisi"),
    Referral.HEALTH: N_("Layanan kesehatan"),
    Referral.UPTD_PPA: N_("UPTD PPA"),
    Referral.LKSA: N_("LKSA"),
    Referral.OTHER: N_("Lainnya"),
}
OUTCOME_LABELS = {
    Outcome.HANDLED: N_("Ditangani, anak aman"),
    Outcome.REFERRED: N_("Dirujuk"),
    Outcome.UNFOUNDED: N_("Tidak terbukti"),
    Outcome.UNREACHABLE: N_("Tidak dapat dihubungi"),
    Outcome.OTHER: N_("Lainnya"),
}
MEASURE_LABELS = {
    "accept": N_("Diterima petugas"),
    "first_contact": N_("Kontak pertama"),
    "closure": N_("Kasus ditutup"),
}
DEADLINE_LABELS = {
    "accept_reminder": N_("Pengingat: terima kasus"),
    "accept_breach": N_("Batas terima kasus, eskalasi tahap {level}"),
    "contact_reminder": N_("Pengingat: kontak pertama"),
    "contact_breach": N_("Batas kontak pertama"),
    "closure_reminder": N_("Pengingat: tutup kasus"),
    "closure_breach": N_("Batas penutupan kasus"),
}
ACTOR_LABELS = {"system": N_("Sistem"), "reporter": N_("Pelapor")}
STAFF_ACTOR = N_("Staf {username}")
WORKER_ACTOR = N_("Petugas #{id}")

# The directory's service types, and a referral's status
SERVICE_TYPE_LABELS = {
    ServiceType.UPTD_PPA: N_("UPTD PPA"),
    ServiceType.P2TP2A: N_("P2TP2A"),
    ServiceType.UNIT_PPA_POLRES: N_("Unit PPA Polres"),
    ServiceType.PUSKESMAS: N_("Puskesmas"),
    ServiceType.RSUD_PPT: N_("RSUD/PPT"),
    ServiceType.LKSA: N_("LKSA"),
    ServiceType.LBH: N_("LBH"),
    ServiceType.DISDUKCAPIL: N_("Disdukcapil"),
    ServiceType.DINAS_PENDIDIKAN: N_("Dinas Pendidikan"),
    ServiceType.BALAI_REHSOS: N_("Balai/Loka Rehabilitasi Sosial"),
    ServiceType.OTHER: N_("Layanan lain"),
}
REFERRAL_STATUS_LABELS = {
    ReferralStatus.SENT: N_("terkirim"),
    ReferralStatus.ACCEPTED: N_("diterima layanan"),
    ReferralStatus.COMPLETED: N_("selesai"),
    ReferralStatus.DECLINED: N_("ditolak layanan"),
}
REFERRED_TO_SERVICE = N_("Dirujuk ke layanan: {service_type}")

# Timeline sentences by event kind; placeholders are filled from the event's safe facts.
EVENT_TEXTS = {
    "received": N_("Laporan masuk dengan urgensi {urgency}"),
    "routed": N_("Diteruskan ke {holder}"),
    "escalated": N_("Eskalasi ke {holder}"),
    "accepted": N_("Kasus diterima"),
    "declined": N_("Kasus ditolak: {reason}"),
    "contacted": N_("Anak, keluarga atau pelapor sudah dihubungi"),
    "visited": N_("Kunjungan dilakukan"),
    "referred": N_("Dirujuk ke {target}"),
    "referral_updated": N_("Status rujukan diubah dari {from_referral} ke {to_referral}"),
    "referral_note": N_("Petugas mencatat alasan rujukan ditolak"),
    "closed": N_("Kasus ditutup: {outcome}"),
    "note": N_("Petugas menambahkan catatan"),
    "help_requested": N_("Petugas meminta bantuan supervisor"),
    "rated": N_("Pelapor memberi nilai {rating} dari 5"),
    "rating_comment": N_("Pelapor menulis komentar"),
    "urgency_override": N_("Urgensi diubah dari {old} ke {new}"),
    "reassigned": N_("Dipindahkan ke {holder}"),
    "status_changed": N_("Status diubah dari {from_status} ke {to_status}"),
    "marked_duplicate": N_("Ditandai sama dengan kasus {of}"),
    "unmarked_duplicate": N_("Tanda sama dengan kasus {of} dihapus"),
    "staff_note": N_("Catatan staf"),
    "reporter_messaged": N_("Pesan dikirim ke pelapor lewat bot"),
    "worker_deactivated": N_("Petugas yang memegang kasus dinonaktifkan; kasus dialihkan"),
}
STATUS_REFERRED_TO = N_("Status diubah dari {from_status} ke {to_status}: {target}")

# The case page's action forms
ROLE_LABELS = {"worker": N_("Petugas"), "supervisor": N_("Supervisor")}
WORKER_CHOICE = N_("{name} ({role}) · {duty} · {count} kasus aktif")
ON_DUTY = N_("bertugas")
OFF_DUTY = N_("tidak bertugas")
EVIDENCE_LABELS = {"photo": N_("Foto {number}"), "voice": N_("Pesan suara {number}")}
OTHER_FILE = N_("Berkas {number}")

DAYS_HOURS = N_("{days} hari {hours} jam")
DAYS_ONLY = N_("{days} hari")
HOURS_MINUTES = N_("{hours} jam {minutes} menit")
HOURS_ONLY = N_("{hours} jam")
MINUTES_ONLY = N_("{minutes} menit")

# Why a Telegram message about the case has not reached its recipient (outbox failures).
UNDELIVERED_REASONS = {
    "blocked": N_("Penerima memblokir bot"),
    "deactivated": N_("Akun Telegram penerima sudah dihapus"),
    "chat_not_found": N_("Penerima belum pernah memulai bot, atau obrolannya sudah tidak ada"),
    "refused": N_("Telegram menolak pesan ini"),
    "too_many_attempts": N_("Telegram tidak dapat dihubungi setelah {attempts} kali percobaan"),
    "network": N_("Telegram belum dapat dihubungi"),
    "rate_limited": N_("Telegram meminta pengiriman diperlambat"),
    "unknown": N_("Alasan tidak diketahui"),
}
UNKNOWN_RECIPIENT = N_("Penerima yang tidak lagi terdaftar")
