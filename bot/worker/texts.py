"""Message ids of what the bot says to social workers and supervisors (Indonesian first)."""

from triage.i18n import N_

# Registration by invite link, and help
INVITE_BOUND = N_(
    "✅ Selamat datang, {name}! Akun Telegram ini sekarang terdaftar di Lapor Sosial sebagai "
    "{role}.\nWilayah: {regions}\n\n{commands}"
)
INVITE_ALREADY = N_("Akun ini sudah terdaftar untuk Anda, {name}. Tidak perlu mendaftar lagi.")
INVITE_INVALID = N_(
    "Maaf, tautan undangan ini tidak berlaku atau sudah dipakai. Mintalah tautan baru kepada "
    "admin Dinas Sosial."
)
INVITE_EXPIRED = N_(
    "Maaf, tautan undangan ini sudah kedaluwarsa. Mintalah tautan baru kepada admin Dinas "
    "Sosial atau supervisor Anda."
)
INVITE_TAKEN = N_(
    "Maaf, akun Telegram ini sudah terdaftar untuk petugas lain, jadi undangan ini tidak bisa "
    "dipakai di sini. Hubungi admin Dinas Sosial bila ini keliru."
)
WORKER_HELP = N_("Halo {name}. Anda terdaftar sebagai {role} untuk: {regions}.\nStatus: {duty}.")
COMMANDS = N_(
    "/tugas – kasus Anda yang masih terbuka\n"
    "/kasus LS-XXXX-XXXX – buka satu kasus\n"
    "/bertugas – siap menerima kasus baru\n"
    "/libur – berhenti menerima kasus baru\n"
    "/help – bantuan ini\n\n"
    "Kasus baru datang sebagai pesan dengan tombol Terima dan Tolak."
)
SUPERVISOR_COMMAND = N_("/wilayah – ringkasan kasus di wilayah Anda")
ROLE_WORKER = N_("pekerja sosial")
ROLE_SUPERVISOR = N_("supervisor")
DUTY_ON = N_("bertugas")
DUTY_OFF = N_("libur")
NOW_ON_DUTY = N_("🟢 Anda sekarang bertugas. Kasus baru di wilayah Anda akan dikirim ke sini.")
NOW_OFF_DUTY = N_(
    "⚪ Anda sekarang libur. Kasus baru tidak dikirim ke Anda sampai Anda ketik /bertugas. "
    "Kasus yang sudah Anda pegang tetap milik Anda."
)
NOT_A_WORKER = N_(
    "Perintah ini khusus untuk pekerja sosial yang terdaftar. Ketik /help untuk bantuan."
)
NOT_A_SUPERVISOR = N_("Perintah ini khusus untuk supervisor.")
ACCESS_ENDED = N_(
    "Maaf, akses Anda sebagai petugas Lapor Sosial sudah berakhir, jadi tidak ada yang dicatat. "
    "Hubungi supervisor Anda bila ini keliru."
)

# The case card
CARD_HEAD = N_("📋 {reference} · {urgency}\nStatus: {status}")
CARD_PLACE = N_("Tempat: {place}")
CARD_ADDRESS = N_("Alamat/patokan: {address}")
CARD_KIND = N_("Jenis: {categories}")
CARD_AGE = N_("Umur anak: {age}")  # {age}: "7 tahun" or "6–12 tahun", as the reporter gave it
CARD_SEX = N_("Jenis kelamin anak: {sex}")  # {sex}: "Perempuan" or "Laki-laki"
CARD_HAPPENED = N_("Kapan: {when}")  # {when}: "Sedang terjadi", "Hari ini", …
CARD_RELATION = N_("Pelapor: {relation}")  # {relation}: "Tetangga", "Anak itu sendiri", …
CARD_STORY = N_("Cerita: {story}")
CARD_PHONE = N_("📞 Pelapor bersedia dihubungi: {phone}")
CARD_NO_PHONE = N_("Pelapor tidak meninggalkan nomor untuk dihubungi.")
CARD_REFERRED = N_("Dirujuk ke: {targets}")
CARD_NOTES = N_("Catatan tersimpan: {count}")
DUE = N_("⏰ {what} sebelum {due}")
OVERDUE = N_("⚠️ Lewat batas: {what} sebelum {due}")
DUE_ACCEPT = N_("Terima")
DUE_CONTACT = N_("Hubungi")
DUE_CLOSE = N_("Selesaikan")
STATUS_NEW = N_("Baru")
STATUS_ASSIGNED = N_("Menunggu diterima")
STATUS_ACCEPTED = N_("Diterima petugas")
STATUS_CONTACTED = N_("Sudah dihubungi")
STATUS_VISITED = N_("Sudah dikunjungi")
STATUS_REFERRED = N_("Dirujuk")
STATUS_CLOSED = N_("Ditutup")

# Buttons (Accept and Decline are in bot.messages.keyboards: outbox messages carry them too)
BUTTON_CONTACTED = N_("📞 Dihubungi")
BUTTON_VISITED = N_("🏠 Dikunjungi/dinilai")
BUTTON_REFERRED = N_("➡️ Dirujuk")
BUTTON_NOTE = N_("📝 Catatan")
BUTTON_HELP = N_("🆘 Minta bantuan supervisor")
BUTTON_CLOSE = N_("✔️ Ditutup")
BUTTON_BACK = N_("« Kembali")
BUTTON_CANCEL = N_("✖️ Batal")
DECLINE_AREA = N_("Di luar wilayah saya")
DECLINE_LEAVE = N_("Sedang cuti/sakit")
DECLINE_LOAD = N_("Beban kasus penuh")
DECLINE_OTHER = N_("Lainnya (tulis)")
REFER_POLICE = N_("Polisi")
REFER_HEALTH = N_("Layanan kesehatan")
REFER_UPTD_PPA = N_("UPTD PPA")
REFER_LKSA = N_("LKSA")
REFER_OTHER = N_("Lainnya")
OUTCOME_HANDLED = N_("Ditangani, anak aman")
OUTCOME_REFERRED = N_("Dirujuk")
OUTCOME_UNFOUNDED = N_("Tidak terbukti")
OUTCOME_UNREACHABLE = N_("Tidak dapat dihubungi")
OUTCOME_OTHER = N_("Lainnya")

# Questions under the card
ASK_DECLINE = N_("Mengapa Anda menolak? Kasus akan diteruskan ke petugas lain.")
ASK_REFER = N_("Dirujuk ke mana?")
ASK_CLOSE = N_("Pilih hasil akhir untuk menutup kasus:")
ASK_NOTE = N_("✍️ Tulis catatan Anda sekarang, dalam satu pesan.")
ASK_REASON = N_("✍️ Tulis alasan Anda menolak sekarang, dalam satu pesan.")

# Answers to buttons and typed text
DONE_CONTACTED = N_("📞 Dicatat: sudah dihubungi.")
DONE_VISITED = N_("🏠 Dicatat: sudah dikunjungi/dinilai.")
DONE_REFERRED = N_("➡️ Dicatat: dirujuk.")
DONE_HELP = N_("🆘 Supervisor sudah diberi tahu. Mereka akan menghubungi Anda.")
NO_SUPERVISOR = N_(
    "Belum ada supervisor terdaftar untuk wilayah ini. Hubungi Dinas Sosial setempat."
)
ALREADY_RECORDED = N_("Sudah dicatat sebelumnya.")
ALREADY_CLOSED = N_("Kasus ini sudah ditutup.")
ACCEPT_FIRST = N_("Terima kasus ini dulu.")
TOO_LATE_TO_DECLINE = N_(
    "Kasus ini sudah Anda terima, jadi tidak bisa ditolak. Pakai tombol Minta bantuan "
    "supervisor bila perlu."
)
DECLINED = N_("↩️ {reference}: Anda menolak kasus ini. Kasus sudah diteruskan. Terima kasih.")
REASON_SAVED = N_("✔️ Alasan dicatat.")
CLOSED = N_("✔️ {reference} ditutup: {outcome}.\nTerima kasih atas penanganannya.")
NOTE_SAVED = N_("📝 Catatan disimpan untuk kasus {reference}.")
NOT_SAVED = N_("Pesan Anda tidak disimpan: {why}")

# Lists
TASKS_NONE = N_("Tidak ada kasus terbuka untuk Anda saat ini. 👍")
TASKS_HEAD = N_("Kasus Anda yang masih terbuka ({count}):")
OPEN_HINT = N_("Tekan nomor kasus di bawah untuk membukanya.")
CASE_USAGE = N_("Ketik nomor kasusnya, misalnya: /kasus LS-7KQ2-M9XD")
CASE_NOT_FOUND = N_("Kasus itu tidak ditemukan, atau bukan wewenang Anda.")
OVERVIEW_HEAD = N_("📊 Wilayah: {regions}\nKasus terbuka: {total}")
OVERVIEW_UNASSIGNED = N_("Belum dipegang petugas: {count}")
OVERVIEW_NO_OVERDUE = N_("Tidak ada kasus yang lewat batas. 👍")
OVERVIEW_OVERDUE = N_("⚠️ Lewat batas ({count}):")

# Referrals to the directory of services
SERVICE_TYPE_UPTD_PPA = N_("UPTD PPA")
SERVICE_TYPE_P2TP2A = N_("P2TP2A")
SERVICE_TYPE_UNIT_PPA_POLRES = N_("Unit PPA Polres")
SERVICE_TYPE_PUSKESMAS = N_("Puskesmas")
SERVICE_TYPE_RSUD_PPT = N_("RSUD/PPT")
SERVICE_TYPE_LKSA = N_("LKSA")
SERVICE_TYPE_LBH = N_("LBH")
SERVICE_TYPE_DISDUKCAPIL = N_("Disdukcapil")
SERVICE_TYPE_DINAS_PENDIDIKAN = N_("Dinas Pendidikan")
SERVICE_TYPE_BALAI_REHSOS = N_("Balai/Loka Rehabilitasi Sosial")
SERVICE_TYPE_OTHER = N_("Layanan lain")
REFERRAL_SENT = N_("terkirim")
REFERRAL_ACCEPTED = N_("diterima layanan")
REFERRAL_COMPLETED = N_("selesai")
REFERRAL_DECLINED = N_("ditolak layanan")
SET_REFERRAL_ACCEPTED = N_("✅ Diterima layanan")
SET_REFERRAL_COMPLETED = N_("🏁 Selesai")
SET_REFERRAL_DECLINED = N_("⛔ Ditolak layanan")
CARD_REFERRALS = N_("Rujukan:")
CARD_REFERRAL = N_("• {name} ({type}): {status}")
BUTTON_REFER_TYPED = N_("✏️ Lainnya, ketik sendiri")
BUTTON_REFERRAL = N_("🔄 Rujukan: {name}")
ASK_REFER_TYPE = N_("Dirujuk ke layanan apa? Pilih jenisnya.")
ASK_REFER_NO_SERVICES = N_(
    "Direktori belum punya layanan untuk wilayah kasus ini. Tekan «Lainnya, ketik sendiri»."
)
ASK_REFER_SERVICE = N_("Pilih layanannya ({type}):")
ASK_REFER_TYPED = N_("✍️ Tulis nama layanan tujuan rujukan (dan kontaknya), dalam satu pesan.")
ASK_REFERRAL_STATUS = N_("Rujukan ke {name} sekarang: {status}. Apa kabar terbarunya?")
ASK_REFERRAL_NOTE = N_(
    "✍️ Rujukan dicatat ditolak. Tulis alasannya dalam satu pesan, atau tekan Batal."
)
DONE_REFERRAL_STATUS = N_("🔄 Dicatat: status rujukan diubah.")
REFERRAL_SAVED = N_("✔️ Rujukan dicatat.")
REFERRAL_NOTE_SAVED = N_("✔️ Alasan penolakan rujukan dicatat.")
SERVICE_GONE = N_("Layanan ini sudah tidak ada di direktori. Pilih layanan lain.")
REFERRAL_MOVED = N_("Status rujukan ini sudah berubah. Lihat kartu kasus.")
