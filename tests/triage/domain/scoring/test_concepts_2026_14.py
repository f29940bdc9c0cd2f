"""Rules 2026.14: concepts a sixteenth development writer showed missing (children with
disabilities, babies, children facing the law, child labour, online harm, harmful practice,
disasters) and calm cases that must not be raised. Each is said here in words no corpus
report uses, with a neighbour of the same words that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, R, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # someone who says they will drown or smother a baby
    ("istri saya sejak lahiran bilang mau membekap bayi kami yang 3 minggu", D),
    ("my sister keeps saying she is going to drown her baby, she is alone with him", D),
    ("ibune arep nenggelamke bayine neng sumur, bapake lagi neng sawah", D),
    # a child who cannot be spoken to after glue or drugs
    ("bocah 10 th di pasar dicekoki lem sama preman, sekarang tidak bisa diajak bicara", D),
    # a coach or a tutor who gropes, still seeing the child
    ("anak saya 10 th cerita instrukturnya suka grepe dia di toilet, senin les lagi", D),
    ("pelatihnya sering meraba-raba adik di kamar mandi kolam, minggu depan latihan lagi", D),
    # not home since the morning; not found at a shelter
    ("adik saya 12 th dari pagi belum pulang, biasanya jam 1 sudah di rumah", D),
    ("anak kami 7 tahun hanyut waktu banjir, sampai sekarang tidak ditemukan di rumah sakit", D),
    # an online contact asked the child to meet, and the child is gone
    (
        "anak saya 14 th tidak pulang sejak pagi, ada chat dari orang game ngajak ketemuan di mall",
        D,
    ),
]

HIGH = [
    # female genital cutting planned
    ("mertua mau khitan perempuan cucunya yang 2 tahun bulan depan di bidan kampung", T),
    ("my in-laws have planned FGM for my 5 year old daughter next week", T),
    ("simbah arep sunat anak wadon umur 3 sesuk esuk neng dukun", T),
    # a child with a disability whose only carer cannot care
    ("anak tunadaksa 10 th cuma dirawat kakeknya yang sudah pikun, sering tidak makan", T),
    # a street child whose parents are not there; a young child working at night
    ("anak 11 th tidur di kolong jembatan, katanya orang tuanya tidak ada", T),
    ("malam jam 11 masih ada bocah umur 7 jadi manusia silver di perempatan", T),
    # papers the recruiter keeps, work offered with big pay
    ("ada calo nawarin kerja ke anak2 SMP, ijazahnya dia yang simpan", T),
]

WORRIES = [
    # glasses or medicine said unneeded by the parents: medical neglect of an older child
    ("anak 13 th susah baca tulisan di papan, bapaknya bilang tidak perlu kacamata", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # high, not unresponsive: a child who uses is TINGGI, not an emergency
        "anak2 SMP di lapangan tiap malam ngelem sampai teler",
        # a pest to be killed near a baby's room
        "bapak mau bunuh tikus di dapur dekat kamar bayi",
        # germs to be killed in a baby's bottle
        "saya ingin bunuh kuman di botol susu bayi, pakai apa ya",
        # a baby bath, not drowning
        "saya mau memandikan bayi 2 bulan, airnya boleh hangat?",
        # seizure medicine, not a seizure
        "anak saya epilepsi, obat kejangnya habis, mohon info bantuan obat",
        # a coach who holds a ball in the changing room
        "pelatihnya pegang bola di ruang ganti sambil kasih arahan ke anak2",
        # not yet met someone from a game, the child at home
        "anak saya 12 th chat sama orang dari game, ngajak ketemuan, belum pernah ketemu",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a question about female genital cutting, no date
        "apakah khitan perempuan dilarang? mau tanya aturannya",
        # cutting done long ago, the girl is well
        "dulu waktu bayi anak saya disunat perempuan, sekarang sehat, mau tanya beasiswa",
    ],
)
def test_female_cutting_without_a_plan_is_not_raised(story: str) -> None:
    assert level(story) is R, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "Apakah remaja 15 tahun boleh bekerja menurut aturan? sekadar tanya",
        "anak saya 16 th sidang tanggal 3, batas usia ditahan berapa ya? cuma nanya",
        "anak saya diabetes, perlu surat dokter apa untuk ikut lomba lari?",
        "kami panitia mau minta brosur tentang bahaya pernikahan dini",
        "anak saya 17 th mau kerja di kafe pas libur sekolah, syaratnya apa?",
        "relawan mau adakan trauma healing untuk anak korban banjir, prosedurnya gimana?",
    ],
)
def test_questions_about_the_law_and_services_are_requests(story: str) -> None:
    assert level(story) is R, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # the child refuses medicine or glasses: a question, no care refused by the family
        "anak saya 6 th selalu menolak minum obat sirup, ada tips?",
        "anak saya 9 th menolak pakai kacamata karena malu, minta saran",
    ],
)
def test_a_child_who_refuses_care_is_no_neglect(story: str) -> None:
    assert level(story) is R, codes(story)


def test_the_unknown_father_of_a_pregnant_childs_baby_gives_no_access() -> None:
    story = "siswi 14 th hamil 5 bulan, keluarganya tidak tahu siapa ayahnya"
    assert level(story, C.KEKERASAN_SEKSUAL) is T, codes(story, C.KEKERASAN_SEKSUAL)


def test_a_marriage_already_made_is_no_marriage_being_arranged() -> None:
    story = "murid kelas 11 yang sudah menikah dan punya bayi diejek teman sekelas"
    assert level(story) is not T, codes(story)
    assert level("anak tetangga 14 th mau dinikahkan bulan depan sama duda") is T


def test_a_past_slap_resolved_with_a_request_is_a_request() -> None:
    story = "dulu anak saya pernah dipukul kakak kelas, sudah didamaikan, anaknya baik2 saja. ada beasiswa?"
    assert level(story) is R, codes(story)
