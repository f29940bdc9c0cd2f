"""Words for staff account forms: each service problem shown beside the field it concerns."""

from __future__ import annotations

from triage.i18n import N_

# StaffError.problem -> (form field, message)
PROBLEMS: dict[str, tuple[str, str]] = {
    "username": (
        "username",
        N_("3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."),
    ),
    "exists": ("username", N_("Nama pengguna ini sudah dipakai.")),
    "role": ("role", N_("Pilih peran: admin atau supervisor.")),
    "regions": (
        "regions",
        N_("Supervisor perlu minimal satu kode wilayah, seperti 32 atau 32.73."),
    ),
    "unknown_regions": ("regions", N_("Ada kode wilayah yang tidak dikenal. Periksa lagi.")),
    "password": ("new", N_("Kata sandi baru minimal 10 karakter.")),
    "same": ("new", N_("Kata sandi baru harus berbeda dari yang sekarang.")),
    "current": ("current", N_("Kata sandi sekarang tidak cocok.")),
    "self": ("", N_("Akun Anda sendiri tidak dapat diubah di sini.")),
    "last_admin": ("", N_("Admin aktif terakhir tidak dapat dinonaktifkan.")),
    "unknown": ("", N_("Akun itu tidak ada lagi.")),
}
OTHER_PROBLEM = ("", N_("Perubahan tidak dapat disimpan. Coba lagi."))
ROLE_LABELS = {"admin": N_("Admin"), "supervisor": N_("Supervisor")}


def problem_words(problem: str) -> tuple[str, str]:
    return PROBLEMS.get(problem, OTHER_PROBLEM)
