"""Rules 2026.11: concepts a thirteenth development writer, who spread reports over situations
rather than voices, showed missing. Each is said here in words no corpus report uses, with a
neighbour of the same words that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import NO, YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency

SWALLOWED = [
    ("cucu saya 2 th tadi ketelan magnet mainan kakaknya, perutnya sakit", D),
    ("anak tetangga 4 th nelan peniti pas main di lantai, sekarang batuk batuk", D),
    ("my son, 3, swallowed one of those coin batteries from the remote", D),
    ("balita umur 2 kemakan kapur barus di lemari baju", D),
]

BABY_DANGER_SIGNS = [
    ("bayi 3 bulan sejak pagi tidak mau menyusu dan lemas sekali", D),
    ("adik bayi umur 7 bulan muntah terus tiap minum, badannya lunglai", D),
    ("baby 4 months old after the fall, the soft spot is bulging", D),
]

DANGER_NOW = [
    # pulled or forced into a vehicle
    ("barusan ada bocah SD diseret masuk ke mobil putih di depan masjid", D),
    ("siswi smp dipaksa naik motor sama dua pria, dia nangis", D),
    # given drugs, and what they do
    ("keponakan umur 13 tadi dicekoki sabu sama preman, sekarang ngoceh sendiri dan gemetaran", D),
    # stranded by a rising river
    ("kali meluap, ada dua bocah kejebak di warung pinggir kali, orang tuanya belum pulang", D),
    # no food for days, said further off
    ("anak umur 12 ditinggal ibunya sejak 3 hari. di rumah tidak ada makanan sama sekali", D),
    # an extorter who holds a child's photos meets her tonight
    (
        "orang yang pegang foto bugil anak saya 14 th minta ketemuan nanti malam di taman, "
        "katanya kalau tidak datang fotonya disebar",
        D,
    ),
]


@pytest.mark.parametrize(("story", "expected"), SWALLOWED + BABY_DANGER_SIGNS + DANGER_NOW)
def test_a_new_situation_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_sexual_abuse_by_a_coach_the_child_still_sees_is_darurat() -> None:
    story = (
        "pelatih renang anak saya suka pegang pegang dada anak-anak waktu ganti baju di kolam. "
        "besok mereka latihan lagi sama dia seperti biasa"
    )
    assert level(story, C.KEKERASAN_SEKSUAL, age=11) is D, codes(story)


def test_the_same_touch_by_someone_gone_stays_below_darurat() -> None:
    story = "dulu pelatih renang pernah pegang pegang dada anak saya, sudah dipecat tahun lalu"
    assert level(story, C.KEKERASAN_SEKSUAL, age=11) is T, codes(story)


def test_a_child_who_takes_drugs_themself_stays_tinggi() -> None:
    story = "adik saya 16 th sering nyabu sama teman nongkrongnya, kalau pulang ngomong sendiri"
    assert level(story, C.NAPZA) is T, codes(story)


def test_a_street_child_whose_parents_both_died_has_no_family() -> None:
    story = "bocah 13 th tidur di emperan pasar, ortunya meninggal dua duanya, ngamen tiap hari"
    assert level(story, C.ANAK_JALANAN) is T, codes(story)


def test_a_child_pushed_so_she_fell_is_harm_not_a_question() -> None:
    story = "minggu lalu wali kelas mendorong anak saya sampai terjatuh di kelas, mau tanya caranya lapor"
    assert level(story, C.KEKERASAN_FISIK, age=9, perpetrator_access=NO) is S, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # swallowing, said of a harmless thing or of food
        "anak saya 4 th susah nelan nasi, mau tanya jadwal posyandu",
        # pulled out of a car after an accident is no abduction
        "mobil kami masuk parit, anak saya 8 th ditarik dari mobil oleh warga, cuma lecet",
        # a child's game, a neighbour who only thought a child was taken
        "anak anak di gang suka main culik culikan pakai sarung, seru katanya",
        "tetangga dikirain diculik padahal anaknya nginep di rumah neneknya",
        # a drill, a nickname, homework handed in
        "sekolah mau bikin simulasi korban tenggelam buat kelas renang, butuh relawan",
        "teman-temannya manggil dia si racun karena jago main bola, ada beasiswa olahraga?",
        "anak saya harus setor tugas lewat HP tapi HP kami rusak, ada bantuan?",
    ],
)
def test_harmless_senses_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "kami tidak sanggup beli kursi roda buat anak kami, ada bantuan?",
        "anak hasil nikah siri, umur 2 tahun, mau bikin akta, syaratnya apa?",
    ],
)
def test_a_request_stays_a_request(story: str) -> None:
    assert level(story) is R, codes(story)


def test_a_family_that_cannot_cope_still_needs_a_visit() -> None:
    story = "saya sudah tidak sanggup mengurus anak saya yang hiperaktif, tiap hari ngamuk"
    assert level(story, C.DISABILITAS, disability=True) is not R, codes(story)


def test_a_child_married_off_in_secret_is_still_child_marriage() -> None:
    story = "anak gadis 14 th tetangga mau dinikahkan siri minggu depan sama juragan"
    assert level(story, injured=YES) in (D, T), codes(story)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # a word said, then taken back, is withdrawn; what is left is read at its own level
        ("ponakan 3 th tadi kejang, eh bukan kejang sih, cuma menggigil, mau tanya BPJS", R),
        ("anak itu dikurung di kamar? bukan dikurung ding, pintunya cuma ditutup", S),
        ("siswa 10 th ditampar sampai berdarah... eh bukan berdarah, cuma merah pipinya", S),
    ],
)
def test_a_word_taken_back_is_withdrawn(story: str, expected: Urgency) -> None:
    assert level(story, C.KEKERASAN_FISIK if expected is S else C.LAINNYA) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a contrast that goes on keeps the harm
        "anak 8 th dikurung, bukan dikurung di kamar tapi di kandang ayam",
        "bayi 1 th pingsan, bukan pingsan biasa tapi tidak bangun bangun",
        # a different word negated withdraws nothing
        "anak tetangga pingsan, bukan kejang, sekarang belum sadar juga",
        # the negated word first, the harm after: nothing to withdraw
        "bukan kejang katanya, tapi sekarang anak 4 th itu kejang lagi",
    ],
)
def test_a_contrast_or_another_word_keeps_the_emergency(story: str) -> None:
    assert level(story) is D, codes(story)
