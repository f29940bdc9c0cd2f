"""Message ids of the bot's own texts (the questionnaire's live in the domain)."""

from triage.domain.case import CaseStatus
from triage.i18n import N_

HELP = N_(
    "Lapor Sosial menerima laporan tentang anak yang perlu perlindungan: kekerasan, "
    "penelantaran, eksploitasi, anak jalanan, dan lainnya.\n\n"
    "/start – buat laporan baru\n"
    "/status – lihat laporan Anda\n"
    "/batal – batalkan laporan yang sedang diisi\n"
    "/bahasa – ganti bahasa\n\n"
    "Jika anak dalam bahaya sekarang, telepon 112 atau SAPA 129 (WhatsApp 08111-129-129)."
)
UNKNOWN_COMMAND = N_(
    "Maaf, perintah itu tidak dikenal. Ketik /help untuk melihat yang bisa dilakukan."
)
UNSUPPORTED_KIND = N_(
    "Maaf, jenis pesan ini belum bisa kami baca. Silakan ketik pesan, kirim foto, atau pesan suara."
)
NO_DRAFT = N_("Ketik /start untuk membuat laporan baru, atau /help untuk bantuan.")
CONTINUE_OR_RESTART = N_("Anda sedang mengisi laporan. Lanjutkan, atau mulai dari awal?")
CONTINUE = N_("Lanjutkan")
RESTART = N_("Mulai dari awal")
BUTTON_EXPIRED = N_("Tombol ini sudah tidak berlaku. Silakan gunakan pesan terbaru.")
GROUP_ONLY_PRIVATE = N_(
    "Laporan hanya diterima lewat chat pribadi agar identitas anak dan pelapor terlindungi. "
    "Silakan buka chat dengan bot ini."
)
OPEN_PRIVATE_CHAT = N_("Buka chat pribadi")
SUBMITTED = N_(
    "✅ Terima kasih. Laporan Anda sudah kami terima.\n"
    "Nomor laporan: {reference}\n\n"
    "{next_steps}\n\n"
    "Simpan nomor ini. Ketik /status untuk melihat perkembangannya."
)
NEXT_DARURAT = N_(
    "Laporan ini kami tandai SANGAT MENDESAK. Pekerja sosial diminta menanganinya dalam {accept}. "
    "Jika anak dalam bahaya sekarang, telepon juga 112."
)
NEXT_TINGGI = N_(
    "Laporan ini kami tandai mendesak. Pekerja sosial diminta menerimanya dalam {accept}."
)
NEXT_SEDANG = N_("Pekerja sosial di wilayah tersebut akan menerimanya dalam {accept}.")
NEXT_RENDAH = N_("Pekerja sosial di wilayah tersebut akan meninjaunya dalam {accept}.")
SOMETHING_WENT_WRONG = N_(
    "Maaf, ada gangguan di sistem kami. Jawaban Anda yang sudah tersimpan tidak hilang. "
    "Silakan coba lagi sebentar lagi."
)
MINUTES = N_("{n} menit")
HOURS = N_("{n} jam")
ONE_HOUR = N_("1 jam")
DAYS = N_("{n} hari")
CHOOSE_LANGUAGE = N_("Pilih bahasa / Choose a language:")
LANGUAGE_SET = N_("Bahasa diganti ke Bahasa Indonesia.")
NOTED = N_("Baik, dicatat ✔️")
CANCELLED_NOTHING = N_("Tidak ada laporan yang sedang diisi.")

WORKER_ACCEPTED = N_("✅ Anda menerima kasus ini. Terima kasih.")
WORKER_ALREADY = N_("Kasus ini sudah Anda terima.")
WORKER_NOT_YOURS = N_("Maaf, Anda tidak berwenang untuk kasus ini.")
WORKER_GONE = N_("Kasus ini sudah tidak aktif atau sudah dialihkan.")

STATUS_HEADER = N_("Laporan Anda:")
STATUS_NONE = N_("Belum ada laporan dari chat ini. Ketik /start untuk membuat laporan.")
STATUS_LINE = N_("• {reference} ({date}): {status}")
STATUS_WORDS = {
    CaseStatus.NEW: N_("diterima, sedang dicarikan petugas"),
    CaseStatus.ASSIGNED: N_("sudah diteruskan ke pekerja sosial"),
    CaseStatus.ACCEPTED: N_("sedang ditangani pekerja sosial"),
    CaseStatus.CONTACTED: N_("sedang ditangani pekerja sosial"),
    CaseStatus.VISITED: N_("sedang ditangani pekerja sosial"),
    CaseStatus.REFERRED: N_("dirujuk ke layanan yang tepat"),
    CaseStatus.CLOSED: N_("selesai"),
}
RATING_THANKS = N_(
    "Terima kasih atas penilaian Anda. Jika ingin menambahkan komentar, ketik sekarang; "
    "jika tidak, abaikan saja pesan ini."
)
RATING_ALREADY = N_("Penilaian untuk laporan ini sudah kami terima. Terima kasih.")
COMMENT_THANKS = N_("Komentar Anda sudah kami simpan. Terima kasih.")
LANGUAGE_SET_EN = N_("Bahasa diganti ke Bahasa Inggris.")
BLOCKED = N_(
    "Maaf, akun ini tidak dapat mengirim laporan. Jika anak dalam bahaya, telepon 112 atau SAPA 129."
)
TOO_FAST = N_("Anda mengirim pesan terlalu cepat. Mohon tunggu sebentar, lalu coba lagi.")
