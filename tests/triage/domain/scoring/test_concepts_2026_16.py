"""Rules 2026.16: concepts a nineteenth development writer (a month of the real channel)
showed missing, and calm cases in the same words that must not be raised. Each is said here
in words no corpus report uses, with a neighbour of the same words that is not the
emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, S, T, codes, level
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
