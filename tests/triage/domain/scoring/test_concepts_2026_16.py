"""Rules 2026.16: concepts a nineteenth development writer (a month of the real channel)
showed missing, and calm cases in the same words that must not be raised. Each is said here
in words no corpus report uses, with a neighbour of the same words that is not the
emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, R, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # a child given a drink or a sweet, then dazed or incoherent: drugged
    ("anak 7 thn dikasih permen sama orang asing di taman, sekarang linglung dan ngelantur", D),
    ("my 10 year old was given a drink by a man at the bus stop and now she's incoherent", D),
    # a child carried or dragged off by force and driven away, or crying "not my father"
    ("ada bapak2 narik paksa anak cewek kecil, dinaikin ke mobil hitam trus pergi", D),
    ("a man dragged away a little boy at the mall, the boy kept screaming not my dad", D),
    # a runaway still gone, days on, the phone dead
    ("adik saya 15 th minggat dari rumah sudah tiga hari, hpnya tidak aktif", D),
    ("our 13 year old ran away since yesterday and her phone is off", D),
    # a marriage this week, in Javanese krama
    ("lare kula taksih 14 taun, badhe dipun nikahaken mbenjing setu", D),
]

HIGH = [
    # making fireworks at home
    ("anak2 umur 10an disuruh ngegulung petasan di rumah tetangga buat dijual", T),
    # sextortion said in English with money demanded
    ("a stranger has my 14yo daughter's video and demands money or they'll share it", T),
]

WORRIES = [
    # a child heard crying every night, nothing grave
    ("tiap malam saya dengar anak menangis di kontrakan depan, siangnya sepi", S),
    # a child the family does not send to school
    ("anak tetangga 9 tahun tidak disekolahkan, kerjanya main di rumah saja", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a kidnapper talked of, with a car and sweets: a rumour, no child taken
        "waspada penculik pakai mobil putih, modus kasih permen ke anak sd",
        # a parent drunk, a child given coffee to quiet hunger: neglect, not drugging
        "anak 4 th sering dikasih kopi biar tidak lapar, bapaknya mabuk tiap malam",
        # out until night and home again: no runaway still gone
        "anak saya 14 th kalau marah pergi dari rumah sampai malam, lalu pulang sendiri",
        # a runaway already back
        "anak saya kemarin kabur dari rumah dua hari, sekarang sudah pulang dan baik",
        # fireworks played with, not made
        "anak2 main petasan di gang tiap malam, berisik",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_a_child_sick_after_food_is_no_drugging() -> None:
    story = "anak 6 th muntah dan lemas setelah dikasih makanan di acara ulang tahun"
    assert "drugged" not in codes(story)


def test_fireworks_played_with_are_no_dangerous_work() -> None:
    assert "combo_dangerous_work" not in codes("anak2 main petasan di gang tiap malam, berisik")


def test_krama_words_read_as_the_plain_ones() -> None:
    story = "putri kula 15 taun badhe dipun nikahaken minggu punika"
    assert level(story, C.PERKAWINAN_ANAK, age=15) is D, codes(story, C.PERKAWINAN_ANAK, age=15)
    assert level("putri kula sampun nikah taun kepengker, nyuwun akta", C.PERKAWINAN_ANAK) is not D


@pytest.mark.parametrize(
    "story",
    [
        # burning with zeal is no burn
        "anak saya lagi terbakar semangat ikut olimpiade sains, butuh surat dari dinas",
        # a card asked for
        "mau urus kartu penyandang disabilitas untuk anak saya yang autis",
        # a child taken long ago, back and custody settled
        "anak saya dulu dibawa kabur ayahnya, sudah kembali, hak asuh sudah di saya, mau ganti kk",
        # a paper asked for after bullying that is over
        "dulu anak saya dibully, sekarang sudah baik2 saja, minta surat pindah sekolah",
    ],
)
def test_requests_in_the_same_words_stay_requests(story: str) -> None:
    assert level(story) is R, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "tangan anak saya patah kemarin jatuh dari motor, belum dibawa berobat",
        # a healed wound said beside a fresh fracture does not lower it
        "tangannya dulu patah udah sembuh, tapi semalam dipukul bapaknya sekarang patah lagi",
        "dipukul pakai kayu, lengannya patah, memarnya sudah sembuh tapi tulangnya masih bengkok",
    ],
)
def test_a_fracture_stays_an_emergency_whatever_healed_beside_it(story: str) -> None:
    assert level(story, C.KEKERASAN_FISIK) is D, codes(story, C.KEKERASAN_FISIK)


def test_the_other_partys_wound_is_not_the_childs() -> None:
    story = "anak sy 17 nabrak orang pakai motor, korbannya luka, sekarang dipanggil polisi"
    assert "text_injury" not in codes(story, C.BERHADAPAN_HUKUM, age=17)


def test_a_weekday_every_week_is_no_day_ahead() -> None:
    story = "om nya sering chat mesum ke anak 12 th, ngajak ketemu, dia datang tiap jumat"
    assert "combo_sale_imminent" not in codes(story)


@pytest.mark.parametrize(
    ("story", "violence"),
    [
        ("he shouts at the 9 year old all day, no hitting though", False),
        ("for no reason he hits his 8 year old son with a belt", True),
        ("no one stops her when she slaps the 6 year old", True),
    ],
)
def test_english_no_negates_only_the_harm_it_is_said_of(story: str, violence: bool) -> None:
    assert ("text_physical_violence" in codes(story)) is violence, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "anak saya kelas 11 dapat tugas soal pasung, boleh minta data ke dinsos?",
        "my daughter is writing an essay on children being kidnapped, can she interview staff?",
    ],
)
def test_homework_about_a_harm_is_no_report_of_one(story: str) -> None:
    assert level(story) is R, codes(story)


def test_a_child_in_pasung_stays_an_emergency() -> None:
    assert level("anak tetangga 12 th dipasung di belakang rumah, kakinya dirantai") is D


@pytest.mark.parametrize(
    "story",
    [
        "mau lapor penganiayaan... eh maksudnya mau lapor hp anak saya hilang di sekolah",
        "anak sy diculik, eh salah ketik, maksudnya akun ig anak sy diambil orang, gmn caranya",
        "my son was kidnapped, sorry I mean his game account was stolen, how do I report it",
    ],
)
def test_a_word_restated_at_once_is_withdrawn(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # the restated word is read, not the one withdrawn
        "anak saya dipukul, eh maksudnya ditendang bapaknya sampai pingsan",
        # a kidnapping told in full stays one, whatever words follow it
        "anak tetangga 4 th diculik orang tadi pagi, belum ketemu. eh maksudnya tolong bantu",
    ],
)
def test_a_restatement_keeps_what_is_said_after_it(story: str) -> None:
    assert level(story) is D, codes(story)
