"""Rules 2026.17: emergencies a twentieth development writer told without the obvious words
(what is seen, heard, smelt or was told), and calm cases in the same words that must not be
raised. Each is said here in words no corpus report uses, with a neighbour of the same words
that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # a wish to sleep forever
    ("adik saya 12 th bilang ke saya dia mau tidur selamanya aja, capek dimarahin terus", D),
    # a goodbye beside the means or the place
    ("anak 15 th kirim chat maaf ya semua, tadi temennya nemu tali di kamarnya", D),
    ("my 16 year old texted sorry everyone, now she is standing on the ledge of the mall", D),
    # far too many tablets at once, said as a count
    ("siswi 14 th minum 30 tablet obat tidur tadi siang habis dimarahi", D),
    # a face or lips gone blue
    ("anak 9 th habis main tahan napas bibirnya membiru dan susah diajak ngobrol", D),
    # burnt with something hot as a punishment, or a burning smell and a child screaming
    ("anak 8 th ditempel setrika panas sama tantenya katanya biar kapok", D),
    ("from next door there's a burning smell and the child keeps screaming", D),
    # chilled through: cold to the touch and shivering or listless
    ("anak 6 th dibiarkan di teras semalaman, sekarang badannya dingin dan lemas", D),
    # fallen into water, then not crying or eyes closed
    ("anak 3 th kecebur kolam ikan, sudah diangkat tapi matanya tertutup dan lemas", D),
    # made to drink kerosene, bleach or poison
    ("anak 7 th dipaksa minum pemutih sama ayah tirinya, sekarang muntah2", D),
    # images held over a child told to meet tonight
    ("anak 13 th diancam fotonya disebar kalau tidak mau ketemuan nanti malam di kos", D),
    # a child shut in, heard asking to be let out
    ("rumah sebelah jendelanya dipaku, tiap malam ada anak nangis minta dibukain pintu", D),
    # a child caught by a crowd and tied up, heard begging
    ("anak 13 th ketangkep warga nyuri ayam, diikat di pos ronda, kedengeran minta ampun", D),
    # the little one still inside a burning house
    ("rumah bu Sri kebakaran, katanya si bungsu masih di dalam", D),
    # sold, the meeting tonight, "malam" written short
    ("adik kelas saya 14 th mau dijual ke om2 mlm ini", D),
]


HIGH = [
    # a child running drugs, or given alcohol
    ("anak 15 th disuruh jadi kurir obat sama bandar di gang sebelah", T),
    ("anak 14 th sering dikasih miras sama preman pangkalan", T),
    # a young child minding a stall until the small hours
    ("anak 9 th tiap hari jaga warung kopi ibunya sampai dini hari", T),
    # a street child with no family to go back to
    ("anak 11 th tidur di teras masjid, orang tuanya sudah tidak ada", T),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # sleeping soundly, a question for the midwife
        "anak saya 2 th tidur pulas sampai pagi, normal tidak ya",
        # a goodbye at a school farewell, nothing found
        "anak kelas 6 bikin acara perpisahan, bilang maaf ya semua, mau minta info beasiswa SMP",
        # tablets counted for a prescription
        "dokter kasih resep 10 tablet paracetamol buat anak saya, minumnya 3x sehari",
        # a bruise gone bluish: an injury, not a child who cannot breathe
        "anak 10 th memar kebiruan di lengan habis jatuh dari sepeda",
        # a child who irons clothes as a chore
        "anak 14 th bantu ibunya setrika baju tiap sore",
        # cold hands after swimming, nothing more
        "anak 8 th habis berenang tangannya dingin, sekarang sudah pakai jaket",
        # a pool visited, no fall
        "anak saya 5 th suka main ke kolam renang tiap minggu, mau tanya les renang",
        # a drink given, no poison
        "anak 6 th dikasih minum teh manis sama neneknya",
        # a child minding the family shop in the afternoon
        "anak 9 th bantu jaga warung ibunya sepulang sekolah sampai sore",
        # a parcel courier, an adult's job
        "kakaknya kerja jadi kurir paket di ekspedisi, adiknya 8 th minta bantuan seragam",
        # a child asking to go out to play
        "anak saya 6 th tiap sore minta keluar main, saya takut ada motor",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_the_eldest_married_is_no_child_marriage() -> None:
    # "yang kecil" names a child only beside a disaster
    story = "saya punya dua anak. yang besar sudah menikah di medan, yang kecil ikut saya jualan"
    assert "combo_marriage_arranged" not in codes(story)


def test_a_fire_without_anyone_inside_is_no_child_trapped() -> None:
    story = "rumah kosong sebelah kebakaran semalam, anak2 sudah aman di rumah nenek"
    assert "immediate_danger_from_story" not in codes(story, C.SITUASI_DARURAT)


def test_a_drowning_long_ago_is_over() -> None:
    story = "dulu waktu kecil saya pernah kecebur sumur dan lemas, sekarang mau tanya les renang"
    assert "combo_nearly_drowned" not in codes(story)


def test_tablets_swallowed_at_once_are_an_overdose_in_english_too() -> None:
    story = "my 15 year old son swallowed 20 tablets of paracetamol this morning"
    assert "combo_drugged" in codes(story)


def test_minding_the_family_shop_by_day_is_no_night_work() -> None:
    story = "anak 9 th bantu jaga warung ibunya sepulang sekolah sampai sore"
    assert "combo_work_at_night" not in codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a child who will not get up for school
        "anak saya 13 th susah banget, tiap hari gak bangun2 buat sekolah, mau minta konseling",
        # a film's scene
        "anak sy main film tugas sekolah, adegannya diculik pakai motor, mau tanya izin lokasi",
        # legs tied in pairs for a race
        "lomba agustusan anak2 kakinya diikat berpasangan, mau minta hadiah buku tulis",
    ],
)
def test_harmless_senses_are_no_emergency(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a child who cannot be woken, told beside school
        "anak 12 th dari tadi pagi tidak bangun bangun, dibangunin tidak respon, biasanya sekolah",
        # a child tied up, told beside a race
        "anak 8 th diikat di kursi sama ayahnya dari pagi, padahal ada lomba di sekolah",
    ],
)
def test_the_real_emergency_stays_beside_the_harmless_word(story: str) -> None:
    assert level(story) is D, codes(story)
